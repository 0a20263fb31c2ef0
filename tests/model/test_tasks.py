"""Tasks in the content model (model/tasks.py, model/progress.py), in-process on the fictional
fixture: every way of assigning work, inheritance, groups, outside bodies, numbering as written,
errors and warnings with their line, progress and what is late on a fixed reference date."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml

from conftest import TASKS_FIXTURE
from tasks_expected import DOC, LATE, NO_UNIT, OUTSIDE, PAIRS, SOON

from ldkb.graph.relations import graph_of
from ldkb.model.corpus import iter_parts, load_corpus
from ldkb.model.errors import ContentInvalid

TODAY = dt.date(2025, 10, 15)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(TASKS_FIXTURE, today=TODAY)


@pytest.fixture
def content(tmp_path):
    """A copy of the fixture's content to break on purpose."""
    dest = tmp_path / "content"
    shutil.copytree(TASKS_FIXTURE, dest)
    return dest


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_every_expected_pair_and_nothing_else(corpus):
    g = graph_of(corpus)
    found = {(r.task.anchor, r.unit, r.role, r.task.deadline.text if r.task.deadline else None, r.via)
             for reaches in g.tasks.values() for r in reaches if r.task.doc.slug == DOC}
    assert found == set(PAIRS)
    outside = {(t.anchor, name, role) for t in corpus.tasks[DOC] for role, names in t.outside.items()
               for name in names}
    assert outside == set(OUTSIDE)
    assert [t.anchor for t in corpus.tasks[DOC] if t.no_unit] == NO_UNIT


def test_numbering_as_written_with_distinct_stable_anchors(corpus):
    doc = corpus.by_symbol("15/KH-LĐLĐ")
    parts = {p.anchor: p for p in iter_parts(doc)}
    # Untitled numbered items "1." and "2)", points "a)", "b.", "c/": each keeps its mark as printed
    # and gets its own anchor from the number alone.
    assert {a: parts[a].label for a in ("ii-1", "ii-2", "ii-2-a", "ii-2-b", "ii-2-c")} == {
        "ii-1": "1.", "ii-2": "2)", "ii-2-a": "a)", "ii-2-b": "b.", "ii-2-c": "c/"}
    assert [parts[a].id for a in ("ii-2-a", "ii-2-b", "ii-2-c")] == ["II.2.a", "II.2.b", "II.2.c"]
    # Titled parts keep today's anchors (`#iii-1`, …) and labels.
    assert parts["iii-1"].label == "1." and parts["iii-1"].heading == "1. Đối với Công đoàn cơ sở"


def test_labels_write_roman_numerals_as_written_and_one_word_for_the_closing(corpus):
    labels = {t.anchor: t.label for t in corpus.tasks[DOC]}
    assert labels["iii-2-y1"] == "Mục III.2, gạch đầu dòng 1"
    assert labels["ket-thuc-y1"] == "Đoạn kết"
    assert labels["pli-y1-d3"] == "Phụ lục I, dòng 3 của bảng"


def test_inheritance_down_the_part_tree(corpus):
    tasks = {t.anchor: t for t in corpus.tasks[DOC]}
    # Part II names LĐLĐ tỉnh: its untitled items and point a) inherit it; point b. names its own.
    assert tasks["ii-2-a"].units == {"don_vi": ("ldld-tinh",)} and tasks["ii-2-a"].inherited_from == "Mục II"
    assert tasks["ii-2-b"].units == {"chu_tri": ("ban-to-chuc", "ban-tuyen-giao"), "phoi_hop": ("van-phong",)}
    assert tasks["ii-2-b"].inherited_from is None
    # An empty row of a task table takes the appendix's unit.
    assert tasks["pli-y1-d9"].units == {"don_vi": ("ldld-tinh",)} and tasks["pli-y1-d9"].inherited_from == "Phụ lục I"
    # Part II hands its unit down and holds no text of its own: it is not a task again.
    assert "ii" not in tasks
    assert tasks["ii-2"].texts == ["Tổ chức các hoạt động thử nghiệm sau đây."]


