"""Open any file an editor hands in: tell what it really is, refuse what cannot be read, read the rest.

The first bytes decide, not the extension: a Word 97-2003 file, a password-protected Word file
(an encrypted package inside an OLE container), a PDF renamed `.docx`, an OpenDocument or RTF file
each get their own message saying what to do. The file size is checked before it is read.
"""
from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ldkb.ingest import legacy_fonts
from ldkb.ingest.docx_reader import read_docx
from ldkb.ingest.limits import Limits, check_file_size
from ldkb.ingest.pdf_reader import read_pdf
from ldkb.ingest.source import ImportRefused, Line, Source, Table
from ldkb.ingest.text_reader import read_text

SUPPORTED = (".docx", ".pdf", ".txt", ".md")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _kind(raw: bytes) -> str:
    if raw.startswith(_OLE):
        return "encrypted" if _ENCRYPTED in raw else "doc"
    if raw.startswith(b"%PDF"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        head = raw[:2000]
        if b"mimetypeapplication/vnd.oasis.opendocument" in head:
            return "odt"
        return "zip"
    if raw.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    return "text"


_WHAT = {
    "doc": "tệp Word 97-2003 (.doc)",
    "encrypted": "tệp Word có mật khẩu",
    "pdf": "tệp PDF",
    "odt": "tệp OpenDocument (.odt) của LibreOffice",
    "zip": "tệp Word (.docx) hoặc tệp nén",
    "rtf": "tệp RTF",
    "text": "tệp văn bản thuần",
}


def read_source(path: Path | str, limits: Limits | None = None) -> Source:
    """The file as a neutral `Source`; `ImportRefused` (with a Vietnamese message) when it cannot be read."""
    limits = limits or Limits()
    path = Path(path)
    ext = path.suffix.lower()
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise ImportRefused(f"Không mở được tệp `{path}` ({exc.strerror}). Kiểm tra lại đường dẫn.") from None
    if path.is_dir():
        raise ImportRefused(f"`{path}` là một thư mục, không phải tệp. Ghi đường dẫn đến đúng tệp cần nhập.")
    check_file_size(size, limits)
    raw = path.read_bytes()
    if not raw.strip():
        raise ImportRefused(f"Tệp `{path.name}` rỗng, không có nội dung.")
    kind = _kind(raw)
    if kind == "doc":
        raise ImportRefused("Đây là tệp Word 97-2003 (.doc), chương trình chỉ đọc được .docx. Mở tệp bằng Word "
                            "(hoặc LibreOffice), chọn Lưu thành… → Word Document (.docx), rồi nhập tệp .docx đó.")
    if kind == "encrypted":
        raise ImportRefused("Tệp Word có mật khẩu: không đọc được nội dung. Mở tệp bằng mật khẩu trong Word, bỏ mật "
                            "khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hoá bằng mật khẩu, xoá mật khẩu), lưu lại "
                            "rồi nhập lại.")
    if kind in ("odt", "rtf"):
        raise ImportRefused(f"Đây là {_WHAT[kind]}. Mở tệp bằng LibreOffice hoặc Word, chọn Lưu thành… → Word "
                            "Document (.docx), rồi nhập tệp .docx đó.")
    if ext not in SUPPORTED:
        raise ImportRefused(f"Chưa nhập được tệp đuôi `{ext or '(không có đuôi)'}`. Chỉ nhập được tệp Word (.docx), "
                            "PDF có lớp chữ (.pdf) và văn bản thuần (.txt, .md).")
    expected = {".docx": "zip", ".pdf": "pdf", ".txt": "text", ".md": "text"}[ext]
    if kind != expected:
        fix = {"zip": ".docx", "pdf": ".pdf", "text": ".txt"}.get(kind, "")
        raise ImportRefused(f"Tệp có đuôi `{ext}` nhưng thực ra là {_WHAT[kind]}: tệp bị đặt nhầm đuôi. "
                            + (f"Đổi đuôi tệp thành `{fix}` rồi nhập lại." if fix else "Kiểm tra lại tệp."))
    if kind == "zip":
        src = read_docx(raw, str(path), limits)
    elif kind == "pdf":
        src = read_pdf(raw, str(path), limits)
    else:
        src = read_text(raw, str(path), limits)
    _fix_legacy(src)
    _nfc(src)
    return src


def _all_lines(src: Source) -> Iterator[Line]:
    for item in src.items:
        if isinstance(item, Line):
            yield item
        else:
            yield from item.lines()


def _fix_legacy(src: Source) -> None:
    """Text typed in a legacy font whose name the file does not tell (plain text, PDFs without
    font names): detected on the whole text, converted, and said in the report."""
    sample = "\n".join(ln.text for ln in _all_lines(src))
    enc = legacy_fonts.detect(sample)
    if enc is None:
        if legacy_fonts.looks_legacy(sample) and not any("phông cũ" in r for r in src.repairs):
            src.warnings.append("Có nhiều chữ lạ (ví dụ ß, §, ¸, ø): có thể một phần văn bản gõ bằng phông cũ "
                                "TCVN3/VNI mà chương trình không chuyển được chắc chắn. Đọc lại kỹ, hoặc chuyển "
                                "bằng Unikey trước khi nhập.")
        return
    for ln in _all_lines(src):
        if legacy_fonts.looks_legacy(ln.text) or legacy_fonts.detect(ln.text) == enc:
            ln.text = legacy_fonts.convert(ln.text, enc)
    for note in src.notes:
        note.text = legacy_fonts.convert(note.text, enc)
    src.repairs.append(f"Văn bản gõ bằng phông cũ {legacy_fonts.NAMES[enc]} đã được chuyển sang Unicode: đọc lại "
                       "kỹ các chữ có dấu.")


def _nfc(src: Source) -> None:
    for ln in _all_lines(src):
        ln.text = unicodedata.normalize("NFC", ln.text)
        ln.label = unicodedata.normalize("NFC", ln.label)
    for note in src.notes:
        note.text = unicodedata.normalize("NFC", note.text)


__all__ = ["read_source", "ImportRefused", "Source", "Line", "Table", "SUPPORTED"]
