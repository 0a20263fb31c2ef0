"""PDFs with a text layer: words with their positions (pdfplumber), rebuilt into paragraphs.

Checked first with pypdf: encryption (a password-protected file is refused), page count (limit).
A PDF whose pages carry no text is a scan: refused with a message (no OCR here). Then, page by page:
- words are grouped into lines by their height on the page, and a line with a wide gap is split into
  columns (the two-column header, "Nơi nhận" beside the signature): the pieces are joined by a tab,
  as Word's tab-aligned headers are; a line that starts in the right half is marked as right column;
- page numbers and running headers (the same line at the top of several pages) are removed and
  listed in the report;
- visual lines are joined back into paragraphs (`ingest.lines`), words cut at a hyphen rejoined;
- small lines at the foot of a page that start with a note mark become footnotes.
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfplumber.page import Page
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ldkb.ingest import legacy_fonts, lines as line_rules
from ldkb.ingest.limits import Limits, check_chars, check_pages
from ldkb.ingest.source import Cell, ImportRefused, Line, Note, Source, Table

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*[/]\s*\d{1,4})?(?:\s*[-–])?\s*$", re.I)
_NOTE_START = re.compile(r"^\s*(\(\*+\)|\*+|\(\d{1,2}\)|\d{1,2})\s+(\S.*)$")


@dataclass
class _Seg:
    text: str
    x0: float
    x1: float
    bold: bool
    size: float


@dataclass
class _VLine:
    segs: list[_Seg]
    top: float
    bottom: float
    page: int
    number: int  # line number on its page

    @property
    def text(self) -> str:
        return "\t".join(s.text for s in self.segs)

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    @property
    def size(self) -> float:
        return max(s.size for s in self.segs)


def _open(raw: bytes, limits: Limits) -> int:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                ok = bool(reader.decrypt(""))
            except Exception:
                ok = False
            if not ok:
                raise ImportRefused("Tệp PDF có mật khẩu: không đọc được nội dung. Mở tệp bằng mật khẩu, in/lưu lại "
                                    "thành PDF không mật khẩu (hoặc xin bản Word gốc) rồi nhập lại.")
        count = len(reader.pages)
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ImportRefused(f"Tệp PDF bị hỏng, không đọc được ({type(exc).__name__}). Mở tệp bằng trình đọc PDF và "
                            "lưu lại (hoặc xin bản Word gốc) rồi nhập lại.") from None
    check_pages(count, limits)
    return count


def _bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|,b\b|-b\b", fontname or "", re.I))


@dataclass
class _VTable:
    """A ruled table found on a page (pdfplumber's table finder), as a grid of cell texts."""

    rows: list[list[str | None]]
    top: float
    bottom: float
    page: int
    number: int


# A word as pdfplumber gives it: text, x0, x1, top, bottom, fontname, size.
_Word = dict[str, Any]
_Item = _VLine | _VTable


def _split_columns(row: list[_Word], legacy: set[str]) -> list[_Seg]:
    """Words of one visual line, split where a gap is much wider than the line's word spacing
    (a justified line stretches every space alike; two columns leave one wide gap)."""
    gaps = [row[k + 1]["x0"] - row[k]["x1"] for k in range(len(row) - 1)]
    ordinary = sorted(gaps)[(len(gaps) - 1) // 2] if gaps else 0.0  # the lower median
    segs: list[_Seg] = []
    body = max(wd["size"] for wd in row)
    for k, wd in enumerate(row):
        text = wd["text"]
        enc, capitals = legacy_fonts.encoding_of_font(wd.get("fontname"))
        if enc:
            legacy.add(enc)
            text = legacy_fonts.convert(text, enc, capitals)
        small = wd["size"] < body * 0.8 and re.fullmatch(r"\(?[\d*]{1,2}\)?", text)
        if small and segs and wd["x0"] - segs[-1].x1 < 3:
            segs[-1].text += f"[^{text.strip('()')}]"
            segs[-1].x1 = wd["x1"]
            continue
        gap = gaps[k - 1] if k else 0.0
        column_gap = gap > max(10.0, 3 * ordinary) if len(gaps) > 1 else gap > 2 * wd["size"]
        if segs and not column_gap:
            segs[-1].text += " " + text
            segs[-1].x1 = wd["x1"]
            segs[-1].bold = segs[-1].bold and _bold(wd["fontname"])
        else:
            segs.append(_Seg(text, wd["x0"], wd["x1"], _bold(wd["fontname"]), wd["size"]))
    return segs


def _page_items(page: Page, number: int, legacy: set[str]) -> list[_Item]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def inside(wd: _Word) -> bool:
        return any(x0 - 1 <= wd["x0"] and wd["x1"] <= x1 + 1 and top - 1 <= wd["top"] and wd["bottom"] <= bottom + 1
                   for x0, top, x1, bottom in boxes)

    words = [wd for wd in page.extract_words(extra_attrs=["fontname", "size"], x_tolerance=1.5, y_tolerance=2.5,
                                             keep_blank_chars=False, use_text_flow=False) if not inside(wd)]
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda wd: (round(wd["top"]), wd["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 2.5:
            rows[-1].append(word)
        elif rows and word["size"] < rows[-1][0]["size"] * 0.8 and rows[-1][0]["top"] - 1 <= word["top"] \
                <= rows[-1][0]["bottom"]:
            rows[-1].append(word)  # a raised note mark inside the line
        else:
            rows.append([word])
    items: list[_Item] = []
    for row in rows:
        row.sort(key=lambda wd: wd["x0"])
        items.append(_VLine(_split_columns(row, legacy), min(wd["top"] for wd in row),
                            max(wd["bottom"] for wd in row), number, 0))
    for t in tables:
        grid = t.extract()
        if grid and any(any(c for c in r if c) for r in grid):
            items.append(_VTable(grid, t.bbox[1], t.bbox[3], number, 0))
    items.sort(key=lambda it: it.top)
    for i, it in enumerate(items, 1):
        it.number = i
    return items


def _furniture(pages: list[list[_Item]], heights: list[float], src: Source) -> list[list[_Item]]:
    """Remove page numbers and running headers/footers, listing each in `src.removed`."""
    def key(vl: _VLine) -> str:
        return re.sub(r"\d+", "#", vl.text.strip())

    margin_keys: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=False):
        for vl in {key(v): v for v in lines if isinstance(v, _VLine)}.values():
            if vl.top < height * 0.1 or vl.bottom > height * 0.9:
                margin_keys[key(vl)] += 1
    out: list[list[_Item]] = []
    for lines, height in zip(pages, heights, strict=False):
        kept: list[_Item] = []
        for item in lines:
            if not isinstance(item, _VLine):
                kept.append(item)
                continue
            vl = item
            in_margin = vl.top < height * 0.1 or vl.bottom > height * 0.9
            page_no = _PAGE_NUMBER.match(vl.text) and (in_margin or vl is lines[0] or vl is lines[-1])
            running = in_margin and len(pages) >= 2 and margin_keys[key(vl)] >= max(2, (len(pages) + 1) // 2) \
                and not _PAGE_NUMBER.match(vl.text)
            if page_no or running:
                what = "số trang" if page_no else "dòng đầu/chân trang lặp lại"
                src.removed.append((vl.text.replace("\t", " "), f"trang {vl.page}, dòng {vl.number} ({what})"))
                continue
            kept.append(vl)
        out.append(kept)
    return out


def read_pdf(raw: bytes, path: str, limits: Limits) -> Source:
    if not raw.startswith(b"%PDF"):
        raise ImportRefused("Tệp có đuôi .pdf nhưng không phải PDF. Kiểm tra lại tệp (có thể là tệp Word đặt nhầm "
                            "đuôi) rồi nhập lại với đúng đuôi.")
    count = _open(raw, limits)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    src = Source(path, "pdf")
    legacy: set[str] = set()
    pages: list[list[_Item]] = []
    widths: list[float] = []
    heights: list[float] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(raw), password="") as pdf:
            for number, page in enumerate(pdf.pages, 1):
                lines = _page_items(page, number, legacy)
                chars += sum(len(vl.text) for vl in lines if isinstance(vl, _VLine))
                check_chars(chars, limits)
                pages.append(lines)
                widths.append(float(page.width))
                heights.append(float(page.height))
                page.close()
    except ImportRefused:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise ImportRefused(f"Tệp PDF bị hỏng, không đọc được ({type(exc).__name__}). Xin bản Word gốc hoặc lưu lại "
                            "tệp PDF rồi nhập lại.") from None
    if chars < 20 * max(1, min(count, 3)):
        raise ImportRefused(
            f"Tệp PDF ({count} trang) không có lớp chữ: có vẻ là bản quét (ảnh chụp). Chương trình không nhận dạng "
            "chữ từ ảnh (không có OCR). Xin bản Word gốc, hoặc chép tay nội dung theo Hướng dẫn biên tập.")
    pages = _furniture(pages, heights, src)
    _paragraphs(pages, widths, src)
    if legacy:
        names = ", ".join(legacy_fonts.NAMES[e] for e in sorted(legacy))
        src.repairs.append(f"Chữ gõ bằng phông cũ {names} đã được chuyển sang Unicode: đọc lại kỹ các chữ có dấu.")
    return src


def _table(vt: _VTable) -> Table:
    """A PDF table as a grid: a cell covered by a merge (None) is the cell above or to its left;
    lines wrapped inside a cell are joined back, line breaks of the source kept."""
    grid: list[list[Cell]] = []
    for r, row in enumerate(vt.rows):
        out: list[Cell] = []
        for c, text in enumerate(row):
            if text is None:
                if r and c < len(grid[r - 1]):
                    out.append(grid[r - 1][c])
                elif out:
                    out.append(out[-1])
                else:
                    out.append(Cell([]))
                continue
            pieces: list[str] = []
            for piece in text.split("\n"):
                if pieces and line_rules.continues(pieces[-1], piece):
                    pieces[-1] = line_rules.join(pieces[-1], piece)
                else:
                    pieces.append(piece)
            where = f"trang {vt.page}, bảng, hàng {r + 1}, cột {c + 1}"
            out.append(Cell([Line(p, where) for p in pieces if p.strip()]))
        grid.append(out)
    width = max(len(r) for r in grid)
    for cells in grid:
        while len(cells) < width:
            cells.append(Cell([]))
    return Table(grid, f"trang {vt.page}, dòng {vt.number}")


def _paragraphs(pages: list[list[_Item]], widths: list[float], src: Source) -> None:
    all_items = [it for items in pages for it in items]
    all_lines = [it for it in all_items if isinstance(it, _VLine)]
    if not all_lines:
        return
    sizes = Counter(round(vl.size) for vl in all_lines)
    body_size = sizes.most_common(1)[0][0]
    single = [vl for vl in all_lines if len(vl.segs) == 1]
    lefts = Counter(round(vl.x0) for vl in single)
    top_left = lefts.most_common(1)[0][1] if lefts else 0
    left = min((x for x, n in lefts.items() if n >= max(2, top_left // 4)), default=0)
    rights = sorted(round(vl.segs[-1].x1) for vl in single)
    right_edge = rights[int(len(rights) * 0.9)] if rights else max(widths)
    middle = (left + right_edge) / 2
    joins = hyphens = 0
    current: Line | None = None
    prev_vl: _VLine | None = None
    for vl in all_items:
        if isinstance(vl, _VTable):
            src.items.append(_table(vl))
            current, prev_vl = None, None
            continue
        where = f"trang {vl.page}, dòng {vl.number}"
        text = vl.text
        note = _NOTE_START.match(text) if vl.size < body_size - 0.9 and len(vl.segs) == 1 else None
        if note:
            mark = note.group(1).strip("()")
            src.notes.append(Note(mark, note.group(2).strip(), where))
            current = None
            continue
        right = len(vl.segs) == 1 and vl.x0 > middle - 5
        if right:
            text = "\t" + text
        gap = prev_vl is not None and prev_vl.page == vl.page and vl.top - prev_vl.bottom > vl.size * 1.2
        indent = len(vl.segs) == 1 and vl.x0 > left + 8 and not right
        center = len(vl.segs) == 1 and abs((vl.segs[0].x0 + vl.segs[0].x1) / 2 - middle) < 12 \
            and vl.x0 > left + 20
        prev_full = prev_vl is not None and len(prev_vl.segs) == 1 and prev_vl.segs[-1].x1 >= right_edge - 12
        can_join = (current is not None and not gap and not indent and not right and len(vl.segs) == 1
                    and "\t" not in current.text and center == current.centered
                    and not line_rules.MARKER.match(text.lstrip()))
        sentence_end = bool(re.search(r"[.;:!?]\s*$", current.text)) and text.lstrip()[:1].isupper() \
            if current is not None else False
        if can_join and current is not None and (
                (prev_full and not center and not sentence_end) or line_rules.continues(current.text, text)):
            if current.text.rstrip().endswith("-") and not current.text.rstrip().endswith(" -"):
                hyphens += 1
            current.text = line_rules.join(current.text, text)
            current.bold = current.bold and all(s.bold for s in vl.segs)
            joins += 1
        else:
            current = Line(text, where, bold=all(s.bold for s in vl.segs), centered=center, gap_before=gap,
                           indent=indent, seg_bold=tuple(s.bold for s in vl.segs) if len(vl.segs) > 1 else ())
            if right:
                current.seg_bold = (False, all(s.bold for s in vl.segs))
            src.items.append(current)
        prev_vl = vl
    if joins:
        src.repairs.append(f"Đã nối {joins} dòng bị ngắt giữa câu thành đoạn văn (bản PDF ngắt theo dòng in)"
                           + (f", trong đó {hyphens} chữ/số ký hiệu bị cắt ở dấu gạch nối" if hyphens else "") + ".")
