"""The Word page every .docx we write starts from, and reproducible saving.

Shared by the document export and the report forms, so that both follow NĐ 30/2020 (Phụ lục I)
the same way: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm (the PDF's), Times
New Roman (the font officers have; the PDF embeds a metric-compatible one), body 14 pt.

python-docx stamps the current time in the zip entries and in docProps/core.xml; `docx_bytes`
fixes both, so the same content gives the same bytes on every build.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

FONT = "Times New Roman"
BODY_PT = 14
# Margins of the printed documents (NĐ 30/2020: top 20–25, bottom 20–25, left 30–35, right 15–20 mm).
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
# Zip timestamps cannot be earlier than 1980; any fixed value does.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def set_font(run: Run, *, size: float | None = None, bold: bool | None = None,
             italic: bool | None = None) -> Run:
    """Times New Roman for every script slot of a run (Word picks the east-Asian or complex-script
    slot for some Vietnamese letters otherwise)."""
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    return run


def new_document(*, body_pt: float = BODY_PT) -> DocxDocument:
    """An empty A4 document with the decree's margins and Times New Roman as the Normal style."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(body_pt)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    pf = normal.paragraph_format
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15
    return document


def docx_bytes(document: DocxDocument, *, title: str = "", when: dt.date | None = None) -> bytes:
    """The document as .docx bytes that depend only on its content (and `when`, the date put in the
    file's properties: the content's own date, never the clock)."""
    props = document.core_properties
    stamp = dt.datetime.combine(when or dt.date(2000, 1, 1), dt.time())
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.author = props.last_modified_by = ""
    props.title = title
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
