"""How heavy the site's pages are at a given collection size: the synthetic corpus of the benchmark
(tools/bench/corpus_gen.py) built with `mkdocs build` (no PDFs), then the HTML of every page weighed.

    .venv/bin/python -m tools.page_sizes 13 200 2000 [--keep DIR]

Prints, per size, the heaviest page of each kind (raw bytes and gzip -6 bytes, what a phone
downloads from a server that compresses) and the heaviest page of the whole site; it does not
time the build (use `make bench` for that). Figures go into docs-dev/hieu-nang-xay-dung.md by hand.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.bench.project import make_project

# Page kinds, by the folder their URL starts with ("" : the home page). First match wins.
KINDS = (
    ("ai-lam-gi/index.html", "Ai làm gì"),
    ("ai-lam-gi/", "Ai làm gì, trang theo năm"),
    ("viec-sap-den-han/index.html", "Việc sắp đến hạn"),
    ("viec-sap-den-han/", "Việc sắp đến hạn, trang theo đơn vị"),
    ("don-vi/index.html", "Danh sách đơn vị"),
    ("don-vi/", "Trang đơn vị (và trang theo năm)"),
    ("van-ban/index.html", "Danh sách văn bản"),
    ("van-ban/", "Trang văn bản"),
    ("dong-thoi-gian/", "Dòng thời gian"),
    ("so-do-van-ban/", "Sơ đồ văn bản"),
    ("phong-trao/", "Phong trào"),
    ("index.html", "Trang chủ"),
)


def kind_of(rel: str) -> str:
    for prefix, label in KINDS:
        if rel == prefix or (prefix.endswith("/") and rel.startswith(prefix)):
            return label
    return "Trang khác"


def weigh(site: Path) -> dict[str, tuple[int, int, str]]:
    """Per kind: (raw bytes, gzip bytes, page) of its heaviest page; "*" for the whole site."""
    heaviest: dict[str, tuple[int, int, str]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        entry = (len(data), len(gzip.compress(data, 6, mtime=0)), rel)
        for key in (kind_of(rel), "*"):
            if key not in heaviest or entry > heaviest[key]:
                heaviest[key] = entry
    return heaviest


def measure(n: int, work: Path) -> dict[str, tuple[int, int, str]]:
    project = make_project(work / f"project-{n}", n)
    site = work / f"site-{n}"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "--site-dir", str(site)],
                   cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return weigh(site)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="ldkb-page-sizes-"))
    try:
        for n in args.sizes:
            heaviest = measure(n, work)
            print(f"\nN = {n}")
            for label in [label for _, label in KINDS] + ["Trang khác", "*"]:
                if label in heaviest:
                    raw, gz, rel = heaviest[label]
                    print(f"  {('cả trang web' if label == '*' else label):40} {raw / 1000:9.1f} kB  "
                          f"gzip {gz / 1000:7.1f} kB  {rel}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
