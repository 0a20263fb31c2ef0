"""Recognise the parts of an administrative document in the neutral source form.

Order of a document (NĐ 30/2020; the Party's own layout alike): the header block (ingest/header.py),
the type and subject, legal bases ("Căn cứ …"), opening paragraphs, the body (ingest/body.py:
"Điều 1.", I., 1., 1.1., a), a., a/, then "-" and "+" items; tables, task tables among them:
ingest/tables.py), the closing paragraph (ending "./."), "Nơi nhận" beside the signature block
(ingest/closing.py), appendices, footnotes.

Every source line ends up in exactly one place: a field of the draft, the list of recognised layout
text (national title, "Số:", …, shown in the report), or the list of unplaced lines (shown in the
report with their position). Where a choice was a guess, `unsure` carries a note written as a YAML
comment next to the field.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ldkb.ingest import lines as line_rules
from ldkb.ingest.body import RULE, Body, Conventions, pieces
from ldkb.ingest.closing import closing_index, parse_closing
from ldkb.ingest.draft import Data, Draft, Tracker
from ldkb.ingest.header import DATE, MOTTO, NATIONAL, NUMBER, VV, parse_header
from ldkb.ingest.markers import marker
from ldkb.ingest.source import Line, Source, Table
from ldkb.model.schema import Muc
from ldkb.model.symbols import DOCUMENT_TYPES, parse_symbol
from ldkb.text.normalize import collapse_ws, fold, slugify

_CAN_CU = re.compile(r"^\s*Căn\s+cứ\b")
_APPENDIX = re.compile(r"^\s*PH[ỤU]\s+L[ỤU]C\b\s*(?:số\s*)?(?P<so>[IVXLC]+|\d+|[A-Z])?\s*[.:\-–]?\s*(?P<title>.*)$",
                       re.I)
_END = re.compile(r"\./\.\s*$")
_TYPED_NOTE = re.compile(r"^\s*\((?P<m>\*{1,3})\)\s*(?P<t>\S.*)$")


def _type_of(text: str) -> str | None:
    t = collapse_ws(text.replace("\t", " ")).strip().rstrip(":").strip()
    if not t or len(t) > 40 or not line_rules.is_upper(t):
        return None
    for name in DOCUMENT_TYPES:
        if fold(t) == fold(name):
            return name
    return None


def _appendix_index(items: list[Line | Table], start: int) -> int | None:
    for i in range(start, len(items)):
        item = items[i]
        if isinstance(item, Line):
            t = item.full.strip()
            m = _APPENDIX.match(t)
            if m and (line_rules.is_upper(t[:8]) or item.centered or item.bold) and len(t) < 200:
                return i
    return None


def _is_appendix_start(item: Line | Table) -> bool:
    return isinstance(item, Line) and bool(_APPENDIX.match(item.full.strip())) and (
        line_rules.is_upper(item.full.strip()[:8]) or item.bold)


# -- appendices ----------------------------------------------------------------------------

def _appendices(items: list[Line | Table], draft: Draft, tracker: Tracker, conv: Conventions) -> list[Data]:
    out: list[Data] = []
    i = 0
    while i < len(items):
        item = items[i]
        m = _APPENDIX.match(item.full.strip()) if isinstance(item, Line) else None
        if m is None or not isinstance(item, Line):
            i += 1
            continue
        tracker.take(item)
        draft.layout.append(("Phụ lục", item.full.strip(), item.where))
        entry: Data = {}
        if m.group("so"):
            entry["so"] = m.group("so")
        title = m.group("title").strip()
        i += 1
        # Title lines: capitals or bold/centred lines right after the heading.
        while not title and i < len(items):
            nxt = items[i]
            if not isinstance(nxt, Line):
                break
            t = nxt.full.strip()
            if not (line_rules.is_upper(nxt.full) or nxt.bold and nxt.centered) or marker(t) or _APPENDIX.match(t):
                break
            title = t
            tracker.take(nxt)
            i += 1
        if title:
            entry["tieu_de"] = title
        j = i
        while j < len(items) and not _is_appendix_start(items[j]):
            j += 1
        here = ("phu_luc", len(out))
        body = Body(tracker, draft, here + ("muc",), conv, loose_path=here + ("noi_dung",))
        body.feed_all(items[i:j])
        if body.loose:
            entry["noi_dung"] = body.loose
        if body.root:
            entry["muc"] = body.root
        out.append(entry)
        i = j
    return out


# -- footnotes typed as "(*)" ----------------------------------------------------------------

def _typed_notes(items: list[Line | Table], tracker: Tracker) -> tuple[list[Line | Table], list[tuple[str, str]]]:
    """Lines "(*) …" whose mark appears earlier in the text: footnotes typed by hand (mark, text)."""
    notes: list[tuple[str, str]] = []
    kept: list[Line | Table] = []
    seen_text = ""
    for item in items:
        if isinstance(item, Line):
            m = _TYPED_NOTE.match(item.full)
            if m and f"({m.group('m')})" in seen_text:
                notes.append((m.group("m"), m.group("t").strip()))
                tracker.take(item)
                continue
            seen_text += item.full
        kept.append(item)
    return kept, notes


# -- the whole document ----------------------------------------------------------------------

def _subject(items: list[Line | Table], type_at: int, src: Source, data: Data, draft: Draft,
             tracker: Tracker) -> int:
    """Type and subject lines from `type_at`; where the body starts."""
    type_line = items[type_at]
    assert isinstance(type_line, Line)
    type_pieces = pieces(type_line)
    data["loai"] = _type_of(type_pieces[0].full)
    draft.layout.append(("Loại văn bản", type_pieces[0].full.strip(), type_line.where))
    tracker.take(type_line)
    subject: list[str] = [p.full.strip() for p in type_pieces[1:]]
    pos = type_at + 1
    while pos < len(items) and len(subject) < 4:
        ln = items[pos]
        if not isinstance(ln, Line):
            break
        t = ln.full.strip()
        if RULE.match(t):
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
    return pos


def _ending_at(body_items: list[Line | Table], conv: Conventions) -> int | None:
    """The closing paragraph ("… ./."), unless it is the only text of a titled part right above
    it ("III. TỔ CHỨC THỰC HIỆN" then the sentence)."""
    for idx in range(len(body_items) - 1, -1, -1):
        it = body_items[idx]
        if isinstance(it, Line) and _END.search(it.full) and marker(it.full.strip()) is None:
            prev = body_items[idx - 1] if idx else None
            prev_mk = marker(prev.full.strip()) if isinstance(prev, Line) else None
            if isinstance(prev, Line) and prev_mk is not None and prev_mk.numbered and conv.titled(prev, prev_mk):
                return None
            return idx
    return None


def recognise(src: Source) -> Draft:
    draft = Draft(source=src)
    tracker = Tracker(draft)
    conv = Conventions.of(src)
    items, typed_notes = _typed_notes(list(src.items), tracker)
    data: Data = {}

    # 1. The type line: the header block is everything before it.
    type_at = None
    for i, item in enumerate(items[:80]):
        if isinstance(item, Line):
            first = [p for p in item.full.split("\n") if p.strip()]
            if first and _type_of(first[0]):
                type_at = i
                break
    header_end = type_at if type_at is not None else 0
    if type_at is None:
        # A letter (công văn) has no type line: its header ends after "V/v …"; else after the date.
        for i, item in enumerate(items[:40]):
            if isinstance(item, Table) or "\t" in item.full or VV.match(item.full) or NUMBER.match(item.full) \
                    or NATIONAL.search(item.full) or MOTTO.search(item.full) or DATE.search(item.full):
                header_end = i + 1
    header = parse_header(items[:header_end], draft, tracker)
    vv = header.pop("_vv", None)
    party = header.pop("_party", False)
    data.update(header)

    # 2. Type and subject.
    pos = header_end
    if type_at is not None:
        pos = _subject(items, type_at, src, data, draft, tracker)
    elif vv:
        data["loai"] = "Công văn"
        data["trich_yeu"] = vv[0]
        draft.layout.append(("Trích yếu công văn (V/v)", vv[0], vv[1]))
    symbol = parse_symbol(data["so_ky_hieu"]) if data.get("so_ky_hieu") else None
    if "loai" not in data and symbol is not None and symbol.type_name:
        data["loai"] = symbol.type_name
        draft.unsure[("loai",)] = "Không thấy dòng tên loại văn bản: loại lấy theo ký hiệu."

    # 3. Where the body ends: the closing ("Nơi nhận", signature), then appendices.
    found = closing_index(items[pos:])
    closing = pos + found if found is not None else None
    appendix = _appendix_index(items, closing if closing is not None else pos)
    body_end = min(x for x in (closing, appendix, len(items)) if x is not None)

    # 4. Legal bases, opening, parts, closing paragraph.
    body_items = items[pos:body_end]
    can_cu: list[str] = []
    k = 0
    while k < len(body_items):
        basis = body_items[k]
        if not isinstance(basis, Line) or not _CAN_CU.match(basis.full):
            break
        can_cu += [piece.full.strip() for piece in pieces(basis)]
        tracker.take(basis)
        k += 1
    if can_cu:
        data["can_cu"] = can_cu
    body_items = body_items[k:]
    end_at = _ending_at(body_items, conv)
    body = Body(tracker, draft, ("noi_dung",), conv)
    body.feed_all(body_items[: end_at if end_at is not None else len(body_items)])
    if body.loose:
        data["mo_dau"] = body.loose
    if body.root:
        data["noi_dung"] = body.root
    if end_at is not None:
        closing_body = Body(tracker, draft, ("noi_dung",), conv)
        closing_body.feed_all(body_items[end_at:])
        ket = closing_body.loose + [b for p in closing_body.root for b in _flatten_part(p)]
        if ket:
            data["ket_thuc"] = ket

    # 5. Recipients and signature; appendices.
    if closing is not None:
        parse_closing(items[closing: appendix if appendix is not None else len(items)], data, draft, tracker)
    if appendix is not None:
        phu_luc = _appendices(items[appendix:], draft, tracker, conv)
        if phu_luc:
            data["phu_luc"] = phu_luc

    # 6. Footnotes: Word's and typed "(*)" ones.
    notes = [{"ky_hieu": n.mark, "noi_dung": n.text} for n in src.notes]
    for n in src.notes:
        if not n.mark.isdigit():  # a typed mark "(*)" in the text: the note's reference
            _replace_mark(data, f"({n.mark})", f"[^{n.mark}]")
    for mark, text in typed_notes:
        _replace_mark(data, f"({mark})", f"[^{mark}]")
        notes.append({"ky_hieu": mark, "noi_dung": text})
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


def _flatten_part(part: Data) -> list[Data]:
    """A part found inside the closing paragraph, back as paragraphs (its heading as printed)."""
    heading = " ".join(x for x in (Muc(so=part.get("so")).label, part.get("tieu_de") or "") if x)
    out: list[Data] = [{"doan_van": heading}] if heading else []
    out += part.get("noi_dung", [])
    for child in part.get("muc", []):
        out += _flatten_part(child)
    return out


def _all_lines(item: Line | Table) -> Iterator[Line]:
    if isinstance(item, Line):
        yield item
    else:
        yield from item.lines()


def _replace_mark(node: Any, old: str, new: str) -> None:
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


def default_id(data: Data) -> str:
    """The `ma` of a document without a symbol: its type and the start of its subject."""
    base = slugify(f"{data.get('loai', 'van-ban')} {data.get('trich_yeu', '')}")
    base = re.sub(r"-ngay(?:-\d+){3}", "", base).replace("-so-", "-")
    if len(base) <= 48:
        return base
    cut = base[:48]
    return cut[: cut.rfind("-")] if "-" in cut else cut


__all__ = ["recognise", "default_id", "Draft"]
