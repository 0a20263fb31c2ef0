"""Sizes and page counts of the printed files, written into the built pages (issue 18, parts 1 and 8).

MkDocs builds the pages before the PDFs exist; the PDF build then writes the PDFs and the page
count of each (`PAGES_MANIFEST`), and `fill_sizes` writes "(PDF, 3 trang, 56 KB)" into every
placeholder (`render.printables_page.file_note`) and lists, on the "Bản in" page, the printable
files found in the site that the page does not name yet (report forms, Word files from other
build steps). Run again on the same files, it writes the same bytes; the offline copy runs it
on its own pages.

    python -m ldkb.export.file_sizes --site-dir site
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

from ldkb.render.paths import FILE_KINDS, PAGES_MANIFEST, PRINTABLE_KINDS
from ldkb.render.printables_page import FOUND_CLOSE, FOUND_OPEN

_NOTE = re.compile(r'(<span class="ldkb-filesize" data-ldkb-file=")([^"]+)(">)[^<]*(</span>)')
_FOUND = re.compile(re.escape(FOUND_OPEN) + r".*?" + re.escape(FOUND_CLOSE), re.S)
_LISTED = re.compile(r'data-ldkb-stem="([^"]*)" data-ldkb-title="([^"]*)"')
# Folders whose files are listed under their own heading; others by kind.
FOLDER_GROUPS = {"mau-bao-cao": "Mẫu báo cáo", "bieu-mau": "Mẫu báo cáo", "word": "Tệp Word"}
KIND_GROUPS = {"Word": "Tệp Word", "PDF": "Tệp PDF khác"}
# Not printables: the offline copy is a download of the whole site.
SKIP_FOLDERS = ("tai-ve/", "assets/", "search/")


def human_size(n: int) -> str:
    """`56 KB`, `1,2 MB`: Vietnamese decimal comma."""
    if n < 1000 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


def describe(path: str, size: int, pages: int | None) -> str:
    kind = FILE_KINDS.get(Path(path).suffix.lower(), Path(path).suffix.lstrip(".").upper())
    bits = [kind] + ([f"{pages} trang"] if pages else []) + [human_size(size)]
    return " (" + ", ".join(bits) + ")"


def read_pages(site: Path) -> dict[str, int]:
    path = site / PAGES_MANIFEST
    try:
        return {k: int(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def printable_files(site: Path) -> list[str]:
    """Every printable file of the site, by site path, sorted."""
    out = []
    for p in site.rglob("*"):
        rel = p.relative_to(site).as_posix()
        if p.suffix.lower() in PRINTABLE_KINDS and p.is_file() and not rel.startswith(SKIP_FOLDERS):
            out.append(rel)
    return sorted(out)


def _found_html(page_html: str, page: Path, site: Path, files: list[str], pages: dict[str, int]) -> str:
    """The block of files the page does not list yet, grouped, each with its size."""
    listed = _FOUND.sub(lambda _m: "", page_html)  # a previous fill's block lists nothing
    listed_paths = {html.unescape(p) for p in _NOTE_PATHS.findall(listed)}
    titles = {html.unescape(stem): html.unescape(title) for stem, title in _LISTED.findall(listed)}
    groups: dict[str, list[str]] = {}
    prefix = "../" * (len(page.relative_to(site).parts) - 1)
    for rel in files:
        if rel in listed_paths:
            continue
        kind = PRINTABLE_KINDS[Path(rel).suffix.lower()]
        folder = rel.split("/")[0] if "/" in rel else ""
        group = FOLDER_GROUPS.get(folder) or KIND_GROUPS.get(kind, f"Tệp {kind}")
        stem = Path(rel).stem
        title = titles.get(stem)
        name = f"{title} (bản {kind})" if title else stem
        note = describe(rel, (site / rel).stat().st_size, pages.get(rel))
        groups.setdefault(group, []).append(
            f'<li class="ldkb-printable"><a href="{html.escape(prefix + rel)}" download>{html.escape(name)}</a>'
            f'<span class="ldkb-filesize" data-ldkb-file="{html.escape(rel)}">{html.escape(note)}</span></li>')
    body = "".join(f'<h2>{html.escape(group)}</h2><ul class="ldkb-printables">{"".join(items)}</ul>'
                   for group, items in sorted(groups.items()))
    return FOUND_OPEN + body + FOUND_CLOSE


_NOTE_PATHS = re.compile(r'<span class="ldkb-filesize" data-ldkb-file="([^"]+)">')


def fill_sizes(site: Path) -> int:
    """Write sizes and page counts into every page that has placeholders; returns pages changed.

    A placeholder for a file the site does not have stays empty (a preview has no PDFs)."""
    site = Path(site)
    pages = read_pages(site)
    sizes: dict[str, int | None] = {}
    files: list[str] | None = None
    changed = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "data-ldkb-file=" not in text and FOUND_OPEN not in text:
            continue

        def note(m: re.Match[str]) -> str:
            rel = html.unescape(m.group(2))
            if rel not in sizes:
                target = site / rel
                sizes[rel] = target.stat().st_size if target.is_file() else None
            size = sizes[rel]
            shown = html.escape(describe(rel, size, pages.get(rel))) if size is not None else ""
            return m.group(1) + m.group(2) + m.group(3) + shown + m.group(4)

        new = text
        if FOUND_OPEN in new:
            if files is None:
                files = printable_files(site)
            found = _found_html(text, page, site, files, pages)
            new = _FOUND.sub(found.replace("\\", "\\\\"), new, count=1)  # literal replacement
        new = _NOTE.sub(note, new)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ghi dung lượng và số trang của các tệp in vào các trang.")
    parser.add_argument("--site-dir", default="site", help="thư mục trang web đã xây dựng (mặc định: site)")
    args = parser.parse_args(argv)
    fill_sizes(Path(args.site_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
