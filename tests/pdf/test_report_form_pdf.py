"""The units' report forms in PDF (issue 16, part 7), read back: the signature block never stands
alone on the last page (it took a page of its own for the CĐCS and the province on the real
collection); it goes with the table's last row."""
from __future__ import annotations

import io

import pdfplumber
import pytest

from conftest import ROOT
from ldkb.model.corpus import load_corpus
from ldkb.pdf.renderer import Job, render_job
from ldkb.pdf.report_form import report_form_html


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "content")


@pytest.mark.parametrize("unit", ["cdcs", "ldld-tinh"])
def test_signature_goes_with_the_last_row(corpus, unit):
    _, data, pages = render_job(Job(f"mau-bao-cao-{unit}.pdf", report_form_html(corpus, corpus.units[unit]),
                                    "official", None, None, "report-form"))
    assert pages > 1
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        last = " ".join((pdf.pages[-1].extract_text() or "").split())
        first = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "(Ký, ghi rõ họ tên, đóng dấu)" in last and "Nơi nhận:" in last
    assert "Nhiệm vụ" in last and "Đoạn kết" in last  # the table's head and its last row (the closing) came along
    assert "BÁO CÁO" in first
