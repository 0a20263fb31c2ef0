"""Small helpers for reading the built site in the knowledge-graph tests."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class Links(HTMLParser):
    """Every <a>: its attributes and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            a = dict(attrs)
            a["text"] = ""
            self.links.append(a)
            self._open.append(a)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for a in self._open:
            a["text"] += data


def links(html: str) -> list[dict]:
    p = Links()
    p.feed(html)
    return p.links


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def section(html: str, element_id: str) -> str:
    """HTML from the element with `element_id` (a heading) to the next heading of the same or higher level."""
    m = re.search(rf'<h([1-6])[^>]*\bid="{re.escape(element_id)}"', html)
    assert m, f"no heading #{element_id}"
    level = int(m.group(1))
    rest = html[m.end():]
    end = re.search(rf"<h[1-{level}][\s>]", rest)
    return html[m.start(): m.end() + (end.start() if end else len(rest))]


def element_html(html: str, element_id: str) -> str:
    """A heading's section, or the element (li/p/div) with that id."""
    if re.search(rf'<h[1-6][^>]*\bid="{re.escape(element_id)}"', html):
        return section(html, element_id)
    m = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"', html)
    assert m, f"no element #{element_id}"
    tag = m.group(1)
    end = html.index(f"</{tag}>", m.end())
    return html[m.start():end]


def resolve(site: Path, page_rel: str, href: str) -> tuple[Path, str]:
    """The file a link on `page_rel` (e.g. `van-ban/x/index.html`) points to, and its fragment."""
    url = urljoin("http://site/" + page_rel, href)
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment
