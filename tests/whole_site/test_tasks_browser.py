""""Ai làm gì" in real Chromium on the task fixture: at 360×740 every unit's tasks are shown, as cards,
with no clipped column; at 1280×900 the table keeps its first column in place while it scrolls and
says that it scrolls."""
from __future__ import annotations

import pytest

from conftest import serve_dir
from pagechecks import axe_violations, small_tap_targets, with_axe
from tasks_expected import DOC, PAIRS, UNITS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url(tasks_site):
    base, server = serve_dir(tasks_site)
    yield base
    server.shutdown()


def test_phone_shows_every_units_tasks_in_cards_without_clipping(browser, url):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(url + "ai-lam-gi/", wait_until="load")
    assert not page.is_visible(".vb-matrix-wide")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the page never scrolls sideways
    clipped = page.evaluate("""() => [...document.querySelectorAll('.vb-matrix-cards *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
        .map(e => e.outerHTML.slice(0, 80))""")
    assert clipped == []
    for unit in UNITS:
        card = page.locator(f'.vb-card[data-unit="{unit}"]')
        assert card.is_visible()
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        hrefs = card.evaluate("c => [...c.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        anchors = {h.split("#", 1)[1] for h in hrefs if f"{DOC}/#" in h}
        assert anchors == {a for a, u, *_ in PAIRS if u == unit}, unit
        for link in card.locator("li > a").all():
            lb = link.bounding_box()
            assert lb["x"] >= 0 and lb["x"] + lb["width"] <= 360
    page.close()


def test_wide_screen_table_keeps_its_first_column_and_shows_it_scrolls(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "ai-lam-gi/", wait_until="load")
    assert page.is_visible(".vb-matrix-wide") and not page.is_visible(".vb-matrix-cards")
    wrap = page.locator(".vb-matrix")
    # Nine unit columns do not fit beside the menu: the table scrolls inside its region, and says so.
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    assert page.is_visible(".vb-scroll-cue")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # the page itself does not
    first = page.locator('.vb-matrix tbody th[scope="row"]').first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    x0 = first.bounding_box()["x"]
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    page.wait_for_timeout(50)
    assert abs(first.bounding_box()["x"] - x0) < 1  # stays in place
    last = page.locator(".vb-matrix thead th").last
    wb, lb = wrap.bounding_box(), last.bounding_box()
    assert lb["x"] + lb["width"] <= wb["x"] + wb["width"] + 1  # the last column can be reached
    page.close()


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab per screen size for the accessibility checks, reused from page to page (a fresh tab
    per page costs a new renderer and a cold axe-core)."""
    opened: dict = {}

    def tab(width: int, height: int):
        if (width, height) not in opened:
            context = browser.new_context(viewport={"width": width, "height": height})
            with_axe(context)
            opened[width, height] = context.new_page()
        return opened[width, height]

    yield tab
    for page in opened.values():
        page.context.close()


@pytest.mark.parametrize("width,height", [(360, 740), (1280, 900)])
@pytest.mark.parametrize("path", ["ai-lam-gi/", "don-vi/ban-to-chuc/", "viec-sap-den-han/", f"van-ban/{DOC}/"])
def test_task_pages_have_no_serious_accessibility_violation(tabs, url, path, width, height):
    page = tabs(width, height)
    page.goto(url + path, wait_until="load")
    assert axe_violations(page) == []
    if width == 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert small_tap_targets(page) == []
