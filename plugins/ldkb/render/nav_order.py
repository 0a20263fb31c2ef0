"""The order of the members' menu, and of the editors' guide (issue 18, part 1).

Menu entries are named by where they live in the site, not by their titles (which plugins
set): a page by its file (`ai-lam-gi.md`), a section by its folder (`van-ban/`), the
collection's main document by `MAIN`. `OTHERS` stands for every entry the list does not name,
kept in the order they came; so a page another plugin adds later lands before the editors'
guide, never after it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.text.normalize import sort_key

MAIN = "@van-ban-chinh"
OTHERS = "*"

# Members first, in the order they look for things: the plan, then the documents, who does
# what (the units, what falls due), the campaigns, the words, the timeline and the graph, what
# can be printed; the editors' guide last.
MEMBER_ORDER: tuple[str, ...] = (
    "index.md", MAIN, f"{DOCUMENTS_DIR}/", "ai-lam-gi.md", "don-vi/", "viec-sap-den-han.md", "phong-trao/", "thuat-ngu.md",
    "dong-thoi-gian.md", "so-do-van-ban.md", "ban-in.md", OTHERS, "huong-dan-bien-tap/",
)

# The guide in working order: bring a document in, link it, assign its tasks, check and
# publish; the field reference last.
GUIDE_ORDER: tuple[str, ...] = (
    "index.md", "them-van-ban.md", "nhap-tu-tep.md", "trich-dan.md", "giao-viec.md", "kiem-tra-va-xuat-ban.md",
    OTHERS, "truong-du-lieu.md",
)

T = TypeVar("T")


def arrange(items: Iterable[T], key_of: Callable[[T], str | None], order: tuple[str, ...]) -> list[T]:
    """`items` sorted by the place of their key in `order`; unnamed ones where `OTHERS` stands
    (at the end when it does not), each group in its original order."""
    rank = {key: i for i, key in enumerate(order)}
    others = rank.get(OTHERS, len(order))
    items = list(items)
    return [item for _, _, item in sorted(
        ((rank.get(key_of(item) or "", others), n, item) for n, item in enumerate(items)),
        key=lambda t: (t[0], t[1]))]


def by_name(items: Iterable[T], file_of: Callable[[T], str | None], names: dict[str, str]) -> list[T]:
    """A folder's menu entries (units, campaigns) in Vietnamese alphabetical order of their names
    (`names`: file -> name), not of their file names; entries without a name (the folder's own
    page) first, in their order."""
    items = list(items)
    unnamed = [item for item in items if names.get(file_of(item) or "") is None]
    named = [item for item in items if names.get(file_of(item) or "") is not None]
    return unnamed + sorted(named, key=lambda item: sort_key(names[file_of(item) or ""]))
