"""Lighthouse, mobile profile, on the home page and the plan (issue 7, point 5).

The built site is served with gzip on 127.0.0.1 (tests/staticserver.py); Lighthouse runs in
Debian's Chromium through tests/lighthouse_run.mjs, which calibrates the CPU slowdown to this
machine as Lighthouse documents (see that file). Performance varies between runs on a shared
machine, so, as Lighthouse advises ("run it five times and take the median"), a page whose first
run is under the bar is run four more times and judged by the median of the five; the other
categories do not vary and must pass on every run.
One test runs Lighthouse for both pages (about a minute; up to three when the machine is busy).
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess

import pytest

from pagechecks import PLAN, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {"trang-chu": "", "ke-hoach": PLAN}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BAR = 0.95
RUNNER = ROOT / "tests" / "lighthouse_run.mjs"


def _lighthouse(base_url: str, paths: list[str], out) -> list[dict]:
    """One Lighthouse run of each of `paths`, in one node process and one Chromium."""
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    result = subprocess.run(["node", str(RUNNER), base_url, str(out), *paths], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()[-len(paths):]
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def reports(built_url, tmp_path_factory):
    if shutil.which("node") is None or not (ROOT / "node_modules" / "lighthouse").is_dir():
        pytest.fail("Lighthouse is missing: `make test` installs it (npm ci)")
    out = tmp_path_factory.mktemp("lighthouse")
    # Both pages in one run (one node and one Chromium start-up), then the reruns a page needs.
    firsts = _lighthouse(built_url, list(PAGES.values()), out / "first")
    runs = {}
    for (name, path), first in zip(PAGES.items(), firsts, strict=True):
        assert first["path"] == path
        runs[name] = [first]
        if first["scores"]["performance"] < BAR:
            runs[name] += _lighthouse(built_url, [path] * 4, out / name)
    return runs


@pytest.mark.parametrize("name", list(PAGES))
def test_mobile_profile_scores(reports, name):
    runs = reports[name]
    summary = [{k: r["scores"][k] for k in CATEGORIES} | {"cpu×": r["throttling"]["cpuSlowdownMultiplier"]}
               for r in runs]
    for run in runs:
        assert run["formFactor"] == "mobile", run
        for category in ("accessibility", "best-practices", "seo"):
            assert run["scores"][category] >= BAR, (category, summary, run["failing"])
    performance = statistics.median(r["scores"]["performance"] for r in runs)
    assert performance >= BAR, (summary, [r["metrics"] for r in runs])


@pytest.mark.parametrize("name", list(PAGES))
def test_light_and_private(reports, name):
    for run in reports[name]:
        # Everything a reader's phone downloads comes from the site itself...
        assert run["hosts"] == [run["url"].split("/")[2]], run["hosts"]
        # ...and stays light on a slow connection (compressed transfer sizes).
        assert run["bytes"] < 200 * 1024, run["bytes"]
