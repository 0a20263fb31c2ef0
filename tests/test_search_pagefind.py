"""Pagefind engine (ldkb.search_pagefind + the worker's Pagefind path): the real site built with
`engine: pagefind`, served over HTTP with gzip, queried through Material's own search box in
Debian's Chromium; and the choice of engine (auto keeps lunr at the real corpus, the offline
copy is always lunr)."""
from __future__ import annotations

import json
import os
import re
import sys

import pytest
import yaml

from conftest import ROOT, copy_project, run_mkdocs
from ldkb.search_measure import SearchPage, nfd
from ldkb.search_pagefind import MARKER, dd_forms, record_html
from ldkb.textnorm import fold

SPEC = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
PLAN = SPEC["plan"]
# Folded, tone placement, đ/d, NFD, symbols, numbers, abbreviations, exact-before-folded.
KINDS = {"plain", "tone", "dd", "nfd", "symbol", "number", "abbr", "exact"}
QUERIES = [e for e in SPEC["queries"] if set(e["kind"]) & KINDS]


def typed(entry: dict) -> str:
    return nfd(entry["q"]) if entry.get("nfd") else entry["q"]


def expected(entry: dict) -> str:
    return PLAN + entry["expect"] if entry["expect"].startswith("#") else entry["expect"]


def qid(entry: dict) -> str:
    return entry["q"] + (" [NFD]" if entry.get("nfd") else "")


def with_engine(project, engine: str) -> None:
    cfg = project / "mkdocs.yml"
    text, n = re.subn(r"^  - ldkb-search$", f"  - ldkb-search:\n      engine: {engine}",
                      cfg.read_text(encoding="utf-8"), flags=re.M)
    assert n == 1, "mkdocs.yml: ldkb-search entry not found"
    cfg.write_text(text, encoding="utf-8")


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

@pytest.fixture(scope="module")
def pagefind_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pf") / "project")
    with_engine(project, "pagefind")
    return project


@pytest.fixture(scope="module")
def pagefind_site(pagefind_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("pf-site")
    result = run_mkdocs(pagefind_project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def pagefind_url(pagefind_site):
    from staticserver import serve

    url, server = serve(pagefind_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def fetched():
    return []


@pytest.fixture(scope="module")
def search(browser, pagefind_url, fetched):
    page = browser.new_page()
    page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
    page.on("console", lambda m: print("console:", m.type, m.text) if m.type in ("error", "warning") else None)
    page.on("requestfailed", lambda r: print("request failed:", r.url, r.failure))
    sp = SearchPage(page, pagefind_url)
    sp.open()
    yield sp
    page.close()



def test_bundle_written_and_lunr_index_slim(pagefind_site):
    assert (pagefind_site / "pagefind" / "pagefind.js").is_file()
    assert list((pagefind_site / "pagefind" / "fragment").iterdir())
    # Pagefind's own UI is not shipped: Material's search box stays.
    assert not (pagefind_site / "pagefind" / "pagefind-ui.js").exists()
    index = json.loads((pagefind_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    assert index["config"]["ldkb_pagefind"] == "../../../pagefind/pagefind.js"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("entry", QUERIES, ids=qid)
def test_expected_part_in_top_three(search, entry):
    result = search.search(typed(entry))
    assert result["typed"] == typed(entry)
    top = [h["path"] for h in result["hits"][:3]]
    order = [h["path"] for h in result["all"]]
    want = expected(entry)
    if entry.get("anywhere"):
        assert want in order, f"{qid(entry)}: {order}"
    elif entry.get("above"):
        other = PLAN + entry["above"]
        assert want in order and (other not in order or order.index(want) < order.index(other)), \
            f"{qid(entry)}: {order}"
    elif entry.get("first"):
        assert top[:1] == [want], f"{qid(entry)}: {top}"
    else:
        assert want in top, f"{qid(entry)}: {top}"


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
def test_answers_come_from_pagefind_and_stay_on_the_origin(search, pagefind_url, fetched):
    search.search("năng suất")
    urls = [u for u, _ in fetched]
    assert any("/pagefind/" in u and u.endswith(".pf_fragment") for u in urls)
    assert [u for u in urls if not u.startswith(pagefind_url) and not u.startswith("data:")] == []
    # The page fetched lunr's index only as its (empty) config.
    index = [n for u, n in fetched if u.endswith("search/search_index.json")]
    assert index and max(index) < 2000


def test_offline_copy_is_lunr_even_with_engine_pagefind(pagefind_project, tmp_path):
    out = tmp_path / "offline"
    env = {**os.environ, "LDKB_OFFLINE": "true"}
    import subprocess

    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                       cwd=pagefind_project, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not (out / "pagefind").exists()
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and "ldkb_pagefind" not in index["config"]


def test_auto_keeps_lunr_at_the_real_corpus(site):
    # `site` is the repository's own build (engine: auto): 26 KB gzip, far below the threshold.
    assert not (site / "pagefind").exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and "ldkb_pagefind" not in index["config"]
