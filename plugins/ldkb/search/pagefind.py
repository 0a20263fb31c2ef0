"""Pagefind bundle from our final search entries: a search that scales to thousands of documents.

Input is Material's search index with our fields added (`ldkb.search.index.Enricher`) (same sections, deep links
to parts, part numbers, document symbols, glossary keys). Each entry becomes one Pagefind
record, so a result is a section with its own link, as in the lunr index.

Records are small generated HTML pages rather than `add_custom_record` calls: a custom record
has a single weight for all its text, while our ranking needs fields (symbol keys above titles
above text; see FIELDS in ldkb.search.index). They are written to a temporary folder and
indexed with one `add_directory` request: the Python API reads each answer after a 0.1 s
sleep, so one request per record would take 100 minutes at 2,000 documents (64,000 entries).
The entry's location (with its `#part` anchor) is the record's `l` meta.

Folding: Pagefind already matches across tone marks and tone placement (`hai hoa` finds
`hài hoà`, exact marks ranked first) but treats `đ` as a letter of its own. So each record
also carries the folded form (`đ` -> `d`) of every word that has `đ` in it, after a `¦`
marker that the search worker cuts off before showing the text.

    write_bundle(index, site_dir / "pagefind")   # index: the enriched JSON as a dict

Pagefind's Python package (`pagefind`, with the `pagefind-bin` binary) runs the indexer as a
subprocess. No mkdocs import here.
"""
from __future__ import annotations

import asyncio
import html
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ldkb.search.keys import QUERY_SPLIT
from ldkb.text.normalize import fold, nfc

# What the search worker splits a record's content on: the written text comes first.
MARKER = "¦"
# Weights on Pagefind's 0-10 scale, in the order of FIELDS in ldkb.search.index.
SYMBOL_WEIGHT = 10
TITLE_WEIGHT = 7
TEXT_WEIGHT = 1
# Pagefind's own UI files: our worker uses only pagefind.js, its WebAssembly and the index.
_UI_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
             "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|td|th|div|pre|blockquote|dd|dt)>", re.I)


def plain(markup: str) -> str:
    """Text of an index entry's HTML, one space between blocks."""
    text = _BLOCK_END.sub(" ", markup or "")
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def dd_forms(text: str) -> list[str]:
    """Folded forms of the words Pagefind cannot match without `đ`: `Đình` -> `dinh`."""
    return [fold(w) for w in QUERY_SPLIT.split(nfc(text)) if w and ("đ" in w or "Đ" in w)]


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def record_html(entry: dict[str, Any], page_title: str | None) -> str:
    """The page Pagefind indexes for one entry; its `meta` carries what a result shows."""
    title = plain(entry.get("title", ""))
    text = plain(entry.get("text", ""))
    meta = {"l": entry.get("location", ""), "title": entry.get("title", "") or title,
            "b": str(entry.get("boost", 1))}
    for key, name in (("ldkb_part", "p"), ("ldkb_doc", "d"), ("ldkb_sym", "s")):
        if entry.get(key):
            meta[name] = entry[key]
    if page_title is not None:
        meta["pt"] = page_title
    head = "".join(f'<meta data-pagefind-meta="{k}[content]" content="{_attr(v)}">' for k, v in meta.items())
    # Glossary keys keep their accents ("cđcs"): they need their `d` form too.
    title_keys = entry.get("ldkb_title", "")
    text_keys = entry.get("ldkb_text", "")
    title_keys = " ".join([title_keys] + dd_forms(f"{title} {title_keys}")).strip()
    text_keys = " ".join([text_keys] + dd_forms(f"{text} {text_keys}")).strip()
    body = [f"<p>{html.escape(text)}</p>", f"<p>{MARKER}</p>",
            f'<p data-pagefind-weight="{TITLE_WEIGHT}">{html.escape(title)}</p>']
    if entry.get("ldkb_sym"):
        body.append(f'<p data-pagefind-weight="{SYMBOL_WEIGHT}">{html.escape(entry["ldkb_sym"])}</p>')
    if title_keys:
        body.append(f'<p data-pagefind-weight="{TITLE_WEIGHT}">{html.escape(title_keys)}</p>')
    if text_keys:
        body.append(f'<p data-pagefind-weight="{TEXT_WEIGHT}">{html.escape(text_keys)}</p>')
    return f'<!doctype html><html lang="vi"><head>{head}</head><body>{"".join(body)}</body></html>'


def records(index: dict[str, Any]) -> list[str]:
    """One generated page per entry, in index order."""
    page_titles: dict[str, str] = {}
    out = []
    for entry in index.get("docs", []):
        location = entry.get("location", "")
        path, _, anchor = location.partition("#")
        if not anchor:
            page_titles.setdefault(path, entry.get("title", ""))
        out.append(record_html(entry, page_titles.get(path, "") if anchor else None))
    return out


async def _write(source: Path, out_dir: Path) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex({"output_path": str(out_dir), "force_language": "vi"}) as idx:
        await idx.add_directory(str(source))


def write_bundle(index: dict[str, Any], out_dir: Path) -> dict[str, int]:
    """Write the Pagefind bundle for `index` into `out_dir` (replaced); returns its size."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    recs = records(index)
    with tempfile.TemporaryDirectory(prefix="ldkb-pagefind-") as tmp:
        for i, page in enumerate(recs):
            # 100 files per folder: tens of thousands in one folder are slow on some disks.
            path = Path(tmp) / f"{i // 100}" / f"{i}.html"
            path.parent.mkdir(exist_ok=True)
            path.write_text(page, encoding="utf-8")
        asyncio.run(_write(Path(tmp), out_dir.resolve()))
    for name in _UI_FILES:
        (out_dir / name).unlink(missing_ok=True)
    files = [p for p in out_dir.rglob("*") if p.is_file()]
    return {"records": len(recs), "files": len(files), "bytes": sum(p.stat().st_size for p in files)}
