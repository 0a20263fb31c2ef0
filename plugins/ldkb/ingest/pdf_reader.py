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

import pdfplumber
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ldkb.ingest import legacy_fonts, lines as line_rules
from ldkb.ingest.limits import Limits, check_chars, check_pages
from ldkb.ingest.source import ImportRefused, Line, Note, Source

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


def _open(raw: bytes, limits: Limits):
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
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


def _page_lines(page, number: int, legacy: set) -> list[_VLine]:
    words = page.extract_words(extra_attrs=["fontname", "size"], x_tolerance=1.5, y_tolerance=2.5,
                               keep_blank_chars=False, use_text_flow=False)
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda wd: (round(wd["top"]), wd["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 2.5:
            rows[-1].append(word)
        elif rows and word["size"] < rows[-1][0]["size"] * 0.8 and rows[-1][0]["top"] - 1 <= word["top"] \
                <= rows[-1][0]["bottom"]:
            rows[-1].append(word)  # a raised note mark inside the line
        else:
            rows.append([word])
    out = []
    for i, row in enumerate(rows, 1):
        row.sort(key=lambda wd: wd["x0"])
        segs: list[_Seg] = []
        body = max(wd["size"] for wd in row)
        for wd in row:
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
            gap = wd["x0"] - segs[-1].x1 if segs else 0
            if segs and gap < max(12.0, 2.2 * wd["size"]):
                segs[-1].text += " " + text
                segs[-1].x1 = wd["x1"]
                segs[-1].bold = segs[-1].bold and _bold(wd["fontname"])
            else:
                segs.append(_Seg(text, wd["x0"], wd["x1"], _bold(wd["fontname"]), wd["size"]))
        out.append(_VLine(segs, min(wd["top"] for wd in row), max(wd["bottom"] for wd in row), number, i))
    return out


def _furniture(pages: list[list[_VLine]], heights: list[float], src: Source) -> list[list[_VLine]]:
    """Remove page numbers and running headers/footers, listing each in `src.removed`."""
    def key(vl: _VLine) -> str:
        return re.sub(r"\d+", "#", vl.text.strip())

    margin_keys: Counter = Counter()
    for lines, height in zip(pages, heights):
        for vl in lines:
            if vl.top < height * 0.1 or vl.bottom > height * 0.9:
                margin_keys[key(vl)] += 1
    out = []
    for lines, height in zip(pages, heights):
        kept = []
        for vl in lines:
            in_margin = vl.top < height * 0.1 or vl.bottom > height * 0.9
            page_no = _PAGE_NUMBER.match(vl.text) and (in_margin or vl is lines[0] or vl is lines[-1])
            running = in_margin and len(pages) > 2 and margin_keys[key(vl)] >= max(2, len(pages) // 2) \
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
    legacy: set = set()
    pages: list[list[_VLine]] = []
    widths: list[float] = []
    heights: list[float] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(raw), password="") as pdf:
            for number, page in enumerate(pdf.pages, 1):
                lines = _page_lines(page, number, legacy)
                chars += sum(len(vl.text) for vl in lines)
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


def _paragraphs(pages: list[list[_VLine]], widths: list[float], src: Source) -> None:
    all_lines = [vl for lines in pages for vl in lines]
    if not all_lines:
        return
    sizes = Counter(round(vl.size) for vl in all_lines)
    body_size = sizes.most_common(1)[0][0]
    lefts = Counter(round(vl.x0) for vl in all_lines if len(vl.segs) == 1)
    left = min((x for x, n in lefts.items() if n >= max(2, lefts.most_common(1)[0][1] // 4)), default=0)
    joins = hyphens = 0
    current: Line | None = None
    prev_vl: _VLine | None = None
    for vl, width in ((vl, widths[vl.page - 1]) for vl in all_lines):
        where = f"trang {vl.page}, dòng {vl.number}"
        text = vl.text
        note = _NOTE_START.match(text) if vl.size < body_size - 0.9 and len(vl.segs) == 1 else None
        if note:
            mark = note.group(1).strip("()")
            src.notes.append(Note(mark, note.group(2).strip(), where))
            current = None
            continue
        right = len(vl.segs) == 1 and vl.x0 > width * 0.5
        if right:
            text = "\t" + text
        gap = prev_vl is not None and prev_vl.page == vl.page and vl.top - prev_vl.bottom > vl.size * 1.2
        indent = len(vl.segs) == 1 and vl.x0 > left + 8 and not right
        center = len(vl.segs) == 1 and abs((vl.segs[0].x0 + vl.segs[0].x1) / 2 - width / 2) < 15 \
            and vl.x0 > left + 20
        if (current is not None and not gap and not indent and not right and len(vl.segs) == 1
                and "\t" not in current.text and center == current.centered
                and line_rules.continues(current.text, text)):
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
