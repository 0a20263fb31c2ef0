"""Pagefind engine (ldkb.search.pagefind + the worker's Pagefind path): the real site built with
`engine: pagefind`, served over HTTP with gzip, queried through Material's own search box in
Debian's Chromium; and the choice of engine (auto keeps lunr at the real corpus, the offline
copy is always lunr)."""
from __future__ import annotations

import json
import os
import sys

import pytest

import forkrun

from ldkb.search.pagefind import MARKER, dd_forms, record_html
from ldkb.text.normalize import fold
from searchsite import PLAN, SPEC, assert_expected, engine_fixtures, qid

# Folded, tone placement, đ/d, NFD, symbols, numbers, abbreviations, exact-before-folded.
KINDS = {"plain", "tone", "dd", "nfd", "symbol", "number", "abbr", "exact"}
QUERIES = [e for e in SPEC["queries"] if set(e["kind"]) & KINDS]


# --- records (no browser) ---------------------------------------------------------------

def test_dd_forms_fold_only_words_with_dd():
    assert dd_forms("Đình công, hài hoà; CĐCS") == ["dinh", "cdcs"]


def test_record_keeps_location_fields_and_written_text_first():
    entry = {"location": "van-ban/x/#ii-3-2", "title": "Đình công", "text": "<p>Tổ chức &amp; đình công</p>",
             "boost": 3.0, "ldkb_part": "II.3.2", "ldkb_doc": "117/KH-LĐLĐ", "ldkb_title": "cđcs"}
    page = record_html(entry, "Kế hoạch 117")
    for meta in ('"l[content]" content="van-ban/x/#ii-3-2"', '"p[content]" content="II.3.2"',
                 '"d[content]" content="117/KH-LĐLĐ"', '"pt[content]" content="Kế hoạch 117"',
                 '"b[content]" content="3.0"'):
        assert meta in page
    body = page.split("<body>", 1)[1]
    # The written text, then the marker the worker cuts at, then titles and keys.
    assert body.index("Tổ chức &amp; đình công") < body.index(MARKER) < body.index("Đình công<")
    assert "cđcs dinh cdcs" in body.replace("</p>", " ")


# --- the real site with engine: pagefind ------------------------------------------------

engine_project, engine_site, engine_url, fetched, search = engine_fixtures("pagefind")


def test_bundle_written_and_lunr_index_slim(engine_site):
    assert (engine_site / "pagefind" / "pagefind.js").is_file()
    assert list((engine_site / "pagefind" / "fragment").iterdir())
    # Pagefind's own UI is not shipped: Material's search box stays.
    assert not (engine_site / "pagefind" / "pagefind-ui.js").exists()
    index = json.loads((engine_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    assert index["config"]["ldkb_pagefind"] == "../../../pagefind/pagefind.js"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("entry", QUERIES, ids=qid)
def test_expected_part_in_top_three(search, entry):
    # Split engines may leave the other part out of the results altogether.
    assert_expected(search, entry, other_may_be_absent=True)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("q", ["đình công", "hài hoà", "CĐCS", "bảo hiểm xã hội"])
def test_plain_form_gives_same_first_result(search, q):
    accented = search.search(q)["hits"]
    plain = search.search(fold(q))["hits"]
    assert accented and plain and plain[0]["path"] == accented[0]["path"]


@pytest.mark.browser
@pytest.mark.slow
def test_results_show_part_document_and_marks(search):
    hit = next(h for h in search.search("thuong luong tap the")["hits"] if h["path"] == PLAN + "#ii-3-2")
    assert hit["part"] == "II.3.2" and hit["doc"]
    html = search.page.locator(".md-search-result__list").inner_html()
    assert "<mark>thương</mark>" in html and MARKER not in html
    # Written text shown, never the folded forms the bundle adds for `đ`.
    search.search("dinh cong")
    text = search.page.locator(".md-search-result__list").evaluate("el => el.textContent")
    assert "đình công" in text.lower()


@pytest.mark.browser
@pytest.mark.slow
def test_answers_come_from_pagefind_and_stay_on_the_origin(search, engine_url, fetched):
    search.search("năng suất")
    urls = [u for u, _ in fetched]
    assert any("/pagefind/" in u and u.endswith(".pf_fragment") for u in urls)
    assert [u for u in urls if not u.startswith(engine_url) and not u.startswith("data:")] == []
    # The page fetched lunr's index only as its (empty) config.
    index = [n for u, n in fetched if u.endswith("search/search_index.json")]
    assert index and max(index) < 2000


def test_offline_copy_is_lunr_even_with_engine_pagefind(engine_project, tmp_path):
    out = tmp_path / "offline"
    env = {**os.environ, "LDKB_OFFLINE": "true"}

    r = forkrun.subprocess_run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                               cwd=engine_project, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not (out / "pagefind").exists()
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and "ldkb_pagefind" not in index["config"]


def test_auto_keeps_lunr_at_the_real_corpus(site):
    # `site` is the repository's own build (engine: auto): 26 KB gzip, far below the threshold.
    assert not (site / "pagefind").exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and "ldkb_pagefind" not in index["config"]
