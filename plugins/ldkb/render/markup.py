"""HTML and Markdown fragments shared by every generated page: escaping, links, lists.

Plain strings in, plain strings out; no knowledge of documents or of MkDocs.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable

# Python-Markdown's own escapable characters: a backslash before them is dropped.
_MD_ESCAPE = set("\\`*_{}[]()#+-.!")
# Characters that extensions may interpret; entities keep them literal.
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", "~": "&#126;",
             "^": "&#94;", "=": "&#61;", ":": "&#58;", "\n": " "}


_MD_TABLE = str.maketrans({**{ch: "\\" + ch for ch in _MD_ESCAPE}, **_ENTITIES})


def md_escape(text: str) -> str:
    """Make `text` render as exactly itself in Markdown."""
    return text.translate(_MD_TABLE)


# Most document text has no character HTML escapes: one C-level search instead of five
# `str.replace` passes (a 2,000-document build escapes about a million strings).
_SPECIAL = re.compile(r"[&<>\"']")
_SPECIAL_OR_NEWLINE = re.compile(r"[&<>\"'\n]")


def esc(text: str | None) -> str:
    if not text:
        return ""
    return html.escape(text, quote=True) if _SPECIAL.search(text) else text


# A footnote reference as editors write it (`[^1]`), after escaping (no character of it is escaped).
_NOTE_REF = re.compile(r"\[\^([^\]\s<>&\"']{1,8})\]")


def note_id(mark: str, prefix: str = "") -> str:
    """The anchor of a footnote: `chu-thich-1`, `chu-thich-sao` for `*`."""
    return f"{prefix}chu-thich-" + (mark if mark.isalnum() else "sao" * len(mark))


def note_refs(html_text: str, prefix: str = "") -> str:
    """Escaped text with each `[^1]` drawn as a superscript link to its footnote."""
    if "[^" not in html_text:
        return html_text
    return _NOTE_REF.sub(lambda m: f'<sup class="vb-fn"><a href="#{note_id(m.group(1), prefix)}">'
                         f"{m.group(1)}</a></sup>", html_text)


def cell_html(text: str | None) -> str:
    """A table cell's text: escaped, its line breaks kept."""
    return note_refs(esc(text).replace("\n", "<br>"))


# -- generated link lists as raw HTML ---------------------------------------------
# Panels and overview pages hold thousands of links: written as Markdown, Python-Markdown
# inline-parses and MkDocs re-checks every one of them (most of a build's time). As raw
# HTML they pass through untouched; `ldkb:` hrefs are resolved to relative URLs (and
# missing pages reported) by the plugin that generates the page (linkify.resolve_links, through
# ldkb_mkdocs/shared.py), so each plugin's pages are right without the others.

def lines_html(text: str | None) -> str:
    """Text as HTML keeping its line breaks (a table cell written on several lines), on one line."""
    if not text:
        return ""
    return "<br>".join(esc(line) for line in text.split("\n"))


def text_html(text: str | None) -> str:
    """Text as HTML, on one line like md_escape (a blank line would end a raw HTML block)."""
    if not text:
        return ""
    if _SPECIAL_OR_NEWLINE.search(text) is None:
        return text
    return html.escape(text.replace("\n", " "), quote=True)


def page_link(page: str, label: str, anchor: str | None = None) -> str:
    """A link to a site page (`van-ban/117-kh-ldld`, `don-vi/vp`); `label` is plain text."""
    target = page + (f"#{anchor}" if anchor else "")
    return f'<a href="ldkb:{esc(target)}">{text_html(label)}</a>'


_FOLDER = re.compile(r'href="ldkb:([^"/#]+)/')
_FOLDER_LINK = re.compile(r'<a\b([^>]*?) href="ldkb:([^"/#]+)/[^"]*"([^>]*)>(.*?)</a>', re.S)


def unlink_folders(page_html: str, absent: Callable[[str], bool]) -> str:
    """`page_link`s into a folder of pages this site does not have (`don-vi/` without the graph
    plugin) as plain text with the same attributes: not links that lead nowhere."""
    if '"ldkb:' not in page_html:
        return page_html
    gone = {folder for folder in set(_FOLDER.findall(page_html)) if absent(folder)}
    if not gone:  # the usual case: one C-level scan, no callback per link
        return page_html

    def unlink(m: re.Match[str]) -> str:
        if m.group(2) not in gone:
            return m.group(0)
        return f"<span{m.group(1)}{m.group(3)}>{m.group(4)}</span>"

    return _FOLDER_LINK.sub(unlink, page_html)


def heading_link(page: str, label: str) -> str:
    """A link to a site page inside a Markdown heading: its label escaped for Markdown (the heading's
    text goes through it), the link as raw HTML with an `ldkb:` placeholder."""
    return f'<a href="ldkb:{esc(page)}">{md_escape(label)}</a>'


def anchor_link(anchor: str, label: str) -> str:
    """A link to a part of the same page."""
    return f'<a href="#{esc(anchor)}">{text_html(label)}</a>'


def ul_html(items: list[str], attrs: str = "") -> str:
    """A list as Python-Markdown writes one, from items that are already HTML."""
    return f"<ul{attrs}>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>"


def file_note(path: str) -> str:
    """Where "(PDF, 3 trang, 56 KB)" goes once the file exists; `path` is inside the site
    (filled by ldkb.export.file_sizes after the files are written)."""
    return f'<span class="ldkb-filesize" data-ldkb-file="{esc(path)}"></span>'


def em_html(text: str) -> str:
    """A one-line note in italics, as `*text*` renders."""
    return f"<p><em>{text_html(text)}</em></p>"
