"""Accessibility of every page type in Debian's Chromium (issue 7, point 4).

axe-core (npm, pinned in package-lock.json) is injected into each page, on a desktop and on
a phone; no serious or critical violation is allowed. The structure a screen reader leans
on is checked directly too: lang="vi", one h1 and no skipped heading level, landmarks,
and link texts that say where they go without their surroundings.
"""
from __future__ import annotations

import re

import pytest

from pagechecks import (AXE, PHONE, axe_violations, foreign, goto_quiet, open_search, page_types, recording_context,
                        with_axe)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KINDS = ["trang-chu", "van-ban", "danh-muc-van-ban", "don-vi", "phong-trao", "so-do", "thuat-ngu",
         "dong-thoi-gian", "ai-lam-gi", "huong-dan-bien-tap"]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# Link texts that mean nothing out of context (what a screen reader's link list would show).
VAGUE = {"ở đây", "tại đây", "đây", "xem", "xem thêm", "thêm", "chi tiết", "bấm vào đây", "nhấn vào đây",
         "link", "liên kết", "click here", "here", "more", "read more"}


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab per device for the whole module, as a reader goes from page to page (a fresh tab
    per page cost a new renderer and a cold axe-core each time: twice the time, nothing more
    checked): {device: (tab, URLs it requested)}."""
    opened: dict = {}
    yield opened
    for tab, _ in opened.values():
        tab.context.close()


@pytest.fixture
def device_tab(browser, built_url, tabs):
    """The module's tab for a device ("desktop" or "phone"); no request of the test leaves the site."""
    used = []

    def open_tab(device: str):
        if device not in tabs:
            context, requests = recording_context(browser, **(PHONE if device == "phone" else DESKTOP))
            with_axe(context)
            tabs[device] = (context.new_page(), requests)
        tab, requests = tabs[device]
        requests.clear()
        used.append(requests)
        return tab

    yield open_tab
    for requests in used:
        assert foreign(requests, built_url) == []


@pytest.fixture(params=["desktop", "phone"])
def tab(request, device_tab):
    return device_tab(request.param)


def test_axe_core_is_installed():
    assert AXE.is_file(), "run `make test` (npm ci installs axe-core)"


# Every page type on a desktop; on a phone the search box and the 404 page (every page the build
# made is checked on a phone by test_every_page_of_the_site_on_a_phone, each page type's URL once
# its requests are over, as here).
@pytest.mark.parametrize("device, kind", [("desktop", kind) for kind in KINDS + ["tim-kiem", "404"]]
                         + [("phone", "tim-kiem"), ("phone", "404")])
def test_no_serious_axe_violation(device_tab, built_site, built_url, device, kind):
    tab = device_tab(device)
    if kind == "404":
        goto_quiet(tab, built_url + "khong-co-trang-nay/")
    else:
        goto_quiet(tab, built_url + page_types(built_site).get(kind, ""))
    if kind == "tim-kiem":
        open_search(tab)
    assert axe_violations(tab) == []


@pytest.mark.parametrize("kind", KINDS)
def test_page_structure(tab, built_site, built_url, kind):
    tab.goto(built_url + page_types(built_site)[kind])
    facts = tab.evaluate("""() => ({
        lang: document.documentElement.lang,
        title: document.title,
        description: (document.querySelector('meta[name=description]') || {}).content || '',
        headings: [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]
                  .filter(h => h.getClientRects().length).map(h => +h.tagName[1]),
        landmarks: ['header', 'main', 'footer', 'nav'].filter(t => document.querySelector(t)),
        links: [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length).map(a => ({
            href: a.getAttribute('href'),
            name: (a.getAttribute('aria-label') || a.textContent || a.getAttribute('title') || '').replace(/\\s+/g, ' ').trim(),
            title: a.getAttribute('title') || '', cls: String(a.className.baseVal ?? a.className)})),
    })""")
    assert facts["lang"] == "vi"
    assert facts["title"].strip() and facts["description"].strip()
    assert set(facts["landmarks"]) == {"header", "main", "footer", "nav"}
    levels = facts["headings"]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert skips == [], f"heading levels skipped: {skips}"
    for link in facts["links"]:
        name = link["name"].lower()
        if "headerlink" in link["cls"]:
            # The "¶" permalink is named by an aria-label (a title would cost a tooltip each).
            assert link["name"] != "¶" and not link["title"], link
            continue
        assert name and not re.fullmatch(r"[\W_]+", name), f"link without a readable name: {link}"
        assert name not in VAGUE, f"vague link text: {link}"


def test_every_page_of_the_site_on_a_phone(device_tab, built_site, built_url):
    """Beyond one page per type: axe on every page the build made, at 360 × 740 (each page type's
    URL once its requests are over (pagechecks.goto_quiet), as a reader sees it; the others at "load")."""
    pages = sorted(p.relative_to(built_site).parent.as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) > 20
    typed = {url.rstrip("/") or "." for url in page_types(built_site).values()}
    assert typed <= set(pages) and len(typed) == len(KINDS)
    page = device_tab("phone")
    problems = {}
    for rel in pages:
        if rel in typed:
            goto_quiet(page, built_url + ("" if rel == "." else rel + "/"))
        else:
            page.goto(built_url + ("" if rel == "." else rel + "/"))  # waits for "load"
        found = axe_violations(page)
        if found:
            problems[rel] = found
    assert problems == {}
