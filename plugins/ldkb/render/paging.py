"""Lists of tasks that stay a phone's load however big the collection grows.

A page listing every task of the collection grows with the archive: at 2,000 documents "Ai làm
gì" was 21 MB of HTML and a unit's checklist 11 MB. A list of at most `PAGE_ITEMS` items stays on
its page; a longer one is grouped by the year its documents were issued (newest first, undated
last), each group on pages of its own of at most `PAGE_ITEMS` items, cut between documents where
it can be (`runs`). One pass over the items: linear in the collection.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ldkb.model.schema import VanBan
from ldkb.render.markup import esc, page_link

T = TypeVar("T")

# About 1.3 KB of HTML per task in a checklist or a matrix (row and card): 150 keep a page near
# 200 KB before compression, whatever the collection's size.
PAGE_ITEMS = 150

UNDATED = "chua-ro-nam"


def runs(items: Sequence[T], limit: int, key: Callable[[T], Hashable] | None = None) -> list[list[T]]:
    """`items` in consecutive runs of at most `limit`; with `key` (a document), a run ends only
    between two keys unless one key alone has more than `limit` items (then it is cut on its own)."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if key is None:
        return [list(items[i:i + limit]) for i in range(0, len(items), limit)]
    out: list[list[T]] = []
    current: list[T] = []
    group: list[T] = []

    def close_group() -> None:
        nonlocal current
        if len(current) + len(group) <= limit:
            current += group
            return
        if current:
            out.append(current)
        pieces = [group[i:i + limit] for i in range(0, len(group), limit)]
        out.extend(pieces[:-1])
        current = pieces[-1]

    last: object = object()
    for item in items:
        k = key(item)
        if k != last and group:
            close_group()
            group = []
        last = k
        group.append(item)
    if group:
        close_group()
    if current:
        out.append(current)
    return out


def year_of(doc: VanBan) -> tuple[str, str]:
    """(key, label) of the group a document's items go in: its year of issue."""
    if doc.ngay_ban_hanh is None:
        return UNDATED, "Chưa rõ năm ban hành"
    return f"nam-{doc.ngay_ban_hanh.year}", f"Năm {doc.ngay_ban_hanh.year}"


@dataclass(frozen=True)
class Sheet(Generic[T]):
    """One page of a group: `uri` `ai-lam-gi/nam-2024-2.md` is page 2 of the group `nam-2024`."""

    uri: str
    key: str
    label: str  # "Năm 2024"
    number: int  # 1-based, within the group
    count: int  # pages in the group
    items: list[T]

    @property
    def link(self) -> str:
        """The page as an `ldkb:` placeholder path (no `.md`)."""
        return self.uri[:-3]

    @property
    def title(self) -> str:
        return self.label + (f" (trang {self.number}/{self.count})" if self.count > 1 else "")


def by_year(items: Sequence[T], doc_of: Callable[[T], VanBan], folder: str, limit: int = PAGE_ITEMS,
            cut_between_documents: bool = True) -> list[Sheet[T]]:
    """The items grouped by their document's year (newest first, undated last), each group in
    pages of at most `limit` items (`folder/nam-2024.md`, `folder/nam-2024-2.md`, …); the items
    keep their order inside a group."""
    groups: dict[str, tuple[str, int, list[T]]] = {}
    for item in items:
        doc = doc_of(item)
        key, label = year_of(doc)
        year = doc.ngay_ban_hanh.year if doc.ngay_ban_hanh is not None else -1
        groups.setdefault(key, (label, year, []))[2].append(item)
    sheets: list[Sheet[T]] = []
    for key, (label, _, members) in sorted(groups.items(), key=lambda kv: (kv[1][1] < 0, -kv[1][1])):
        pieces = runs(members, limit, (lambda i: doc_of(i).slug) if cut_between_documents else None)
        for n, piece in enumerate(pieces, 1):
            uri = f"{folder}/{key}.md" if n == 1 else f"{folder}/{key}-{n}.md"
            sheets.append(Sheet(uri, key, label, n, len(pieces), piece))
    return sheets


def pager_html(sheet: Sheet[T], sheets: Sequence[Sheet[T]], up: tuple[str, str]) -> str:
    """The way back to the overview (`up`: placeholder path and label) and, for a group on several
    pages, a link to each of them."""
    back = f'<p class="vb-pager">← {page_link(*up)}'
    if sheet.count > 1:
        pages = []
        for s in sheets:
            if s.key != sheet.key:
                continue
            pages.append(f'<strong aria-current="page">{s.number}</strong>' if s is sheet
                         else page_link(s.link, str(s.number)))
        back += f' · {esc(sheet.label)}, trang: ' + " ".join(pages)
    return back + "</p>"


def sheets_list_html(sheets: Sequence[Sheet[T]], describe: Callable[[list[T]], str]) -> str:
    """One line per group: its label linked to its first page, what its items hold
    (`describe` of all the group's items), and links to its further pages."""
    groups: dict[str, list[Sheet[T]]] = {}
    for s in sheets:
        groups.setdefault(s.key, []).append(s)
    lines = []
    for members in groups.values():
        first = members[0]
        items = [i for s in members for i in s.items]
        line = f"{page_link(first.link, first.label)}: {esc(describe(items))}"
        if len(members) > 1:
            line += " (trang " + " ".join(page_link(s.link, str(s.number)) for s in members) + ")"
        lines.append(f"<li>{line}</li>")
    return '<ul class="vb-sheets">' + "".join(lines) + "</ul>"


__all__ = ["PAGE_ITEMS", "Sheet", "by_year", "pager_html", "runs", "sheets_list_html", "year_of"]
