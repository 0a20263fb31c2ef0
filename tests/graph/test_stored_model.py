"""The content model kept between builds (graph/stored_model.py): a document read back from the
store brings its tasks with it, the same as reading them anew, while the units registry is the
same; after the registry changed they are read again and stored again.

In process, on the fictional task fixture (tests/fixtures/giao-viec), as the cache plugin drives
it: load_corpus with the store's readers, the graph built, `save`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TASKS_FIXTURE
from ldkb.graph.relations import graph_of
from ldkb.graph.stored_model import StoredModel
from ldkb.model.corpus import load_corpus
from ldkb.render.dependencies import _task_print


def _load(content: Path, store: Path) -> tuple:
    model = StoredModel(store, "code")
    corpus = load_corpus(content, strict=False, reader=model.read, tasks=model.tasks)
    model.prepare_graph(corpus)
    graph_of(corpus)
    done = model.save(corpus)
    return model, corpus, done["added"]


def _prints(corpus) -> dict[str, list[str]]:
    return {slug: [_task_print(t) for t in tasks] for slug, tasks in corpus.tasks.items()}


def test_tasks_come_back_from_the_store_until_the_units_change(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TASKS_FIXTURE, content)
    store = tmp_path / "model"
    fresh = load_corpus(content, strict=False)
    assert any(fresh.tasks.values())

    first, corpus1, added = _load(content, store)  # parses every file, stores docs with their tasks
    assert first.read_from_store == 0 and added == len(corpus1.documents)
    second, corpus2, added = _load(content, store)
    assert second.read_from_store == len(corpus2.documents) > 0
    assert added == 0  # every document's tasks taken from the store: nothing stored again
    assert _prints(corpus2) == _prints(fresh)
    assert [p.format() for p in corpus2.log.items] == [p.format() for p in fresh.log.items]
    for slug, tasks in corpus2.tasks.items():  # the stored tasks belong to the stored document
        assert all(t.doc is corpus2.by_slug(slug) for t in tasks)

    units = content / "don-vi.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("ten_khac: [Ban TC]", "ten_khac: [Ban TC, Ban Tổ chức Mẫu]"),
                     encoding="utf-8")
    third, corpus3, added = _load(content, store)
    assert third.read_from_store == len(corpus3.documents)  # documents unchanged: not parsed
    assert added == len(corpus3.documents)  # but their tasks read again, and stored again
    assert _prints(corpus3) == _prints(load_corpus(content, strict=False))
    fourth, corpus4, added = _load(content, store)
    assert added == 0
    assert _prints(corpus4) == _prints(corpus3)
