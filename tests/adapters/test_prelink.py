"""Document pages linked ahead in the build's background worker (ldkb_mkdocs/graph/prelink.py):
the site is byte for byte the site linked page by page in the build's own process, and a
failure in the worker fails the build with a Vietnamese message and no traceback."""
from __future__ import annotations


import pytest

from conftest import build_after, copy_project, plugin_options, site_files
from tools.bench.project import make_project


# The real collection (below the default threshold, so the worker is forced), and 40 synthetic
# documents above a threshold lowered to 20 pages (the path a collection above the default of 100
# takes; was 120 documents at the default), with and without abbreviations.
@pytest.mark.parametrize("which", ["real", "synthetic-40", "real-no-abbreviations"])
def test_site_same_with_and_without_linking_ahead(which, tmp_path):
    sites = {}
    for background in (True, False):
        if which.startswith("real"):
            project = copy_project(tmp_path / f"p-{background}")
            options = {"background_min_pages": 0}
        else:
            project = make_project(tmp_path / f"p-{background}", 40, seed=7)
            options = {"background_min_pages": 20}
        if which.endswith("no-abbreviations"):
            options["abbreviations"] = "false"
        plugin_options(project, "ldkb-graph", background=str(background).lower(), **options)
        sites[background] = tmp_path / f"site-{background}"
        # Proof that the pages were linked ahead: how many, as the build's end of page loop saw it.
        probe = ("import ldkb_mkdocs.graph.plugin as g; f = g.GraphPlugin.on_env; "
                 "g.GraphPlugin.on_env = lambda s, env, **k: (print('LINKED-AHEAD', len(s.linked_ahead)), "
                 "f(s, env, **k))[1]")
        result = build_after(project, sites[background], probe)
        assert result.returncode == 0, result.stderr[-3000:]
        ahead = int(result.stdout.split("LINKED-AHEAD")[1].split()[0])
        assert (ahead > 10) == background, ahead
    with_worker, without = site_files(sites[True]), site_files(sites[False])
    assert with_worker.keys() == without.keys()
    assert [name for name in with_worker if with_worker[name] != without[name]] == []
    page = next(v for k, v in with_worker.items() if k.startswith("van-ban/") and b'class="vb-cite' in v)
    assert page.count(b"<abbr") > 0 or which.endswith("no-abbreviations")


def test_a_failure_in_the_worker_fails_the_build_clearly(tmp_path):
    project = copy_project(tmp_path / "p")
    plugin_options(project, "ldkb-graph", background_min_pages=0)
    # Fails in the worker only (unlink_absent runs on every block there, on the page here too).
    boom = ("import os, ldkb_mkdocs.graph.prelink as p; main = os.getpid(); f = p.unlink_absent; "
            "p.unlink_absent = lambda *a: f(*a) if os.getpid() == main else (_ for _ in ()).throw(RuntimeError('liên kết hỏng'))")
    result = build_after(project, tmp_path / "site", boom)
    assert result.returncode != 0
    assert "Gắn liên kết trích dẫn thất bại" in result.stderr and "liên kết hỏng" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_workers_start_by_default_at_100_pages():
    """The synthetic builds above lower the threshold to stay small; a collection of 100 pages or
    more takes the same path with the default settings (both workers: the links, the search index)."""
    from mkdocs.config.base import Config

    from ldkb_mkdocs.graph.config import GraphConfig
    from ldkb_mkdocs.search.config import SearchConfig

    for config_class in (GraphConfig, SearchConfig):
        config: Config = config_class()
        config.load_dict({})
        errors, _warnings = config.validate()
        assert errors == []
        assert config["background"] is True and config["background_min_pages"] == 100
