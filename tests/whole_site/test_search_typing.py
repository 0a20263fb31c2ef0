"""Typing in the real search box, Debian's Chromium, on the real site with lunr and with the shards
engine: whatever the machine's speed, the answers come in the order the queries were typed, the
last one is for the whole query, and the page draws it. How many answers a burst gets is the
burst rule's business, checked with an injected clock (tests/search/test_worker_bursts.py): counted
here it depended on how fast a busy machine delivered the keystrokes."""
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


def test_typed_queries_are_answered_in_order_ending_with_the_whole_query(search):
    sent, results = typed(search, 0)
    queries = [s["q"] for s in sent]
    assert queries[-1] == QUERY and len(queries) >= 15  # one query per keystroke that changed the text
    answers = [r["query"]["typed"] for r in results]
    assert answers and answers[-1] == QUERY
    # Each answer is for a query that was sent, in the order they were sent (none out of turn).
    positions = [queries.index(a) for a in answers]
    assert positions == sorted(positions), answers
    assert search.page.locator(".md-search-result__item").count() > 0
