"""Fixture documents for the importer, written by the tests themselves (fictional text only).

One made-up plan ("Công đoàn Công ty TNHH Thử Nghiệm", "LĐLĐ tỉnh Mẫu") is described once in `SPEC`
and written out in several styles: Word with typed numbers or Word's own numbering (numPr), the
header as a two-column table or as tab-aligned lines, a task table with a merged cell and a cell with
a soft line break, a real Word footnote, a signature block of four lines, an appendix; and a PDF
with a two-column header, page numbers and a running header (WeasyPrint). Tests compare what the
importer reads back with `SPEC`.
"""
from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from weasyprint import HTML

PARENT = "LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU"
ISSUER = "CÔNG ĐOÀN CÔNG TY TNHH THỬ NGHIỆM"
SYMBOL = "12/KH-CĐCS"
PLACE_DATE = "Mẫu, ngày 05 tháng 3 năm 2024"
SUBJECT = ("Tổ chức Tháng Công nhân năm 2024", "tại Công ty TNHH Thử Nghiệm")
BASIS = "Căn cứ Kế hoạch số 20/KH-LĐLĐ ngày 01/3/2024 của Ban Thường vụ Liên đoàn Lao động tỉnh Mẫu;"
OPENING = "Ban Chấp hành Công đoàn Công ty xây dựng kế hoạch như sau:"
NOTE = "Theo Quy chế chi tiêu nội bộ năm 2024 của Công ty TNHH Thử Nghiệm."
TABLE_HEAD = ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]
TABLE_ROWS = [
    ["1", "Thăm hỏi đoàn viên có hoàn cảnh khó khăn", "Ban Nữ công", "Tổ sản xuất số 1\nTổ sản xuất số 2",
     "Tháng 5/2024"],
    ["2", "Tổ chức bữa cơm công nhân", "Ban Nữ công", "Phòng Hành chính", "30/5/2024"],
]
# Row 1 and 2 of column 3 ("Đơn vị chủ trì") are one merged cell in the Word file.
CLOSING = ("Trên đây là Kế hoạch tổ chức Tháng Công nhân năm 2024 của Công đoàn Công ty TNHH Thử "
           "Nghiệm./.")
RECIPIENTS = [("LĐLĐ tỉnh Mẫu", "b/cáo"), ("Giám đốc Công ty", "p/hợp"), ("Các tổ công đoàn", "th/h")]
KEEP = "VT"
SIGN = ["TM. BAN CHẤP HÀNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
SIGNER = "Trần Văn Thử"
APPENDIX = ("I", "DANH SÁCH ĐOÀN VIÊN ĐƯỢC THĂM HỎI")
APPENDIX_NOTE = "(Kèm theo Kế hoạch số 12/KH-CĐCS ngày 05/3/2024)"
APPENDIX_ITEMS = ["Đoàn viên ở Tổ sản xuất số 1 có người thân ốm đau dài ngày.",
                  "Đoàn viên nữ nuôi con nhỏ dưới 36 tháng tuổi."]

# The body: (level, number, text). Level 0 = I., 1 = 1., 2 = a), "-" a bullet, "+" a plus item.
BODY = [
    (0, "I", "MỤC ĐÍCH, YÊU CẦU"),
    (1, "1", "Mục đích"),
    ("-", "", "Động viên người lao động thi đua hoàn thành kế hoạch sản xuất năm 2024."),
    ("-", "", "Chăm lo đời sống vật chất, tinh thần cho đoàn viên và người lao động[^1]."),
    (1, "2", "Yêu cầu"),
    ("-", "", "Tổ chức thiết thực, tiết kiệm, an toàn, đúng quy định."),
    (0, "II", "NỘI DUNG"),
    (1, "1", "Hoạt động chăm lo"),
    (2, "a", "Thăm hỏi đoàn viên có hoàn cảnh khó khăn."),
    ("+", "", "Mức hỗ trợ theo quy chế chi tiêu nội bộ."),
    (2, "b", "Tổ chức bữa cơm công nhân."),
    (1, "2", "Phân công thực hiện"),
    ("table", "", ""),
    (0, "III", "TỔ CHỨC THỰC HIỆN"),
    (1, "1", "Đối với Ban Nữ công"),
    ("-", "", "Chủ trì thăm hỏi đoàn viên, báo cáo kết quả trước ngày 15/6/2024."),
    (1, "2", "Đối với các tổ công đoàn"),
] + [("-", "", f"Nội dung thử nghiệm số {i}: người lao động tham gia đầy đủ các hoạt động do Công đoàn Công ty TNHH "
      "Thử Nghiệm tổ chức trong tháng, đăng ký thi đua và báo cáo kết quả với tổ công đoàn của mình theo đúng "
      "thời hạn.") for i in range(1, 9)]

SPEC = {
    "so_ky_hieu": SYMBOL,
    "loai": "Kế hoạch",
    "co_quan_chu_quan": PARENT,
    "co_quan_ban_hanh": ISSUER,
    "noi_ban_hanh": "Mẫu",
    "ngay_ban_hanh": "05/03/2024",
    "trich_yeu": " ".join(SUBJECT),
    "can_cu": [BASIS],
}


def expected_parts() -> list[dict]:
    """SPEC's body as the content model holds it."""
    parts: list[dict] = []
    stack: list[tuple[int, dict]] = []
    for level, so, text in BODY:
        if isinstance(level, int):
            part = {"so": so, "tieu_de": text}
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].setdefault("muc", []) if stack else parts).append(part)
            stack.append((level, part))
        elif level == "table":
            stack[-1][1].setdefault("noi_dung", []).append(
                {"bang": {"cot": TABLE_HEAD, "dong": copy.deepcopy(TABLE_ROWS)}})
        elif level == "-":
            stack[-1][1].setdefault("noi_dung", []).append({"gach_dau_dong": text})
        else:
            stack[-1][1].setdefault("noi_dung", []).append({"doan_van": f"+ {text}"})
    return parts


