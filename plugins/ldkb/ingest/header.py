"""The header block: superior and issuing body, number and symbol | national title and motto or the
Party's title, place and date (NĐ 30/2020; Hướng dẫn 36-HD/VPTW for the Party's documents).

The two columns come as a borderless table, as tab-aligned lines, or (text copied from a PDF)
interleaved on one line; each is read back into its column first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ldkb.ingest import lines as line_rules
from ldkb.ingest.body import RULE
from ldkb.ingest.draft import Data, Draft, Tracker
from ldkb.ingest.source import Line, Table, distinct
from ldkb.model.symbols import clean, parse_symbol

NATIONAL = re.compile(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s*X[ÃA]\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
MOTTO = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
PARTY = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_BLANKISH = r"[\d.…_ \u00a0]*?"
DATE = re.compile(
    rf"(?P<place>[^\t,]{{0,40}}?)\s*,?\s*ngày\s+(?P<d>{_BLANKISH})\s*tháng\s+(?P<m>{_BLANKISH})\s*năm\s+"
    r"(?P<y>\d{4}|[.…_ \u00a0]*)\s*$", re.I)
NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<rest>.*)$")
_BLANK_SYMBOL = re.compile(r"^[\s.…_\u00a0]*(?P<tail>/\s*[A-Za-zĐđ]+(?:\s*[-–]\s*[A-Za-zĐđ]+)*)\s*$")
VV = re.compile(r"^\s*V/v\s*:?\s*(?P<s>.+)$", re.I)


@dataclass
class _HLine:
    text: str
    bold: bool
    where: str
    line: Line | None


def _split_right(text: str) -> tuple[str, str] | None:
    """An interleaved header line ("LĐLĐ TỈNH MẪU Độc lập - Tự do - Hạnh phúc"): left and right part."""
    for rx in (NATIONAL, MOTTO, PARTY):
        m = rx.search(text)
        if m and m.start() > 0 and text[:m.start()].strip():
            return text[:m.start()].strip(), text[m.start():].strip()
    m = NUMBER.match(text)
    if m:
        rest = m.group("rest")
        dm = re.search(r"\s(?=[^\s,]{2,}[^,]{0,30},\s*ngày\s)", rest)
        if dm and DATE.search(rest[dm.end():]):
            return text[: len(text) - len(rest) + dm.start()].strip(), rest[dm.end():].strip()
    return None


def _header_columns(items: list[Line | Table], tracker: Tracker) -> tuple[list[_HLine], list[_HLine]]:
    left: list[_HLine] = []
    right: list[_HLine] = []

    def add_line(ln: Line, text: str, bold: bool, side: str | None) -> None:
        for piece in text.split("\n"):
            if not piece.strip():
                continue
            hl = _HLine(piece.strip(), bold, ln.where, ln)
            if side is None:
                side_here = "R" if (NATIONAL.search(piece) or MOTTO.search(piece) or PARTY.search(piece)
                                    or DATE.search(piece) and not NUMBER.match(piece)) else "L"
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
                cells = distinct(row)
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
            for rx in (NATIONAL, MOTTO, PARTY):
                if rx.fullmatch(joined.strip()) and not rx.search(out[-1].text):
                    out[-1] = _HLine(joined, out[-1].bold, out[-1].where, out[-1].line)
                    break
            else:
                out.append(hl)
            continue
        out.append(hl)
    return out


def parse_header(items: list[Line | Table], draft: Draft, tracker: Tracker) -> Data:
    """The header's fields; `_vv` (a letter's subject, where) and `_party` for the caller."""
    data: Data = {}
    left, right = _header_columns(items, tracker)
    right = _rejoin(right)
    # Right column: national title and motto, or the Party's title; place and date.
    for hl in right:
        t = hl.text
        if NATIONAL.fullmatch(t.strip()) or NATIONAL.search(t) and len(t) < 45:
            draft.layout.append(("Quốc hiệu", t, hl.where))
        elif MOTTO.search(t):
            draft.layout.append(("Tiêu ngữ", t, hl.where))
        elif PARTY.search(t):
            draft.layout.append(("Tiêu đề Đảng", t, hl.where))
            data["_party"] = True
        elif RULE.match(t):
            continue
        elif DATE.search(t):
            _parse_date(t, hl.where, data, draft)
        else:
            tracker.unplaced(None, t, hl.where, "dòng ở cột phải phần đầu văn bản, không nhận ra")
    # Left column: bodies above the number, then the number, then "V/v" of a letter.
    bodies: list[_HLine] = []
    after_number = False
    for hl in left:
        t = hl.text
        if RULE.match(t):
            if t.strip() == "*":
                draft.layout.append(("Dấu sao dưới tên cơ quan", t, hl.where))
            continue
        m = NUMBER.match(t)
        if m and not after_number:
            after_number = True
            _parse_number(m.group("rest"), hl, data, draft, tracker)
            continue
        vv = VV.match(t)
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
        if DATE.search(t) and not bodies:
            _parse_date(t, hl.where, data, draft)
            continue
        bodies.append(hl)
    _parse_bodies(bodies, data, draft)
    return data


def _parse_bodies(bodies: list[_HLine], data: Data, draft: Draft) -> None:
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


def _parse_number(rest: str, hl: _HLine, data: Data, draft: Draft, tracker: Tracker) -> None:
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
    first = parse_symbol(token) if token else None
    if first is not None:
        data["so_ky_hieu"] = first.text
        leftover = rest[len(token):].strip()
        if leftover:
            tracker.unplaced(None, leftover, hl.where, "chữ sau số, ký hiệu")
        return
    if rest:
        tracker.unplaced(None, hl.text, hl.where, "số, ký hiệu không đúng quy tắc (ví dụ `12/KH-LĐLĐ`)")


def _parse_date(text: str, where: str, data: Data, draft: Draft) -> None:
    m = DATE.search(text)
    if m is None:
        return
    draft.layout.append(("Nơi và ngày ban hành", text, where))
    place = m.group("place").strip(" ,")
    if place and not re.fullmatch(r"[.…_ \u00a0]*", place):
        data["noi_ban_hanh"] = place
    d, mth, y = (m.group(k).strip() for k in ("d", "m", "y"))
    if d.isdigit() and mth.isdigit() and y.isdigit():
        data["ngay_ban_hanh"] = f"{int(d):02d}/{int(mth):02d}/{y}"
    else:
        draft.unsure[("ngay_ban_hanh",)] = f"Bản gốc để trống ngày: “{text.strip()}”."


__all__ = ["parse_header", "NATIONAL", "MOTTO", "PARTY", "DATE", "NUMBER", "VV"]
