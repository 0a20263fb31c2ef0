"""The search worker's result messages carry only what Material's page reads, and the results
look exactly as before. Every keystroke's message is cloned to the page and rendered there, so
its size is paid on the page's main thread; lunr's sections each carried their whole page
(`parent`) as well. Section texts are not cut: Material 9.8 shows them in full.
Debian's Chromium on the real site, against a copy whose worker keeps everything (as before)."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import serve_dir
from tools.search_measure import SearchPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKER = "assets/javascripts/workers/ldkb-search.js"
# What Material's page reads of a result item (renderSearchDocument, renderSearchResultItem).
MATERIAL_FIELDS = {"location", "title", "text", "tags", "score", "terms"}
QUERIES = ["lao động", "thi đua", "công đoàn cơ sở", "117/KH-LĐLĐ", "năng suất lao đ", "phúc lợi", "đ"]

# Keeps the last result message as the page received it, and its size as JSON.
CAPTURE = """(() => {
  const W = window.Worker;
  const P = class extends W { constructor(...a) { super(...a); this.addEventListener("message", e => {
    const d = e.data || {};
    if (d.type === 3) window.__ldkbLastResult = { size: JSON.stringify(d).length, items: d.data.items };
  }); } };
  let current = P;
  Object.defineProperty(window, "Worker", { configurable: true, get() { return current; }, set(v) { current = v; } });
})()"""

# Renders every group (Material draws ten, then more as the list is scrolled), opens every
# "more" fold; returns the results pane's HTML.
RENDER_ALL = """async (groups) => {
  const wrap = document.querySelector(".md-search__scrollwrap");
  for (let i = 0; i < 100 && document.querySelectorAll(".md-search-result__item").length < groups; i++) {
    // Material adds four more groups each time the bottom comes (again) into view.
    wrap.scrollTop = 0;
    await new Promise(r => setTimeout(r, 30));
    wrap.scrollTop = wrap.scrollHeight;
    await new Promise(r => setTimeout(r, 30));
  }
  document.querySelectorAll("details.md-search-result__more").forEach(d => { d.open = true; });
  return [document.querySelectorAll(".md-search-result__item").length, document.querySelector(".md-search-result").innerHTML];
}"""

# The worker as before: items keep every field, page entries keep their text.
KEEP_ALL = [
    ("function dropUnshownText(group) {", "function dropUnshownText(group) { return group;"),
    ("    delete item.parent\n", ""),
    ("    delete item.boost\n", ""),
    ("    delete item.ldkb_part\n", ""),
    ("    delete item.ldkb_doc\n", ""),
]


@pytest.fixture(scope="module")
def full_url(site, tmp_path_factory):
    copy = tmp_path_factory.mktemp("full") / "site"
    shutil.copytree(site, copy)
    worker = copy / WORKER
    text = worker.read_text(encoding="utf-8")
    for old, new in KEEP_ALL:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    worker.write_text(text, encoding="utf-8")
    url, server = serve_dir(copy)
    yield url
    server.shutdown()


def open_search(browser, url):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script(CAPTURE)
    sp = SearchPage(page, url)
    sp.open()
    return sp


@pytest.fixture(scope="module")
def slim(browser, site_url):
    sp = open_search(browser, site_url)
    yield sp
    sp.page.close()


@pytest.fixture(scope="module")
def full(browser, full_url):
    sp = open_search(browser, full_url)
    yield sp
    sp.page.close()


def results(sp, query):
    sp.search(query)
    last = sp.page.evaluate("() => window.__ldkbLastResult")
    rendered, html = sp.page.evaluate(RENDER_ALL, len(last["items"]))
    assert rendered == len(last["items"]), (query, rendered)
    # The two copies are served on different ports.
    return last, re.sub(r"http://127\.0\.0\.1:\d+/", "/", html)


def test_items_carry_only_what_material_reads(slim):
    for query in QUERIES:
        last, _ = results(slim, query)
        items = [item for group in last["items"] for item in group]
        assert items, query
        extra = {key for item in items for key in item} - MATERIAL_FIELDS
        assert not extra, (query, extra)


@pytest.mark.parametrize("query", QUERIES)
def test_results_look_the_same_and_messages_shrink(slim, full, query):
    small, shown = results(slim, query)
    big, shown_before = results(full, query)
    # Same groups, items, order, scores, titles and links, every text that Material draws.
    assert shown == shown_before
    assert [[i["location"] for i in g] for g in small["items"]] == [[i["location"] for i in g] for g in big["items"]]
    for group, before in zip(small["items"], big["items"], strict=False):
        for item, old in zip(group, before, strict=False):
            # Texts are whole or (a page entry Material does not draw) empty, never cut.
            assert item["text"] in (old["text"], "")
            assert {k: item.get(k) for k in MATERIAL_FIELDS - {"text"}} == {k: old.get(k) for k in MATERIAL_FIELDS - {"text"}}
    if len(big["items"]) >= 10:
        assert small["size"] < 0.8 * big["size"], (small["size"], big["size"])


def test_page_entry_text_is_dropped_only_where_material_hides_it(slim):
    small, _ = results(slim, "lao động")
    dropped = 0
    for group in small["items"]:
        at = next(i for i, item in enumerate(group) if "#" not in item["location"])
        rest = group[:at] + group[at + 1:]
        teaser = at == 0 and not (rest and rest[0]["score"] >= group[0]["score"])
        if not teaser:
            assert group[at]["text"] == ""
            dropped += 1
    assert dropped  # the case occurs in this query: the comparison above covered it
