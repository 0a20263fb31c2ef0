#!/usr/bin/env python3
"""Build every PDF into <site>/pdf/: one per document (NĐ 30/2020 layout) and the handbooks.

Run after `mkdocs build` into the same folder (`python -m ldkb build` does both, then swaps the
folder in). Fails when a page of the site links to a PDF that was not produced.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Xây dựng các tệp PDF (văn bản và sổ tay).")
    parser.add_argument("--site-dir", default=str(ROOT / "site"), help="thư mục trang web (mặc định: site)")
    parser.add_argument("--content", default=str(ROOT / "content"), help="thư mục nội dung")
    parser.add_argument("--cache-dir", default=str(ROOT / ".cache" / "pdf"),
                        help="bộ nhớ đệm PDF theo mã băm nội dung (mặc định: .cache/pdf)")
    parser.add_argument("--no-cache", action="store_true", help="dựng lại mọi PDF, không dùng bộ nhớ đệm")
    parser.add_argument("--jobs", type=int, default=None, help="số tiến trình song song (mặc định: số lõi)")
    parser.add_argument("--pdf-variant", default=None,
                        help="biến thể PDF của văn bản, ví dụ pdf/a-3b (mặc định) hoặc `none`")
    args = parser.parse_args(argv)

    from ldkb.model.corpus import load_corpus
    from ldkb.model.errors import ContentInvalid
    from ldkb.model.git_history import content_edition
    from ldkb.pdf.build import build_all, missing_pdf_links
    from ldkb.pdf.fonts import FontMissing
    from ldkb.pdf.renderer import DEFAULT_DOCUMENT_VARIANT

    try:
        corpus = load_corpus(Path(args.content))
    except ContentInvalid as exc:
        print(str(exc), file=sys.stderr)
        return 1
    variant = DEFAULT_DOCUMENT_VARIANT if args.pdf_variant is None else (
        None if args.pdf_variant.lower() == "none" else args.pdf_variant)
    # The handbooks' edition: the date of the last content change (git; none without history),
    # so the same content prints the same cover.
    try:
        report = build_all(corpus, Path(args.site_dir), None if args.no_cache else Path(args.cache_dir),
                           workers=args.jobs, document_variant=variant, edition=content_edition(Path(args.content)))
    except FontMissing as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    print(f"✓ PDF: {len(report.results)} tệp, {report.pages} trang; dựng mới {report.rendered}, "
          f"lấy từ bộ nhớ đệm {len(report.results) - report.rendered}; {report.seconds:.1f} giây, "
          f"{report.workers} tiến trình.")
    from ldkb.export.file_sizes import fill_sizes

    # The pages were built before the PDFs: write each file's size and page count into them.
    fill_sizes(Path(args.site_dir))
    missing = missing_pdf_links(Path(args.site_dir))
    if missing:
        for page, href in missing:
            print(f"✗ Trang `{page}` liên kết đến `{href}` nhưng tệp PDF đó không được tạo.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
