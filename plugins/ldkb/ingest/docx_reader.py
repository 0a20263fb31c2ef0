"""Word files (`.docx`): paragraphs, runs, tables, text boxes, footnotes and Word's own numbering.

The zip is checked against the limits first (entries, unpacked size, ratio, no DTD in any XML part),
then opened with python-docx, whose parser never expands entities. The text is read from the XML in
document order: tabs and soft line breaks kept, deleted tracked changes left out, each footnote
reference written `[^mark]` into the text. Word's automatic numbering (`w:numPr` on the paragraph or
inherited from its style) is computed the way Word draws it, so "1.", "a)" or "-" that are not in the
text reach the structure recogniser as the paragraph's `label`. Runs in a legacy Vietnamese font
(`.VnTime`, `VNI-Times`) are converted to Unicode.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ldkb.ingest import legacy_fonts
from ldkb.ingest.limits import Limits, check_chars, check_zip, read_part
from ldkb.ingest.source import Cell, ImportRefused, Line, Note, Source, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


# An element of the package's XML (lxml ships no type information).
Element = Any


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _val(el: Element | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(w(attr))
    return None if value is None else str(value)


def _int(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.lstrip("-").isdigit() else default


def _on(el: Element | None) -> bool | None:
    """A toggle property (`w:b`, `w:i`): None when absent."""
    if el is None:
        return None
    return _val(el) not in ("0", "false", "off")


_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


# -- styles --------------------------------------------------------------------------------

class _Styles:
    def __init__(self, styles_el: Element | None):
        self.by_id: dict[str, Element] = {}
        self.default_para: str | None = None
        self.default_font: str | None = None
        if styles_el is None:
            return
        for st in styles_el.iter(w("style")):
            sid = str(st.get(w("styleId")))
            self.by_id[sid] = st
            if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true"):
                self.default_para = sid
        fonts = styles_el.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
        if fonts is not None:
            self.default_font = _val(fonts, "ascii") or _val(fonts, "hAnsi")

    def chain(self, sid: str | None) -> Iterator[Element]:
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            sid = _val(st.find(w("basedOn")))

    def para_prop(self, sid: str | None, path: str) -> Element | None:
        for st in self.chain(sid or self.default_para):
            el = st.find(path)
            if el is not None:
                return el
        return None

    def run_prop(self, rsid: str | None, psid: str | None, tag: str) -> Element | None:
        for sid in (rsid, psid or self.default_para):
            for st in self.chain(sid):
                el = st.find(f"{w('rPr')}/{w(tag)}")
                if el is not None:
                    return el
        return None

    def font(self, rsid: str | None, psid: str | None) -> str | None:
        el = self.run_prop(rsid, psid, "rFonts")
        found = _val(el, "ascii") or _val(el, "hAnsi")
        return found or self.default_font

    def is_heading(self, sid: str | None) -> bool:
        """Whether a paragraph style makes a heading: an outline level (1-9 in Word's dialog, 0-8 in
        the file) or one of Word's built-in "heading N" styles, following `basedOn`."""
        for st in self.chain(sid or self.default_para):
            level = _val(st.find(f"{w('pPr')}/{w('outlineLvl')}"))
            if level is not None:
                return level.isdigit() and int(level) < 9
            name = (_val(st.find(w("name"))) or "").casefold()
            if re.fullmatch(r"heading\s*[1-9]", name):
                return True
        return False

    def numpr(self, sid: str | None) -> tuple[str, int | None, str] | None:
        """(numId, ilvl, style) a paragraph style gives its paragraphs, following `basedOn`."""
        for st in self.chain(sid):
            num = st.find(f"{w('pPr')}/{w('numPr')}")
            num_id = _val(num.find(w("numId"))) if num is not None else None
            if num_id is not None:
                ilvl = _val(num.find(w("ilvl")))
                return num_id, (int(ilvl) if ilvl is not None and ilvl.isdigit() else None), str(st.get(w("styleId")))
        return None


# -- numbering -----------------------------------------------------------------------------

@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False
    style: str | None = None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    # Word: a … z, then aa … zz (the letter repeated).
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


