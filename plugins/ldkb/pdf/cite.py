"""Citations in printed text: internal links inside a handbook, plain text elsewhere.

Ids inside a handbook: `d-<slug>` for a document, `<slug>--<anchor>` for its parts and blocks.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ldkb.model.corpus import Corpus
from ldkb.model.schema import VanBan
from ldkb.render.markup import esc
from ldkb.graph.citations import find_citations


def doc_id(doc: VanBan) -> str:
    return f"d-{doc.slug}"


def doc_prefix(doc: VanBan) -> str:
    return f"{doc.slug}--"


Finder = Callable[[str], list[Any]]  # text -> [(start, end, VanBan, Muc | None, shown text)]


def citation_finder(corpus: Corpus) -> Finder:
    """Citations of documents of the corpus in running text, via the shared recogniser."""
    def finder(text: str) -> list[Any]:
        spans = []
        for c in find_citations(text):
            target = corpus.resolve(c.ref) if c.explicit else corpus.by_symbol(c.ref)
            part = corpus.find_part(target, c.part) if (target is not None and c.part) else None
            # An explicit link `[[117/KH-LĐLĐ#II.3|nhãn]]` prints as on the site (linkify.py):
            # its label, else the document's title and the part.
            if not c.explicit:
                shown = c.text
            elif c.label:
                shown = c.label
            elif target is not None:
                shown = target.title + (f", mục {part.id}" if part is not None else "")
            else:
                shown = c.ref
            spans.append((c.start, c.end, target, part, shown))
        return spans

    return finder


def linker(finder: Finder, current: VanBan | None, present: set[str] | None) -> Callable[[str], str]:
    """Running text -> HTML. With `present` (the slugs in this PDF), citations of other documents
    become internal links, after which the handbook CSS prints "(tr. N)"; without it, text only."""

    def text(value: str) -> str:
        out, pos = [], 0
        for start, end, doc, part, shown in finder(value):
            if start < pos:
                continue
            out.append(esc(value[pos:start]))
            if present is not None and doc is not None and doc is not current and doc.slug in present:
                href = f"{doc_prefix(doc)}{part.anchor}" if part is not None else doc_id(doc)
                out.append(f'<a class="cite" href="#{href}">{esc(shown)}</a>')
            else:
                out.append(esc(shown))
            pos = end
        out.append(esc(value[pos:]))
        return "".join(out)

    return text
