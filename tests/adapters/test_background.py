"""The build's background worker (ldkb_mkdocs/background.py): calls run in order with state kept,
failures come back, nothing is left running, and a site built with the search index made in the
worker is byte for byte the site built without it."""
from __future__ import annotations

import os

import pytest

from conftest import build_after, copy_project, site_files
from searchsite import search_options
from ldkb_mkdocs.background import Background, BackgroundError

_seen: list = []


def _keep(value) -> None:
    _seen.append(value)


def _kept() -> tuple[list, int]:
    return list(_seen), os.getpid()


def _fail(message: str) -> None:
    raise ValueError(message)


def test_calls_run_in_order_and_keep_state():
    _seen.clear()
    bg = Background()
    try:
        for i in range(2000):  # more than one batch and more than the pipe holds
            bg.call(_keep, f"{i:04d}" * 100)
        seen, pid = bg.result(_kept)
    finally:
        bg.close()
    assert seen == [f"{i:04d}" * 100 for i in range(2000)]
    assert pid != os.getpid()
    assert _seen == [], "the calls ran in the worker, not here"


def test_a_failed_call_is_reported_by_the_next_result():
    bg = Background()
    try:
        bg.call(_fail, "hỏng ở trang 3")
        bg.call(_keep, "x")
        with pytest.raises(BackgroundError, match="hỏng ở trang 3"):
            bg.result(_kept)
    finally:
        bg.close()


def test_close_leaves_no_process():
    bg = Background()
    bg.call(_keep, "x")
    process = bg._process
    assert process is not None and process.is_alive()
    bg.close()
    assert not process.is_alive() and process.exitcode == 0


# `auto` with a tiny threshold: the worker starts the shard index part-way through the pages;
# `auto-lunr`: the threshold is never reached, the worker's running gzip size decides at the end.
@pytest.mark.parametrize("engine", ["lunr", "shards", "auto", "auto-lunr"])
def test_site_same_with_and_without_the_worker(engine, tmp_path):
    sites = {}
    for background in (True, False):
        project = copy_project(tmp_path / f"p-{background}")
        extra = {"split_above_gzip": 5000} if engine == "auto" else {}
        search_options(project, engine=engine.removesuffix("-lunr"), background=str(background).lower(),
                       background_min_pages=0, **extra)
        sites[background] = tmp_path / f"site-{background}"
        result = build_after(project, sites[background])
        assert result.returncode == 0, result.stderr[-3000:]
    with_worker, without = site_files(sites[True]), site_files(sites[False])
    assert with_worker.keys() == without.keys()
    assert [name for name in with_worker if with_worker[name] != without[name]] == []
    split = any(name.startswith("search-shards/") for name in with_worker)
    assert split == (engine in ("shards", "auto"))


def test_a_failure_in_the_worker_fails_the_build_clearly(tmp_path):
    project = copy_project(tmp_path / "p")
    search_options(project, background_min_pages=0)
    boom = ("import ldkb_mkdocs.search.indexer as indexer; "
            "indexer.Enricher.entry = lambda *a, **k: (_ for _ in ()).throw(RuntimeError('chỉ mục hỏng'))")
    result = build_after(project, tmp_path / "site", boom)
    assert result.returncode != 0
    assert "Lập chỉ mục tìm kiếm thất bại" in result.stderr and "chỉ mục hỏng" in result.stderr
    assert "Traceback" not in result.stderr
