"""Plain text (`.txt`, `.md`): one line of the file per source line, blank lines remembered.

The file must be UTF-8 (with or without BOM); any other encoding is refused with a message that
names the likely one. Word's "save as plain text" artefacts (`[bookmark: …]`) are removed and
listed. Vietnamese typed in a legacy font and pasted as Latin-1 letters is converted (or reported)
by `ingest.legacy`.
"""
from __future__ import annotations

import re
import unicodedata

from ldkb.ingest import lines as line_rules
from ldkb.ingest.limits import Limits, check_chars
from ldkb.ingest.source import ImportRefused, Line, Source

_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]*\]")
# A line that is only a page number ("2", "- 2 -", "Trang 2", "2/5"), as text copied from a PDF has.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–])?\s*$", re.I)
_SENTENCE_END = re.compile(r"[.;:!?…]\s*$")
# Markdown emphasis and heading marks a `.md` copy may carry around plain text.
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _refuse_encoding(raw: bytes) -> ImportRefused:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        what = "UTF-16 (Notepad gọi là “Unicode”)"
    else:
        try:
            text = raw.decode("cp1258")
            marks = any(unicodedata.combining(ch) for ch in text)
            what = "Windows-1258" if marks else "một bảng mã 8 bit cũ (TCVN3/ABC, VNI hoặc Windows-1252)"
        except UnicodeDecodeError:
            what = "một bảng mã 8 bit cũ (TCVN3/ABC hoặc VNI)"
    return ImportRefused(
        f"Tệp văn bản không phải UTF-8: có vẻ được lưu bằng {what}. Mở tệp bằng Notepad (hoặc trình soạn "
        "thảo khác), chọn Lưu thành… với bảng mã UTF-8 rồi nhập lại; chữ gõ bằng phông cũ thì chuyển "
        "sang Unicode bằng Unikey (Công cụ chuyển mã) trước.")


def _continues(prev: str, nxt: str) -> bool:
    """Only the strong signs in plain text (no positions to go by): a word or symbol cut at its
    hyphen, or a line starting in lower case after one that did not end a sentence."""
    p, n = prev.rstrip(), nxt.strip()
    if "\t" in prev or "\t" in nxt or not n or line_rules.MARKER.match(n):
        return False
    if p.endswith("-") and not p.endswith(" -") and n[:1].isalnum():
        return True
    return n[:1].islower() and not _SENTENCE_END.search(p)


def read_text(raw: bytes, path: str, limits: Limits) -> Source:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused("Tệp này không phải tệp văn bản thuần (có dữ liệu nhị phân). Nếu là tệp Word hoặc "
                            "PDF, đặt đúng đuôi tệp (.docx, .pdf) rồi nhập lại.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse_encoding(raw) from None
    check_chars(len(text), limits)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    src = Source(path, "txt")
    gap = False
    bookmarks = joins = hyphens = 0
    for number, raw_line in enumerate(text.split("\n"), 1):
        line, n = _BOOKMARK.subn("", raw_line)
        bookmarks += n
        if path.endswith(".md"):
            line = _MD_HEADING.sub("", line)
        if not line.strip():
            gap = True
            continue
        if _PAGE_NUMBER.match(line):
            src.removed.append((line.strip(), f"dòng {number} (số trang)"))
            continue
        last = src.items[-1] if src.items and not gap else None
        prev = last if isinstance(last, Line) else None
        if prev is not None and _continues(prev.text, line):
            if prev.text.rstrip().endswith("-") and not prev.text.rstrip().endswith(" -"):
                hyphens += 1
            prev.text = line_rules.join(prev.text, line)
            joins += 1
            continue
        src.items.append(Line(line.rstrip(), f"dòng {number}", gap_before=gap))
        gap = False
    if joins:
        src.repairs.append(f"Đã nối {joins} dòng bị ngắt giữa câu (chữ thường ở đầu dòng sau)"
                           + (f", trong đó {hyphens} chữ/số ký hiệu bị cắt ở dấu gạch nối" if hyphens else "") + ".")
    if bookmarks:
        src.repairs.append(f"Đã bỏ {bookmarks} dấu `[bookmark: …]` (dấu đánh dấu của Word khi lưu thành văn bản "
                           "thuần, không phải nội dung).")
    return src