_BULLETS = {"\uf0b7": "-", "\uf0a7": "-", "\uf0d8": "-", "\uf0fc": "-", "•": "-", "–": "-", "—": "-", "-": "-",
            "+": "+", "o": "-", "▪": "-", "■": "-", "●": "-", "◦": "-", "·": "-", "*": "-"}


class _Numbering:
    def __init__(self, numbering_el: Element | None, styles: _Styles):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.styles = styles
        self.counts: dict[str, list[int | None]] = {}
        if numbering_el is None:
            return
        for ab in numbering_el.iter(w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in ab.iter(w("lvl")):
                levels[_int(lvl.get(w("ilvl")), 0)] = _Level(
                    start=_int(_val(lvl.find(w("start"))), 1),
                    fmt=_val(lvl.find(w("numFmt"))) or "decimal",
                    text=_val(lvl.find(w("lvlText"))) or "",
                    legal=lvl.find(w("isLgl")) is not None,
                    style=_val(lvl.find(w("pStyle"))),
                )
            aid = str(ab.get(w("abstractNumId")))
            self.abstract[aid] = levels
            link = _val(ab.find(w("numStyleLink")))
            if link:
                self.style_links[aid] = link
        for num in numbering_el.iter(w("num")):
            overrides: dict[int, int] = {}
            for ov in num.iter(w("lvlOverride")):
                start = ov.find(w("startOverride"))
                if start is not None:
                    overrides[_int(ov.get(w("ilvl")), 0)] = _int(_val(start), 1)
            self.nums[str(num.get(w("numId")))] = (_val(num.find(w("abstractNumId"))) or "", overrides)

    def _levels(self, num_id: str) -> dict[int, _Level]:
        aid, _ = self.nums.get(num_id, ("", {}))
        levels = self.abstract.get(aid, {})
        if not levels and aid in self.style_links:
            # A list style: its numbering lives in the style's own numPr.
            found = self.styles.numpr(self.style_links[aid])
            if found and found[0] != num_id:
                return self._levels(found[0])
        return levels

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        for ilvl, lvl in self._levels(num_id).items():
            if lvl.style and lvl.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word draws for the next paragraph of list `num_id` at level `ilvl`."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        levels = self._levels(num_id)
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        overrides = self.nums[num_id][1]
        counts = self.counts.setdefault(num_id, [None] * 9)
        start = overrides.get(ilvl, lvl.start)
        current = counts[ilvl]
        counts[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        if lvl.fmt == "bullet":
            return _BULLETS.get(lvl.text.strip()[:1], "-") if lvl.text.strip() else "-"
        text = lvl.text
        for i in range(9):
            token = f"%{i + 1}"
            if token in text:
                li = levels.get(i, _Level())
                counted = counts[i]
                n = counted if counted is not None else overrides.get(i, li.start)
                text = text.replace(token, _format(n, "decimal" if lvl.legal and i != ilvl else li.fmt))
        return text.strip()


# -- reading -------------------------------------------------------------------------------

@dataclass
class _Ctx:
    styles: _Styles
    numbering: _Numbering
    note_marks: dict[str, str] = field(default_factory=dict)  # footnote id -> mark
    note_count: int = 0
    legacy: set[str] = field(default_factory=set)
    deleted: int = 0
    paragraphs: int = 0
    tables: int = 0
    # A footnote reference with a custom mark: the mark is the text that follows it.
    pending_mark: str | None = None


def _run_font(run: Element, ctx: _Ctx, psid: str | None) -> str | None:
    rpr = run.find(w("rPr"))
    if rpr is not None:
        fonts = rpr.find(w("rFonts"))
        own = _val(fonts, "ascii") or _val(fonts, "hAnsi")
        if own:
            return own
        rsid = _val(rpr.find(w("rStyle")))
    else:
        rsid = None
    return ctx.styles.font(rsid, psid)


def _run_toggle(run: Element, ctx: _Ctx, psid: str | None, tag: str) -> bool:
    rpr = run.find(w("rPr"))
    rsid = None
    if rpr is not None:
        own = _on(rpr.find(w(tag)))
        if own is not None:
            return own
        rsid = _val(rpr.find(w("rStyle")))
    return bool(_on(ctx.styles.run_prop(rsid, psid, tag)))


def _text_boxes(el: Element) -> list[Element]:
    """`w:txbxContent` under `el`, once each (the DrawingML choice, not its VML fallback)."""
    out: list[Element] = []
    for box in el.iter(w("txbxContent")):
        parent = box.getparent()
        fallback = False
        while parent is not None and parent is not el:
            if parent.tag == f"{{{MC_NS}}}Fallback":
                fallback = True
                break
            parent = parent.getparent()
        if not fallback:
            out.append(box)
    return out


class _Para:
    """Text and formatting spans of one paragraph."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, bool, bool]] = []  # text, bold, italic
        self.boxes: list[Element] = []

    def add(self, text: str, bold: bool, italic: bool) -> None:
        if text:
            self.spans.append((text, bold, italic))

    @property
    def text(self) -> str:
        return "".join(s[0] for s in self.spans)


def _walk(el: Element, para: _Para, ctx: _Ctx, psid: str | None) -> None:
    for child in el:
        tag = child.tag
        if tag == w("r"):
            _run(child, para, ctx, psid)
        elif tag in (w("del"), w("moveFrom")):
            ctx.deleted += 1
        elif tag == f"{{{MC_NS}}}AlternateContent":
            choice = child.find(f"{{{MC_NS}}}Choice")
            if choice is not None:
                _walk(choice, para, ctx, psid)
        elif tag in (w("pPr"), w("rPr"), w("proofErr"), w("bookmarkStart"), w("bookmarkEnd")):
            continue
        else:  # hyperlink, ins, moveTo, smartTag, fldSimple, sdt/sdtContent, customXml
            _walk(child, para, ctx, psid)


def _run(run: Element, para: _Para, ctx: _Ctx, psid: str | None) -> None:
    bold = _run_toggle(run, ctx, psid, "b")
    italic = _run_toggle(run, ctx, psid, "i")
    caps = _run_toggle(run, ctx, psid, "caps")
    enc, capitals = legacy_fonts.encoding_of_font(_run_font(run, ctx, psid))
    for child in run:
        tag = child.tag
        text = ""
        if tag == w("t"):
            text = child.text or ""
            if ctx.pending_mark and text.strip():
                # The mark of a footnote with a custom mark follows its reference.
                para.add(f"[^{text.strip()}]", False, False)
                ctx.note_marks[ctx.pending_mark] = text.strip()
                ctx.pending_mark = None
                continue
            if enc:
                ctx.legacy.add(enc)
                text = legacy_fonts.convert(text, enc, capitals)
            if caps:
                text = text.upper()
        elif tag == w("tab") or tag == w("ptab"):
            text = "\t"
        elif tag in (w("br"), w("cr")):
            text = "\n"
        elif tag == w("noBreakHyphen"):
            text = "-"
        elif tag == w("sym"):
            code = child.get(w("char"), "")
            try:
                ch = chr(int(code, 16))
            except ValueError:
                ch = ""
            text = _BULLETS.get(ch, ch if not 0xF000 <= ord(ch or "\0") <= 0xF0FF else "")
        elif tag in (w("footnoteReference"), w("endnoteReference")):
            nid = child.get(w("id"))
            key = ("e" if tag == w("endnoteReference") else "f") + str(nid)
            if child.get(w("customMarkFollows")) in ("1", "true", "on"):
                ctx.pending_mark = key
                continue
            ctx.note_count += 1
            mark = str(ctx.note_count)
            ctx.note_marks[key] = mark
            text = f"[^{mark}]"
            para.add(text, False, False)
            continue
        elif tag in (w("drawing"), w("pict"), f"{{{MC_NS}}}AlternateContent", w("object")):
            para.boxes.extend(_text_boxes(child))
            continue
        para.add(text, bold, italic)


def _paragraph(p: Element, ctx: _Ctx, where: str) -> list[Line | Table]:
    ppr = p.find(w("pPr"))
    psid = _val(ppr.find(w("pStyle"))) if ppr is not None else None
    para = _Para()
    _walk(p, para, ctx, psid)
    lines: list[Line | Table] = []  # a text box may hold a table
    for box in para.boxes:
        for item in _container(box, ctx, f"{where} (khung chữ)"):
            if isinstance(item, Line):
                item.boxed = True
            lines.append(item)
    text = para.text
    # Label: the paragraph's own numbering, else its style's.
    label = ""
    num = ppr.find(w("numPr")) if ppr is not None else None
    num_id: str | None = None
    ilvl: int | None = None
    if num is not None and num.find(w("numId")) is not None:
        num_id = _val(num.find(w("numId")))
        own_ilvl = _val(num.find(w("ilvl")))
        ilvl = _int(own_ilvl, 0) if own_ilvl is not None else None
    if num_id is None:
        inherited = ctx.styles.numpr(psid or ctx.styles.default_para)
        if inherited:
            num_id, ilvl, _owner = inherited
            if ilvl is None:
                ilvl = ctx.numbering.level_of_style(num_id, psid)
    if num_id and text.strip():
        if ilvl is None:
            ilvl = ctx.numbering.level_of_style(num_id, psid) or 0
        label = ctx.numbering.label(num_id, ilvl)
    jc = ppr.find(w("jc")) if ppr is not None else None
    if jc is None:
        jc = ctx.styles.para_prop(psid, f"{w('pPr')}/{w('jc')}")
    centered = _val(jc) in ("center", "right", "end")
    own_level = _val(ppr.find(w("outlineLvl"))) if ppr is not None else None
    heading = (own_level.isdigit() and int(own_level) < 9) if own_level is not None else ctx.styles.is_heading(psid)
    visible = [(t, b, i) for t, b, i in para.spans if t.strip() and not t.startswith("[^")]
    bold = bool(visible) and all(b for _, b, _ in visible)
    italic = bool(visible) and all(i for _, _, i in visible)
    seg_bold: tuple[bool, ...] = ()
    if "\t" in text:
        segs: list[list[bool]] = [[]]
        for t, b, _ in para.spans:
            parts = t.split("\t")
            for k, part in enumerate(parts):
                if k:
                    segs.append([])
                if part.strip():
                    segs[-1].append(b)
        seg_bold = tuple(bool(s) and all(s) for s in segs)
    ctx.paragraphs += 1
    if text.strip() or label:
        lines.append(Line(text, where, label=label, bold=bold, italic=italic, centered=centered,
                          seg_bold=seg_bold, heading=heading))
    return lines


def _table(tbl: Element, ctx: _Ctx, where: str) -> Table:
    grid: list[list[Cell]] = []
    above: dict[int, Cell] = {}
    for r, tr in enumerate(tbl.findall(w("tr")), 1):
        row: list[Cell] = []
        trpr = tr.find(w("trPr"))
        before = int(_val(trpr.find(w("gridBefore"))) or 0) if trpr is not None and trpr.find(w("gridBefore")) is not None else 0
        for _ in range(before):
            row.append(Cell([]))
        for tc in tr.iter(w("tc")):
            if tc.getparent() is not tr and tc.getparent().getparent() is not tr:
                continue  # a nested table's cell: read with its own table below
            tcpr = tc.find(w("tcPr"))
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(w("gridSpan"))
                span = int(_val(gs) or 1) if gs is not None else 1
                vm = tcpr.find(w("vMerge"))
                if vm is not None:
                    vmerge = _val(vm) or "continue"
            col = len(row)
            if vmerge == "continue" and col in above:
                cell = above[col]
            else:
                lines: list[Line] = []
                c = len(row) + 1
                for item in _container(tc, ctx, f"{where}, hàng {r}, cột {c}"):
                    if isinstance(item, Line):
                        lines.append(item)
                    else:  # a nested table: its rows as lines of the cell
                        for nrow in item.rows:
                            seen = []
                            for ncell in nrow:
                                if ncell not in seen:
                                    seen.append(ncell)
                            lines.append(Line(" | ".join(x.text for x in seen), item.where))
                cell = Cell(lines)
            for k in range(span):
                row.append(cell)
                above[col + k] = cell
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        while len(row) < width:
            row.append(Cell([]))
    tblpr = tbl.find(w("tblPr"))
    borderless = True
    if tblpr is not None:
        borders = tblpr.find(w("tblBorders"))
        if borders is not None:
            borderless = all(_val(b) in ("nil", "none") for b in borders)
        elif tblpr.find(w("tblStyle")) is not None:
            borderless = _val(tblpr.find(w("tblStyle"))) in ("TableNormal", "NormalTable")
    return Table(grid, where, borderless=borderless)


def _container(el: Element, ctx: _Ctx, where: str) -> list[Line | Table]:
    """Paragraphs and tables of a body, cell or text box, in order."""
    out: list[Line | Table] = []
    p_count = t_count = 0
    for child in el:
        tag = child.tag
        if tag == w("p"):
            p_count += 1
            out.extend(_paragraph(child, ctx, where if "hàng" in where or "khung" in where
                                  else f"đoạn {ctx.paragraphs + 1}"))
        elif tag == w("tbl"):
            t_count += 1
            ctx.tables += 1
            out.append(_table(child, ctx, f"bảng {ctx.tables}" if "hàng" not in where else f"{where}, bảng con"))
        elif tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if tag == w("sdt") else child
            if content is not None:
                out.extend(_container(content, ctx, where))
    return out


def _notes(part_el: Element, ctx: _Ctx, kind: str, src: Source) -> None:
    tag = "footnote" if kind == "f" else "endnote"
    for note in part_el.iter(w(tag)):
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        nid = note.get(w("id"))
        mark = ctx.note_marks.get(kind + str(nid))
        texts = []
        for p in note.iter(w("p")):
            para = _Para()
            _walk(p, para, ctx, None)
            texts.append(para.text.strip())
        text = " ".join(t for t in texts if t).strip()
        if mark is not None and not mark.isdigit() and text.startswith(mark):
            text = text[len(mark):].strip()  # a custom mark is typed again before the note's text
        if mark is None:
            if text:
                src.warnings.append(f"Chú thích “{text[:60]}” không được dẫn ở đâu trong văn bản.")
                mark = f"{kind}{nid}"
            else:
                continue
        src.notes.append(Note(mark, text, f"chú thích {mark}"))


def read_docx(raw: bytes, path: str, limits: Limits) -> Source:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ImportRefused("Tệp .docx bị hỏng (không mở được như một tệp Word). Mở lại bằng Word, lưu thành "
                            "tệp .docx mới rồi nhập lại.") from None
    with archive:
        check_zip(archive, limits)
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise ImportRefused("Tệp nén này không phải tệp Word (.docx): không có phần nội dung văn bản. "
                                "Kiểm tra lại tệp hoặc lưu văn bản thành .docx bằng Word.")
        total = 0
        for name in names:
            if name.endswith((".xml", ".rels")):
                total += len(read_part(archive, name, limits))
        check_chars(total // 4, limits)
    try:
        document = Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ImportRefused(f"Không đọc được tệp Word ({type(exc).__name__}). Mở tệp bằng Word, lưu lại thành tệp "
                            ".docx mới rồi nhập lại.") from None
    part = document.part
    styles = _Styles(document.styles.element)
    try:
        numbering_el = part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        numbering_el = None
    ctx = _Ctx(styles, _Numbering(numbering_el, styles))
    src = Source(path, "docx")
    src.items = _container(document.element.body, ctx, "đoạn")
    for rel in part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES):
            el = etree.fromstring(rel.target_part.blob, _SAFE)
            _notes(el, ctx, "f" if rel.reltype == RT.FOOTNOTES else "e", src)
    if ctx.legacy:
        fonts = ", ".join(legacy_fonts.NAMES[e] for e in sorted(ctx.legacy))
        src.repairs.append(f"Chữ gõ bằng phông cũ {fonts} đã được chuyển sang Unicode: đọc lại kỹ các chữ có dấu.")
    if ctx.deleted:
        src.warnings.append(f"Tệp còn {ctx.deleted} chỗ xoá chưa chấp nhận (Track Changes): phần đã xoá không được "
                            "nhập. Nên chấp nhận hoặc từ chối mọi thay đổi trong Word trước khi nhập.")
    return src