# -- Word ----------------------------------------------------------------------------------

_NUM_ID = "90"


def _numbering(document) -> None:
    """Word's own numbering: I. / 1. / a) / - / + at levels 0-4 of one list."""
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"), ("bullet", "+")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_NUM_ID}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{_NUM_ID}"><w:abstractNumId w:val="{_NUM_ID}"/></w:num>'))


def _num(paragraph, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{_NUM_ID}"/></w:numPr>'))


def _footnotes(document, notes: list[str]) -> None:
    """A footnotes part with the separator notes Word writes and our notes 1…n."""
    body = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            '</w:p></w:footnote>')
    for i, text in enumerate(notes, 1):
        body += (f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                 f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>{body}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _add_text(paragraph, text: str, *, bold=False, italic=False) -> None:
    """Text with `[^n]` written as a real footnote reference and `\\n` as a soft line break."""
    pieces = text.split("[^1]")
    for k, piece in enumerate(pieces):
        lines = piece.split("\n")
        for j, line in enumerate(lines):
            if j:
                paragraph.add_run().add_break()
            if line:
                run = paragraph.add_run(line)
                run.bold, run.italic = bold, italic
        if k < len(pieces) - 1:
            run = paragraph.add_run()
            run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))


def _borderless(table) -> None:
    tblpr = table._tbl.tblPr
    tblpr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(f'<w:{s} w:val="nil"/>' for s in
                                                   ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))


