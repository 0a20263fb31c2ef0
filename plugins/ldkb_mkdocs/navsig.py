"""What each page shows of the navigation, as one digest per page.

Material writes the navigation into every page. With `navigation.prune` a page shows the top-level
items and, for each section it is in, that section's children; a section it is not in shows as
one link (its title and the address of its first page). The page's footer links its previous and
next pages. Two navigations give a page the same menu when its digest is the same: after a title
or a date changes, the pages to make again for their menus are the pages whose digest changed.
"""
from __future__ import annotations

import hashlib

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure import StructureItem
from mkdocs.structure.pages import Page

# Page metadata Material's menu reads (an icon, a status, a subtitle beside the title).
_META = ("icon", "status", "subtitle")


def _digest(value) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def _first_leaf(section: Section) -> str | None:
    item: StructureItem = section
    while isinstance(item, Section) and item.children:
        item = item.children[0]
    return getattr(item, "url", None) if not isinstance(item, Section) else None


def _item(item) -> tuple:
    """An item as a list of its siblings shows it."""
    if isinstance(item, Page):
        meta = item.meta or {}
        return ("page", item.title, item.url, item.is_index, tuple(str(meta.get(k)) for k in _META))
    if isinstance(item, Section):
        # Shown folded: its title, a link to its first page, an arrow; Material's template also
        # loops over its children (looking for an index page), which leaves a blank per child.
        return ("section", item.title, _first_leaf(item), len(item.children))
    if isinstance(item, Link):
        return ("link", item.title, item.url)
    return ("other", repr(item))


def _neighbour(page: Page | None) -> tuple | None:
    return None if page is None else (page.title, page.url)


# Key of the digest of pages outside the menu (they show its top level only).
OUTSIDE = "*"


def nav_signatures(nav: Navigation) -> dict[str, str]:
    """Page (its path in the sources) -> digest of the menu and the footer links it shows;
    `OUTSIDE` -> the digest of every page not in the menu."""
    lists: dict[int, str] = {}

    def children(section: Section) -> str:
        key = id(section)
        if key not in lists:
            lists[key] = _digest((section.title, tuple(_item(c) for c in section.children)))
        return lists[key]

    homepage = nav.homepage.url if nav.homepage is not None else None
    top = _digest((homepage, tuple(_item(i) for i in nav.items)))
    out: dict[str, str] = {OUTSIDE: top}
    for page in nav.pages:
        chain = []
        parent = page.parent
        while parent is not None:
            chain.append(children(parent))
            parent = parent.parent
        out[page.file.src_uri] = _digest((top, tuple(chain), page.title,
                                          _neighbour(page.previous_page), _neighbour(page.next_page)))
    return out


__all__ = ["OUTSIDE", "nav_signatures"]
