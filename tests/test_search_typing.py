"""Queries typed in a burst are answered once (the search worker's burstDelay): each answer costs
the page ~10 ms of drawing, and answering every keystroke of fast typing, or of a Vietnamese input
method rewriting a word, piled them up behind the last one. Keystrokes at a person's pace are all
answered, at once. Debian's Chromium, on the real site with lunr and with the shards engine."""
from __future__ import annotations

import pytest

from tools.search_measure import SearchPage
from searchsite import engine_fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERY = "người sử dụng lao động"

engine_project, engine_site, engine_url, fetched, _ = engine_fixtures("shards")


@pytest.fixture(params=["lunr", "shards"])
def search(request, browser, site_url):
    url = site_url if request.param == "lunr" else request.getfixturevalue("engine_url")
    page = browser.new_page()
    sp = SearchPage(page, url)
    sp.open()
    sp.search("lao động")  # the index is loaded and warm
    yield sp
    page.close()


def typed(search, delay_ms: float) -> tuple[list, list]:
    """Types QUERY at `delay_ms` between keys; the query messages sent meanwhile and the result
    messages received, as the page saw them."""
    page = search.page
    page.evaluate("() => { const s = window.__ldkbSearch; s.sent.length = 0; s.results.length = 0; s.done = undefined; }")
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(QUERY, delay=delay_ms)
    page.wait_for_function("q => { const d = window.__ldkbSearch.done; return d && d.typed === q; }", arg=QUERY,
                           timeout=15_000)
    page.wait_for_timeout(300)  # nothing still on its way
    return page.evaluate("() => [window.__ldkbSearch.sent, window.__ldkbSearch.results]")


def test_a_burst_is_answered_once_with_the_latest_query(search):
    sent, results = typed(search, 0)
    assert len(sent) >= 15  # one query per keystroke that changed the text
    assert 1 <= len(results) <= 3, [r["query"]["typed"] for r in results]
    assert results[-1]["query"]["typed"] == QUERY
    # The wait is once per burst, not once per keystroke (15 keystrokes x 25 ms would be 375 ms).
    assert results[-1]["ms"] < 200, results[-1]["ms"]
    assert search.page.locator(".md-search-result__item").count() > 0


def test_keystrokes_at_a_persons_pace_are_each_answered(search):
    sent, results = typed(search, 150)
    assert len(results) == len(sent) >= 15
    assert [r["query"]["typed"] for r in results] == [s["q"] for s in sent]