def build_docx(path: Path, *, numbering: str = "typed", header: str = "table", font: str = "Times New Roman",
               legacy: bool = False) -> Path:
    """Write SPEC as a .docx. `numbering`: "typed" (numbers in the text) or "word" (numPr);
    `header`: "table" (two-column borderless table) or "tabs" (tab-aligned lines)."""
    document = Document()
    document.styles["Normal"].font.name = font
    if numbering == "word":
        _numbering(document)
    _footnotes(document, [NOTE])
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", PLACE_DATE]
    left = [(PARENT, False), (ISSUER, True), (f"Số: {SYMBOL}", False)]
    if header == "table":
        table = document.add_table(rows=1, cols=2)
        _borderless(table)
        lc, rc = table.rows[0].cells
        for k, (text, bold) in enumerate(left):
            p = lc.paragraphs[0] if k == 0 else lc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_text(p, text, bold=bold)
        for k, text in enumerate(right):
            p = rc.paragraphs[0] if k == 0 else rc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_text(p, text, bold=k < 2, italic=k == 2)
    else:
        for (ltext, lbold), rtext, k in zip(left, right, range(3), strict=False):
            p = document.add_paragraph()
            _add_text(p, ltext, bold=lbold)
            p.add_run("\t\t")
            _add_text(p, rtext, bold=k < 2, italic=k == 2)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(p, "KẾ HOẠCH", bold=True)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(p, "\n".join(SUBJECT), bold=True)  # a soft line break inside the subject
    document.add_paragraph(BASIS)
    document.add_paragraph(OPENING)
    ilvl = {0: 0, 1: 1, 2: 2, "-": 3, "+": 4}
    for level, so, text in BODY:
        if level == "table":
            _task_table(document)
            continue
        p = document.add_paragraph()
        if numbering == "word":
            _num(p, ilvl[level])
            _add_text(p, text, bold=level in (0, 1))
        else:
            label = {0: f"{so}. ", 1: f"{so}. ", 2: f"{so}) ", "-": "- ", "+": "+ "}[level]
            _add_text(p, label + text, bold=level in (0, 1))
    document.add_paragraph(CLOSING)
    closing = document.add_table(rows=1, cols=2)
    _borderless(closing)
    lc, rc = closing.rows[0].cells
    _add_text(lc.paragraphs[0], "Nơi nhận:", bold=True, italic=True)
    for name, purpose in RECIPIENTS:
        _add_text(lc.add_paragraph(), f"- {name} ({purpose});")
    _add_text(lc.add_paragraph(), f"- Lưu: {KEEP}.")
    for k, line in enumerate(SIGN):
        p = rc.paragraphs[0] if k == 0 else rc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, line, bold=True)
    rc.add_paragraph()
    p = rc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(p, SIGNER, bold=True)
    document.add_page_break()
    for text in (f"PHỤ LỤC {APPENDIX[0]}", APPENDIX[1]):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, text, bold=True)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(p, APPENDIX_NOTE, italic=True)
    for item in APPENDIX_ITEMS:
        p = document.add_paragraph()
        if numbering == "word":
            _num(p, 3)
            _add_text(p, item)
        else:
            _add_text(p, f"- {item}")
    if legacy:
        _to_legacy(document)
    document.save(path)
    return path


def _task_table(document) -> None:
    table = document.add_table(rows=1 + len(TABLE_ROWS), cols=len(TABLE_HEAD))
    table.style = "Table Grid"
    for c, text in enumerate(TABLE_HEAD):
        _add_text(table.cell(0, c).paragraphs[0], text, bold=True)
    merged = table.cell(1, 2).merge(table.cell(2, 2))
    for r, row in enumerate(TABLE_ROWS, 1):
        for c, text in enumerate(row):
            if c == 2 and r == 2:
                continue
            cell = merged if c == 2 else table.cell(r, c)
            _add_text(cell.paragraphs[0], text)


# TCVN3 bytes of the letters the legacy fixture needs (from the published TCVN 5712:1993 table).
_TO_TCVN3 = {"ộ": "é", "ò": "ß", "ã": "·", "ủ": "ñ", "ĩ": "Ü", "ệ": "Ö", "Đ": "§", "ậ": "Ë", "ự": "ù",
             "ạ": "¹", "ú": "ó"}


def _to_legacy(document) -> None:
    """Rewrite the motto as a TCVN3 `.VnTime` run, as an old office file has it."""
    for t in document.element.body.iter(qn("w:t")):
        if t.text and "Độc lập" in t.text:
            t.text = "".join(_TO_TCVN3.get(ch, ch) for ch in t.text)
            run = t.getparent()
            rpr = run.get_or_add_rPr()
            rpr.append(parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii=".VnTime" w:hAnsi=".VnTime"/>'))


# -- PDF -----------------------------------------------------------------------------------

def pdf_html() -> str:
    """SPEC as print HTML: two-column header table, page numbers and a running header."""
    def esc(t: str) -> str:
        return t.replace("&", "&amp;").replace("<", "&lt;")

    body = []
    for level, so, text in BODY:
        text = text.replace("[^1]", "(*)")
        if level == "table":
            head = "".join(f"<th>{esc(h)}</th>" for h in TABLE_HEAD)
            rows = ""
            for r, row in enumerate(TABLE_ROWS):
                cells = [f"<td{' rowspan=2' if c == 2 and r == 0 else ''}>{esc(x).replace(chr(10), '<br>')}</td>"
                         for c, x in enumerate(row) if not (c == 2 and r == 1)]
                rows += "<tr>" + "".join(cells) + "</tr>"
            body.append(f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
        elif isinstance(level, int):
            label = f"{so}." if level < 2 else f"{so})"
            body.append(f'<p class="h{level}">{label} {esc(text)}</p>')
        else:
            body.append(f"<p>{level} {esc(text)}</p>")
    rec = "".join(f"<p>- {esc(n)} ({esc(p)});</p>" for n, p in RECIPIENTS) + f"<p>- Lưu: {KEEP}.</p>"
    sign = "".join(f"<p><b>{esc(s)}</b></p>" for s in SIGN) + f"<p style='margin-top:18mm'><b>{esc(SIGNER)}</b></p>"
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 22mm 15mm 20mm 30mm;
  @top-center {{ content: counter(page); font: 13pt 'Liberation Serif'; }}
  @bottom-right {{ content: "Kế hoạch Tháng Công nhân 2024"; font: 9pt 'Liberation Serif'; }} }}
