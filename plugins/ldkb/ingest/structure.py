"""Recognise the parts of an administrative document in the neutral source form.

Order of a document (NĐ 30/2020; the Party's own layout alike): the header block (superior and
issuing body, number and symbol | national title and motto or the Party's title, place and date),
the type and subject, legal bases ("Căn cứ …"), opening paragraphs, the body (I., 1., 1.1., a), a.,
a/, then "-" and "+" items), the closing paragraph (ending "./."), "Nơi nhận" beside the signature
block, appendices, footnotes.

Every source line ends up in exactly one place: a field of the draft, the list of recognised layout
text (national title, "Số:", …, shown in the report), or the list of unplaced lines (shown in the
report with their position). Where a choice was a guess, `unsure` carries a note written as a YAML
comment next to the field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ldkb.ingest import lines as line_rules
from ldkb.ingest.source import Cell, Line, Source, Table
from ldkb.model.symbols import DOCUMENT_TYPES, clean, parse_symbol
from ldkb.text.normalize import collapse_ws, fold, slugify

# -- patterns ------------------------------------------------------------------------------
_NATIONAL = re.compile(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s*X[ÃA]\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
_PARTY = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_BLANKISH = r"[\d.…_ \u00a0]*?"
_DATE = re.compile(
    rf"(?P<place>[^\t,]{{0,40}}?)\s*,?\s*ngày\s+(?P<d>{_BLANKISH})\s*tháng\s+(?P<m>{_BLANKISH})\s*năm\s+"
    r"(?P<y>\d{4}|[.…_ \u00a0]*)\s*$", re.I)
_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<rest>.*)$")
_BLANK_SYMBOL = re.compile(r"^[\s.…_\u00a0]*(?P<tail>/\s*[A-Za-zĐđ]+(?:\s*[-–]\s*[A-Za-zĐđ]+)*)\s*$")
_RULE = re.compile(r"^[\s\-–—_=*.·]+$")
_VV = re.compile(r"^\s*V/v\s*:?\s*(?P<s>.+)$", re.I)
_CAN_CU = re.compile(r"^\s*Căn\s+cứ\b")
_NOI_NHAN = re.compile(r"^\s*Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.I)
_AUTHORITY = re.compile(r"^\s*(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*\.?\s+\S", re.I)
_APPENDIX = re.compile(r"^\s*PH[ỤU]\s+L[ỤU]C\b\s*(?:số\s*)?(?P<so>[IVXLC]+|\d+|[A-Z])?\s*[.:\-–]?\s*(?P<title>.*)$",
                       re.I)
_BULLET_RECIPIENT = re.compile(r"^\s*[-–—•·▪+*]\s*")
_PLACEHOLDER = re.compile(r"^\s*\((?:đã\s+ký|ký|chữ\s+ký|ký\s+tên|ký,.*)[^)]*\)\s*$", re.I)
_END = re.compile(r"\./\.\s*$")
# What our own Word and PDF files print where the original names no signer.
_NO_SIGNER = re.compile(r"^\s*\(\s*Bản gốc không ghi người ký\s*\)\s*$", re.I)
_TYPED_NOTE = re.compile(r"^\s*\((?P<m>\*{1,3})\)\s*(?P<t>\S.*)$")

_MARKERS = [
    ("R", re.compile(r"^(?P<so>[IVXLC]{1,6})\s*[.)]\s*(?P<rest>\S.*)$")),
    ("M", re.compile(r"^(?P<so>\d{1,3}(?:\.\d{1,3})+)\.?\s+(?P<rest>\S.*)$")),
    ("N", re.compile(r"^(?P<so>\d{1,3})\s*[.)]\s*(?P<rest>\D.*)$")),
    ("L", re.compile(r"^(?P<so>[a-zđ])\s*(?P<p>[).]|/)\s*(?P<rest>\S.*)$")),
    ("B", re.compile(r"^[-–—•·▪]\s*(?P<rest>\S.*)$")),
    ("P", re.compile(r"^\+\s*(?P<rest>\S.*)$")),
]


def marker(text: str) -> tuple[str, str, str, str] | None:
    """(kind, number, rest, punctuation) of a line opening with a marker, else None.

    Kinds: R (I.), N (1.), M2/M3 (1.1., 1.1.1.), L (a), a., a/), B (-), P (+)."""
    for kind, rx in _MARKERS:
        m = rx.match(text)
        if m:
            so = m.groupdict().get("so") or ""
            if kind == "M":
                kind = f"M{so.count('.') + 1}"
            if kind == "R" and not _is_roman(so):
                continue
            return kind, so, m.group("rest").strip(), m.groupdict().get("p") or ""
    return None


def _is_roman(s: str) -> bool:
    return bool(re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", s)) and bool(s) or s in ("L", "C")


# -- results -------------------------------------------------------------------------------

@dataclass
class Unplaced:
    text: str
    where: str
    why: str


@dataclass
class Draft:
    data: dict = field(default_factory=dict)
    # data path (tuple of keys/indices) -> note written as a YAML comment above the value
    unsure: dict = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)
    # (what, source text, where): layout text recognised but not stored as such (national title…)
    layout: list[tuple[str, str, str]] = field(default_factory=list)
    unknown_units: list[tuple[str, str]] = field(default_factory=list)  # (name, where)
    source: Source | None = None


class _Tracker:
    """Which source lines were placed; every other line is reported as unplaced."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.placed: set[int] = set()

    def take(self, line: Line) -> None:
        self.placed.add(id(line))

    def unplaced(self, line: Line | None, text: str, where: str, why: str) -> None:
        if line is not None:
            self.placed.add(id(line))
        if text.strip():
            self.draft.unplaced.append(Unplaced(text.strip(), where, why))


