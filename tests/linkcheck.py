"""Check every internal link and anchor of a built site (reusable by any test).

`check_site(site_dir)` parses every HTML page, collects the ids of each page, and
returns a list of `Broken(page, href, reason)` for links (href/src of a, link,
script, img, source, and SVG `href`) whose target file or `#anchor` does not exist.
A link to another site (`<a href="https://…">`) is fine, but a resource loaded from
another site (script, stylesheet, image…) is reported: the site makes no third-party
request. `ignore(path)` skips targets made by later build steps (e.g. `pdf/`) when
checking a site built by `mkdocs` alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRS = {"href", "src", "xlink:href"}
_SKIP_SCHEMES = {"mailto", "tel", "data", "javascript", "blob"}


@dataclass(frozen=True)
class Broken:
    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} — {self.reason}"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in _ATTRS and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append((tag, value))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    return p


def _target_file(site: Path, page: Path, path: str) -> Path | None:
    base = page.parent
    target = (site / path.lstrip("/")) if path.startswith("/") else (base / path)
    target = Path(str(target.resolve()))
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_site(site_dir: Path | str, *, ignore=None) -> list[Broken]:
    site = Path(site_dir).resolve()
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    ids = {p: parsed.ids for p, parsed in pages.items()}
    broken: list[Broken] = []
    for page, parsed in pages.items():
        rel = page.relative_to(site).as_posix()
        for tag, href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme in _SKIP_SCHEMES:
                continue
            if parts.scheme or href.startswith("//"):
                if tag != "a":
                    broken.append(Broken(rel, href, "tài nguyên tải từ trang khác"))
                continue
            path, frag = unquote(parts.path), unquote(parts.fragment)
            target = _target_file(site, page, path) if path else page
            if target is None and ignore is not None:
                wanted = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
                try:
                    if ignore(Path(str(wanted.resolve())).relative_to(site).as_posix()):
                        continue
                except ValueError:
                    pass
            if target is None:
                broken.append(Broken(rel, href, "không có tệp đích"))
                continue
            if frag and target.suffix == ".html":
                known = ids.get(target)
                if known is None:
                    known = ids[target] = _parse(target).ids
                if frag not in known:
                    broken.append(Broken(rel, href, f"trang đích không có neo #{frag}"))
    return broken
