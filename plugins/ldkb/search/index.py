"""Preprocess Material's search index (search/search_index.json) for Vietnamese.

Material writes one entry per page and per heading. We add, per entry:
- `ldkb_sym`: number and compact symbol of the document whose page it is (article entry
  only), in a field boosted above titles, so "117" or "117/KH-LĐLĐ" ranks that document first;
- `ldkb_title` / `ldkb_text`: glossary keys (abbreviation <-> expansion, folded), so
  "CĐCS" finds "Công đoàn cơ sở" and back, weighted like the title and the text;
- `ldkb_part` / `ldkb_doc`: part number (`II.3.2`) and document symbol, shown in results;
- `boost`: 3 for the pages of documents with their full text; 0.02 for documents the site has
  only a record of (they rank below documents with text, except for their own number, symbol
  or subject: `ldkb_sym`, and `ldkb_subject` that the worker compares with the whole query);
  0.3 for the home page, 0.5 for the editors' guide (members' questions land on documents, not on
  the pages that point to them); below 1 for entries that only repeat document text (the
  documents list, the sections of unit, campaign and other overview pages), so the document
  itself ranks first; the text of those sections is dropped (headings stay).
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
from ldkb.render.graph_pages import RELATED_ANCHOR, RELATED_PREFIX
from ldkb.search.keys import QUERY_SPLIT, Glossary, fast_fold, symbol_keys

FIELDS = {
    "ldkb_sym": {"boost": 10000.0},
    "ldkb_title": {"boost": 1000.0},
    "ldkb_text": {"boost": 1.0},
}

LISTING_BOOST = 0.1
DOCUMENT_BOOST = 3.0
# A document without its text: its page holds only the facts quoted from other documents.
RECORD_BOOST = 0.02
# Pages whose words point to documents rather than say things: the home page, the editors' guide
# (ldkb-search `page_boosts`, by page path; "" is the home page).
PAGE_BOOSTS = {"": 0.3, "huong-dan-bien-tap/": 0.5, "phong-trao/": 0.5, "bao-tri/": 0.1}


def flat(text: str) -> str:
    """Folded words separated by single spaces, as the search worker compares texts (its `flat`)."""
    return " ".join(w for w in QUERY_SPLIT.split(fast_fold(_strip_tags(text))) if w)


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

    def __init__(self, corpus: Corpus, *, section: str = DOCUMENTS_DIR, derived: tuple[str, ...] = (),
                 page_boosts: dict[str, float] | None = None):
        self.corpus = corpus
        self.glossary = Glossary(corpus.glossary)
        self.prefix = section.strip("/") + "/"
        self.derived_prefixes = tuple(d.strip("/") + "/" for d in derived)
        boosts = PAGE_BOOSTS if page_boosts is None else page_boosts
        self.home_boost = boosts.get("")
        # Longest prefix first, so a sub-folder's own value wins.
        self.page_boosts = sorted(((k.strip("/") + "/", float(v)) for k, v in boosts.items() if k),
                                  key=lambda kv: -len(kv[0]))
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
        elif path in ("", "index.html") and self.home_boost is not None:
            entry["boost"] = self.home_boost
        else:
            for prefix_, boost in self.page_boosts:
                if path.startswith(prefix_):
                    entry["boost"] = boost
                    break
        if doc is not None:
            # On equal matches a document outranks help and overview pages; a document the site
            # has only a record of ranks below those with their text; the panel of related
            # documents on its page is a list of other documents, ranked as lists are.
            entry["boost"] = DOCUMENT_BOOST if doc.full_text else RECORD_BOOST
            if anchor == RELATED_ANCHOR or anchor.startswith(RELATED_PREFIX):
                entry["boost"] = min(LISTING_BOOST, entry["boost"])
            entry["ldkb_doc"] = doc.so_ky_hieu or doc.title
            if not doc.full_text and anchor in ("", "van-ban"):
                # Its subject, for the one case it still comes first: the query is its subject.
                entry["ldkb_subject"] = flat(doc.trich_yeu)
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
