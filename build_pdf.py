#!/usr/bin/env python3
"""Build the PDFs into <site>/pdf/. Not implemented yet: the PDF issue replaces this stub."""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Xây dựng các tệp PDF.")
    parser.add_argument("--site-dir", default="site")
    parser.parse_args(argv)
    print("Chưa xây dựng PDF: chức năng này chưa được làm (xem issue về PDF).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
