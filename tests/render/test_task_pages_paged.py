"""Task pages beyond one page's worth (render/paging.py): with a small page limit, the task fixture's
hand-written pairs are all still reached from "Ai làm gì", from each unit's page and from "Việc sắp đến
hạn", each page holds at most the limit, and nothing else is shown. (At the default limit the fixture
fits one page: tests/whole_site/test_tasks_fixture_site.py checks that form; tests/bench checks the
split at scale, over several years.)"""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from taskpages import LINK, list_pairs, matrix_pairs, plain, reachable, task_count
from tasks_expected import DOC, LATE, NO_UNIT, PAIRS, SOON, UNITS, pairs_of

from conftest import TASKS_FIXTURE
from ldkb.model.corpus import load_corpus
from ldkb.render.paging import by_year, runs
from ldkb.render.task_pages import MATRIX_PAGE, UPCOMING_PAGE, matrix_pages, upcoming_pages
from ldkb.render.unit_pages import unit_page, unit_pages

TODAY = dt.date(2025, 10, 15)
LIMIT = 5
EXPECTED = {(DOC, a, u, r) for a, u, r, _, _ in PAIRS}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(TASKS_FIXTURE, today=TODAY)


@pytest.fixture(scope="module")
def corpus_with_main(tmp_path_factory):
    """The fixture with its plan set as the collection's main document."""
    content = tmp_path_factory.mktemp("main") / "content"
    shutil.copytree(TASKS_FIXTURE, content)
    settings = content / "cai-dat.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "van_ban_chinh: 15/KH-LĐLĐ\n", encoding="utf-8")
    return load_corpus(content, today=TODAY)


# -- the cutting rule ------------------------------------------------------------------------

def test_runs_keep_documents_whole_unless_one_alone_is_too_long():
    items = [("a", 1), ("a", 2), ("b", 1), ("b", 2), ("b", 3), ("c", 1), ("d", 1), ("d", 2), ("d", 3),
             ("d", 4), ("d", 5), ("d", 6), ("d", 7), ("e", 1)]
    out = runs(items, 3, key=lambda i: i[0])
    assert [i for run in out for i in run] == items  # every item once, in order
    assert all(len(run) <= 3 for run in out)
    docs = [[i[0] for i in run] for run in out]
    assert docs == [["a", "a"], ["b", "b", "b"], ["c"], ["d", "d", "d"], ["d", "d", "d"], ["d", "e"]]
    assert runs(items, 5) == [items[0:5], items[5:10], items[10:14]]  # no key: plain pages
    assert runs([], 3, key=lambda i: i) == []
    with pytest.raises(ValueError):
        runs(items, 0)


def test_groups_by_year_newest_first_undated_last(corpus):
    class Doc:
        def __init__(self, slug, year):
            self.slug = slug
            self.ngay_ban_hanh = dt.date(year, 1, 1) if year else None

    docs = [Doc("x", 2019), Doc("y", 2024), Doc("z", None), Doc("w", 2019)]
    items = [(d, n) for d in docs for n in range(3)]
    sheets = by_year(items, lambda i: i[0], "ai-lam-gi", limit=4)
    assert [(s.uri, s.title, len(s.items)) for s in sheets] == [
        ("ai-lam-gi/nam-2024.md", "Năm 2024", 3),
        ("ai-lam-gi/nam-2019.md", "Năm 2019 (trang 1/2)", 3),
        ("ai-lam-gi/nam-2019-2.md", "Năm 2019 (trang 2/2)", 3),
        ("ai-lam-gi/chua-ro-nam.md", "Chưa rõ năm ban hành", 3)]


# -- "Ai làm gì" -----------------------------------------------------------------------------

def _pairs(pages, start):
    found = []
    for uri in reachable(pages, start):
        found += [*matrix_pairs(pages[uri]), *list_pairs(pages[uri])]
    return found


