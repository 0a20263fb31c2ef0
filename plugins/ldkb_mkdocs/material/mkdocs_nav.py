"""MkDocs' navigation and page objects, where our plugins change them after MkDocs made them.

Read from MkDocs 1.6.1 (mkdocs/structure/nav.py, mkdocs/structure/pages.py): a Section's
`children` and each child's `parent` are plain attributes set once by `get_navigation`, which
also sets every page's `previous_page`/`next_page` from the flat `nav.pages`; nothing recomputes
them after on_nav, so a plugin that regroups the menu relinks them itself. tests/adapters/
test_material.py checks these against the installed MkDocs.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

NavItem = Page | Section


def section(title: str, children: Sequence[NavItem]) -> Section:
    """A menu section holding `children` (each child's `parent` set to it)."""
    sec = Section(title, list(children))
    for child in children:
        child.parent = sec
    return sec


def set_children(parent: Section, children: Sequence[NavItem]) -> None:
    parent.children = list(children)
    for child in children:
        child.parent = parent


def sections(items: Iterable[object]) -> Iterable[Section]:
    """Every section of the menu, depth first."""
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from sections(item.children)


def relink(nav: Navigation) -> None:
    """Previous/next links (and `nav.pages`) follow the menu's order after regrouping; pages not in
    the menu keep their place after it."""
    pages: list[Page] = []

    def walk(items: Iterable[object]) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    seen = {id(p) for p in pages}
    pages += [p for p in nav.pages if id(p) not in seen]
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None
    nav.pages = pages


def page_markdown(file: File) -> str:
    """A generated page's Markdown as MkDocs reads it, front matter off (Page.read_source, through
    mkdocs.utils.meta.get_data), before MkDocs has read it."""
    markdown, _ = get_data(file.content_string)
    return markdown


def release_page(page: Page) -> None:
    """Drop a written page's Markdown and HTML (MkDocs keeps them until the build ends). Empty
    strings, not None: `Page.title` reads `markdown is None` as "not read yet", and with an empty
    `content` it still prefers the title found when rendering."""
    page.markdown = ""
    page.content = ""
    if page.file.generated_by is not None:
        page.file.content_string = ""


def nav_key(item: object) -> str | None:
    """What ldkb.render.nav_order calls a menu entry: a page's file (`ai-lam-gi.md`), a section's
    folder (`van-ban/`: that of its first page)."""
    if isinstance(item, Page):
        return item.file.src_uri
    if isinstance(item, Section):
        for child in item.children:
            key = nav_key(child)
            if key is not None:
                return key.split("/")[0] + "/" if "/" in key else key
    return None
