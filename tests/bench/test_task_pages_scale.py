"""The task pages on the benchmark's synthetic corpus (documents over fifteen years), with a page
limit small enough to split them: every task a unit is given is reached from "Ai làm gì", from the
unit's page and (when late or due soon) from "Việc sắp đến hạn", once; no page holds more than the
limit; the main document keeps its matrix on "Ai làm gì"; years come newest first."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from taskpages import LINK, list_pairs, matrix_pairs, reachable, task_count

from ldkb.graph.relations import graph_of
from ldkb.model.corpus import load_corpus
from ldkb.render.task_pages import MATRIX_PAGE, UPCOMING_PAGE, matrix_pages, upcoming_pages
from ldkb.render.unit_pages import unit_page, unit_pages
from tools.bench.corpus_gen import generate

N = 40
LIMIT = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return load_corpus(generate(tmp_path_factory.mktemp("gen") / "content", N), today=dt.date(2025, 10, 15))


def _expected(corpus):
    return sorted((r.task.doc.slug, r.task.anchor, code, r.role)
                  for code, reaches in graph_of(corpus).tasks.items() for r in reaches)


def test_ai_lam_gi_reaches_every_pair_once_on_small_pages(corpus):
    pages = matrix_pages(corpus, limit=LIMIT)
    assert len(corpus.all_tasks()) > 4 * LIMIT  # the corpus really is split
    assert reachable(pages, MATRIX_PAGE) == list(pages)
    found = [p for uri in pages for p in (*matrix_pairs(pages[uri]), *list_pairs(pages[uri]))]
    assert sorted(found) == _expected(corpus)
    main = corpus.main_document
    assert main is not None
    on_overview = {slug for slug, *_ in matrix_pairs(pages[MATRIX_PAGE])}
    assert on_overview == {main.slug}  # the plan's own matrix, nothing else
    years = []
    for uri, text in pages.items():
        if uri != MATRIX_PAGE:
            assert 0 < task_count(text) <= LIMIT, uri
            years.append(int(re.search(r"nam-(\d{4})", uri).group(1)))
    assert len(set(years)) > 3 and years == sorted(years, reverse=True)


def test_each_units_tasks_are_reached_from_its_page(corpus):
    g = graph_of(corpus)
    for unit in corpus.units.values():
        pages = unit_pages(unit, corpus, limit=LIMIT)
        assert reachable(pages, unit_page(unit.ma)) == list(pages)
        found = []
        for uri, text in pages.items():
            found += re.findall(r'<li class="vb-check[^"]*" id="([^"]+)">', text)
            if uri != unit_page(unit.ma):
                assert 0 < task_count(text) <= LIMIT, uri
        assert sorted(found) == sorted(f"{r.task.doc.slug}--{r.task.anchor}" for r in g.tasks.get(unit.ma, []))


def test_late_and_soon_are_each_reached_once(corpus):
    pages = upcoming_pages(corpus, limit=LIMIT)
    assert reachable(pages, UPCOMING_PAGE) == list(pages) and len(pages) > 2
    lines = 0
    for uri, text in pages.items():
        if uri != UPCOMING_PAGE:
            assert 0 < task_count(text) <= LIMIT, uri
            lines += task_count(text)
    # Every dated line is counted on the overview, and is on a unit's page.
    counts = [int(n) for n in re.findall(r"Có (\d+) dòng quá hạn và (\d+) dòng", pages[UPCOMING_PAGE])[0]]
    assert lines == sum(counts) > 0
    assert all(LINK.findall(text) for text in pages.values())
