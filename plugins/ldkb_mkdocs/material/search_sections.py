"""Material's search sections of a page, in one regex pass. Material's own parser, an
`html.parser.HTMLParser` subclass, is the biggest extra cost of our build (issue 8). Read from
Material 9.8.1 (material/plugins/search/plugin.py): a clone of undocumented behaviour, hence its
place in ldkb_mkdocs.material.

`page_entries(html, toc_urls, url, title, meta)` returns exactly the entries Material's
`SearchIndex.add_entry_from_context` would append for a page (material/plugins/search/plugin.py,
Material 9.x: `Parser` + `create_entry_for_section`), in the same order and byte-identical
after json.dumps, quirks included:

- a section starts at an h1-h6 start tag with an `id`; a leading "hx" section when the first
  heading is not h1, or when anything came before it; the first section has no id;
- Material's `Element` compares and hashes by tag name only, so its skip set, its "inside the
  title" and "inside pre" tests are by tag name: an excluded `<div>` stops being skipped when any
  `<div>` closes, and any open element of the heading's tag makes text go to the title;
- an end tag only counts when it closes the innermost open element;
- kept tags (p, code, pre, li, ol, ul, sub, sup) are written out, and dropped on closing when
  nothing but whitespace follows the section's *first* opening tag of that name;
- text: HTMLParser's charref conversion, whitespace collapsing outside pre, then
  `html.escape(quote=False)`; `a.headerlink` text left out of titles.

The tokenizer accepts the HTML Python-Markdown and our templates write (quoted attributes,
comments, doctype, script/style with an end tag). On anything else (a bare `<`, CDATA,
processing instructions, unquoted values with `/`, an unclosed comment or script…)
`page_entries` returns None and the caller lets Material parse that page itself.
No mkdocs or Material import here, so the background worker runs it on plain values.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from html import unescape
from typing import Any

from ldkb.util.gc_pause import gc_paused

__all__ = ["page_entries", "toc_urls"]

_WS = r"[ \t\n\r\f]"
# One attribute, as HTMLParser reads it, in the subset we accept: a name, then optionally `=`
# and a quoted value or a bare value without quotes, `=`, `<`, `>`, backquote or `/`.
_ATTR = (rf"{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
         rf"(?:{_WS}*={_WS}*(?:\"[^\"]*\"|'[^']*'|[^ \t\n\r\f\"'=<>`/]+(?=[ \t\n\r\f>]|\Z)))?")
_ATTR_RE = re.compile(
    rf"{_WS}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)"
    rf"(?:{_WS}*={_WS}*(?:\"([^\"]*)\"|'([^']*)'|([^ \t\n\r\f\"'=<>`/]+)))?")


def _raw(name: str) -> str:
    # script/style: HTMLParser's CDATA mode, raw text up to `</name\s*>` in any case (ASCII
    # letters: a name re.I would also fold, like "ſcript", is no tag to HTMLParser).
    ci = "".join(f"[{c}{c.upper()}]" for c in name)
    return rf"(<{ci}(?:{_ATTR})*{_WS}*>[\s\S]*?</\s*{ci}\s*>)"


# Groups: text; script; style; start tag (name, attributes, "/"); end tag; comment or doctype;
# anything else (fall back).
_TOKEN = re.compile(
    "|".join([
        r"([^<]+)",
        _raw("script"),
        _raw("style"),
        rf"(?:<([a-zA-Z][-a-zA-Z0-9:_.]*)((?:{_ATTR})*){_WS}*(/?)>)",
        rf"(?:</([a-zA-Z][-.a-zA-Z0-9:_]*){_WS}*>)",
        r"(<!--[\s\S]*?--\s*>|<![dD][oO][cC][tT][yY][pP][eE][^>]*>)",
        r"(<)",
    ]))

_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))
_OPEN = {t: f"<{t}>" for t in _KEEP}
_CLOSE = {t: f"</{t}>" for t in _KEEP}
_ALWAYS_SKIPPED = frozenset(("object", "script", "style"))
_INF = float("inf")
_NO_ATTRS: dict = {}


class _Section:
    __slots__ = ("tag", "depth", "id", "title", "text", "excluded")

    def __init__(self, tag: str, depth, excluded: bool = False):
        self.tag, self.depth, self.excluded = tag, depth, excluded
        self.id = None
        self.title: list[str] = []
        self.text: list[str] = []


def _attrs(s: str) -> dict:
    """HTMLParser's attributes of a start tag (names lowercased, last one wins, values unescaped)."""
    out = {}
    for m in _ATTR_RE.finditer(s):
        name, dq, sq, bare = m.groups()
        value = dq if dq is not None else sq if sq is not None else bare
        if value:
            value = unescape(value)
        out[name.lower()] = value
    return out


