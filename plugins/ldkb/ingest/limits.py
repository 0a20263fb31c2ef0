"""Limits checked before or while a file is parsed, so that hostile files fail safely.

Every limit is a number in `Limits` (change it with the `ldkb import` options or in code) and has
its own Vietnamese message. Nothing here measures time: a file is refused for what it is (too big,
too many zip entries, too much to unpack, an XML entity declaration, too many pages), never for
how long it takes.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from ldkb.ingest.source import ImportRefused

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * MB  # the file on disk
    max_zip_entries: int = 2000  # parts inside a .docx
    max_unzipped_bytes: int = 200 * MB  # their total size once unpacked
    max_ratio: int = 200  # unpacked / packed size of one part (zip bombs: thousands)
    max_pdf_pages: int = 500
    max_text_chars: int = 5_000_000  # characters read from any file


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".rstrip("0").rstrip(".") + " MB"


def check_file_size(size: int, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise ImportRefused(
            f"Tệp quá lớn ({_mb(size)}; giới hạn {_mb(limits.max_file_bytes)}). Một văn bản thường chỉ vài "
            "trăm KB: kiểm tra lại tệp (có thể chứa ảnh quét hoặc tệp đính kèm lớn); nếu đúng là văn bản rất "
            "dài, chạy lại với tuỳ chọn `--toi-da-mb`.")


def check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Entry count, total unpacked size and per-entry ratio, read from the zip directory before
    anything is unpacked."""
    infos = archive.infolist()
    if len(infos) > limits.max_zip_entries:
        raise ImportRefused(
            f"Tệp Word có {len(infos)} phần bên trong (giới hạn {limits.max_zip_entries}): không giống một "
            "văn bản bình thường, có thể là tệp độc hại. Không nhập. Mở tệp bằng Word, lưu lại thành tệp "
            ".docx mới rồi thử lại.")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise ImportRefused(
            f"Tệp Word khi giải nén lớn tới {_mb(total)} (giới hạn {_mb(limits.max_unzipped_bytes)}): có thể "
            "là tệp độc hại (“bom nén”). Không nhập. Mở tệp bằng Word, lưu lại thành tệp .docx mới rồi thử lại.")
    for info in infos:
        if info.file_size > 1 * MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ImportRefused(
                f"Phần `{info.filename}` của tệp Word nén tới {info.file_size // max(info.compress_size, 1)} lần "
                "(tệp bình thường không vượt quá vài chục lần): có thể là tệp độc hại (“bom nén”). Không nhập.")


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def read_part(archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    """One part's bytes, read at most to its declared size (zipfile stops there and checks the
    CRC), refused when its XML declares a DTD or entities (Word never writes one: external
    entities and "billion laughs" need one)."""
    info = archive.getinfo(name)
    if info.file_size > limits.max_unzipped_bytes:
        raise ImportRefused(f"Phần `{name}` của tệp Word quá lớn khi giải nén. Không nhập.")
    data = archive.read(name)
    if name.endswith((".xml", ".rels")) and _DTD.search(data):
        raise ImportRefused(
            f"Phần `{name}` của tệp Word có khai báo DOCTYPE/ENTITY trong XML. Word không bao giờ ghi như vậy; "
            "đây có thể là tệp độc hại (tham chiếu tệp bên ngoài hoặc “tỉ tiếng cười” làm treo máy). Không nhập.")
    return data


def check_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pdf_pages:
        raise ImportRefused(
            f"Tệp PDF có {count} trang (giới hạn {limits.max_pdf_pages}). Một văn bản hành chính hiếm khi dài quá "
            "vài chục trang: kiểm tra lại tệp; nếu đúng là văn bản rất dài, chạy lại với tuỳ chọn `--toi-da-trang`.")


def check_chars(count: int, limits: Limits) -> None:
    if count > limits.max_text_chars:
        raise ImportRefused(
            f"Tệp có hơn {limits.max_text_chars:,} ký tự chữ: quá dài cho một văn bản. Tách văn bản ra "
            "nhiều tệp (ví dụ đưa phụ lục ra riêng) rồi nhập từng phần.".replace(",", "."))
