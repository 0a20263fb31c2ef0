"""Shared by the browser search tests: the query set, and the real site built with a chosen
search engine, served over HTTP with gzip and opened in Chromium through Material's search box.

    engine_project, engine_site, engine_url, fetched, search = engine_fixtures("shards")
"""
from __future__ import annotations


import pytest
import yaml

from conftest import ROOT, plugin_options
from tools.search_measure import SearchPage, nfd

SPEC = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
PLAN = SPEC["plan"]


def typed(entry: dict) -> str:
    return nfd(entry["q"]) if entry.get("nfd") else entry["q"]


def expected(entry: dict) -> str:
    return PLAN + entry["expect"] if entry["expect"].startswith("#") else entry["expect"]


def qid(entry: dict) -> str:
    return entry["q"] + (" [NFD]" if entry.get("nfd") else "")


def assert_expected(search, entry: dict, *, other_may_be_absent: bool = False) -> None:
    """Type the entry's query and check where its expected part stands (the query set's rules:
    `anywhere`, `above` another part, `first`, else in the top three)."""
    result = search.search(typed(entry))
    # The engine got the whole query, including a last non-ASCII letter.
    assert result["typed"] == typed(entry)
    top = [h["path"] for h in result["hits"][:3]]
    order = [h["path"] for h in result["all"]]
    want = expected(entry)
    if entry.get("anywhere"):
        assert want in order, f"{qid(entry)}: {order}"
    elif entry.get("above"):
        other = PLAN + entry["above"]
        assert want in order and (other in order or other_may_be_absent), f"{qid(entry)}: {order}"
        assert other not in order or order.index(want) < order.index(other), f"{qid(entry)}: {order}"
    elif entry.get("first"):
        assert top[:1] == [want], f"{qid(entry)}: {top}"
    else:
        assert want in top, f"{qid(entry)}: {top}"


def search_options(project, **options) -> None:
    """Set options of the `ldkb-search` plugin in a project copy's mkdocs.yml."""
    plugin_options(project, "ldkb-search", **options)


def with_engine(project, engine: str) -> None:
    search_options(project, engine=engine)


def engine_fixtures(engine: str):
    """Module-scoped fixtures for one engine; assign them to these names in the test module. The
    build itself is shared by the session (conftest.engine_builds)."""

    @pytest.fixture(scope="module")
    def engine_project(engine_builds):
        return engine_builds(engine)[0]

    @pytest.fixture(scope="module")
    def engine_site(engine_builds):
        return engine_builds(engine)[1]

    @pytest.fixture(scope="module")
    def engine_url(engine_site):
        from staticserver import serve

        url, server = serve(engine_site)
        yield url
        server.shutdown()

    @pytest.fixture(scope="module")
    def fetched():
        return []

    @pytest.fixture(scope="module")
    def search(browser, engine_url, fetched):
        page = browser.new_page()
        page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
        page.on("console", lambda m: print("console:", m.type, m.text) if m.type in ("error", "warning") else None)
        page.on("requestfailed", lambda r: print("request failed:", r.url, r.failure))
        sp = SearchPage(page, engine_url)
        sp.open()
        yield sp
        page.close()

    return engine_project, engine_site, engine_url, fetched, search
