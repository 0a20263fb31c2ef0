"""The closing: "Nơi nhận" (left) beside the signature block (right).

The signature block has any number of lines above the name (TM./KT./TL./TUQ. or the Party's T/M,
position lines); the space left for the signature and seal ("(Đã ký)", "(Ký, ghi rõ họ tên)", a
rule) is recognised as layout, not content: the page leaves that space by itself.
"""
from __future__ import annotations

import re

from ldkb.ingest import lines as line_rules
from ldkb.ingest.body import RULE
from ldkb.ingest.draft import Data, Draft, Tracker
from ldkb.ingest.source import Line, Table, distinct

NOI_NHAN = re.compile(r"^\s*Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.I)
AUTHORITY = re.compile(r"^\s*(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*\.?\s+\S", re.I)
BULLET_RECIPIENT = re.compile(r"^\s*[-–—•·▪+*]\s*")
# The place of the signature and seal: "(Đã ký)", "(đã ký và đóng dấu)", "(Ký, ghi rõ họ tên)", "Đã ký".
PLACEHOLDER = re.compile(
    r"^\s*(?:\((?:đã\s+ký|ký|chữ\s+ký|ký\s+tên|ký,|đóng\s+dấu)[^)]*\)|đã\s+ký(?:\s+và\s+đóng\s+dấu)?)\s*$", re.I)
# What our own Word and PDF files print where the original names no signer.
NO_SIGNER = re.compile(r"^\s*\(\s*Bản gốc không ghi người ký\s*\)\s*$", re.I)

_Routed = tuple[str, str, Line]


def closing_index(items: list[Line | Table]) -> int | None:
    """Where the closing starts: "Nơi nhận", or a signing-authority line set apart."""
    for i, item in enumerate(items):
        if isinstance(item, Table):
            texts = [ln.full for ln in item.lines()]
            if any(NOI_NHAN.match(t.strip()) for t in texts) or \
                    sum(bool(AUTHORITY.match(t.strip())) for t in texts) and any(
                        NOI_NHAN.match(t.strip()) or BULLET_RECIPIENT.match(t) for t in texts):
                return i
            continue
        t = item.full.strip()
        if NOI_NHAN.match(t.split("\t")[0].strip()) or NOI_NHAN.match(t):
            return i
        segs = [s.strip() for s in re.split(r"\t+", item.full) if s.strip()]
        if segs and AUTHORITY.match(segs[-1]) and (item.full.startswith("\t") or len(segs) > 1
                                                   or item.centered or line_rules.is_upper(segs[-1])):
            return i
    return None


def parse_closing(items: list[Line | Table], data: Data, draft: Draft, tracker: Tracker) -> None:
    left: list[_Routed] = []
    right: list[_Routed] = []

    def route(text: str, where: str, ln: Line, side: str | None) -> None:
        t = text.strip()
        if not t:
            return
        if side is None and (PLACEHOLDER.match(t) or NO_SIGNER.match(t)):
            right.append((t, where, ln))
        elif NOI_NHAN.match(t) or BULLET_RECIPIENT.match(t) or side == "L" or (
                side is None and left and not re.search(r"[;.:]$", left[-1][0])
                and (t[:1] == "(" or t[:1].islower())):
            # (the rest of a recipient wrapped onto the next line stays with it)
            left.append((t, where, ln))
        else:
            right.append((t, where, ln))

    for item in items:
        if isinstance(item, Table):
            for row in item.rows:
                cells = distinct(row)
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


def _recipients(left: list[_Routed], data: Data, draft: Draft, tracker: Tracker) -> None:
    raw: list[list[str]] = []  # [text, where] of each recipient line, wrapped lines joined back
    for t, where, _ln in left:
        m = NOI_NHAN.match(t)
        if m:
            draft.layout.append(("Nơi nhận", t, where))
            t = m.group("rest").strip()
            if not t:
                continue
        if not BULLET_RECIPIENT.match(t) and raw and not re.search(r"[;.]$", raw[-1][0]):
            raw[-1][0] = line_rules.join(raw[-1][0], t)
            continue
        raw.append([t, where])
    out: list[Data] = []
    for t, where in raw:
        body = BULLET_RECIPIENT.sub("", t).strip().rstrip(";,").strip()
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


def _signature(right: list[_Routed], data: Data, draft: Draft, tracker: Tracker) -> None:
    lines: list[str] = []
    name = None
    for t, where, _ln in right:
        if NO_SIGNER.match(t):
            draft.layout.append(("Người ký", t, where))
            continue
        if PLACEHOLDER.match(t):
            draft.layout.append(("Chỗ ký", t, where))
            continue
        if RULE.match(t):
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
    signer: Data = {}
    if len(lines) == 1:
        signer["tham_quyen" if AUTHORITY.match(lines[0]) else "chuc_vu"] = lines[0]
    elif len(lines) == 2 and AUTHORITY.match(lines[0]) and not AUTHORITY.match(lines[1]):
        signer["tham_quyen"], signer["chuc_vu"] = lines
    elif lines:
        signer["chuc_danh"] = lines
    if name:
        signer["ho_ten"] = name
    data["nguoi_ky"] = signer


__all__ = ["closing_index", "parse_closing", "NOI_NHAN", "AUTHORITY"]
