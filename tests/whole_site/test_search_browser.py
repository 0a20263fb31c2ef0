"""Search in a real browser: the query set in tests/search_queries.yml, typed into the site's
search box in Debian's Chromium, served over HTTP and opened from file:// (offline copy)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import forkrun

from ldkb.model.corpus import load_corpus
from tools.search_measure import SearchPage, nfd
from ldkb.text.normalize import fold
from searchsite import PLAN, SPEC, assert_expected, expected, qid, typed

ROOT = Path(__file__).resolve().parents[2]
QUERIES = SPEC["queries"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture(scope="module")
def search(browser, site_url, requests_seen):
    page = browser.new_page()
    page.on("request", lambda r: requests_seen.append(r.url))
    sp = SearchPage(page, site_url)
    sp.open()
    yield sp
    page.close()


def test_query_set_is_big_and_varied():
    kinds = {k for e in QUERIES for k in e["kind"]}
    assert len(QUERIES) >= 40
    assert {"accent", "plain", "tone", "nfd", "abbr", "symbol", "number", "phrase", "exact"} <= kinds
    assert any(e["q"] == "117" for e in QUERIES) and any(e["q"] == "81b" for e in QUERIES)


@pytest.mark.parametrize("entry", QUERIES, ids=qid)
def test_expected_part_in_top_three(search, entry):
    assert_expected(search, entry)


ACCENTED = [e for e in QUERIES if not e.get("exact") and fold(e["q"]) != e["q"].lower()]


@pytest.mark.parametrize("entry", ACCENTED, ids=qid)
def test_plain_form_gives_same_first_result(search, entry):
    accented = search.search(typed(entry))["hits"]
    plain = search.search(fold(entry["q"]))["hits"]
    assert accented and plain
    assert plain[0]["path"] == accented[0]["path"]


def test_engine_receives_exact_and_folded_terms(search):
    result = search.search("đình")
    assert result["typed"] == "đình"
    assert result["engine"].split() == ["đình", "dinh"]
    result = search.search(nfd("hoà"))
    assert result["engine"].split() == ["hoà", "hoa"]
    assert search.search("hòa")["engine"].split() == ["hoà", "hoa"]  # tone placement unified
    assert search.search("117/KH-LĐLĐ")["engine"].split() == ["117", "kh", "lđlđ", "ldld", "117khldld"]


def test_results_show_part_and_document(search):
    corpus = load_corpus(ROOT / "content")
    plan = corpus.by_slug(PLAN.split("/")[1])
    hit = next(h for h in search.search("thương lượng tập thể")["hits"] if h["path"] == PLAN + "#ii-3-2")
    assert hit["part"] == "II.3.2"
    assert hit["doc"] == (plan.so_ky_hieu or plan.title)
    heading = next(p for p in plan.noi_dung[1].muc[2].muc if p.id == "II.3.2").heading
    assert heading in hit["title"]
    # A document with a symbol shows it on its own result.
    hit = search.search("81b")["hits"][0]
    assert "81b/KH-TLĐ" in hit["title"]


def test_result_deep_links_to_the_part(search):
    page = search.page
    search.search("dinh cong")
    link = page.locator("a.md-search-result__link[href*='#ii-3-2']").first
    link.click()
    page.wait_for_url("**#ii-3-2")
    heading = page.locator("#ii-3-2")
    assert heading.get_attribute("data-part") == "II.3.2"
    # Back to a page with the search box for the tests that follow.
    search.open()


def test_folded_match_is_highlighted_without_broken_markup(search):
    search.search("hai hoa")
    results = search.page.locator(".md-search-result__list")
    html = results.inner_html()
    assert "<mark>hài</mark>" in html and "<mark>hòa</mark>" in html
    # A position marked twice used to leave "rk>" fragments as visible text.
    text = results.evaluate("el => el.textContent")
    assert "rk>" not in text and "<mark" not in text


def test_no_request_to_another_host(search, site_url, requests_seen):
    search.search("năng suất")
    assert requests_seen
    others = [u for u in requests_seen if not u.startswith(site_url) and not u.startswith("data:")]
    assert others == []


OFFLINE_QUERIES = [e for e in QUERIES if e["q"] in {
    "dinh cong", "hài hoà", "CĐCS", "Công đoàn cơ sở", "117", "81b", "quan hệ lao động hài hoà, ổn định"}
    and not (e.get("anywhere") or e.get("above") or e.get("nfd"))]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline-site")
    env = {**os.environ, "LDKB_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    r = forkrun.subprocess_run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


def test_offline_copy_searches_from_file_url(browser, offline_site):
    assert (offline_site / "search" / "search_index.js").is_file()
    page = browser.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    try:
        base = (offline_site / "index.html").as_uri()
        sp = SearchPage(page, offline_site.as_uri() + "/")
        sp.open(base)
        assert len(OFFLINE_QUERIES) == 7
        for entry in OFFLINE_QUERIES:
            result = sp.search(typed(entry))
            assert result["typed"] == typed(entry)
            top = [h["path"] for h in result["hits"][:3]]
            assert expected(entry) in top, f"{entry['q']}: {top}"
    finally:
        page.close()
    assert [u for u in seen if not u.startswith("file://")] == []