def test_table_cells_match_names_short_names_aliases_and_lines(corpus):
    tasks = {t.anchor: t for t in corpus.tasks[DOC]}
    assert tasks["pli-y1-d2"].units["chu_tri"] == ("ban-tuyen-giao", "ban-to-chuc")  # "Ban Tuyên giáo\nBan TC"
    assert tasks["pli-y1-d3"].units["phoi_hop"] == ("ban-to-chuc", "van-phong")  # "Ban Tổ chức, Văn phòng"
    assert tasks["pli-y1-d7"].units["chu_tri"] == ("cdcs",)  # short name "CĐCS"
    assert tasks["pli-y1-d4"].units["phoi_hop"] == ("cac-cap-cong-doan",)
    assert tasks["pli-y1-d2"].cells["nhiem_vu"] == "Tập huấn thử nghiệm\ncho cán bộ công đoàn"
    assert tasks["pli-y1-d1"].output == "Kế hoạch"


def test_deadline_and_output_without_a_unit_is_kept_and_warned(corpus):
    warnings = [w for w in corpus.log.warnings if "không nêu đơn vị" in w.message]
    assert len(warnings) == 1
    w = warnings[0]
    assert w.file.endswith("15-kh-ldld.yml") and w.line == 26  # the `thoi_han: năm 2025` line
    assert "Mục I.2" in w.message and "giao_chung" in w.hint


def test_unknown_deadline_wording_is_an_error_listing_the_forms(content):
    path = content / "van-ban" / "15-kh-ldld.yml"
    text = path.read_text(encoding="utf-8").replace("thoi_han: tháng 3/2025", "thoi_han: cuối quý này")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentInvalid) as exc:
        load_corpus(content, today=TODAY)
    (err,) = [e for e in exc.value.log.errors if "cuối quý này" in e.message]
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "cuối quý này" in s)
    assert err.line == line and "Mục II.2.b" in err.message
    for example in ("Quý III năm 2024", "trước ngày 30/6/2025", "thường xuyên", "hằng năm"):
        assert example in err.hint


def test_a_cell_naming_no_unit_is_an_error_quoting_the_cell(content):
    path = content / "van-ban" / "15-kh-ldld.yml"
    text = path.read_text(encoding="utf-8").replace('"Ban Tổ chức, Văn phòng"', '"Ban Tổ chức, Ban Thi Đua Mẫu"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentInvalid) as exc:
        load_corpus(content, today=TODAY)
    (err,) = exc.value.log.errors
    assert "`Ban Tổ chức, Ban Thi Đua Mẫu`" in err.message and "“Ban Thi Đua Mẫu”" in err.message
    assert "dòng 3" in err.message and "Đơn vị phối hợp" in err.message
    assert "ten_khac" in err.hint and "ngoai_danh_muc" in err.hint
    assert err.line == next(i for i, s in enumerate(text.splitlines(), 1) if "Ban Thi Đua Mẫu" in s)


def test_a_declared_column_that_does_not_exist_is_an_error(content):
    path = content / "van-ban" / "15-kh-ldld.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("phoi_hop: 4", "phoi_hop: Đơn vị hỗ trợ"),
                    encoding="utf-8")
    with pytest.raises(ContentInvalid) as exc:
        load_corpus(content, today=TODAY)
    (err,) = exc.value.log.errors
    assert "không có cột `Đơn vị hỗ trợ`" in err.message and "`Đơn vị phối hợp`" in err.hint


