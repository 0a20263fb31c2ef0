"""Handbooks that start with what matters (issue 18, part 7), read back from the PDFs.

The collection's handbook and one unit's, rendered in-process from a copy of the real content
whose settings give the site an address (a made-up one, under example.vn's reserved-looking
name); the PDFs are read with pdfplumber, the cover's QR code with Debian's zbarimg.
"""
from __future__ import annotations

import collections
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from ldkb.model.corpus import load_corpus
from ldkb.pdf.build import plan_jobs
from ldkb.pdf.renderer import Renderer

pdfplumber = pytest.importorskip("pdfplumber")

ADDRESS = "https://vanban.example.vn/so-tay/"
EDITION = dt.date(2026, 3, 5)
RECORDS = "VĂN BẢN LIÊN QUAN CHƯA CÓ TOÀN VĂN"


def _corpus(tmp: Path, address: str | None):
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    settings = content / "cai-dat.yml"
    text = settings.read_text(encoding="utf-8")
    assert "\ndia_chi_web:\n" in text
    if address:
        text = text.replace("\ndia_chi_web:\n", f"\ndia_chi_web: {address}\n")
    settings.write_text(text, encoding="utf-8")
    return load_corpus(content)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """{name: PDF bytes} of the handbooks, with and without a site address."""
    out = {}
    renderer = Renderer()
    for label, address in (("web", ADDRESS), ("plain", None)):
        corpus = _corpus(tmp_path_factory.mktemp(label), address)
        wanted = {"so-tay-a5.pdf", "so-tay-a4.pdf", "so-tay-cdcs-a5.pdf"} if label == "web" else {"so-tay-a5.pdf"}
        for job in plan_jobs(corpus, document_variant=None, edition=EDITION):
            if job.name in wanted:
                out[(label, job.name)] = renderer.render(job)[0]
    return out


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def test_page_one_is_the_cover_with_federation_edition_and_address(books):
    pages = _pages(books[("web", "so-tay-a5.pdf")])
    cover = " ".join(pages[0].split())
    assert "SỔ TAY VĂN BẢN" in cover and "LIÊN ĐOÀN LAO ĐỘNG TỈNH …" in cover  # no province invented
    assert "Ấn bản ngày 5/3/2026" in cover
    assert ADDRESS in cover
    assert "Trang 1/" not in pages[0]  # no running head or page number on the cover


def test_the_plan_starts_within_the_first_four_pages_with_its_official_header(books):
    for name in ("so-tay-a5.pdf", "so-tay-a4.pdf"):
        pages = _pages(books[("web", name)])
        start = next(i for i, text in enumerate(pages) if "Số: …/KH-LĐLĐ" in text)
        assert start <= 3, (name, start + 1)
        first = " ".join(pages[start].split())
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
        assert "KẾ HOẠCH" in first and "TỔNG LIÊN ĐOÀN LAO ĐỘNG" in first


def test_contents_name_each_document_with_its_subject(books):
    pages = _pages(books[("web", "so-tay-a5.pdf")])
    toc = " ".join(pages[1].split())
    assert "MỤC LỤC" in toc and "Kế hoạch thực hiện Chỉ thị 07/CT-TTg" in toc
    assert "Thực hiện Chỉ thị số 07/CT-TTg ngày 04/02/2020 của Thủ tướng Chính phủ" in toc  # its subject
    assert "Văn bản liên quan chưa có toàn văn (12 văn bản)" in toc


def test_documents_without_text_share_one_table_in_chain_order(books):
    pages = _pages(books[("web", "so-tay-a5.pdf")])
    assert not any("PHIẾU THÔNG TIN" in p for p in pages)  # no page per document without text
    at = [i for i, p in enumerate(pages) if RECORDS in p]  # its heading, then its running head
    assert at and at == list(range(at[0], at[0] + len(at)))
    table = " ".join(" ".join(pages[at[0]:at[0] + 3]).split())
    symbols = ["81b/KH-TLĐ", "07/CT-TTg", "117/KH-LĐLĐ", "1306/CTr-TLĐ", "90/KH-LĐLĐ", "07/NQ-TLĐ",
               "101/KH-LĐLĐ", "107/KH-LĐLĐ", "36-CTr/TU", "37-CT/TW", "103/KH-LĐLĐ", "116/KH-LĐLĐ"]
    # each row: the symbol, then its date (a symbol quoted in another's subject is not a row)
    positions = [re.search(re.escape(s) + r" (\d{1,2}/\d{1,2}/\d{4}|chưa rõ)", table).start() for s in symbols]
    assert positions == sorted(positions)  # the plan's chain: what it implements first
    assert "Tăng cường sự lãnh đạo" in table  # subjects as titles start with a capital
    assert len(pages) <= 16  # 21 pages when each had a page of its own


def _sizes(data: bytes):
    """(size, in a running-head band) of every character; bands: top and bottom 12 mm."""
    band = 12 / 25.4 * 72
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[1:]:  # the cover is set large
            for ch in page.chars:
                if ch["text"].strip():
                    yield round(ch["size"], 2), ch["top"] < band or ch["bottom"] > page.height - band


@pytest.mark.parametrize("name", ["so-tay-a5.pdf", "so-tay-cdcs-a5.pdf"])
def test_a5_type_sizes_are_large_enough_to_hand_out(books, name):
    sizes = list(_sizes(books[("web", name)]))
    heads = [s for s, in_band in sizes if in_band]
    body = [s for s, in_band in sizes if not in_band]
    assert heads and min(heads) >= 8.0, min(heads)  # running heads and page numbers
    assert min(body) >= 9.0, min(body)  # tables, notes: nothing smaller in the text area
    common = collections.Counter(body).most_common(1)[0][0]
    assert common >= 10.5, common  # the body text


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="make test installs zbar-tools (zbarimg)")
def test_the_cover_qr_code_reads_back_as_the_site_address(books, tmp_path):
    pdf = tmp_path / "book.pdf"
    pdf.write_bytes(books[("web", "so-tay-a5.pdf")])
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "cover")],
                   check=True)
    png = next(tmp_path.glob("cover*.png"))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ADDRESS


def test_without_an_address_the_cover_has_no_qr_code(books):
    data = books[("plain", "so-tay-a5.pdf")]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        cover = pdf.pages[0]
        assert not cover.images and "example.vn" not in (cover.extract_text() or "")
