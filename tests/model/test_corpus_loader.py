"""The preview's loader (model/corpus_cache.py): a file not saved again is not read again, and what
was made from it alone (the document, its tasks, what reading them logged) is the same as before."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import small_content
from ldkb.model.corpus import load_corpus
from ldkb.model.corpus_cache import CorpusLoader


PLAN = """
so_ky_hieu: {number}/KH-LĐLĐ
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu
ngay_ban_hanh: 02/01/2021
trich_yeu: Kế hoạch mẫu số {number}
noi_dung:
  - so: I
    tieu_de: NHIỆM VỤ
    noi_dung:
      - gach_dau_dong: Việc giao cho văn phòng trong kế hoạch số {number}.
        don_vi: [van-phong]
        thoi_han: {deadline}
"""


@pytest.fixture
def content(tmp_path) -> Path:
    # 601: a deadline nobody can read (an error its tasks log); 602: a plain one.
    return small_content(tmp_path / "content", {
        f"{number}-kh-ldld.yml": PLAN.format(number=number, deadline=deadline)
        for number, deadline in (("601", "khi nào xong"), ("602", "31/12/2021"))})


def _messages(corpus) -> list[str]:
    return sorted(p.format() for p in corpus.log.items)


def test_an_unchanged_file_keeps_its_document_and_tasks_and_logs_the_same(content):
    loader = CorpusLoader(content)
    first = loader.load()
    assert any("khi nào xong" in m for m in _messages(first))
    path = content / "van-ban" / "602-kh-ldld.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("trong kế hoạch", "(sửa) trong kế hoạch"),
                    encoding="utf-8")
    second = loader.load()
    assert [p.name for p in loader.parsed] == ["602-kh-ldld.yml"]
    assert second.by_slug("601-kh-ldld") is first.by_slug("601-kh-ldld")
    assert second.tasks["601-kh-ldld"] is first.tasks["601-kh-ldld"]
    assert second.tasks["602-kh-ldld"] is not first.tasks["602-kh-ldld"]
    assert "(sửa)" in second.tasks["602-kh-ldld"][0].texts[0]
    # As a load from nothing: the same messages, the same tasks.
    fresh = load_corpus(content, strict=False)
    assert _messages(second) == _messages(fresh)
    assert [[t.key for t in second.tasks[s]] for s in sorted(second.tasks)] == \
        [[t.key for t in fresh.tasks[s]] for s in sorted(fresh.tasks)]


def test_units_changed_read_every_documents_tasks_again(content):
    loader = CorpusLoader(content)
    first = loader.load()
    units = content / "don-vi.yml"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # same units: reused
    assert loader.load().tasks["602-kh-ldld"] is first.tasks["602-kh-ldld"]
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("Văn phòng", "Văn phòng (đổi tên)", 1), encoding="utf-8")
    third = loader.load()
    assert third.units != first.units
    assert third.tasks["602-kh-ldld"] is not first.tasks["602-kh-ldld"]