def test_every_pair_is_reached_from_ai_lam_gi_on_pages_of_at_most_the_limit(corpus):
    pages = matrix_pages(corpus, limit=LIMIT)
    assert reachable(pages, MATRIX_PAGE) == list(pages)  # no page a reader cannot reach
    assert len(pages) > 3
    found = _pairs(pages, MATRIX_PAGE)
    assert sorted(found) == sorted(EXPECTED)  # every pair once, and nothing else
    for uri, text in pages.items():
        if uri != MATRIX_PAGE:
            assert 0 < task_count(text) <= LIMIT, uri
            assert "Ai làm gì — năm 2025" in text and f"ldkb:{MATRIX_PAGE[:-3]}" in text  # the way back
    # The plan runs over four pages: the later ones say it goes on.
    assert '">Kế hoạch 15/KH\\-LĐLĐ</a> (tiếp theo)' in pages["ai-lam-gi/nam-2025-2.md"]
    assert "(tiếp theo)" not in pages["ai-lam-gi/nam-2025.md"]
    # The overview: each unit with its count, linked to its page.
    overview = pages[MATRIX_PAGE]
    counts = re.search(r'<ul class="vb-unit-counts">(.*?)</ul>', overview, re.S).group(1)
    for unit in UNITS:
        line = re.search(rf'<li><a href="ldkb:don-vi/{unit}">.*?</li>', counts).group(0)
        assert f"— {len(pairs_of(unit))} việc" in plain(line)


def test_year_pages_say_deadlines_outside_bodies_and_nobody_as_written(corpus):
    pages = matrix_pages(corpus, limit=LIMIT)
    items = {}
    for uri in pages:
        for item in re.findall(r"<li>(.*?)</li>", pages[uri], re.S):
            links = LINK.findall(item)
            if links and links[0][0] == f"van-ban/{DOC}":
                items[links[0][1]] = plain(item)
    for anchor, _unit, _role, deadline, _ in PAIRS:
        assert (f"Thời hạn: {deadline}" in items[anchor]) == bool(deadline)
    assert "Phối hợp: Sở Văn hóa Thử Nghiệm" in items["ii-2-c"]
    assert "CĐCS (qua “Các cấp công đoàn”)" in items["ket-thuc-y1"]  # marked as addressed to the group
    for anchor in NO_UNIT:
        assert "Không nêu đơn vị" in items[anchor]


def test_main_document_keeps_its_matrix_on_the_page(corpus_with_main):
    pages = matrix_pages(corpus_with_main, limit=LIMIT)
    # The plan is the main document: its table and cards stay on "Ai làm gì", whatever the limit;
    # the other document assigns nothing, so there is no page by year.
    assert list(pages) == [MATRIX_PAGE]
    assert sorted(matrix_pairs(pages[MATRIX_PAGE])) == sorted(EXPECTED)
    assert '<div class="vb-matrix-cards">' in pages[MATRIX_PAGE]


# -- unit pages and "Việc sắp đến hạn" -------------------------------------------------------

@pytest.mark.parametrize("unit", UNITS)
def test_each_units_checklist_is_reached_from_its_page(corpus, unit):
    limit = 2
    pages = unit_pages(corpus.units[unit], corpus, limit=limit)
    home = unit_page(unit)
    assert reachable(pages, home) == list(pages)
    anchors = []
    for uri in pages:
        anchors += re.findall(rf'<li class="vb-check[^"]*" id="{DOC}--([^"]+)">', pages[uri])
        if uri != home:
            assert 0 < task_count(pages[uri]) <= limit
    assert sorted(anchors) == sorted(a for a, *_ in pairs_of(unit))
    if len(pairs_of(unit)) <= limit:
        assert list(pages) == [home]


def test_late_and_soon_are_reached_per_unit(corpus):
    limit = 3
    pages = upcoming_pages(corpus, limit=limit)
    assert reachable(pages, UPCOMING_PAGE) == list(pages) and len(pages) > 2
    late, soon = [], []
    for uri, text in pages.items():
        if uri == UPCOMING_PAGE:
            continue
        assert 0 < task_count(text) <= limit and "Tính đến 15/10/2025" in plain(text)
        unit = re.fullmatch(rf"{UPCOMING_PAGE[:-3]}/(.+?)(?:-\d+)?\.md", uri).group(1)
        for kind, out in (("qua-han", late), ("sap-den-han", soon)):
            section = re.search(rf"{{#{kind}}}(.*?)(?:\n## |\Z)", text, re.S).group(1)
            for item in re.findall(r"<li>(.*?)</li>", section, re.S):
                anchor = [a for p, a in LINK.findall(item) if p == f"van-ban/{DOC}"][0]
                out.append((anchor, None if unit == "khong-neu-don-vi" else unit))
    assert sorted(late, key=str) == sorted(LATE, key=str) and len(late) == len(LATE)
    assert sorted(soon, key=str) == sorted(SOON, key=str) and len(soon) == len(SOON)
