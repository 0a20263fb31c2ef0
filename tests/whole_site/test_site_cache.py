"""`make build` with the previous build's results (ldkb-cache) makes the same files, byte for byte,
as a build from nothing, after each kind of edit; and a failed build keeps nothing.

A generated collection whose search index and citation links are made by the background workers
(as at 2,000 documents: `background_min_pages: 1`) into the split index (`engine: shards`), so
every cached part is used. After each seeded edit: a strict build with the cache (LDKB_SITE_CACHE=1,
as `ldkb build` runs it), a plain strict build from nothing, every file compared.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import forkrun
from conftest import plugin_options, site_files
from ldkb.util.keyed_store import KeyedStore
from tools.bench.edits import add_unnumbered, random_edit
from tools.bench.equivalence import FIXED_DATES
from tools.bench.project import make_project

pytestmark = pytest.mark.slow

SEED = 20260116
DOCUMENTS = 20
# Edits within the same set of documents (a document added or removed changes what every page
# depends on: nothing is reused, which needs no test).
KINDS = ("text", "citation", "task", "title", "heading", "date", "part", "relation", "campaign")


def build(project: Path, site: Path, *, cache: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, **FIXED_DATES, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LDKB_SITE_CACHE", None)
    if cache:
        env["LDKB_SITE_CACHE"] = "1"  # as `ldkb build` asks for it
    if site.exists():
        shutil.rmtree(site)
    return forkrun.subprocess_run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                  cwd=project, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("cache") / "project", DOCUMENTS)
    plugin_options(project, "ldkb-search", engine="shards", background_min_pages=1)
    plugin_options(project, "ldkb-graph", background_min_pages=1)
    add_unnumbered(project / "content", random.Random(SEED))  # a title other pages show, to change
    return project


def test_a_build_with_the_cache_equals_a_build_from_nothing_after_each_edit(project, tmp_path):
    first = build(project, tmp_path / "first", cache=True)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "lưu" in first.stderr  # the cache was filled
    rng = random.Random(SEED)
    compared = 0
    reused_files: list[tuple[str, int]] = []  # (kind of edit, calendars and report forms reused)
    for n in range(len(KINDS)):
        edit = random_edit(project / "content", rng, n, (KINDS[n],))
        cached = build(project, tmp_path / "cached", cache=True)
        clean = build(project, tmp_path / "clean", cache=False)
        assert cached.returncode == clean.returncode, (edit.what, cached.stderr[-2000:], clean.stderr[-2000:])
        if clean.returncode != 0:
            continue  # an edit the strict build refuses (a part another document links to): both refuse
        assert "dùng lại nội dung" in cached.stderr  # pages were reused
        # Reused pages are copied into place by the cache: MkDocs' "Page skipped" line is not shown.
        assert "Page skipped" not in cached.stderr, cached.stderr[-2000:]
        files = re.search(r"(\d+) tệp lịch và mẫu báo cáo", cached.stderr)
        assert files is not None, cached.stderr[-2000:]
        reused_files.append((KINDS[n], int(files.group(1))))
        ours, theirs = site_files(tmp_path / "cached"), site_files(tmp_path / "clean")
        assert ours.keys() == theirs.keys(), edit.what
        differ = sorted(rel for rel in ours if ours[rel] != theirs[rel])
        assert not differ, f"{edit.what}: {differ[:10]}"
        compared += 1
    assert compared >= len(KINDS) - 2
    # Calendars and report forms are remade only when what the page that decides them shows
    # changed: some edits reuse them, a task given or edited not all of them.
    counts = dict(reused_files)
    most = max(counts.values())
    assert most > 0, reused_files
    if "task" in counts:
        assert counts["task"] < most, reused_files


def test_a_failed_build_keeps_nothing_and_the_next_one_is_still_right(project, tmp_path):
    assert build(project, tmp_path / "good", cache=True).returncode == 0
    folder = next((project / ".cache" / "site").iterdir())
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    doc = sorted((project / "content" / "van-ban").glob("2*.yml"))[0]
    good = doc.read_text(encoding="utf-8")
    # A citation of a document the collection does not have: a warning, so the strict build fails.
    doc.write_text(good.replace("\nmo_dau:\n- '", "\nmo_dau:\n- 'Thực hiện Kế hoạch số 999/KH-LĐLĐ. ", 1),
                   encoding="utf-8")
    failed = build(project, tmp_path / "bad", cache=True)
    assert failed.returncode != 0 and "999/KH-LĐLĐ" in failed.stderr
    assert (folder / "manifest.json").read_text(encoding="utf-8") == manifest
    assert not list(folder.glob(".stage-*"))
    doc.write_text(good, encoding="utf-8")
    again = build(project, tmp_path / "again", cache=True)
    clean = build(project, tmp_path / "clean", cache=False)
    assert again.returncode == clean.returncode == 0
    assert site_files(tmp_path / "again") == site_files(tmp_path / "clean")


def test_the_store_keeps_one_builds_results(tmp_path):
    store = KeyedStore(tmp_path)
    store.put("aa11", b"one")
    store.put("bb22", b"two")
    assert store.get("aa11") is None  # staged, not yet in the store
    store.commit()
    later = KeyedStore(tmp_path)
    assert later.get("aa11") == b"one"  # used again
    later.put("cc33", b"three")
    later.commit()  # bb22 was not used by this build: removed
    final = KeyedStore(tmp_path)
    assert final.get("bb22") is None and final.get("aa11") == b"one" and final.get("cc33") == b"three"
    final.put("dd44", b"four")
    final.abandon()  # a failed build
    assert KeyedStore(tmp_path).get("dd44") is None
