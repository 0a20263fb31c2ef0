"""Files the importer cannot or must not read: a clear Vietnamese message, no traceback, nothing written.

Each hostile file is refused by a limit checked before or while parsing (file size, zip entries and
unpacked size, a DTD in the XML, page count), never by timing.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

import importfixtures as fx
from conftest import ROOT
from ldkb.ingest.importer import import_file
from ldkb.ingest.limits import Limits
from ldkb.ingest.source import ImportRefused


@pytest.fixture
def content(tmp_path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest)
    return dest


def _files(content: Path) -> set[str]:
    return {p.name for p in (content / "van-ban").iterdir()}


def _refused(path: Path, content: Path, limits: Limits | None = None) -> str:
    before = _files(content)
    with pytest.raises(ImportRefused) as info:
        import_file(path, content, limits=limits)
    assert _files(content) == before  # nothing written
    return str(info.value)


def _docx_bytes(tmp_path: Path) -> bytes:
    return fx.build_docx(tmp_path / "ok.docx").read_bytes()


def _rezip(raw: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def test_word_97_doc(tmp_path, content):
    path = tmp_path / "cu.doc"
    # An OLE2 compound file: the container of Word 97-2003 documents.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le"))
    msg = _refused(path, content)
    assert "Word 97-2003 (.doc)" in msg and "Lưu thành" in msg and ".docx" in msg


def test_password_protected_word(tmp_path, content):
    path = tmp_path / "mat-khau.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
                     + b"\0" * 64)
    msg = _refused(path, content)
    assert "có mật khẩu" in msg and "bỏ mật" in msg


def test_password_protected_pdf(tmp_path, content):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="bi-mat", owner_password="chu")
    path = tmp_path / "mat-khau.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    assert "mật khẩu" in _refused(path, content)


def test_scanned_pdf_without_text_layer(tmp_path, content):
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(595, 842)
    path = tmp_path / "ban-quet.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    msg = _refused(path, content)
    assert "không có lớp chữ" in msg and "bản quét" in msg and "OCR" in msg


def test_thousands_of_empty_pdf_pages_stop_at_the_page_limit(tmp_path, content):
    writer = PdfWriter()
    for _ in range(3000):
        writer.add_blank_page(595, 842)
    path = tmp_path / "nhieu-trang.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    msg = _refused(path, content)
    assert "3000 trang" in msg and "giới hạn 500" in msg and "--toi-da-trang" in msg


def test_wrong_extension(tmp_path, content):
    pdf = fx.build_pdf(tmp_path / "that.pdf")
    path = tmp_path / "gia.docx"
    shutil.copy(pdf, path)
    msg = _refused(path, content)
    assert "thực ra là tệp PDF" in msg and "`.pdf`" in msg
    path = tmp_path / "gia.pdf"
    path.write_bytes(_docx_bytes(tmp_path))
    assert "Word (.docx)" in _refused(path, content)
    path = tmp_path / "gia.txt"
    path.write_bytes(_docx_bytes(tmp_path))
    assert "đặt nhầm đuôi" in _refused(path, content)


def test_unsupported_formats(tmp_path, content):
    odt = tmp_path / "vb.odt"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    assert "OpenDocument" in _refused(odt, content)
    rtf = tmp_path / "vb.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi Ke hoach}")
    assert "RTF" in _refused(rtf, content)
    other = tmp_path / "bang.xlsx"
    other.write_bytes(b"abc")
    assert "Chỉ nhập được tệp Word (.docx)" in _refused(other, content)


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16"), ("cp1258", "Windows-1258"),
                                             ("latin-1", "bảng mã 8 bit cũ")])
def test_text_not_utf8(tmp_path, content, encoding, named):
    path = tmp_path / "vb.txt"
    text = "KẾ HOẠCH\nThực hiện Chỉ thị số 07/CT-TTg\n" if encoding != "latin-1" else "Céng hßa x· héi\n"
    if encoding == "cp1258":
        text = unicodedata.normalize("NFD", text)
    path.write_bytes(text.encode(encoding, errors="replace"))
    msg = _refused(path, content)
    assert "không phải UTF-8" in msg and named in msg and "UTF-8" in msg


def test_zip_bomb_disguised_as_docx(tmp_path, content):
    bomb = b"\0" * (300 * 1024 * 1024)
    path = tmp_path / "bom.docx"
    path.write_bytes(_rezip(_docx_bytes(tmp_path), add={"word/media/bom.bin": bomb}))
    assert path.stat().st_size < 2 * 1024 * 1024
    msg = _refused(path, content)
    assert "bom nén" in msg


def test_too_many_zip_entries(tmp_path, content):
    path = tmp_path / "nhieu.docx"
    path.write_bytes(_rezip(_docx_bytes(tmp_path), add={f"word/x/{i}.xml": b"<a/>" for i in range(2100)}))
    assert "2" in _refused(path, content) and "phần bên trong" in _refused(path, content)


def test_external_entity_xxe(tmp_path, content):
    raw = _docx_bytes(tmp_path)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        doc = z.read("word/document.xml").decode("utf-8")
    head, body = doc.split("?>", 1)
    evil = head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + body.replace(
        "KẾ HOẠCH", "&xxe;", 1)
    path = tmp_path / "xxe.docx"
    path.write_bytes(_rezip(raw, replace={"word/document.xml": evil.encode("utf-8")}))
    msg = _refused(path, content)
    assert "DOCTYPE/ENTITY" in msg and "word/document.xml" in msg


def test_billion_laughs(tmp_path, content):
    raw = _docx_bytes(tmp_path)
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    head, body = styles.split("?>", 1)
    path = tmp_path / "cuoi.docx"
    path.write_bytes(_rezip(raw, replace={"word/styles.xml": (head + f"?><!DOCTYPE w:styles [{entities}]>"
                                                               + body).encode("utf-8")}))
    assert "DOCTYPE/ENTITY" in _refused(path, content)


def test_oversized_file(tmp_path, content):
    path = tmp_path / "to.txt"
    path.write_bytes(b"KE HOACH\n" * 200_000)
    msg = _refused(path, content, Limits(max_file_bytes=1024 * 1024))
    assert "Tệp quá lớn" in msg and "giới hạn 1 MB" in msg and "--toi-da-mb" in msg


def test_damaged_docx(tmp_path, content):
    path = tmp_path / "hong.docx"
    path.write_bytes(_docx_bytes(tmp_path)[:3000])
    assert "bị hỏng" in _refused(path, content)


def test_cli_prints_the_message_without_traceback(tmp_path, content):
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out = subprocess.run([sys.executable, "-m", "ldkb", "--content", str(content), "import", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "✗ Không nhập được" in out.stderr and "Word 97-2003" in out.stderr
    assert "Không có tệp nào được ghi." in out.stderr
    assert "Traceback" not in out.stdout + out.stderr
