"""A document as an editable Word file, laid out by NĐ 30/2020 as its PDF is.

Drawn from the shared document view-model (render/document_view.py), on the Word page of
export/docx_page.py (A4, the decree's margins, Times New Roman): the header as a borderless
two-column table (bodies and number | national title, motto, place and date; a Party document: the
issuing body over a star | the Party's title, "Số 12-CT/ĐU"), type and subject bold and centred,
legal bases in italics, the body with its numbering written as text, as the source wrote it ("a)",
"a.", "a/", "1)"), so that what an officer sees is what the file holds: a titled part's heading in
bold (italic too from the third level, as the PDF), in Word's heading style of its level (the
navigation pane lists it); an untitled part's number run into its first paragraph. Tables with
their line breaks, footnotes as real Word footnotes, "Nơi nhận" beside the signature block,
appendices on new pages, page numbers centred at the top from page 2. The file carries no hidden
copy of the content model: importing it back reads what an officer sees.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable, _Cell
from docx.text.paragraph import Paragraph

from ldkb.export.docx_page import FONT, docx_bytes, new_document, set_font
from ldkb.model.corpus import Corpus
from ldkb.model.schema import VanBan
from ldkb.render.document_view import Block, DocumentView, Footnote, Part, Table, document_view

# Sizes (pt) of NĐ 30/2020, Phụ lục I, as the PDF uses them.
HEADER_PT = 13
NATION_PT = 12.5
BODY_PT = 14
RECIPIENT_TITLE_PT = 12
RECIPIENT_PT = 11
TABLE_PT = 12
NOTE_PT = 11
INDENT = Cm(1.27)
# Header columns: bodies and number | national title (about 2/5 and 3/5 of the 165 mm text width).
LEFT_MM, RIGHT_MM = 68, 97

NO_SIGNER = "(Bản gốc không ghi người ký)"
_REF = re.compile(r"\[\^([^\]\s]{1,8})\]")
_CENTER = WD_ALIGN_PARAGRAPH.CENTER

Container = DocxDocument | _Cell


class _Notes:
    """Footnotes: Word's own (automatic numbers when the marks are 1, 2, 3… in order of first
    reference; a custom mark such as `*` written after its reference otherwise)."""

    def __init__(self, notes: Sequence[Footnote]):
        self.texts = {n.mark: n.text for n in notes}
        self.order: list[str] = []

    def reference(self, paragraph: Paragraph, mark: str, size: float) -> None:
        if mark not in self.texts or mark in self.order:
            run = paragraph.add_run(f"[^{mark}]")
            set_font(run, size=size)
            return
        self.order.append(mark)
        nid = len(self.order)
        auto = mark == str(nid)
        run = paragraph.add_run()
        set_font(run, size=size)
        rpr = run._r.get_or_add_rPr()
        rpr.append(parse_xml(f'<w:vertAlign {nsdecls("w")} w:val="superscript"/>'))
        custom = "" if auto else ' w:customMarkFollows="1"'
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")}{custom} w:id="{nid}"/>'))
        if not auto:
            mark_run = paragraph.add_run(mark)
            set_font(mark_run, size=size)
            mark_run._r.get_or_add_rPr().append(parse_xml(f'<w:vertAlign {nsdecls("w")} w:val="superscript"/>'))

    def part_xml(self) -> bytes:
        body = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r>'
                '<w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0">'
                '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
                "</w:footnote>")
        fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        size = f'<w:sz w:val="{int(NOTE_PT * 2)}"/>'
        for nid, mark in enumerate(self.order, 1):
            auto = mark == str(nid)
            ref = ('<w:r><w:rPr>' + fonts + size + '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                   if auto else f'<w:r><w:rPr>{fonts}{size}<w:vertAlign w:val="superscript"/></w:rPr>'
                                f'<w:t>{escape(mark)}</w:t></w:r>')
            body += (f'<w:footnote w:id="{nid}"><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="both"/></w:pPr>'
                     f'{ref}<w:r><w:rPr>{fonts}{size}</w:rPr><w:t xml:space="preserve"> '
                     f"{escape(self.texts[mark])}</w:t></w:r></w:p></w:footnote>")
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>{body}'
                "</w:footnotes>").encode()


def _heading_style(style: ParagraphStyle, level: int) -> None:
    """Word's "Heading N" made to look as the PDF's part headings: Times New Roman 14 pt, bold,
    italic from level 3, black (the template's theme font and blue colour removed)."""
    font = style.font
    font.name = FONT
    font.size = Pt(BODY_PT)
    font.bold = True
    font.italic = level >= 3
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    color = rpr.find(qn("w:color"))
    if color is not None:
        for attr in ("w:themeColor", "w:themeShade"):
            color.attrib.pop(qn(attr), None)
    pf = style.paragraph_format
    pf.space_before, pf.space_after = Pt(6), Pt(6)
    pf.keep_with_next = True


class _Writer:
    def __init__(self, view: DocumentView):
        self.view = view
        self.doc = new_document(body_pt=BODY_PT)
        self.notes = _Notes(view.notes)
        self.styled: set[int] = set()

    # -- paragraphs -----------------------------------------------------------------------
    def para(self, text: str = "", *, container: Container | None = None, size: float = BODY_PT,
             bold: bool = False, italic: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
             indent: bool = False, after: float = 6, before: float = 0) -> Paragraph:
        target: Container = container if container is not None else self.doc
        p = target.add_paragraph()
        p.alignment = align
        pf = p.paragraph_format
        pf.space_after, pf.space_before = Pt(after), Pt(before)
        if indent:
            pf.first_line_indent = INDENT
        self.text(p, text, size=size, bold=bold, italic=italic)
        return p

    def text(self, p: Paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False) -> None:
        """Runs of `text`: footnote references as real references, line breaks as soft breaks."""
        pos = 0
        for m in _REF.finditer(text):
            self._plain(p, text[pos:m.start()], size, bold, italic)
            self.notes.reference(p, m.group(1), size)
            pos = m.end()
        self._plain(p, text[pos:], size, bold, italic)

    @staticmethod
    def _plain(p: Paragraph, text: str, size: float, bold: bool, italic: bool) -> None:
        for k, line in enumerate(text.split("\n")):
            if k:
                run = p.add_run()
                run.add_break()
            if line:
                set_font(p.add_run(line), size=size, bold=bold, italic=italic)

    def heading(self, text: str, level: int, *, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
                indent: bool = True) -> Paragraph:
        """A part's heading: bold (italic from level 3), in Word's heading style of its level."""
        level = max(1, min(level, 9))
        style = self.doc.styles[f"Heading {level}"]
        assert isinstance(style, ParagraphStyle)
        if level not in self.styled:
            _heading_style(style, level)
            self.styled.add(level)
        p = self.para(text, bold=True, italic=level >= 3, align=align, indent=indent)
        p.style = style
        return p

    def rule(self, container: Container, *, width_mm: float, cell_mm: float) -> None:
        """A short solid line (NĐ 30: under the issuing body, the motto and the subject): the bottom
        border of an empty paragraph narrowed by its indents."""
        p = container.add_paragraph()
        side = Mm(max(0.0, (cell_mm - width_mm) / 2))
        pf = p.paragraph_format
        pf.left_indent = pf.right_indent = side
        pf.space_after = pf.space_before = Pt(0)
        pf.line_spacing = Pt(2)
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
                             'w:color="000000"/></w:pBdr>'))

    # -- parts of the page ----------------------------------------------------------------
    def _cell_para(self, cell: _Cell, text: str, *, size: float, bold: bool = False,
                   italic: bool = False) -> Paragraph:
        """A centred line in a header cell (its first, empty paragraph first)."""
        first: Paragraph = cell.paragraphs[0]
        if first.text or first.runs:
            return self.para(text, container=cell, align=_CENTER, after=0, size=size, bold=bold, italic=italic)
        first.alignment = _CENTER
        first.paragraph_format.space_after = Pt(0)
        self.text(first, text, size=size, bold=bold, italic=italic)
        return first

    def header(self) -> None:
        h = self.view.header
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _borderless(table)
        widths: tuple[Length, Length] = (Mm(LEFT_MM), Mm(RIGHT_MM))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        left, right = table.cell(0, 0), table.cell(0, 1)
        if h.parent:
            self._cell_para(left, h.parent.upper(), size=HEADER_PT)
        self._cell_para(left, h.issuer.upper(), size=HEADER_PT, bold=True)
        if h.family == "party":
            # Hướng dẫn 36-HD/VPTW: a star under the issuing body; the Party's title, underlined.
            self._cell_para(left, "*", size=HEADER_PT)
            self._cell_para(right, h.nation, size=NATION_PT, bold=True)
            self.rule(right, width_mm=72, cell_mm=RIGHT_MM)
        else:
            self.rule(left, width_mm=min(LEFT_MM * 0.4, 30), cell_mm=LEFT_MM)
            self._cell_para(right, h.nation, size=NATION_PT, bold=True)
            self._cell_para(right, h.motto, size=BODY_PT, bold=True)
            self.rule(right, width_mm=64, cell_mm=RIGHT_MM)
        self._cell_para(table.cell(1, 0), f"{h.number_label} {h.number}", size=HEADER_PT)
        self._cell_para(table.cell(1, 1), f"{h.place}, {h.date}", size=BODY_PT, italic=True)

    def title(self) -> None:
        self.para(self.view.type_title, bold=True, align=_CENTER, before=18, after=0)
        self.para(self.view.subject, bold=True, align=_CENTER, after=0)
        self.rule(self.doc, width_mm=50, cell_mm=165)
        self.para("", after=6)

    def blocks(self, blocks: Sequence[Block], run_in: str = "") -> None:
        """Blocks in order; `run_in`: an untitled part's number, put before its first paragraph
        (on a line of its own when the part opens with a bullet, a table or a sub-part)."""
        if run_in and (not blocks or blocks[0].kind != "para"):
            self.para(run_in, indent=True)
            run_in = ""
        for block in blocks:
            if block.table is not None:
                self.table(block.table)
            elif block.kind == "bullet":
                self.para(f"- {block.text}", indent=True)
            elif run_in:
                self.para(f"{run_in} {block.text}", indent=True)
                run_in = ""
            else:
                self.para(block.text, indent=True)

    def part(self, part: Part) -> None:
        if part.appendix:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.heading(f"PHỤ LỤC {part.number or ''}".strip(), 1, align=_CENTER, indent=False)
            if part.title:
                self.para(part.title, bold=True, align=_CENTER)
            self.blocks(part.blocks)
        elif part.run_in:
            self.blocks(part.blocks, run_in=part.run_in)
        elif part.number or part.title:
            self.heading(part.heading, part.depth)
            self.blocks(part.blocks)
        else:  # neither number nor title: the page shows its id to link to; the text has none
            self.blocks(part.blocks)
        for child in part.children:
            self.part(child)

    def table(self, table: Table) -> None:
        if table.caption:
            self.para(table.caption, bold=True, align=_CENTER)
        grid = self.doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for c, name in enumerate(table.columns):
            cell = grid.cell(0, c)
            cell.paragraphs[0].alignment = _CENTER
            self.text(cell.paragraphs[0], name, size=TABLE_PT, bold=True)
        for r, row in enumerate(table.rows, 1):
            for c, value in enumerate(row):
                p = grid.cell(r, c).paragraphs[0]
                p.paragraph_format.space_after = Pt(0)
                self.text(p, value, size=TABLE_PT)
        self.para("", after=0)

    def closing(self) -> None:
        cl = self.view.closing
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        _borderless(table)
        # Recipients and signature stay together on one page.
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        left, right = table.cell(0, 0), table.cell(0, 1)
        for column, width in zip(table.columns, (Mm(80), Mm(85)), strict=True):
            column.width = width
        left.width, right.width = Mm(80), Mm(85)
        left.paragraphs[0].paragraph_format.space_after = Pt(0)
        if cl.recipients:
            self.text(left.paragraphs[0], "Nơi nhận:", size=RECIPIENT_TITLE_PT, bold=True, italic=True)
            for line in cl.recipients:
                self.para(f"- {line}", container=left, size=RECIPIENT_PT, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
        sig = cl.signature
        first = right.paragraphs[0]
        first.alignment = _CENTER
        if sig is None:
            self.text(first, NO_SIGNER, size=BODY_PT, italic=True)
            return
        for k, (_, line) in enumerate(sig.lines):
            p = first if k == 0 else self.para(container=right, align=_CENTER, after=0)
            p.paragraph_format.space_after = Pt(0)
            self.text(p, line.upper(), size=BODY_PT, bold=True)
        for _ in range(4):  # room for the signature and the seal
            self.para(container=right, align=_CENTER, after=0)
        if sig.name:
            self.para(sig.name, container=right, bold=True, align=_CENTER, after=0)

    def page_numbers(self) -> None:
        """Arabic page numbers centred in the top margin, none on page 1 (NĐ 30/2020)."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        section.header_distance = Mm(10)
        p = section.header.paragraphs[0]
        p.alignment = _CENTER
        p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr>'
                              f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/><w:sz w:val="{BODY_PT * 2}"/></w:rPr>'
                              '<w:t>2</w:t></w:r></w:fldSimple>'))

    def build(self) -> DocxDocument:
        self.page_numbers()
        self.header()
        self.title()
        for basis in self.view.facts.bases:
            self.para(basis, italic=True, indent=True)
        self.blocks(self.view.opening)
        for part in self.view.parts:
            self.part(part)
        self.blocks(self.view.ending)
        self.closing()
        for part in self.view.appendices:
            self.part(part)
        if self.notes.order:
            notes = OpcPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.notes.part_xml(),
                            self.doc.part.package)
            self.doc.part.relate_to(notes, RT.FOOTNOTES)
        return self.doc


def _borderless(table: DocxTable) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    tblpr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>' + "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))


def document_docx(doc: VanBan, corpus: Corpus) -> bytes:
    """The .docx bytes of a document with its full text (same content, same bytes)."""
    view = document_view(doc, corpus)
    document = _Writer(view).build()
    title = doc.title if doc.so_ky_hieu else f"{doc.loai}: {doc.trich_yeu}"
    return docx_bytes(document, title=title, when=doc.ngay_ban_hanh)
