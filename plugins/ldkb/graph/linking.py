"""Post-process a rendered page's HTML: citations become links, abbreviations get tooltips.

Document bodies are raw HTML (see render_page.py), so Markdown extensions never see
them; this pass works on the final HTML of every page instead. It walks the HTML
once, touching only text outside links, code, scripts and existing `<abbr>`.
Generated pages may also carry `href="ldkb:<page>#<anchor>"` placeholders (raw HTML
cannot know the final URL of another page); they are resolved here.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from collections.abc import Callable

from ldkb.graph.citations import Citation, find_citations
from ldkb.model.corpus import Corpus
from ldkb.model.folders import document_page
from ldkb.model.schema import VanBan

# Resolves a site page (`van-ban/117-kh-ldld`) and an anchor to a URL relative to the
# current page; None when the page does not exist.
Href = Callable[[str, "str | None"], "str | None"]

_SKIP = ("a", "code", "pre", "script", "style", "abbr", "textarea", "kbd", "samp", "title", "svg", "button")
_NAMES = "|".join(_SKIP)
# Generated lists of links and fixed words (the related-documents panel): nothing to link in
# them, and no list nests inside one, so they are skipped whole like a link.
LINK_LIST = "vb-links"
# One match per text node to work on: first everything before it that is left alone (tags,
# comments, whitespace, whole elements such as links and code, which do not nest in
# themselves), then the text (or the end of the page). The regex engine, not a Python loop,
# walks the page's hundreds of thousands of tags. It never backtracks: whatever stops the
# first part is text or the end.
_TEXT = re.compile(
    rf"(?:<(?P<skip>{_NAMES})(?=[\s>/])[^>]*(?<!/)>.*?</(?P=skip)\s*>|<ul class=\"{LINK_LIST}\">.*?</ul>"
    r"|<!--.*?-->|<[^>]*>|<|\s+)*"
    r"(?:(?P<text>[^<]+)|\Z)",
    re.S | re.I,
)
_PLACEHOLDER = re.compile(r'href="ldkb:([^"#]*)(?:#([^"]*))?"')
_BOUNDARY = r"\w/\-\u2013\u2014"


@dataclass
class Result:
    html: str
    missing_pages: list[str] = field(default_factory=list)


class Linker:
    """Built once per build: holds the glossary matcher."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        terms = {html.escape(t.viet_tat, quote=False): t for t in corpus.glossary if t.viet_tat}
        self._terms = terms
        self._targets: dict[tuple[bool, str], VanBan | None] = {}
        self._abbr = None
        if terms:
            # Longest first; each term's first letter, then the boundary before it: a pattern
            # starting with literals lets the regex engine jump to candidate letters (2x faster
            # than a leading lookbehind, which it must try at every position).
            alts = "|".join(rf"{re.escape(k[0])}(?<![{_BOUNDARY}].){re.escape(k[1:])}"
                            for k in sorted(terms, key=len, reverse=True))
            self._abbr = re.compile(rf"(?:{alts})(?![{_BOUNDARY}])")

    def process(self, page_html: str, href: Href, self_doc: VanBan | None = None,
                abbreviations: bool = True) -> Result:
        # Text nodes are linked one by one: a page's fragments linked apart and put together are
        # the page linked whole (ldkb_mkdocs/graph/prelink.py links generated pages in pieces).
        result = resolve_links(page_html, href)
        page_html = result.html
        out: list[str] = []
        pos = 0  # page_html[:pos] is in `out`
        for m in _TEXT.finditer(page_html):
            text = m.group("text")
            if text is None:
                continue
            new = self._text(text, href, self_doc, abbreviations, result)
            if new is not text:
                out += [page_html[pos:m.start("text")], new]
                pos = m.end()
        out.append(page_html[pos:])
        result.html = "".join(out)
        return result

    # -- one text node ------------------------------------------------------
    def _text(self, text: str, href: Href, self_doc: VanBan | None, abbreviations: bool, result: Result) -> str:
        """The text node linked; `text` itself (the same object) when nothing changed."""
        cits = find_citations(text) if ("/" in text or "[[" in text) else []
        if not cits:
            return self._abbrs(text) if abbreviations else text
        out: list[str] = []
        pos = 0
        for cit in cits:
            gap = text[pos:cit.start]
            out.append(self._abbrs(gap) if abbreviations else gap)
            out.append(self._citation(cit, href, self_doc, result))
            pos = cit.end
        tail = text[pos:]
        out.append(self._abbrs(tail) if abbreviations else tail)
        return "".join(out)

    def _citation(self, cit: Citation, href: Href, self_doc: VanBan | None, result: Result) -> str:
        corpus = self.corpus
        raw = cit.text  # already HTML-escaped text of the page
        ref = html.unescape(cit.ref)
        # A page cites the same few documents again and again: resolve each spelling once.
        key = (cit.explicit, ref)
        if key in self._targets:
            target = self._targets[key]
        else:
            target = self._targets[key] = corpus.resolve(ref) if cit.explicit else corpus.by_symbol(ref)
        if target is None:
            return raw
        anchor = None
        part = None
        if cit.explicit and cit.part:
            part = corpus.find_part(target, html.unescape(cit.part))
            if part is None:
                return raw
            anchor = part.anchor
        if target is self_doc and not cit.explicit:
            return raw  # a document's own number is no link
        url = href(document_page(target.slug), anchor)
        if url is None:
            return raw
        # No `title`: Material mounts a tooltip for every titled element when a page loads, the
        # largest part of a long page's main-thread time on a phone (no hover there anyway);
        # the link's own text names the document.
        if cit.explicit:
            label = cit.label or (target.title + (f", mục {part.id}" if part else ""))
            return (f'<a class="vb-cite vb-cite--explicit" href="{html.escape(url)}">'
                    f"{label if cit.label else html.escape(label)}</a>")
        return f'<a class="vb-cite" href="{html.escape(url)}">{raw}</a>'

    def _abbrs(self, text: str) -> str:
        if self._abbr is None or not text or self._abbr.search(text) is None:
            return text
        terms = self._terms

        def wrap(m: re.Match[str]) -> str:
            term = terms[m.group(0)]
            return f'<abbr title="{html.escape(term.day_du)}">{m.group(0)}</abbr>'

        return self._abbr.sub(wrap, text)


def resolve_links(page_html: str, href: Href) -> Result:
    """Only the `ldkb:` placeholders (generated pages link with them; see render_page.page_link)."""
    result = Result(page_html)
    done: dict[str, str] = {}  # overview pages repeat the same links many times

    def placeholder(m: re.Match[str]) -> str:
        attr = done.get(m.group(0))
        if attr is not None:
            return attr
        page, anchor = html.unescape(m.group(1)), m.group(2)
        url = href(page, html.unescape(anchor) if anchor else anchor)
        if url is None:
            result.missing_pages.append(page)
            return 'href="#"'
        attr = done[m.group(0)] = f'href="{html.escape(url)}"'
        return attr

    if "ldkb:" in page_html:
        result.html = _PLACEHOLDER.sub(placeholder, page_html)
    return result


_ATTR = "_ldkb_linker"


def linker_of(corpus: Corpus) -> Linker:
    """The corpus's linker, made on first use and kept with the corpus (as graph_of keeps the
    graph): whoever holds a corpus links with its documents, even one loaded again mid-preview."""
    linker = corpus.__dict__.get(_ATTR)
    if linker is None:
        linker = corpus.__dict__[_ATTR] = Linker(corpus)
    return linker


__all__ = ["Linker", "Result", "linker_of", "resolve_links"]
