"""Write the Word file of every document with full text into `<site>/pdf/`, beside its PDF.

Run by `ldkb build` after mkdocs and the PDFs, into the same folder (`python -m ldkb.export.docx_build
--site-dir …`). A content-hash cache (`.cache/docx/`) keeps the bytes of unchanged documents; files
no longer produced are removed; the step fails when a page links to a Word file it did not make.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import docx as python_docx

from ldkb.export import docx_document, docx_page
from ldkb.export.docx_document import document_docx
from ldkb.model.corpus import Corpus, load_corpus
from ldkb.model.errors import ContentInvalid
from ldkb.model.schema import VanBan
from ldkb.render.document_view import document_view
from ldkb.util.site_links import missing_file_links
from ldkb.render.paths import PDF_DIR, document_docx as docx_name

# Bumped when the layout changes in a way the sources below do not show.
EXPORT_VERSION = "1"
_CODE = hashlib.sha256(b"".join(Path(str(m.__file__)).read_bytes() for m in (docx_document, docx_page))).hexdigest()


@dataclass
class Report:
    written: int = 0
    cached: int = 0


def cache_key(doc: VanBan, corpus: Corpus) -> str:
    """Everything that decides the file's bytes: the document's view, its date, the code, python-docx;
    and the build's reference date (model/today.py), part of every cache key (issue 16)."""
    h = hashlib.sha256()
    for part in (EXPORT_VERSION, _CODE, python_docx.__version__ if hasattr(python_docx, "__version__") else "",
                 repr(document_view(doc, corpus)), str(doc.ngay_ban_hanh), doc.title, doc.trich_yeu,
                 corpus.today.isoformat()):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def build_all(corpus: Corpus, site_dir: Path, cache_dir: Path | None) -> Report:
    target = Path(site_dir) / PDF_DIR
    target.mkdir(parents=True, exist_ok=True)
    report = Report()
    wanted = set()
    if cache_dir is not None:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
    for doc in corpus.sorted_documents():
        if not doc.full_text:
            continue
        name = docx_name(doc)
        wanted.add(name)
        cached = Path(cache_dir) / f"{cache_key(doc, corpus)}.docx" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            data = cached.read_bytes()
            report.cached += 1
        else:
            data = document_docx(doc, corpus)
            report.written += 1
            if cached is not None:
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(data)
                os.replace(tmp, cached)
        dest = target / name
        tmp = dest.with_suffix(".docx.tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    for old in target.glob("*.docx"):
        if old.name not in wanted:
            old.unlink()
    return report


def missing_docx_links(site_dir: Path) -> list[tuple[str, str]]:
    """(page, link) for every link of the built site to a Word file that does not exist."""
    return missing_file_links(site_dir, ".docx")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo bản Word (.docx) của các văn bản đã nhập toàn văn.")
    parser.add_argument("--site-dir", default="site")
    parser.add_argument("--content", default="content")
    parser.add_argument("--cache-dir", default=".cache/docx")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(Path(args.content))
    except ContentInvalid as exc:
        print(str(exc), file=sys.stderr)
        return 1
    report = build_all(corpus, Path(args.site_dir), None if args.no_cache else Path(args.cache_dir))
    print(f"✓ Bản Word: {report.written + report.cached} tệp; dựng mới {report.written}, "
          f"lấy từ bộ nhớ đệm {report.cached}.")
    missing = missing_docx_links(Path(args.site_dir))
    for page, href in missing:
        print(f"✗ Trang `{page}` liên kết đến `{href}` nhưng tệp Word đó không được tạo.", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
