"""Tables and task tables, and the marker of a body line, in-process on the neutral source form
(ingest/tables.py, ingest/task_table.py, ingest/markers.py)."""
from __future__ import annotations

import unicodedata

import pytest

from conftest import ROOT
from ldkb.ingest.draft import Draft, Tracker
from ldkb.ingest.markers import marker
from ldkb.ingest.source import Cell, Line, Table
from ldkb.ingest.tables import table_block
from ldkb.ingest.task_table import _unknown_runs, match_units, task_columns
from ldkb.model.corpus import load_corpus
from ldkb.model.unit_names import UnitNames


def _cell(text: str) -> Cell:
    return Cell([Line(t, "ô") for t in text.split("\n")] if text else [])


def _table(rows: list[list[str | Cell]]) -> Table:
    return Table([[c if isinstance(c, Cell) else _cell(c) for c in r] for r in rows], "bảng 1")


def _block(table: Table) -> tuple[dict, Draft]:
    draft = Draft()
    block = table_block(table, Tracker(draft), draft, ("phu_luc", 0, "noi_dung", 0))
    assert block is not None
    return block["bang"], draft


@pytest.mark.parametrize("head", [
    ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
    ["stt", "NỘI DUNG CÔNG VIỆC", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "THỜI GIAN HOÀN THÀNH", "SẢN PHẨM"],
    ["TT", "Noi dung cong viec", "Don vi chu tri", "Don vi phoi hop", "Thoi gian hoan thanh", "San pham"],
    [unicodedata.normalize("NFD", c) for c in  # as some editors' files store the letters
     ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm"]],
])
def test_task_columns_in_any_case_with_or_without_diacritics(head):
    assert task_columns(head) == {"nhiem_vu": 1, "chu_tri": 2, "phoi_hop": 3, "thoi_han": 4, "san_pham": 5}


def test_other_tables_are_not_task_tables():
    assert task_columns(["STT", "Họ và tên", "Đơn vị"]) == {}  # no work column: a list of people
    assert task_columns(["Nội dung", "Thời gian"]) == {}  # a timetable: no unit column
    assert task_columns(["TT", "Nhiệm vụ", "Đơn vị thực hiện"]) == {"nhiem_vu": 1, "don_vi": 2}


def test_deadline_column_declared_only_when_every_cell_is_a_deadline():
    head = ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian"]
    good, draft = _block(_table([head, ["1", "Việc A", "Văn phòng", "Quý II/2025"],
                                 ["2", "Việc B", "Văn phòng", "thường xuyên"], ["3", "Việc C", "Văn phòng", ""]]))
    assert good["giao_viec"] == {"nhiem_vu": "Nội dung", "chu_tri": "Đơn vị chủ trì", "thoi_han": "Thời gian"}
    bad, draft = _block(_table([head, ["1", "Việc A", "Văn phòng", "Quý II/2025"],
                                ["2", "Việc B", "Văn phòng", "Khi có yêu cầu"]]))
    assert bad["giao_viec"] == {"nhiem_vu": "Nội dung", "chu_tri": "Đơn vị chủ trì"}
    note = draft.unsure[("phu_luc", 0, "noi_dung", 0)]
    assert "dòng 2 “Khi có yêu cầu”" in note and "thêm `thoi_han: Thời gian`" in note
    assert bad["dong"][1][3] == "Khi có yêu cầu"  # the text is kept as written


def test_two_header_rows_a_title_row_and_cells_merged_across_columns():
    title = _cell("DANH MỤC NHIỆM VỤ THỬ NGHIỆM")
    when = _cell("Thời gian")
    section = _cell("Công tác tuyên truyền")
    lead = _cell("Văn phòng")
    rows: list[list[str | Cell]] = [
        [title] * 5,
        ["STT", "Nội dung", "Đơn vị chủ trì", when, when],
        ["", "", "", "Bắt đầu", "Hoàn thành"],
        ["I", section, section, section, section],
        ["1", "Việc A", lead, "Quý I/2025", "Quý II/2025"],
        ["2", "Việc B", lead, "Quý I/2025", "30/6/2025"],
    ]
    bang, draft = _block(_table(rows))
    assert bang["tieu_de"] == "DANH MỤC NHIỆM VỤ THỬ NGHIỆM"
    assert bang["cot"] == ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian – Bắt đầu", "Thời gian – Hoàn thành"]
    # The deadline is the "Hoàn thành" column; a section row's text is written once.
    assert bang["giao_viec"]["thoi_han"] == "Thời gian – Hoàn thành"
    assert bang["dong"] == [["I", "Công tác tuyên truyền", "", "", ""],
                            ["1", "Việc A", "Văn phòng", "Quý I/2025", "Quý II/2025"],
                            ["2", "Việc B", "Văn phòng", "Quý I/2025", "30/6/2025"]]
    note = draft.unsure[("phu_luc", 0, "noi_dung", 0)]
    assert "ô gộp nhiều cột" in note and "ô gộp nhiều dòng" in note


def test_names_no_unit_has_are_kept_whole_and_reported_once():
    corpus = load_corpus(ROOT / "tests" / "fixtures" / "giao-viec" / "content")
    names = UnitNames(corpus.units)
    assert _unknown_runs("Ban Tuyên giáo\nBan TC", names, []) == []
    assert _unknown_runs("Văn phòng, Sở Lao động - Thương binh và Xã hội", names, []) == [
        "Sở Lao động - Thương binh và Xã hội"]
    assert _unknown_runs("Các Ban, đơn vị trực thuộc", names, []) == ["Các Ban, đơn vị trực thuộc"]
    assert _unknown_runs("Tổ 1, Tổ 2\nTổ 3", names, []) == ["Tổ 1", "Tổ 2", "Tổ 3"]
    assert _unknown_runs("- Ban Tổ chức\n- Ban Thử", names, []) == ["Ban Thử"]
    bang, draft = _block(_table([
        ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp"],
        ["1", "Việc A", "Ban Thử", "Văn phòng, Sở Lao động - Thương binh và Xã hội"],
        ["2", "Việc B", "Ban Thử", "Ban Tổ chức"]]))
    match_units(draft, corpus.units, lambda path: "Phụ lục I, bảng giao việc")
    assert bang["giao_viec"]["ngoai_danh_muc"] == ["Ban Thử", "Sở Lao động - Thương binh và Xã hội"]
    assert [(n.name, n.where, n.count) for n in draft.unknown_names] == [
        ("Ban Thử", "Phụ lục I, bảng giao việc, dòng 1, cột “Đơn vị chủ trì”", 2),
        ("Sở Lao động - Thương binh và Xã hội", "Phụ lục I, bảng giao việc, dòng 1, cột “Đơn vị phối hợp”", 1)]
    # Every cell now matches: the units it names, or the bodies kept as written.
    for row in bang["dong"]:
        for cell in row[2:]:
            assert names.match(cell, bang["giao_viec"]["ngoai_danh_muc"]).unknown == ()


@pytest.mark.parametrize("text, kind, so, rest", [
    ("I. MỤC ĐÍCH", "R", "I", "MỤC ĐÍCH"),
    ("1. Mục đích", "N", "1", "Mục đích"),
    ("1) Mục đích", "N", "1)", "Mục đích"),
    ("2.", "N", "2", ""),
    ("3.1. Nâng cao", "M2", "3.1", "Nâng cao"),
    ("a) Hội thi", "L", "a", "Hội thi"),
    ("a. Hội thi", "L", "a.", "Hội thi"),
    ("đ/ Hội thi", "L", "đ/", "Hội thi"),
    ("Điều 1. Phạm vi", "D", "Điều 1", "Phạm vi"),
    ("Điều 2: Hiệu lực", "D", "Điều 2:", "Hiệu lực"),
    ("- Một ý", "B", "", "Một ý"),
    ("+ Một ý", "P", "", "Một ý"),
])
def test_markers_keep_the_numbering_as_written(text, kind, so, rest):
    mk = marker(text)
    assert mk is not None and (mk.kind, mk.so, mk.rest) == (kind, so, rest)


@pytest.mark.parametrize("text", ["1.000 người lao động", "đ/c Nguyễn Văn Thử", "v.v. và các việc khác",
                                  "Điều 5 của Luật Công đoàn quy định", "15.6.2024 là ngày"])
def test_words_that_look_like_markers_are_text(text):
    assert marker(text) is None
