"""The report form's task rows (export/report_form_docx.py): rows after the first are copies of
the first row's XML; each must be what python-docx itself writes for that row, and read back as
the task it holds."""
from __future__ import annotations

import io

from docx import Document
from lxml import etree

from ldkb.export.report_form_docx import _fill_row, report_form_document
from ldkb.render.report_form_view import ReportForm, ReportRow

ROWS = (
    ReportRow(1, "Kế hoạch số 1/KH-MAU — Mục I.1 (thực hiện)", ("Tuyên truyền trong đoàn viên.",), "Quý III năm 2024", ""),
    ReportRow(2, "Kế hoạch số 2/KH-MAU — Mục II (chủ trì)", ("Dòng một\tcó tab.", "", " Dòng ba\ncó ngắt dòng. "),
              "", "Hoàn thành (báo cáo 1/3/2025): đã tổ chức"),
    ReportRow(3, "Chỉ thị số 3/CT-MAU — Đoạn kết (phối hợp)", (), "Thường xuyên", "Đang thực hiện"),
    ReportRow(4, "Kế hoạch số 4/KH-MAU — Mục 2.a (thực hiện)", ("Đ đ — “ngoặc kép” & <thẻ>",), "Hằng năm", ""),
)
FORM = ReportForm("LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU", "BAN THỬ NGHIỆM", "Số: ……/BC-…", "……, ngày … tháng … năm ……",
                  "BÁO CÁO", "Kết quả thực hiện", ("Ban Thường vụ",), "Thực hiện …", None, ROWS)


def _task_table(document):
    return next(t for t in document.tables if len(t.columns) == 6)


def test_each_copied_row_is_the_xml_python_docx_writes_for_it():
    table = _task_table(report_form_document(FORM))
    assert len(table.rows) == 1 + len(ROWS)
    for item, row in zip(ROWS, table.rows[1:], strict=True):
        # The reference: a one-row table filled cell by cell through python-docx.
        alone = report_form_document(ReportForm(**{**FORM.__dict__, "rows": (ROWS[0],)}))
        reference_row = _task_table(alone).rows[1]
        _clear_and_fill(reference_row, item)
        assert etree.tostring(row._tr) == etree.tostring(reference_row._tr), item.number


def _clear_and_fill(row, item):
    for cell in row.cells:
        for p in list(cell._tc.p_lst):
            cell._tc.remove(p)
        cell._tc.append(etree.fromstring(b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    _fill_row(row.cells, item)


def test_rows_read_back_as_their_tasks():
    buffer = io.BytesIO()
    report_form_document(FORM).save(buffer)
    table = _task_table(Document(io.BytesIO(buffer.getvalue())))
    got = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    want = [[str(item.number), "\n".join([item.where, *item.work]), item.deadline or "Không nêu", item.result, "", ""]
            for item in ROWS]
    assert got == want
    for row in table.rows[1:]:
        place = row.cells[1].paragraphs[0].runs[0]
        assert place.bold and place.font.name == "Times New Roman"
