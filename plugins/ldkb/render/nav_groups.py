"""The documents' part of the site menu: one group per type, split by year when large, and a
large year by month, so no page carries a huge menu (the theme lists every sibling of a page in
its menu: a year of 90 plans would put 90 links in each of those 90 pages).

Plain data: the MkDocs adapter turns each group into a menu section and each document into its
page (ldkb_mkdocs.documents).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ldkb.model.schema import VanBan
from ldkb.render.term_pages import CAMPAIGNS_DIR
from ldkb.render.unit_pages import UNITS_DIR
from ldkb.text.normalize import sort_key

SECTION_TITLE = "Văn bản"
NO_YEAR = "Chưa rõ năm"
# Menu sections made of one generated folder's pages: their titles.
FOLDER_TITLES = {UNITS_DIR: "Đơn vị", CAMPAIGNS_DIR: "Phong trào thi đua", "bao-tri": "Bảo trì"}


@dataclass
class NavGroup:
    title: str
    children: list[NavGroup | VanBan] = field(default_factory=list)


def document_groups(documents: Sequence[VanBan], limit: int) -> list[NavGroup]:
    """`documents` (in the collection's order: Corpus.sorted_documents) grouped by type, the types
    in Vietnamese alphabetical order; a type of more than `limit` documents split by year."""
    by_type: dict[str, list[VanBan]] = defaultdict(list)
    for doc in documents:
        by_type[doc.loai].append(doc)
    return [_type_group(loai, by_type[loai], limit) for loai in sorted(by_type, key=sort_key)]


def _type_group(title: str, docs: list[VanBan], limit: int) -> NavGroup:
    if len(docs) <= limit:
        return NavGroup(title, list(docs))
    years: dict[str, list[VanBan]] = defaultdict(list)
    for doc in docs:
        years[str(doc.ngay_ban_hanh.year) if doc.ngay_ban_hanh else NO_YEAR].append(doc)
    return NavGroup(title, [NavGroup(f"Năm {y}" if y[0].isdigit() else y, _by_month(ds, limit))
                            for y, ds in sorted(years.items())])


def _by_month(docs: list[VanBan], limit: int) -> list[NavGroup | VanBan]:
    if len(docs) <= limit or any(d.ngay_ban_hanh is None for d in docs):
        return list(docs)
    months: dict[int, list[VanBan]] = defaultdict(list)
    for doc in docs:
        assert doc.ngay_ban_hanh is not None
        months[doc.ngay_ban_hanh.month].append(doc)
    return [NavGroup(f"Tháng {m}", list(months[m])) for m in sorted(months)]
