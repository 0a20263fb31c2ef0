"""Preprocess Material's search index (search/search_index.json) for Vietnamese.

Material writes one entry per page and per heading. We add, per entry:
- `ldkb_sym`: number and compact symbol of the document whose page it is (article entry
  only), in a field boosted above titles, so "117" or "117/KH-LĐLĐ" ranks that document first;
- `ldkb_title` / `ldkb_text`: glossary keys (abbreviation <-> expansion, folded), so
  "CĐCS" finds "Công đoàn cơ sở" and back, weighted like the title and the text;
- `ldkb_part` / `ldkb_doc`: part number (`II.3.2`) and document symbol, shown in results;
- `boost`: 3 for document pages, below 1 for entries that only repeat document text
  (the documents list, the sections of unit, campaign and other overview pages), so the
  document itself ranks first; the text of those sections is dropped (headings stay).
  The build hands those overview pages to Material already cut down (`overview_html`),
  so their copied text is not even parsed.
Folding itself happens in the browser (the worker indexes every token as written and
folded), so the index file carries the text once.
"""
from __future__ import annotations

import re
from typing import Any

from ldkb.model.corpus import Corpus, iter_parts
from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.search.keys import Glossary, symbol_keys

FIELDS = {
    "ldkb_sym": {"boost": 10000.0},
    "ldkb_title": {"boost": 1000.0},
    "ldkb_text": {"boost": 1.0},
}

LISTING_BOOST = 0.1
DOCUMENT_BOOST = 3.0


_TAG = re.compile(r"<[^>]+>")


def _strip_tags(html: str) -> str:
    return _TAG.sub(" ", html)


def is_overview(path: str, *, section: str = DOCUMENTS_DIR, derived: tuple[str, ...] = ()) -> bool:
    """Pages whose sections only repeat document text: the documents list and the pages
    under `derived` (units, campaigns…). `path` is a page URL or an index location."""
    path = path.partition("#")[0]
    return (path.removesuffix("index.html") == section.strip("/") + "/"
            or path.startswith(tuple(d.strip("/") + "/" for d in derived)))


# A heading at which Material's search plugin starts a section (h1-h6 with an id).
_SECTION_HEADING = re.compile(r"<h([1-6])(?=[\s>])[^>]*?\sid\s*=[^>]*>.*?</h\1\s*>", re.S | re.I)


# On an overview page's introduction: the matrix of tasks (ai-lam-gi) and the graph of
# documents (so-do-van-ban), which only repeat document titles. Generated, never nested.
_COPIED_BLOCK = re.compile(r"<(table|svg)(?=[\s>]).*?</\1\s*>", re.S | re.I)


def overview_html(html: str) -> str:
    """The part of an overview page's HTML its search entries are made from: everything
    before its second section heading (the page's own entry: title and introduction) less
    its tables and drawings, then the section headings alone, without the document text
    under them (`Enricher` drops it anyway), so the search plugin does not parse copied text."""
    headings = list(_SECTION_HEADING.finditer(html))
    end = headings[1].start() if len(headings) > 1 else len(html)
    return _COPIED_BLOCK.sub("", html[:end]) + "".join(m.group() for m in headings[1:])


class Enricher:
    """Our fields for Material's entries, one entry at a time (a build's search worker adds
    them page by page, as the pages come).

    Pages under `derived` (unit, campaign pages…) quote documents in their sections: those
    sections, and the documents list's, keep only their heading, with a low boost.
    Glossary matching is cached per distinct text."""

    def __init__(self, corpus: Corpus, *, section: str = DOCUMENTS_DIR, derived: tuple[str, ...] = ()):
        self.corpus = corpus
        self.glossary = Glossary(corpus.glossary)
        self.prefix = section.strip("/") + "/"
        self.derived_prefixes = tuple(d.strip("/") + "/" for d in derived)
        self.parts: dict[str, dict[str, str]] = {}  # document slug -> anchor -> part number

    def entry(self, entry: dict[str, Any]) -> None:
        prefix = self.prefix
        location = entry.get("location", "")
        path, _, anchor = location.partition("#")
        doc = None
        listing = path.removesuffix("index.html") == prefix
        if (listing or path.startswith(self.derived_prefixes)) and anchor:
            # These sections repeat document text (up to 40 % of the index at 2,000
            # documents): keep their headings findable, drop the copied text.
            entry["boost"] = LISTING_BOOST
            entry["text"] = ""
        elif listing:
            entry["boost"] = LISTING_BOOST
        if path.startswith(prefix):
            slug = path[len(prefix):].strip("/").removesuffix(".html")
            doc = self.corpus.by_slug(slug)
        if doc is not None:
            # On equal matches a document outranks help and overview pages.
            entry["boost"] = DOCUMENT_BOOST
            entry["ldkb_doc"] = doc.so_ky_hieu or doc.title
            if not anchor:
                keys = symbol_keys(doc)
                if keys:
                    entry["ldkb_sym"] = " ".join(keys)
            else:
                parts = self.parts.get(slug)
                if parts is None:
                    # First anchor wins, as a search through the parts in order would.
                    parts = self.parts[slug] = {}
                    for p in iter_parts(doc):
                        parts.setdefault(p.anchor, p.id)
                part_id = parts.get(anchor)
                if part_id is not None:
                    entry["ldkb_part"] = part_id
        title_keys = self.glossary.keys_for(_strip_tags(entry.get("title", "")))
        text_keys = self.glossary.keys_for(_strip_tags(entry.get("text", "")))
        if title_keys:
            entry["ldkb_title"] = " ".join(title_keys)
        if text_keys:
            entry["ldkb_text"] = " ".join(text_keys)