def test_a_task_uid_stays_when_rows_are_inserted(content, corpus):
    before = {t.texts[0]: t.uid for t in corpus.tasks[DOC] if t.row is not None}
    path = content / "van-ban" / "15-kh-ldld.yml"

    def insert(data):
        rows = data["phu_luc"][0]["noi_dung"][0]["bang"]["dong"]
        rows.insert(0, ["0", "Việc mới chèn lên đầu", "Văn phòng", "", "năm 2025", ""])
    _edit(path, insert)
    shutil.rmtree(content / "tien-do")  # its records name rows by number: they would point elsewhere
    after_corpus = load_corpus(content, today=TODAY)
    after = {t.texts[0]: (t.uid, t.anchor) for t in after_corpus.tasks[DOC] if t.row is not None}
    for text, uid in before.items():
        assert after[text][0] == uid  # same event in everyone's calendar
    assert after["Khảo sát thử nghiệm trong ngành"][1] == "pli-y1-d4"  # the row number moved on
    assert len({u for u, _ in after.values()}) == len(after)


def test_one_code_is_still_accepted_for_lead_and_partners(corpus):
    tasks = {t.anchor: t for t in corpus.tasks[DOC]}
    assert tasks["iii-2-y1"].units == {"chu_tri": ("van-phong",)}  # written `chu_tri: van-phong`


def test_progress_and_what_is_late_on_the_reference_date(corpus):
    g = graph_of(corpus)
    late, soon = set(), set()
    pairs = [(r.task, r.unit) for rs in g.tasks.values() for r in rs if r.task.doc.slug == DOC]
    pairs += [(t, None) for t in corpus.tasks[DOC] if t.no_unit]
    for task, unit in pairs:
        st = corpus.progress.standing(task, unit or "", TODAY, dt.date(2025, 1, 10) if unit else None)
        if st.overdue:
            late.add((task.anchor, unit))
        if st.soon:
            soon.add((task.anchor, unit))
    assert late == LATE
    assert soon == SOON
    # A record dated after the reference date is not read yet.
    task = next(t for t in corpus.tasks[DOC] if t.anchor == "ii-1")
    assert corpus.progress.latest(task, "ldld-tinh", TODAY) is None
    assert corpus.progress.latest(task, "ldld-tinh", dt.date(2025, 10, 20)).status == "hoan-thanh"
    # A level standing for many unions says how many reported.
    cdcs = next(t for t in corpus.tasks[DOC] if t.anchor == "iii-1")
    assert corpus.progress.latest(cdcs, "cdcs", TODAY).count == "45/120 đơn vị đã báo cáo"


@pytest.mark.parametrize("record,expected", [
    ({"nhiem_vu": "15/KH-LĐLĐ#II.2.b", "don_vi": "cdcs", "ngay": "01/05/2025", "tinh_trang": "hoàn thành"},
     "không giao cho đơn vị `cdcs`"),
    ({"nhiem_vu": "15/KH-LĐLĐ#IV.9", "don_vi": "cdcs", "ngay": "01/05/2025", "tinh_trang": "hoàn thành"},
     "không có nhiệm vụ ở `#IV.9`"),
    ({"nhiem_vu": "99/KH-LĐLĐ#I", "don_vi": "cdcs", "ngay": "01/05/2025", "tinh_trang": "hoàn thành"},
     "chưa có trong kho"),
    ({"nhiem_vu": "15/KH-LĐLĐ#III.1", "don_vi": "cdcs", "ngay": "01/05/2025", "tinh_trang": "xong rồi"},
     "không hợp lệ"),
])
def test_progress_record_errors_name_the_line(content, record, expected):
    path = content / "tien-do" / "2025.yml"
    _edit(path, lambda data: data["bao_cao"].append(record))
    with pytest.raises(ContentInvalid) as exc:
        load_corpus(content, today=TODAY)
    (err,) = exc.value.log.errors
    assert expected in err.message and err.file.endswith("tien-do/2025.yml") and err.line > 1


def test_reference_date_from_the_environment(monkeypatch):
    monkeypatch.setenv("LDKB_TODAY", "2025-10-15")
    assert load_corpus(TASKS_FIXTURE).today == TODAY
    monkeypatch.setenv("LDKB_TODAY", "31/02/2025")
    with pytest.raises(ContentInvalid) as exc:
        load_corpus(TASKS_FIXTURE)
    assert "LDKB_TODAY" in exc.value.log.errors[0].message
