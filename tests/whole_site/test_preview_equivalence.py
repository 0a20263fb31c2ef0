"""The preview after any sequence of edits serves the pages a full build of the same content makes.

A generated collection, one seed: each kind of edit once in a seeded order (a sentence, a plain and
an explicit citation, a task given or taken, a subject line, a heading, a date, a part added or
removed, a relation, a campaign named, a document added, a document removed). After each save
the preview session updates its site; every file of it is compared with a full build made by a
fresh process (forked: tests/forkrun.py), and every page is asked of the real preview server over
HTTP and compared too.
Build dates are fixed on both sides, so the files must be byte-identical. The search index is the
split one (`engine: shards`, as a large collection has it); a shorter run checks lunr's.
"""
from __future__ import annotations

import pytest

import forkrun
from conftest import plugin_options
from tools.bench.edits import KINDS
from tools.bench.equivalence import check_sequence
from tools.bench.project import make_project

pytestmark = pytest.mark.slow

SEED = 20260115
DOCUMENTS = 20


def _report(steps) -> str:
    return "\n".join(f"{s.edit.what}: {s.differ[:8]}" for s in steps if s.differ)


def test_every_page_equals_a_full_build_after_each_edit(tmp_path):
    project = make_project(tmp_path / "project", DOCUMENTS)
    plugin_options(project, "ldkb-search", engine="shards")
    steps = check_sequence(project, SEED, len(KINDS), tmp_path, every_kind=True, served=True,
                           run=forkrun.subprocess_run)
    assert {s.edit.kind for s in steps} == set(KINDS)
    assert not _report(steps), _report(steps)
    # Not every edit may be a full build: most kinds are updates of a few pages.
    updates = [s for s in steps if not s.full]
    assert len(updates) >= len(KINDS) // 2, [(s.edit.what, s.full) for s in steps]


def test_the_small_collections_search_index_equals_a_full_builds_too(tmp_path):
    project = make_project(tmp_path / "project", DOCUMENTS)
    steps = check_sequence(project, SEED + 1, 3, tmp_path, ("text", "citation", "task"), run=forkrun.subprocess_run)
    assert not any(s.full for s in steps)
    assert not _report(steps), _report(steps)
