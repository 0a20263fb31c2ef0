"""A unit's report form as an editable Word file (python-docx), from render/report_form_view.py.

The NĐ 30/2020 page of export/docx_page.py (A4, margins 20/20/30/15 mm, Times New Roman); the
table in 13 pt so six columns fit the portrait page; bytes fixed by `docx_bytes`.
"""
from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ldkb.export.docx_page import docx_bytes, new_document, set_font
from ldkb.model.corpus import Corpus
from ldkb.model.schema import DonVi
from ldkb.render.document_view import MOTTO, NATIONAL_TITLE
from ldkb.render.report_form_view import ReportForm, ReportRow, report_form

TABLE_PT = 13
# Column widths (mm) of the task table: 165 mm between the margins.
WIDTHS_MM = (15, 50, 22, 30, 24, 24)


def _para(cell_or_doc: Any, text: str = "", *, size: float | None = None, bold: bool = False, italic: bool = False,
          align: Any = None, space_after: float | None = None) -> Any:
    p = cell_or_doc.add_paragraph()
    if text:
        set_font(p.add_run(text), size=size, bold=bold, italic=italic)
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def _cell_text(cell: Any, lines: Sequence[str], *, size: float = TABLE_PT, bold: bool = False,
               align: Any = None) -> None:
    """Replace the cell's empty first paragraph with `lines`, one paragraph each."""
    first = cell.paragraphs[0]
    for i, text in enumerate(lines or [""]):
        p = first if i == 0 else cell.add_paragraph()
        if text:
            set_font(p.add_run(text), size=size, bold=bold)
        p.paragraph_format.space_after = Pt(2)
        if align is not None:
            p.alignment = align


def _header(document: Any, form: ReportForm) -> None:
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, (65, 100))
    left, right = table.rows[0].cells
    _cell_text(left, [form.parent.upper()], size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(form.issuer.upper()), size=12, bold=True)
    _cell_text(right, [NATIONAL_TITLE], size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(MOTTO), size=13, bold=True)
    number, date = table.rows[1].cells
    _cell_text(number, [form.number], size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    date.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(date.paragraphs[0].add_run(form.place_date), size=13, italic=True)


def _widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Fixed column widths, in the grid (LibreOffice reads it) and on every cell (Word reads those)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _borders(table: Any) -> None:
    """Single 0.5 pt lines around every cell (the grid of a printed report)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _fill_row(cells: Sequence[Any], item: ReportRow) -> None:
    _cell_text(cells[0], [str(item.number)], align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_text(cells[1], [item.where, *item.work])
    cells[1].paragraphs[0].runs[0].bold = True
    _cell_text(cells[2], [_deadline(item)])
    _cell_text(cells[3], [item.result])
    _cell_text(cells[4], [""])
    _cell_text(cells[5], [""])


def _deadline(item: ReportRow) -> str:
    return item.deadline or "Không nêu"


class _RowStamp:
    """Further task rows as copies of the first one's XML, the same bytes _fill_row would write.

    A paragraph with text is a copy of a paragraph of the same look (centred number, bold place,
    plain text) whose run gets the new text through python-docx's own setter (tabs and line
    breaks become <w:tab/> and <w:br/> as with add_run); an empty line is the empty paragraph."""

    def __init__(self, tr: Any) -> None:
        tcs = tr.tc_lst
        self.tr = tr
        self.number = tcs[0].p_lst[0]
        self.bold = tcs[1].p_lst[0]
        self.plain = tcs[2].p_lst[0]  # the deadline: never empty
        self.empty = tcs[4].p_lst[0]

    def _para(self, proto: Any, text: str) -> Any:
        if not text:
            return deepcopy(self.empty)
        p = deepcopy(proto)
        p.r_lst[0].text = text
        return p

    def row(self, item: ReportRow) -> Any:
        tr = deepcopy(self.tr)
        cells: list[list[Any]] = [
            [self._para(self.number, str(item.number))],
            [self._para(self.bold, item.where), *(self._para(self.plain, line) for line in item.work)],
            [self._para(self.plain, _deadline(item))],
            [self._para(self.plain, item.result)],
            [deepcopy(self.empty)],
            [deepcopy(self.empty)],
        ]
        for tc, paragraphs in zip(tr.tc_lst, cells, strict=True):
            for p in tc.p_lst:
                tc.remove(p)
            tc.extend(paragraphs)
        return tr


def report_form_document(form: ReportForm) -> Any:
    document = new_document()
    _header(document, form)
    _para(document, form.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, form.subject, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for name in form.recipients:
        _para(document, f"Kính gửi: {name}", align=WD_ALIGN_PARAGRAPH.CENTER)
    p = _para(document, form.intro, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    p.paragraph_format.first_line_indent = Mm(10)
    if form.note:
        _para(document, form.note, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    # Two rows through python-docx (the heading and the first task); the other tasks copy the
    # first task's paragraphs (see _RowStamp): python-docx takes ~6 ms a row, and a unit of a
    # ten-year archive has thousands.
    table = document.add_table(rows=1 + min(len(form.rows), 1), cols=len(form.columns))
    _borders(table)
    _widths(table, WIDTHS_MM)
    for cell, name in zip(table.rows[0].cells, form.columns, strict=True):
        _cell_text(cell, [name], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    # The heading row repeats on every page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    if form.rows:
        _fill_row(table.rows[1].cells, form.rows[0])
        stamp = _RowStamp(table.rows[1]._tr)
        for item in form.rows[1:]:
            table._tbl.append(stamp.row(item))
    _para(document, "")
    close = document.add_table(rows=1, cols=2)
    _widths(close, (80, 85))
    left, right = close.rows[0].cells
    _cell_text(left, ["Nơi nhận:"], size=12, bold=True)
    left.paragraphs[0].runs[0].italic = True
    for line in ["- Như trên;", "- Lưu: ……"]:
        p = left.add_paragraph()
        set_font(p.add_run(line), size=11)
    _cell_text(right, ["(CHỨC VỤ NGƯỜI KÝ)"], size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run("(Ký, ghi rõ họ tên, đóng dấu)"), size=13, italic=True)
    return document


def report_form_docx_bytes(corpus: Corpus, unit: DonVi) -> bytes:
    form = report_form(corpus, unit)
    return docx_bytes(report_form_document(form), title=f"Mẫu báo cáo kết quả thực hiện — {unit.ten}",
                      when=corpus.today)


__all__ = ["report_form_document", "report_form_docx_bytes"]