def _escape(s: str) -> str:
    # html.escape(s, quote=False)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sections(html: str) -> list[_Section] | None:
    """Material's Parser.data for `html`, or None when the fast tokenizer is not sure."""
    stack: list[str] = []            # open elements' tag names (Material's context)
    skip = set(_ALWAYS_SKIPPED)      # Material's skip set, by tag name as its Element hashes
    headerlinks: list[int] = []      # stack depths of open <a class="headerlink">
    sections: list[_Section] = []
    cur: _Section | None = None

    def start(tag: str, attrstr: str) -> None:
        nonlocal cur
        stack.append(tag)
        # Attributes only matter for headings, permalinks and exclusions: parse them then.
        if attrstr and (tag in _HEADINGS or "&" in attrstr or "headerlink" in attrstr
                        or "linenodiv" in attrstr
                        or (("x" in attrstr or "X" in attrstr)
                            and "data-search-exclude" in attrstr.lower())):
            attrs = _attrs(attrstr)
            depth = len(stack)
            if tag == "a" and attrs.get("class") == "headerlink":
                headerlinks.append(depth)
            if tag in _HEADINGS and "id" in attrs:
                if tag != "h1" and not sections:
                    cur = _Section("hx", depth)
                    sections.append(cur)
                cur = _Section(tag, depth, "data-search-exclude" in attrs)
                if sections:
                    cur.id = attrs["id"]
                sections.append(cur)
            if cur is None:
                cur = _Section("hx", 0)
                sections.append(cur)
            if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
                skip.add(tag)
                return
        elif cur is None:
            cur = _Section("hx", 0)
            sections.append(cur)
        if tag in _KEEP and skip.isdisjoint(stack):
            (cur.title if cur.tag in stack else cur.text).append(_OPEN[tag])

    def end(tag: str) -> None:
        nonlocal cur
        if not stack or stack[-1] != tag:
            return
        assert cur is not None  # an element is open: its start tag made a section
        depth = len(stack)
        if cur.depth > depth:
            for section in reversed(sections):
                if section.depth <= depth:
                    cur.depth = _INF
                    cur = section
                    break
        stack.pop()
        if headerlinks and headerlinks[-1] == depth:
            headerlinks.pop()
        if tag in skip:
            if tag not in _ALWAYS_SKIPPED:
                skip.discard(tag)
            return
        if tag in _KEEP and skip.isdisjoint(stack):
            data = cur.title if cur.tag in stack else cur.text
            index = data.index(_OPEN[tag])  # ValueError where Material's raises it too
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(_CLOSE[tag])

    # findall: one tuple of strings per token, no match objects. Exactly one of text, script,
    # style, tag, endtag, ignored, other is non-empty.
    for text, script, style, tag, attrstr, slash, endtag, ignored, _other in _TOKEN.findall(html):
        if text:
            if not skip.isdisjoint(stack):
                continue
            if "&" in text:
                data = unescape(text)
                special = True
            else:
                data = text
                special = ">" in text
            space = data.isspace()
            if "pre" not in stack:
                if space:
                    data = " "
                elif "\n" in data:
                    data = data.replace("\n", " ")
            if cur is None:
                cur = _Section("hx", 0)
                sections.append(cur)
            if cur.tag in stack:
                if not headerlinks:
                    cur.title.append(_escape(data) if special else data)
            elif space:
                out = cur.text
                if not out or not out[-1].isspace() or "pre" in stack:
                    out.append(data)
            else:
                cur.text.append(_escape(data) if special else data)
        elif tag:
            tag = tag.lower()
            if tag in _VOID:
                continue  # also when written <br/>: its end tag never matches an open element
            if slash:
                start(tag, attrstr)
                end(tag)
            elif tag == "script" or tag == "style":
                return None  # no end tag: HTMLParser would stop in CDATA mode
            else:
                start(tag, attrstr)
        elif endtag:
            end(endtag.lower())
        elif script or style:
            # Its attributes cannot matter: the tag is in the skip set already.
            tag = "script" if script else "style"
            start(tag, "")
            end(tag)
        elif ignored:
            continue
        else:
            return None
    return sections


def toc_urls(toc) -> dict:
    """Anchor id -> URL fragment of a table of contents (items with .id, .url, .children),
    first in pre-order as Material's `_find_toc_by_id` finds it."""
    out: dict = {}

    def walk(items) -> None:
        for item in items:
            out.setdefault(item.id, item.url)
            walk(item.children)

    walk(toc)
    return out


def page_entries(html: str, toc_urls: dict[Any, str], url: str, title: object,
                 meta: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The search index entries Material makes of a page, or None if the page needs
    Material's own parser (see the module docstring). `title` is the page's title, used
    (as Material does, after meta `title`) for a section without a heading."""
    # A page is hundreds of thousands of short-lived tokens and no cyclic garbage: cyclic-GC
    # passes meanwhile only walk the build's long-lived objects again (as in ldkb.model.corpus).
    with gc_paused():
        sections = _sections(html)
    if sections is None:
        return None
    tags = meta.get("tags")
    if isinstance(tags, list):
        tags = [str(name) for name in tags if name and isinstance(name, (str, int, float, bool))]
    else:
        tags = None
    search = meta.get("search") or {}
    has_boost = "boost" in search
    entries = []
    for section in sections:
        if section.excluded:
            continue
        sid = section.id
        fragment = toc_urls.get(sid)
        if fragment is not None:
            location = url + fragment
        elif sid:
            location = url + "#" + sid
        else:
            location = url
        if section.title:
            heading = "".join(section.title).strip()
        else:
            heading = str(meta.get("title", title)).strip()
        entry: dict[str, Any] = {"location": location, "title": heading, "text": "".join(section.text).strip()}
        if tags is not None:
            entry["tags"] = list(tags)
        if has_boost:
            entry["boost"] = search["boost"]
        entries.append(entry)
    return entries