def _type_of(text: str) -> str | None:
    t = collapse_ws(text.replace("\t", " ")).strip().rstrip(":").strip()
    if not t or len(t) > 40 or not line_rules.is_upper(t):
        return None
    for name in DOCUMENT_TYPES:
        if fold(t) == fold(name):
            return name
    return None


def _pieces(line: Line) -> list[Line]:
    """A paragraph split at its soft line breaks, pieces that continue a sentence joined again."""
    if "\n" not in line.text:
        return [line]
    out: list[Line] = []
    for k, part in enumerate(line.text.split("\n")):
        if not part.strip():
            continue
        if out and line_rules.continues(out[-1].text, part):
            out[-1].text = line_rules.join(out[-1].text, part)
            continue
        out.append(Line(part, line.where, label=line.label if k == 0 else "", bold=line.bold, italic=line.italic,
                        centered=line.centered, gap_before=line.gap_before if k == 0 else False,
                        seg_bold=line.seg_bold if "\t" in part else ()))
    return out


def _cells_unique(row: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for c in row:
        if not any(c is x for x in out):
            out.append(c)
    return out


# -- header --------------------------------------------------------------------------------

@dataclass
class _HLine:
    text: str
    bold: bool
    where: str
    line: Line | None


def _split_right(text: str) -> tuple[str, str] | None:
    """An interleaved header line ("LĐLĐ TỈNH MẪU Độc lập - Tự do - Hạnh phúc"): left and right part."""
    for rx in (_NATIONAL, _MOTTO, _PARTY):
        m = rx.search(text)
        if m and m.start() > 0 and text[:m.start()].strip():
            return text[:m.start()].strip(), text[m.start():].strip()
    m = _NUMBER.match(text)
    if m:
        rest = m.group("rest")
        dm = re.search(r"\s(?=[^\s,]{2,}[^,]{0,30},\s*ngày\s)", rest)
        if dm and _DATE.search(rest[dm.end():]):
            return text[: len(text) - len(rest) + dm.start()].strip(), rest[dm.end():].strip()
    return None


def _header_columns(items: list, tracker: _Tracker) -> tuple[list[_HLine], list[_HLine]]:
    left: list[_HLine] = []
    right: list[_HLine] = []

    def add_line(ln: Line, text: str, bold: bool, side: str | None):
        for piece in text.split("\n"):
            if not piece.strip():
                continue
            hl = _HLine(piece.strip(), bold, ln.where, ln)
            if side is None:
                side_here = "R" if (_NATIONAL.search(piece) or _MOTTO.search(piece) or _PARTY.search(piece)
                                    or _DATE.search(piece) and not _NUMBER.match(piece)) else "L"
                split = _split_right(piece.strip())
                if split:
                    left.append(_HLine(split[0], bold, ln.where, ln))
                    right.append(_HLine(split[1], bold, ln.where, ln))
                    continue
            else:
                side_here = side
            (right if side_here == "R" else left).append(hl)

    for item in items:
        if isinstance(item, Table):
            for row in item.rows:
                cells = _cells_unique(row)
                for k, cell in enumerate(cells):
                    side = "L" if k == 0 and len(cells) > 1 else ("R" if len(cells) > 1 else None)
                    for ln in cell.lines:
                        tracker.take(ln)
                        add_line(ln, ln.full, ln.bold, side)
            continue
        tracker.take(item)
        text = item.full
        if "\t" in text.strip("\n") or text.startswith("\t"):
            segs = re.split(r"\t+", text)
            bolds = list(item.seg_bold) or [item.bold] * len(segs)
            for k, seg in enumerate(segs):
                if not seg.strip():
                    continue
                side = "L" if k == 0 else "R"
                add_line(item, seg, bolds[k] if k < len(bolds) else item.bold, side)
        else:
            add_line(item, text, item.bold, None)
    return left, right


def _rejoin(column: list[_HLine]) -> list[_HLine]:
    """Lines a narrow column wrapped ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" + "NAM") joined again."""
    out: list[_HLine] = []
    for hl in column:
        if out:
            joined = f"{out[-1].text} {hl.text}"
            for rx in (_NATIONAL, _MOTTO, _PARTY):
                if rx.fullmatch(joined.strip()) and not rx.search(out[-1].text):
                    out[-1] = _HLine(joined, out[-1].bold, out[-1].where, out[-1].line)
                    break
            else:
                out.append(hl)
            continue
        out.append(hl)
    return out


def _parse_header(items: list, draft: Draft, tracker: _Tracker) -> dict:
    data: dict = {}
    left, right = _header_columns(items, tracker)
    right = _rejoin(right)
    # Right column: national title and motto, or the Party's title; place and date.
    for hl in right:
        t = hl.text
        if _NATIONAL.fullmatch(t.strip()) or _NATIONAL.search(t) and len(t) < 45:
            draft.layout.append(("Quốc hiệu", t, hl.where))
        elif _MOTTO.search(t):
            draft.layout.append(("Tiêu ngữ", t, hl.where))
        elif _PARTY.search(t):
            draft.layout.append(("Tiêu đề Đảng", t, hl.where))
            data["_party"] = True
        elif _RULE.match(t):
            continue
        elif _DATE.search(t):
            _parse_date(t, hl.where, data, draft)
        else:
            tracker.unplaced(None, t, hl.where, "dòng ở cột phải phần đầu văn bản, không nhận ra")
    # Left column: bodies above the number, then the number, then "V/v" of a letter.
    bodies: list[_HLine] = []
    after_number = False
    for hl in left:
        t = hl.text
        if _RULE.match(t):
            continue
        m = _NUMBER.match(t)
        if m and not after_number:
            after_number = True
            _parse_number(m.group("rest"), hl, data, draft, tracker)
            continue
        vv = _VV.match(t)
        if vv:
            data["_vv"] = (vv.group("s").strip(), hl.where)
            after_number = True
            continue
        if after_number:
            if "_vv" in data:  # the subject of a letter may wrap
                s, where = data["_vv"]
                data["_vv"] = (line_rules.join(s, t), where)
            else:
                tracker.unplaced(None, t, hl.where, "dòng dưới số, ký hiệu ở phần đầu, không nhận ra")
            continue
        if _DATE.search(t) and not bodies:
            _parse_date(t, hl.where, data, draft)
            continue
        bodies.append(hl)
    _parse_bodies(bodies, data, draft)
    return data


def _parse_bodies(bodies: list[_HLine], data: dict, draft: Draft) -> None:
    if not bodies:
        return
    bold = [b for b in bodies if b.bold]
    if bold and len(bold) < len(bodies) and all(not b.bold for b in bodies[: bodies.index(bold[0])]) \
            and bodies.index(bold[0]) > 0:
        # NĐ 30: the superior body upright, the issuing body in bold.
        cut = bodies.index(bold[0])
        parent, issuer = bodies[:cut], bodies[cut:]
        data["co_quan_chu_quan"] = " ".join(b.text for b in parent)
        data["co_quan_ban_hanh"] = " ".join(b.text for b in issuer)
    elif len(bodies) == 1:
        data["co_quan_ban_hanh"] = bodies[0].text
    else:
        data["co_quan_chu_quan"] = bodies[0].text
        data["co_quan_ban_hanh"] = " ".join(b.text for b in bodies[1:])
        if len(bodies) > 2:
            draft.unsure[("co_quan_ban_hanh",)] = (
                "Phần đầu có nhiều dòng tên cơ quan: đã lấy dòng đầu làm cơ quan chủ quản, các dòng sau làm cơ "
                "quan ban hành. Kiểm tra lại.")
    for b in bodies:
        what = "Cơ quan chủ quản" if data.get("co_quan_chu_quan") and b.text in data["co_quan_chu_quan"] \
            and b is not bodies[-1] else "Cơ quan ban hành"
        draft.layout.append((what, b.text, b.where))
    for key in ("co_quan_chu_quan", "co_quan_ban_hanh"):
        if key in data and line_rules.is_upper(data[key]):
            draft.unsure.setdefault((key,), "Bản gốc in chữ hoa; có thể ghi lại theo cách viết tên riêng "
                                             "(trang và bản in tự in hoa).")


def _parse_number(rest: str, hl: _HLine, data: dict, draft: Draft, tracker: _Tracker) -> None:
    draft.layout.append(("Số, ký hiệu", hl.text, hl.where))
    rest = rest.strip()
    blank = _BLANK_SYMBOL.match(rest)
    if blank:
        data["ky_hieu_chua_so"] = clean(blank.group("tail"))
        return
    sym = parse_symbol(rest)
    if sym is not None:
        data["so_ky_hieu"] = sym.text
        return
    token = rest.split()[0] if rest.split() else ""
    if token and parse_symbol(token):
        data["so_ky_hieu"] = parse_symbol(token).text
        leftover = rest[len(token):].strip()
        if leftover:
            tracker.unplaced(None, leftover, hl.where, "chữ sau số, ký hiệu")
        return
    if rest:
        tracker.unplaced(None, hl.text, hl.where, "số, ký hiệu không đúng quy tắc (ví dụ `12/KH-LĐLĐ`)")


def _parse_date(text: str, where: str, data: dict, draft: Draft) -> None:
    m = _DATE.search(text)
    draft.layout.append(("Nơi và ngày ban hành", text, where))
    place = m.group("place").strip(" ,")
    if place and not re.fullmatch(r"[.…_ \u00a0]*", place):
        data["noi_ban_hanh"] = place
    d, mth, y = (m.group(k).strip() for k in ("d", "m", "y"))
    if d.isdigit() and mth.isdigit() and y.isdigit():
        data["ngay_ban_hanh"] = f"{int(d):02d}/{int(mth):02d}/{y}"
    else:
        draft.unsure[("ngay_ban_hanh",)] = f"Bản gốc để trống ngày: “{text.strip()}”."


# -- body ----------------------------------------------------------------------------------

def _table_block(table: Table, tracker: _Tracker, draft: Draft, path: tuple) -> dict | None:
    rows = [r for r in table.rows if any(c.text for c in r)]
    for r in table.rows:
        for c in r:
            for ln in c.lines:
                tracker.take(ln)
    if not rows:
        return None
    width = len(rows[0])
    head = rows[0]
    header_rows = 1
    merged_head = any(head[k] is head[k + 1] for k in range(width - 1))
    if merged_head and len(rows) > 1:
        sub = rows[1]
        cot = []
        for k in range(width):
            top, low = head[k].text, sub[k].text
            cot.append(top if sub[k] is head[k] or not low else (f"{top} – {low}" if head[k] in
                       [head[j] for j in range(width) if j != k] else low))
        header_rows = 2
    else:
        cot = [c.text for c in head]
    dong = [[c.text for c in r] for r in rows[header_rows:]]
    merged = any(r[k] is r[k + 1] for r in rows[header_rows:] for k in range(width - 1)) or any(
        rows[i][k] is rows[i + 1][k] for i in range(header_rows, len(rows) - 1) for k in range(width))
    notes = []
    if merged:
        notes.append("Bảng gốc có ô gộp: nội dung ô gộp đã được chép vào từng dòng/cột nó phủ. Kiểm tra lại.")
    roles = [c for c in cot if re.search(r"chủ\s*trì|phối\s*hợp|thời\s*(?:gian|hạn)|sản\s*phẩm", c, re.I)]
    if roles:
        notes.append("Bảng giao việc (cột " + ", ".join(f"“{c}”" for c in roles) + "): các dòng là nhiệm vụ; "
                     "xem trang Giao việc cho đơn vị để gắn đơn vị, thời hạn.")
    if notes:
        draft.unsure[path] = " ".join(notes)
    return {"bang": {"cot": cot, "dong": dong}}


class _Body:
    """The hierarchy parser: parts by their markers, blocks under the innermost part."""

    def __init__(self, tracker: _Tracker, draft: Draft, base: tuple):
        self.tracker = tracker
        self.draft = draft
        self.root: list[dict] = []  # parts
        self.loose: list[dict] = []  # blocks before the first part
        self.stack: list[tuple[str, dict, tuple]] = []
        self.base = base
        self.last_kind = ""

    def _blocks_here(self) -> tuple[list, tuple]:
        if self.stack:
            part, path = self.stack[-1][1], self.stack[-1][2]
            return part.setdefault("noi_dung", []), path + ("noi_dung",)
        return self.loose, ("mo_dau",)

    def part(self, kind: str, so: str, rest: str, punct: str, line: Line) -> None:
        kinds = [k for k, _, _ in self.stack]
        if kind in kinds:
            while self.stack and self.stack[-1][0] != kind:
                self.stack.pop()
            self.stack.pop()
        new = {"so": so, "tieu_de": rest}
        if self.stack:
            parent, ppath = self.stack[-1][1], self.stack[-1][2]
            siblings = parent.setdefault("muc", [])
            path = ppath + ("muc", len(siblings))
        else:
            siblings = self.root
            path = self.base + (len(siblings),)
        siblings.append(new)
        if kind == "L" and punct and punct != ")":
            self.draft.unsure[path + ("so",)] = f"Bản gốc ghi `{so}{punct}`; trang và bản in ghi `{so})`."
        self.stack.append((kind, new, path))
        self.tracker.take(line)
        self.last_kind = "part"

    def block(self, block: dict, line: Line | None) -> None:
        blocks, path = self._blocks_here()
        blocks.append(block)
        if line is not None:
            self.tracker.take(line)
        self.last_kind = "block"
        return path + (len(blocks) - 1,)

    def feed(self, item) -> None:
        if isinstance(item, Table):
            blocks, path = self._blocks_here()
            block = _table_block(item, self.tracker, self.draft, path + (len(blocks),))
            if block:
                self.block(block, None)
            return
        for ln in _pieces(item):
            text = ln.full.strip()
            if not text or _RULE.match(text):
                self.tracker.take(item)
                continue
            mk = marker(text)
            if mk is None:
                self.block({"doan_van": text}, item)
            elif mk[0] == "B":
                self.block({"gach_dau_dong": mk[2]}, item)
            elif mk[0] == "P":
                self.block({"doan_van": text}, item)
            else:
                self.part(mk[0], mk[1], mk[2], mk[3], item)
        self.tracker.take(item)


def _closing_index(items: list) -> int | None:
    for i, item in enumerate(items):
        texts = []
        if isinstance(item, Table):
            for row in item.rows:
                for c in _cells_unique(row):
                    texts += [ln.full for ln in c.lines]
            if any(_NOI_NHAN.match(t.strip()) for t in texts) or \
                    sum(bool(_AUTHORITY.match(t.strip())) for t in texts) and any(
                        _NOI_NHAN.match(t.strip()) or _BULLET_RECIPIENT.match(t) for t in texts):
                return i
            continue
        t = item.full.strip()
        if _NOI_NHAN.match(t.split("\t")[0].strip()) or _NOI_NHAN.match(t):
            return i
        segs = [s.strip() for s in re.split(r"\t+", item.full) if s.strip()]
        if segs and _AUTHORITY.match(segs[-1]) and (item.full.startswith("\t") or len(segs) > 1
                                                    or item.centered or line_rules.is_upper(segs[-1])):
            return i
    return None


def _appendix_index(items: list, start: int) -> int | None:
    for i in range(start, len(items)):
        item = items[i]
        if isinstance(item, Line):
            t = item.full.strip()
            m = _APPENDIX.match(t)
            if m and (line_rules.is_upper(t[:8]) or item.centered or item.bold) and len(t) < 200:
                return i
    return None


# -- closing -------------------------------------------------------------------------------

def _closing(items: list, data: dict, draft: Draft, tracker: _Tracker) -> None:
    left: list[tuple[str, str, Line]] = []
    right: list[tuple[str, str, Line]] = []

    last = [""]

    def route(text: str, where: str, ln: Line, side: str | None):
        t = text.strip()
        if not t:
            return
        if _NOI_NHAN.match(t) or _BULLET_RECIPIENT.match(t) or side == "L" or (
                side is None and left and not re.search(r"[;.:]$", left[-1][0])
                and (t[:1] == "(" or t[:1].islower())):
            # (the rest of a recipient wrapped onto the next line stays with it)
            left.append((t, where, ln))
            last[0] = "L"
        else:
            right.append((t, where, ln))
            last[0] = "R"

    for item in items:
        if isinstance(item, Table):
            for row in item.rows:
                cells = _cells_unique(row)
                for k, cell in enumerate(cells):
                    for ln in cell.lines:
                        tracker.take(ln)
                        for piece in ln.full.split("\n"):
                            route(piece, ln.where, ln, "L" if k == 0 and len(cells) > 1 else "R")
            continue
        tracker.take(item)
        for piece in item.full.split("\n"):
            segs = re.split(r"\t+", piece)
            if len(segs) == 1:
                route(piece, item.where, item, None)
            else:
                for k, seg in enumerate(segs):
                    route(seg, item.where, item, "L" if k == 0 and seg.strip() else "R")
    _recipients(left, data, draft, tracker)
    _signature(right, data, draft, tracker)


def _recipients(left: list, data: dict, draft: Draft, tracker: _Tracker) -> None:
    raw: list[list] = []  # [text, where] of each recipient line, wrapped lines joined back
    for t, where, _ln in left:
        m = _NOI_NHAN.match(t)
        if m:
            draft.layout.append(("Nơi nhận", t, where))
            t = m.group("rest").strip()
            if not t:
                continue
        if not _BULLET_RECIPIENT.match(t) and raw and not re.search(r"[;.]$", raw[-1][0]):
            raw[-1][0] = line_rules.join(raw[-1][0], t)
            continue
        raw.append([t, where])
    out: list[dict] = []
    for t, where in raw:
        body = _BULLET_RECIPIENT.sub("", t).strip().rstrip(";,").strip()
        if re.match(r"^Lưu\s*:?", body, re.I):
            data["luu"] = re.sub(r"^Lưu\s*:?\s*", "", body, flags=re.I).rstrip(".").strip()
            continue
        body = body.rstrip(".").strip() if body.endswith(".") and not body.endswith("./.") else body
        pm = re.match(r"^(?P<ten>.*?)\s*\((?P<md>[^()]*)\)\s*$", body)
        entry = {"ten": pm.group("ten").strip(), "muc_dich": pm.group("md").strip()} if pm and pm.group("ten") \
            else {"ten": body}
        if not entry["ten"]:
            tracker.unplaced(None, t, where, "dòng nơi nhận không có tên")
            continue
        out.append(entry)
    if out:
        data["noi_nhan"] = out


def _signature(right: list, data: dict, draft: Draft, tracker: _Tracker) -> None:
    lines: list[str] = []
    name = None
    for t, where, _ln in right:
        if _NO_SIGNER.match(t):
            draft.layout.append(("Người ký", t, where))
            continue
        if _PLACEHOLDER.match(t) or _RULE.match(t):
            tracker.unplaced(None, t, where, "chữ trong khối chữ ký (chỗ ký, dấu): mẫu không lưu, trang tự để trống")
            continue
        if line_rules.is_upper(t) and name is None:
            for part in re.split(r"\s+/\s+", t):
                lines.append(part.strip())
        elif name is None and len(t.split()) <= 6 and not re.search(r"[.;:,!?]$", t):
            name = t
        else:
            tracker.unplaced(None, t, where, "dòng sau tên người ký, không nhận ra")
    if not lines and not name:
        return
    signer: dict = {}
    if len(lines) == 1:
        signer["tham_quyen" if _AUTHORITY.match(lines[0]) else "chuc_vu"] = lines[0]
    elif len(lines) == 2 and _AUTHORITY.match(lines[0]) and not _AUTHORITY.match(lines[1]):
        signer["tham_quyen"], signer["chuc_vu"] = lines
    elif lines:
        signer["chuc_danh"] = lines
    if name:
        signer["ho_ten"] = name
    data["nguoi_ky"] = signer


# -- appendices ----------------------------------------------------------------------------

def _appendices(items: list, draft: Draft, tracker: _Tracker, count_before: int) -> list[dict]:
    out: list[dict] = []
    i = 0
    while i < len(items):
        item = items[i]
        m = _APPENDIX.match(item.full.strip()) if isinstance(item, Line) else None
        if m is None:
            i += 1
            continue
        tracker.take(item)
        draft.layout.append(("Phụ lục", item.full.strip(), item.where))
        entry: dict = {}
        if m.group("so"):
            entry["so"] = m.group("so")
        title = m.group("title").strip()
        i += 1
        # Title lines: capitals or bold/centred lines right after the heading.
        while not title and i < len(items) and isinstance(items[i], Line) and (
                line_rules.is_upper(items[i].full) or items[i].bold and items[i].centered) \
                and not marker(items[i].full.strip()) and not _APPENDIX.match(items[i].full.strip()):
            title = items[i].full.strip()
            tracker.take(items[i])
            i += 1
        if title:
            entry["tieu_de"] = title
        j = i
        while j < len(items) and not (isinstance(items[j], Line) and _APPENDIX.match(items[j].full.strip())
                                      and (line_rules.is_upper(items[j].full.strip()[:8]) or items[j].bold)):
            j += 1
        path = ("phu_luc", len(out))
        body = _Body(tracker, draft, path + ("muc",))
        for it in items[i:j]:
            body.feed(it)
        if body.loose:
            entry["noi_dung"] = body.loose
        if body.root:
            entry["muc"] = body.root
        out.append(entry)
        i = j
    return out


# -- footnotes typed as "(*)" ----------------------------------------------------------------

def _typed_notes(items: list, tracker: _Tracker) -> tuple[list, list[dict]]:
    """Lines "(*) …" whose mark appears earlier in the text: footnotes typed by hand."""
    notes: list[dict] = []
    kept = []
    seen_text = ""
    for item in items:
        if isinstance(item, Line):
            m = _TYPED_NOTE.match(item.full)
            if m and f"({m.group('m')})" in seen_text:
                notes.append({"ky_hieu": m.group("m"), "noi_dung": m.group("t").strip(), "_line": item})
                tracker.take(item)
                continue
            seen_text += item.full
        kept.append(item)
    return kept, notes


# -- the whole document ----------------------------------------------------------------------

def recognise(src: Source) -> Draft:
    draft = Draft(source=src)
    tracker = _Tracker(draft)
    items, typed_notes = _typed_notes(list(src.items), tracker)
    data: dict = {}

    # 1. The type line: the header block is everything before it.
    type_at = None
    for i, item in enumerate(items[:80]):
        if isinstance(item, Line):
            pieces = [p for p in item.full.split("\n") if p.strip()]
            if pieces and _type_of(pieces[0]):
                type_at = i
                break
    header_end = type_at if type_at is not None else 0
    if type_at is None:
        # A letter (công văn) has no type line: its header ends after "V/v …"; else after the date.
        for i, item in enumerate(items[:40]):
            if isinstance(item, Table) or "\t" in item.full or _VV.match(item.full) or _NUMBER.match(item.full) \
                    or _NATIONAL.search(item.full) or _MOTTO.search(item.full) or _DATE.search(item.full):
                header_end = i + 1
    header = _parse_header(items[:header_end], draft, tracker)
    vv = header.pop("_vv", None)
    party = header.pop("_party", False)
    data.update(header)

    # 2. Type and subject.
    pos = header_end
    if type_at is not None:
        type_line = items[type_at]
        type_pieces = _pieces(type_line)
        data["loai"] = _type_of(type_pieces[0].full)
        draft.layout.append(("Loại văn bản", type_pieces[0].full.strip(), type_line.where))
        tracker.take(type_line)
        subject: list[str] = [p.full.strip() for p in type_pieces[1:]]
        pos = type_at + 1
        while pos < len(items) and isinstance(items[pos], Line) and len(subject) < 4:
            ln = items[pos]
            t = ln.full.strip()
            if _RULE.match(t):
                tracker.take(ln)
                pos += 1
                continue
            if marker(t) or _CAN_CU.match(t) or _type_of(t):
                break
            if src.kind == "txt":
                if subject and ln.gap_before:
                    break
                if subject and not line_rules.continues(" ".join(subject), t):
                    break
            elif not (ln.centered or ln.bold) or subject and ln.gap_before and not ln.centered:
                if not subject:
                    draft.unsure[("trich_yeu",)] = "Không nhận ra chắc chắn dòng trích yếu (không in đậm, không căn giữa)."
                    subject.append(t)
                    tracker.take(ln)
                    pos += 1
                break
            subject.append(t)
            tracker.take(ln)
            pos += 1
        if subject:
            data["trich_yeu"] = collapse_ws(" ".join(subject))
    elif vv:
        data["loai"] = "Công văn"
        data["trich_yeu"] = vv[0]
        draft.layout.append(("Trích yếu công văn (V/v)", vv[0], vv[1]))
    if "loai" not in data and data.get("so_ky_hieu"):
        data["loai"] = parse_symbol(data["so_ky_hieu"]).type_name
        draft.unsure[("loai",)] = "Không thấy dòng tên loại văn bản: loại lấy theo ký hiệu."

    # 3. Where the body ends: the closing ("Nơi nhận", signature), then appendices.
    closing = _closing_index(items[pos:])
    closing = pos + closing if closing is not None else None
    appendix = _appendix_index(items, closing if closing is not None else pos)
    body_end = min(x for x in (closing, appendix, len(items)) if x is not None)

    # 4. Legal bases, opening, parts, closing paragraph.
    body_items = items[pos:body_end]
    can_cu: list[str] = []
    k = 0
    while k < len(body_items) and isinstance(body_items[k], Line) and _CAN_CU.match(body_items[k].full):
        for piece in _pieces(body_items[k]):
            can_cu.append(piece.full.strip())
        tracker.take(body_items[k])
        k += 1
    if can_cu:
        data["can_cu"] = can_cu
    body_items = body_items[k:]
    end_at = None
    for idx in range(len(body_items) - 1, -1, -1):
        it = body_items[idx]
        if isinstance(it, Line) and _END.search(it.full) and marker(it.full.strip()) is None:
            prev = body_items[idx - 1] if idx else None
            prev_is_heading = isinstance(prev, Line) and marker(prev.full.strip()) is not None and \
                marker(prev.full.strip())[0] not in ("B", "P")
            if not prev_is_heading:
                end_at = idx
            break
    body = _Body(tracker, draft, ("noi_dung",))
    for it in body_items[: end_at if end_at is not None else len(body_items)]:
        body.feed(it)
    if body.loose:
        data["mo_dau"] = body.loose
    if body.root:
        data["noi_dung"] = body.root
    if end_at is not None:
        closing_body = _Body(tracker, draft, ("noi_dung",))
        for it in body_items[end_at:]:
            closing_body.feed(it)
        ket = closing_body.loose + [b for p in closing_body.root for b in _flatten_part(p)]
        if ket:
            data["ket_thuc"] = ket

    # 5. Recipients and signature; appendices.
    if closing is not None:
        _closing(items[closing: appendix if appendix is not None else len(items)], data, draft, tracker)
    if appendix is not None:
        phu_luc = _appendices(items[appendix:], draft, tracker, 0)
        if phu_luc:
            data["phu_luc"] = phu_luc

    # 6. Footnotes: Word's and typed "(*)" ones.
    notes = [{"ky_hieu": n.mark, "noi_dung": n.text} for n in src.notes]
    for n in src.notes:
        if not n.mark.isdigit():  # a typed mark "(*)" in the text: the note's reference
            _replace_mark(data, f"({n.mark})", f"[^{n.mark}]")
    for n in typed_notes:
        mark = n["ky_hieu"]
        _replace_mark(data, f"({mark})", f"[^{mark}]")
        notes.append({"ky_hieu": mark, "noi_dung": n["noi_dung"]})
    if notes:
        data["chu_thich"] = notes

    # 7. Anything the passes above did not place.
    for item in items:
        for ln in _all_lines(item):
            if id(ln) not in tracker.placed and ln.full.strip():
                tracker.unplaced(ln, ln.full, ln.where, "không xếp được vào phần nào của văn bản")
    if party:
        draft.unsure.setdefault(("loai",), "Văn bản của Đảng (có dòng “ĐẢNG CỘNG SẢN VIỆT NAM”).")
    draft.data = data
    return draft


def _flatten_part(part: dict) -> list[dict]:
    out = [{"doan_van": f"{part.get('so', '')}. {part.get('tieu_de', '')}".strip(". ")}]
    out += part.get("noi_dung", [])
    for child in part.get("muc", []):
        out += _flatten_part(child)
    return out


def _all_lines(item):
    if isinstance(item, Line):
        yield item
    else:
        for row in item.rows:
            for cell in _cells_unique(row):
                yield from cell.lines


def _replace_mark(node, old: str, new: str):
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str):
                node[k] = v.replace(old, new)
            else:
                _replace_mark(v, old, new)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, str):
                node[i] = v.replace(old, new)
            else:
                _replace_mark(v, old, new)


def default_id(data: dict) -> str:
    """The `ma` of a document without a symbol: its type and the start of its subject."""
    base = slugify(f"{data.get('loai', 'van-ban')} {data.get('trich_yeu', '')}")
    base = re.sub(r"-ngay(?:-\d+){3}", "", base).replace("-so-", "-")
    if len(base) <= 48:
        return base
    cut = base[:48]
    return cut[: cut.rfind("-")] if "-" in cut else cut
