"""Plain text of a built HTML page, as a reader sees it (for content checks)."""
from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

_SKIP = {"script", "style", "template"}
_BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "br", "tr", "section", "article"}


class _Text(HTMLParser):
    def __init__(self, root_tag: str | None):
        super().__init__(convert_charrefs=True)
        self.root_tag = root_tag
        self.depth = 0 if root_tag else 1
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.root_tag and tag == self.root_tag:
            self.depth += 1
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if self.root_tag and tag == self.root_tag and self.depth:
            self.depth -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def page_text(html: str, root_tag: str | None = "article") -> str:
    """NFC text of the page's <article> (or whole page), whitespace collapsed per line."""
    parser = _Text(root_tag)
    parser.feed(html)
    text = unicodedata.normalize("NFC", "".join(parser.parts))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())