@page :first {{ @top-center {{ content: none; }} }}
body {{ font: 14pt/1.35 'Liberation Serif'; }}
p {{ margin: 0 0 5pt; text-align: justify; }}
.head {{ width: 100%; border-collapse: collapse; }} .head td {{ text-align: center; vertical-align: top; width: 50%;
  font-size: 12.5pt; padding: 0; }}
.h0, .h1 {{ font-weight: bold; }} .c {{ text-align: center; }}
.grid {{ border-collapse: collapse; font-size: 12pt; }} .grid td, .grid th {{ border: 1px solid #000; padding: 2pt; }}
.close {{ width: 100%; margin-top: 12pt; }} .close td {{ vertical-align: top; width: 50%; }}
.close td:last-child p {{ text-align: center; }} .note {{ font-size: 10pt; }}
</style></head><body>
<table class="head"><tr><td><p>{PARENT}</p><p><b>{ISSUER}</b></p><p>Số: {SYMBOL}</p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p>
<p><i>{PLACE_DATE}</i></p></td></tr></table>
<p class="c" style="margin-top:14pt"><b>KẾ HOẠCH</b></p><p class="c"><b>{SUBJECT[0]}<br>{SUBJECT[1]}</b></p>
<p style="text-indent:1cm">{esc(BASIS)}</p><p style="text-indent:1cm">{esc(OPENING)}</p>
{''.join(body)}
<p style="text-indent:1cm">{esc(CLOSING)}</p>
<table class="close"><tr><td><p><b><i>Nơi nhận:</i></b></p>{rec}</td><td>{sign}</td></tr></table>
<p class="note">(*) {esc(NOTE)}</p>
<div style="page-break-before: always"><p class="c"><b>PHỤ LỤC {APPENDIX[0]}</b></p><p class="c"><b>{APPENDIX[1]}</b></p>
<p class="c"><i>{esc(APPENDIX_NOTE)}</i></p>{''.join(f"<p>- {esc(t)}</p>" for t in APPENDIX_ITEMS)}</div>
</body></html>"""


def build_pdf(path: Path) -> Path:
    HTML(string=pdf_html()).write_pdf(path)
    return path


# -- a provincial plan with a task appendix (issue 16's task tables), numbering as written ----

TASK_SYMBOL = "30/KH-LĐLĐ"
TASK_HEAD = ["STT", "NỘI DUNG CÔNG VIỆC", "Đơn vị chủ trì", "Don vi phoi hop", "Thời gian hoàn thành", "Sản phẩm"]
# Rows as the page shows them; column 3 of rows 1 and 2 is one merged cell in the Word file.
TASK_ROWS = [
    ["1", "Xây dựng kế hoạch thử nghiệm năm 2025", "Văn phòng", "Ban CSPL & QHLĐ", "Quý II/2025", "Kế hoạch"],
    ["2", "Tập huấn thử nghiệm cho cán bộ công đoàn", "Văn phòng", "Sở Thử Nghiệm tỉnh Mẫu", "Quý III năm 2025",
     "Lớp tập huấn"],
    ["3", "Tuyên truyền thử nghiệm trên bản tin", "Văn phòng\nBan CSPL & QHLĐ", "Các cấp công đoàn", "Thường xuyên",
     ""],
    ["4", "Sơ kết thử nghiệm", "Ban Nữ công LĐLĐ tỉnh", "CĐCS; Ban CSPL", "30/11/2025", "Báo cáo sơ kết"],
]
# What each row assigns, by the registry of content/don-vi.yml: (leads, partners, outside leads,
# outside partners, deadline, output).
TASK_EXPECTED = [
    (("van-phong",), ("ban-cspl-qhld",), (), (), "Quý II/2025", "Kế hoạch"),
    (("van-phong",), (), (), ("Sở Thử Nghiệm tỉnh Mẫu",), "Quý III năm 2025", "Lớp tập huấn"),
    (("van-phong", "ban-cspl-qhld"), ("cac-cap-cong-doan",), (), (), "Thường xuyên", None),
    ((), ("cdcs",), ("Ban Nữ công LĐLĐ tỉnh",), ("Ban CSPL",), "30/11/2025", "Báo cáo sơ kết"),
]
# The body: (style, text). Styles: "h" a bold heading, "p" a plain paragraph, "-" / "+" items.
TASK_BODY = [
    ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("h", "1. Mục đích"),
    ("-", "Thử nghiệm cách nhập bảng giao việc từ tệp Word."),
    ("+", "Mỗi dòng của bảng là một nhiệm vụ."),
    ("h", "2. Yêu cầu"),
    ("-", "Đúng thời hạn, đúng đơn vị."),
    ("h", "II. NỘI DUNG"),
    ("h", "Nhiệm vụ chung"),
    ("p", "1. Tổ chức tuyên truyền kế hoạch thử nghiệm đến đoàn viên."),
    ("p", "2."),
    ("p", "Tổ chức hội nghị thử nghiệm triển khai kế hoạch."),
    ("h", "Nhiệm vụ cụ thể"),
    ("p", "a. Hội thi thử nghiệm cấp tỉnh."),
    ("p", "b/ Triển lãm ảnh thử nghiệm."),
    ("h", "III. TỔ CHỨC THỰC HIỆN"),
    ("h", "1. Đối với Văn phòng"),
    ("-", "Chuẩn bị hội trường cho hội nghị thử nghiệm."),
]
TASK_PARTS = [  # shape() of the body as imported
    ("I", "MỤC ĐÍCH, YÊU CẦU", [], [
        ("1", "Mục đích", [("gach_dau_dong", "Thử nghiệm cách nhập bảng giao việc từ tệp Word."),
                           ("doan_van", "+ Mỗi dòng của bảng là một nhiệm vụ.")], []),
        ("2", "Yêu cầu", [("gach_dau_dong", "Đúng thời hạn, đúng đơn vị.")], [])]),
    ("II", "NỘI DUNG", [], [
        (None, "Nhiệm vụ chung", [], [
            ("1", None, [("doan_van", "Tổ chức tuyên truyền kế hoạch thử nghiệm đến đoàn viên.")], []),
            ("2", None, [("doan_van", "Tổ chức hội nghị thử nghiệm triển khai kế hoạch.")], [])]),
        (None, "Nhiệm vụ cụ thể", [], [
            ("a.", None, [("doan_van", "Hội thi thử nghiệm cấp tỉnh.")], []),
            ("b/", None, [("doan_van", "Triển lãm ảnh thử nghiệm.")], [])])]),
    ("III", "TỔ CHỨC THỰC HIỆN", [], [
        ("1", "Đối với Văn phòng", [("gach_dau_dong", "Chuẩn bị hội trường cho hội nghị thử nghiệm.")], [])]),
]
TASK_CLOSING = "Trên đây là Kế hoạch thử nghiệm năm 2025 của Ban Thường vụ Liên đoàn Lao động tỉnh Mẫu./."
TASK_SIGN = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]
TASK_SIGNER = "Lê Thị Mẫu"


def _header_table(document, left: list[tuple[str, bool]], right: list[tuple[str, bool, bool]]) -> None:
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    lc, rc = table.rows[0].cells
    for k, (text, bold) in enumerate(left):
        p = lc.paragraphs[0] if k == 0 else lc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, text, bold=bold)
    for k, (text, bold, italic) in enumerate(right):
        p = rc.paragraphs[0] if k == 0 else rc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, text, bold=bold, italic=italic)


def _closing_table(document, recipients: list[str], sign: list[str], signer: str) -> None:
    closing = document.add_table(rows=1, cols=2)
    _borderless(closing)
    lc, rc = closing.rows[0].cells
    _add_text(lc.paragraphs[0], "Nơi nhận:", bold=True, italic=True)
    for line in recipients:
        _add_text(lc.add_paragraph(), f"- {line}")
    for k, line in enumerate(sign):
        p = rc.paragraphs[0] if k == 0 else rc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, line, bold=True)
    p = rc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(p, "(Đã ký)", italic=True)
    p = rc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(p, signer, bold=True)


def build_task_plan_docx(path: Path) -> Path:
    """A (fictional) provincial plan: bold numbered headings, untitled items and points written
    "1. …", "2." alone, "a.", "b/"; headings without a number; a "+" item; "(Đã ký)" in the
    signature; an appendix whose task table has a merged lead cell, two leads in one cell, a body
    outside the registry, a unit the registry lacks and another name of a unit it has."""
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    _header_table(document, [("LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU", False), ("BAN THƯỜNG VỤ", True),
                             (f"Số: {TASK_SYMBOL}", False)],
                  [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                   ("Mẫu, ngày 15 tháng 01 năm 2025", False, True)])
    for text in ("KẾ HOẠCH", "Thử nghiệm nhập bảng giao việc năm 2025"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, text, bold=True)
    document.add_paragraph("Ban Thường vụ Liên đoàn Lao động tỉnh Mẫu ban hành kế hoạch thử nghiệm như sau:")
    for style, text in TASK_BODY:
        # Numbered headings in Word's heading styles (and bold), as writers who use styles set them;
        # headings without a number in bold only.
        roman = text.split(".")[0] in ("I", "II", "III")
        numbered = style == "h" and (roman or text[:1].isdigit())
        p = document.add_paragraph(style=f"Heading {1 if roman else 2}" if numbered else None)
        _add_text(p, {"-": "- ", "+": "+ "}.get(style, "") + text, bold=style == "h")
    document.add_paragraph(TASK_CLOSING)
    _closing_table(document, ["Tổng LĐLĐ Việt Nam (b/cáo);", "Các cấp công đoàn (th/h);", "Lưu: VT."],
                   TASK_SIGN, TASK_SIGNER)
    document.add_page_break()
    for text in ("PHỤ LỤC I", "DANH MỤC NHIỆM VỤ THỬ NGHIỆM NĂM 2025"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, text, bold=True)
    table = document.add_table(rows=1 + len(TASK_ROWS), cols=len(TASK_HEAD))
    table.style = "Table Grid"
    for c, text in enumerate(TASK_HEAD):
        _add_text(table.cell(0, c).paragraphs[0], text, bold=True)
    merged = table.cell(1, 2).merge(table.cell(2, 2))
    for r, row in enumerate(TASK_ROWS, 1):
        for c, text in enumerate(row):
            if c == 2 and r == 2:
                continue
            _add_text((merged if c == 2 and r == 1 else table.cell(r, c)).paragraphs[0], text)
    document.save(path)
    return path


# -- a Party document (Hướng dẫn 36-HD/VPTW layout) -------------------------------------------

PARTY_SYMBOL = "12-CT/ĐU"
PARTY_ITEMS = [
    "Các chi bộ quán triệt chỉ thị thử nghiệm này đến toàn thể đảng viên trong tháng 4 năm 2025.",
    "Công đoàn Công ty TNHH Thử Nghiệm phối hợp tổ chức hội nghị người lao động thử nghiệm.",
    "Văn phòng Đảng ủy theo dõi, tổng hợp, báo cáo kết quả thực hiện chỉ thị thử nghiệm.",
]
PARTY_SIGN = ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
PARTY_SIGNER = "Phạm Văn Thử"


def build_party_docx(path: Path) -> Path:
    """A (fictional) Party directive: "ĐẢNG CỘNG SẢN VIỆT NAM", the issuing body over a star,
    "Số 12-CT/ĐU" without a colon, untitled numbered items, "T/M BAN THƯỜNG VỤ" and "(Đã ký)"."""
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    _header_table(document, [("ĐẢNG BỘ TỈNH MẪU", False), ("ĐẢNG ỦY CÔNG TY TNHH THỬ NGHIỆM", True), ("*", False),
                             (f"Số {PARTY_SYMBOL}", False)],
                  [("ĐẢNG CỘNG SẢN VIỆT NAM", True, False), ("Mẫu, ngày 20 tháng 3 năm 2025", False, True)])
    for text in ("CHỈ THỊ", "về tăng cường lãnh đạo công tác công đoàn thử nghiệm"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, text, bold=True)
    document.add_paragraph("Để công tác công đoàn thử nghiệm đạt kết quả, Ban Thường vụ Đảng ủy yêu cầu:")
    for k, text in enumerate(PARTY_ITEMS, 1):
        document.add_paragraph(f"{k}. {text}")
    document.add_paragraph("Chỉ thị này được phổ biến đến chi bộ./.")
    _closing_table(document, ["Ban Thường vụ Tỉnh ủy Mẫu (b/c);", "Các chi bộ (th/h);", "Lưu: VP."],
                   PARTY_SIGN, PARTY_SIGNER)
    document.save(path)
    return path
