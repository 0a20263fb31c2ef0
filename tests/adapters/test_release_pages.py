"""Pages emptied once written (ldkb-documents `release_written_pages`, a memory saving of large
builds): the site is byte for byte the site built keeping every page's text, and the pages really
were emptied."""
from __future__ import annotations

import pytest

from conftest import build_after, copy_project, plugin_options, site_files
from tools.bench.project import make_project

# Counts, at the end of the build, the pages whose HTML was emptied after being written.
PROBE = ("import mkdocs.commands.build as b; seen = []; f = b._build_page; "
         "b._build_page = lambda page, *a, **k: (seen.append(page), f(page, *a, **k))[1]; "
         "import atexit; atexit.register(lambda: print('EMPTIED', sum(p.content == '' and p.markdown == '' "
         "for p in seen), 'OF', len(seen)))")


@pytest.mark.parametrize("which", ["real", "synthetic-40"])
def test_site_same_with_pages_released(which, tmp_path):
    sites = {}
    for release in (True, False):
        if which == "real":
            project = copy_project(tmp_path / f"p-{release}")
        else:  # above the workers' thresholds (lowered to 20 pages; was 120 documents at the
            # default of 100): both background processes run
            project = make_project(tmp_path / f"p-{release}", 40, seed=5)
            plugin_options(project, "ldkb-graph", background_min_pages=20)
            plugin_options(project, "ldkb-search", background_min_pages=20)
        cfg = project / "mkdocs.yml"
        text = cfg.read_text(encoding="utf-8")
        assert text.count("  - ldkb-documents:\n") == 1
        cfg.write_text(text.replace("  - ldkb-documents:\n", "  - ldkb-documents:\n"
                                    f"      release_written_pages: {str(release).lower()}\n"), encoding="utf-8")
        sites[release] = tmp_path / f"site-{release}"
        result = build_after(project, sites[release], PROBE)
        assert result.returncode == 0, result.stderr[-3000:]
        emptied, total = (int(x) for x in result.stdout.split("EMPTIED")[1].split()[::2][:2])
        assert total > 40
        assert emptied == (total if release else 0), (emptied, total)
    released, kept = site_files(sites[True]), site_files(sites[False])
    assert released.keys() == kept.keys()
    assert [name for name in released if released[name] != kept[name]] == []
