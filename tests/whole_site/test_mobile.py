"""Phone first: every page type at 360 × 740 in Debian's Chromium (issue 7, point 1).

No sideways scrolling of the page (wide tables and the graph scroll inside themselves),
tap targets of at least 44 × 44 px, the graph readable on a small screen with its list.
"""
from __future__ import annotations

import pytest

from pagechecks import (PHONE, foreign, goto_quiet, open_search, page_overflow, page_types, recording_context, settle,
                        small_tap_targets)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KINDS = ["trang-chu", "van-ban", "danh-muc-van-ban", "don-vi", "phong-trao", "so-do", "thuat-ngu",
         "dong-thoi-gian", "ai-lam-gi", "huong-dan-bien-tap"]


@pytest.fixture
def phone(browser, built_url):
    """A fresh phone per test: a mobile browser keeps its zoom across navigations."""
    context, requests = recording_context(browser, **PHONE)
    page = context.new_page()
    yield page
    context.close()
    assert foreign(requests, built_url) == []


def _goto(page, url):
    goto_quiet(page, url)


def _assert_fits(page, where):
    o = page_overflow(page)
    assert o["scroll"] <= o["view"], f"{where}: page scrolls sideways ({o['scroll']} > {o['view']} px): {o['wide']}"
    assert o["wide"] == [], f"{where}: elements wider than the screen outside a scroller: {o['wide']}"


def test_every_page_type_is_present(built_site):
    assert sorted(page_types(built_site)) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_page_fits_a_phone_and_targets_are_big(phone, built_site, built_url, kind):
    _goto(phone, built_url + page_types(built_site)[kind])
    _assert_fits(phone, kind)
    assert small_tap_targets(phone) == [], f"{kind}: tap targets under 44 px"
    # The navigation drawer, opened with the menu button, is what a phone reader navigates with.
    phone.click('label.md-header__button[for="__drawer"]')
    phone.wait_for_function("document.getElementById('__drawer').checked")
    settle(phone)  # the drawer slides in
    assert small_tap_targets(phone) == [], f"{kind}, menu open: tap targets under 44 px"
    _assert_fits(phone, f"{kind}, menu open")


def test_search_fits_a_phone_and_targets_are_big(phone, built_url):
    _goto(phone, built_url)
    open_search(phone)
    assert phone.locator(".md-search-result__item").count() > 0
    _assert_fits(phone, "search")
    assert small_tap_targets(phone) == [], "search results: tap targets under 44 px"


def test_who_does_what_is_one_card_per_unit_on_a_phone(phone, built_site, built_url):
    # The "who does what" table has one column per unit: wider than any phone. Below ~900 px it is
    # replaced by one card per unit (issue 16), each as wide as the screen at most.
    _goto(phone, built_url + page_types(built_site)["ai-lam-gi"])
    info = phone.evaluate("""() => ({
        table: getComputedStyle(document.querySelector('.vb-matrix-wide')).display,
        cards: [...document.querySelectorAll('.vb-card')].map(c => {
            const r = c.getBoundingClientRect();
            return {left: r.left, right: r.right, links: c.querySelectorAll('li a').length};
        })})""")
    assert info["table"] == "none"
    assert info["cards"], "expected one card per unit"
    for card in info["cards"]:
        assert card["left"] >= 0 and card["right"] <= 360 and card["links"] > 0, card
    _assert_fits(phone, "ai-lam-gi")


def test_graph_is_readable_on_a_phone_and_has_a_list(phone, built_site, built_url):
    _goto(phone, built_url + page_types(built_site)["so-do"])
    info = phone.evaluate("""() => {
        const svg = document.querySelector('svg.vb-graph');
        const box = svg.closest('.vb-graph-scroll');
        const label = svg.querySelector('text').getBoundingClientRect();
        return {drawn: svg.getBoundingClientRect().width, native: svg.viewBox.baseVal.width,
                label: label.height, scroller: getComputedStyle(box).overflowX, focusable: box.tabIndex >= 0,
                nodes: [...svg.querySelectorAll('a')].map(a => a.getAttribute('href')),
                listed: [...document.querySelectorAll('.md-content a')].filter(a => !a.closest('svg')).map(a => a.getAttribute('href'))};
    }""")
    if info["drawn"] > 0:
        # Drawn on the phone: at full size (labels as big as on a desktop), panned in its own scroller.
        assert info["drawn"] >= info["native"] - 1, info
        assert info["label"] >= 10, info
        assert info["scroller"] in ("auto", "scroll") and info["focusable"], info
    # Drawn or not, every document of the graph is reachable from the list that replaces it.
    assert info["nodes"] and set(info["nodes"]) <= set(info["listed"]), info
    listed = phone.evaluate("""() => [...document.querySelectorAll('.md-content a')]
        .filter(a => !a.closest('svg') && a.getBoundingClientRect().height > 0).length""")
    assert listed >= len(set(info["nodes"])), "the list must be visible on a phone"
    _assert_fits(phone, "so-do")
