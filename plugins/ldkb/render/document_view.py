"""What a document shows, decided once for every way it is drawn: web page, PDF, Word file.

The renderers (render/document_page.py for the site, pdf/document_html.py and pdf/handbook.py for
print, and the Word export) turn these plain values into their own markup. None of them decides
again what the header says, how a part is titled, who a part names, what the closing lists or
which facts are unknown: a change to one of those is made here and reaches every output.

Texts are as the editor wrote them (NFC, unescaped); escaping and upper-casing for print are the
renderers' business, since the web and print layouts differ there on purpose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ldkb.model.corpus import Corpus
from ldkb.model.schema import TINH_TRANG, Bang, Khoi, Muc, PhanCong, VanBan
from ldkb.model.symbols import parse_symbol
from ldkb.text.dates import long_date, short_date

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
# Words that open a signing-authority line (NĐ 30/2020: TM., KT., TL., TUQ., Q.; the Party's T/M).
AUTHORITY = re.compile(r"^\s*(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*\.?\s", re.IGNORECASE)
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Party documents (Hướng dẫn 36-HD/VPTW): the Party's title instead of the national title and
# motto, a star under the issuing body, "Số 37-CT/TW" without a colon.
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"

Family = Literal["state", "union", "party"]
# Issuing bodies of the Party, for a document without a symbol to tell by.
_PARTY_BODIES = ("Đảng", "Tỉnh ủy", "Tỉnh uỷ", "Huyện ủy", "Huyện uỷ", "Thành ủy", "Thành uỷ", "Ban Bí thư",
                 "Bộ Chính trị", "Ban Chấp hành Trung ương")
_UNION_BODIES = ("Công đoàn", "Liên đoàn Lao động", "LĐLĐ", "TLĐ")
_UNION_CODES = ("TLĐ", "LĐLĐ", "CĐ", "CĐN", "CĐCS")


def family(doc: VanBan) -> Family:
    """Whose layout a document follows: the Party's (symbols `37-CT/TW`, `36-CTr/TU`), the trade
    union's (`117/KH-LĐLĐ`, `81b/KH-TLĐ`; NĐ 30 as QĐ 933/QĐ-TLĐ applies it) or the state's."""
    sym = parse_symbol(doc.so_ky_hieu) if doc.so_ky_hieu else None
    if sym is not None:
        if sym.party:
            return "party"
        return "union" if sym.issuer.split("-")[0] in _UNION_CODES else "state"
    issuer = doc.co_quan_ban_hanh
    if any(b in issuer for b in _UNION_BODIES):
        return "union"
    return "party" if any(b in issuer for b in _PARTY_BODIES) else "state"


@dataclass(frozen=True, slots=True)
class Header:
    """The two-column official header: bodies and number left, title and date right. State and
    union documents follow NĐ 30/2020 (national title and motto); Party documents their own
    rules (the Party's title, a star under the issuing body)."""
    parent: str  # superior body as written, "" when none
    issuer: str
    number: str  # the symbol, or "…/KH-LĐLĐ" for a document without a number
    place: str
    date: str  # the decree's long form: "ngày 04 tháng 02 năm 2020"
    nation: str = NATIONAL_TITLE
    motto: str = MOTTO  # "" for a Party document
    family: Family = "state"
    number_label: str = "Số:"  # "Số" for a Party document


@dataclass(frozen=True, slots=True)
class UnitRef:
    id: str
    name: str | None  # None: the code is not in the unit registry


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who a part or block names, and by when, as the document says."""
    leads: tuple[UnitRef, ...]
    units: tuple[UnitRef, ...]
    partners: tuple[UnitRef, ...]
    deadline: str | None
    # Bodies outside the unit registry, as written: (role key of model/tasks.ROLES, name).
    outside: tuple[tuple[str, str], ...] = ()
    output: str | None = None
    general: bool = False  # "giao chung": the document assigns this without naming a unit
    nobody: bool = False  # a deadline or output with no unit here or above ("không nêu đơn vị")

    @property
    def lead(self) -> UnitRef | None:
        return self.leads[0] if self.leads else None


@dataclass(frozen=True, slots=True)
class Table:
    caption: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cells as written; a "\n" in a cell is a line break
    # A task table (`giao_viec`): each row's anchor (`<table anchor>-d<n>`); () for other tables.
    row_anchors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    kind: Literal["para", "bullet", "table"]
    anchor: str
    text: str  # "" for a table
    table: Table | None
    task: Assignment | None


@dataclass(frozen=True, slots=True)
class Part:
    id: str  # "II.3.2"
    anchor: str  # "ii-3-2"
    heading: str  # "2. Đối với …", or "PHỤ LỤC I …" for an appendix
    depth: int  # 1 for I, II …; children one more
    appendix: bool  # a top-level appendix (its children are plain parts)
    task: Assignment | None
    blocks: tuple[Block, ...]
    children: tuple[Part, ...]
    number: str | None = None  # as the editor wrote it ("II", "3.1", "a", "a."); None when unnumbered
    title: str | None = None
    # A numbered part without a title ("1.", "a)", "a.", "a/"): its number runs into its first
    # paragraph instead of standing as a heading of its own. "" for every other part.
    run_in: str = ""


@dataclass(frozen=True, slots=True)
class Signature:
    lines: tuple[tuple[Literal["authority", "position"], str], ...]  # "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"
    name: str | None


@dataclass(frozen=True, slots=True)
class Closing:
    recipients: tuple[str, ...]  # "Tổng LĐLĐ Việt Nam (để báo cáo);" … "Lưu: VT."
    signature: Signature | None  # None: the original names no signer


@dataclass(frozen=True, slots=True)
class Status:
    label: str | None  # None: not known (never guessed)
    replaced_by: str | None  # symbol as written
    replaced_by_slug: str | None  # its page, when the collection has it
    note: str | None


@dataclass(frozen=True, slots=True)
class Facts:
    """The information table; None where the source does not say."""
    number: str | None
    type: str
    issuer: str  # "Ban Thường vụ … (Tổng LĐLĐ Việt Nam)": issuing body, superior in brackets
    date: str | None  # d/m/yyyy as the site writes dates
    subject: str
    period: str | None
    status: Status
    full_text: bool
    bases: tuple[str, ...]
    source: str | None
    editor_note: str | None


@dataclass(frozen=True, slots=True)
class Footnote:
    mark: str  # as the text references it: `[^1]` -> "1"
    text: str


@dataclass(frozen=True, slots=True)
class DocumentView:
    header: Header
    type_title: str  # "KẾ HOẠCH"
    subject: str  # shown as a title: first letter capital, words as quoted
    facts: Facts
    opening: tuple[Block, ...]
    parts: tuple[Part, ...]
    ending: tuple[Block, ...]
    appendices: tuple[Part, ...]
    closing: Closing
    notes: tuple[Footnote, ...] = ()


def header_view(doc: VanBan, corpus: Corpus) -> Header:
    kind = family(doc)
    party = kind == "party"
    return Header(
        parent=doc.co_quan_chu_quan or "",
        issuer=doc.co_quan_ban_hanh,
        # The symbol; the blank before an unnumbered draft's symbol; else "…/" and the type code.
        number=doc.display_number,
        place=doc.noi_ban_hanh or corpus.province,
        date=long_date(doc.ngay_ban_hanh),
        nation=PARTY_TITLE if party else NATIONAL_TITLE,
        motto="" if party else MOTTO,
        family=kind,
        number_label="Số" if party else "Số:",
    )


def _unit(unit_id: str, corpus: Corpus) -> UnitRef:
    unit = corpus.units.get(unit_id)
    return UnitRef(unit_id, unit.ten if unit is not None else None)


def _unassigned(corpus: Corpus) -> set[int]:
    """Parts and blocks whose task names no unit, here or above (model/tasks.py), once per corpus."""
    found = corpus.__dict__.get("_ldkb_unassigned")
    if found is None:
        found = corpus.__dict__["_ldkb_unassigned"] = {
            id(t.block if t.block is not None else t.part) for ts in corpus.tasks.values() for t in ts
            if t.no_unit and t.row is None}
    return found


def assignment_view(obj: PhanCong, corpus: Corpus) -> Assignment | None:
    if not obj.is_task:
        return None
    out = obj.ngoai_danh_muc
    outside = tuple((role, name) for role in ("chu_tri", "don_vi", "phoi_hop")
                    for name in (getattr(out, role) if out is not None else ()))
    return Assignment(
        leads=tuple(_unit(u, corpus) for u in obj.chu_tri),
        units=tuple(_unit(u, corpus) for u in obj.don_vi),
        partners=tuple(_unit(u, corpus) for u in obj.phoi_hop),
        deadline=obj.thoi_han or None,
        outside=outside,
        output=obj.san_pham or None,
        general=obj.giao_chung and not obj.names_units,
        nobody=id(obj) in _unassigned(corpus),
    )


def table_view(table: Bang, anchor: str = "") -> Table:
    rows = tuple(tuple(r) for r in table.dong)
    anchors = tuple(f"{anchor}-d{n}" for n in range(1, len(rows) + 1)) if table.giao_viec is not None else ()
    return Table(table.tieu_de, tuple(table.cot), rows, anchors)


def block_view(block: Khoi, corpus: Corpus) -> Block:
    task = assignment_view(block, corpus)
    if block.bang is not None:
        return Block("table", block.anchor, "", table_view(block.bang, block.anchor), task)
    if block.gach_dau_dong is not None:
        return Block("bullet", block.anchor, block.gach_dau_dong, None, task)
    return Block("para", block.anchor, block.doan_van or "", None, task)


def blocks_view(blocks: list[Khoi], corpus: Corpus) -> tuple[Block, ...]:
    return tuple(block_view(b, corpus) for b in blocks)


def part_heading(part: Muc, appendix: bool = False) -> str:
    """The heading as printed: "2. Đối với …"; a top-level appendix "PHỤ LỤC I …"; a part with
    neither number nor title shows its id, so that it still has a heading to link to."""
    if appendix and part.depth == 1:
        return " ".join(f"PHỤ LỤC {part.so or ''} {part.tieu_de or ''}".split())
    return part.heading or part.id


def part_view(part: Muc, corpus: Corpus, appendix: bool = False) -> Part:
    top_appendix = appendix and part.depth == 1
    run_in = part.label if part.so and not part.tieu_de and not top_appendix else ""
    return Part(
        id=part.id,
        anchor=part.anchor,
        heading=part_heading(part, appendix),
        depth=part.depth,
        appendix=top_appendix,
        task=assignment_view(part, corpus),
        blocks=blocks_view(part.noi_dung, corpus),
        children=tuple(part_view(child, corpus) for child in part.muc),
        number=part.so or None,
        title=part.tieu_de or None,
        run_in=run_in,
    )


def _line_kind(line: str) -> Literal["authority", "position"]:
    return "authority" if AUTHORITY.match(line) else "position"


def closing_view(doc: VanBan) -> Closing:
    lines = [f"{r.ten} ({r.muc_dich});" if r.muc_dich else f"{r.ten};" for r in doc.noi_nhan]
    if doc.luu:
        lines.append(f"Lưu: {doc.luu}.")
    signer = doc.nguoi_ky
    signature = None
    if signer and (signer.lines or signer.ho_ten):
        # Any number of lines above the name ("TM. …", "KT. …", the position): a line that opens
        # with a signing-authority word is an authority line, the others positions.
        sign_lines = tuple((_line_kind(line), line) for line in signer.lines)
        signature = Signature(sign_lines, signer.ho_ten or None)
    return Closing(tuple(lines), signature)


def facts_view(doc: VanBan, corpus: Corpus) -> Facts:
    issuer = doc.co_quan_ban_hanh + (f" ({doc.co_quan_chu_quan})" if doc.co_quan_chu_quan else "")
    state = doc.hieu_luc
    replaced = state.thay_the_boi if state.tinh_trang != "chua-ro" else None
    target = corpus.resolve(replaced) if replaced else None
    status = Status(
        label=None if state.tinh_trang == "chua-ro" else TINH_TRANG[state.tinh_trang],
        replaced_by=replaced or None,
        replaced_by_slug=target.slug if target is not None else None,
        note=state.ghi_chu or None,
    )
    return Facts(
        number=doc.so_ky_hieu or None,
        type=doc.loai,
        issuer=issuer,
        date=short_date(doc.ngay_ban_hanh) if doc.ngay_ban_hanh else None,
        subject=doc.trich_yeu,
        period=str(doc.giai_doan) if doc.giai_doan else None,
        status=status,
        full_text=doc.full_text,
        bases=tuple(doc.can_cu),
        source=doc.nguon or None,
        editor_note=doc.ghi_chu or None,
    )


def document_view(doc: VanBan, corpus: Corpus) -> DocumentView:
    return DocumentView(
        header=header_view(doc, corpus),
        type_title=doc.loai.upper(),
        subject=doc.subject_title,
        facts=facts_view(doc, corpus),
        opening=blocks_view(doc.mo_dau, corpus),
        parts=tuple(part_view(p, corpus) for p in doc.noi_dung),
        ending=blocks_view(doc.ket_thuc, corpus),
        appendices=tuple(part_view(p, corpus, appendix=True) for p in doc.phu_luc),
        closing=closing_view(doc),
        notes=tuple(Footnote(n.ky_hieu, n.noi_dung) for n in doc.chu_thich),
    )
