"""The package as pip installs it (a wheel, not the editable install): what a site build runs and
nothing else. `make check-install` goes further: a fresh venv with the site group, the package
installed from the repository, and a whole build with it."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_the_wheel_holds_the_site_build_and_no_benchmark(tmp_path):
    # Built from a copy of the package's sources (setuptools builds in the source tree).
    src = tmp_path / "src"
    shutil.copytree(ROOT / "plugins", src / "plugins", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy2(ROOT / "pyproject.toml", src / "pyproject.toml")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp_path / "dist").glob("ldkb-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packages = {n.split("/")[0] for n in names if not n.startswith("ldkb-")}
    assert packages == {"ldkb", "ldkb_mkdocs"}
    assert not [n for n in names if "bench" in n or n.startswith("tools/") or "search_measure" in n]
    # What a build reads besides Python: the adapters' assets and the print styles.
    for asset in ("ldkb_mkdocs/search/assets/search-worker.js", "ldkb_mkdocs/search/assets/search.css",
                  "ldkb_mkdocs/reader/assets/iframe-worker-shim.js", "ldkb/pdf/css/official.css"):
        assert asset in names
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    for plugin in ("ldkb-documents", "ldkb-graph", "ldkb-editing", "ldkb-search", "ldkb-reader", "ldkb-cache"):
        assert f"{plugin} = ldkb_mkdocs." in entry_points
    # `ldkb serve` runs the preview server as `python -m ldkb_mkdocs.preview`.
    assert "ldkb_mkdocs/preview/__main__.py" in names
