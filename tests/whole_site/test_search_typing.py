"""Typing in the real search box, Debian's Chromium, on the real site with each engine (lunr, the
shards, Pagefind): whatever the machine's speed, the answers come in the order the queries were
typed, the last one is for the whole query, and the page draws it. How many answers a burst gets
is the burst rule's business, checked with an injected clock (tests/search/test_worker_bursts.py):
counted here it depended on how fast a busy machine delivered the keystrokes."""
from __future__ import annotations

import pytest

from tools.search_measure import SearchPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERY = "người sử dụng lao động"


@pytest.fixture(scope="module")
def engine_urls(engine_builds):
    """The real site built with the shards and the Pagefind engines, each served over HTTP."""
    from staticserver import serve

    urls, servers = {}, []
    for engine in ("shards", "pagefind"):
        url, server = serve(engine_builds(engine)[1])
        urls[engine] = url
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()


# Every engine: the query-set tests of each engine paste whole queries; key-by-key typing is here.
@pytest.fixture(params=["lunr", "shards", "pagefind"])
def search(request, browser, site_url, engine_urls):
    url = site_url if request.param == "lunr" else engine_urls[request.param]
    page = browser.new_page()
    sp = SearchPage(page, url)
    sp.open()
    sp.search("lao động", keystrokes=True)  # the index is loaded and warm
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
