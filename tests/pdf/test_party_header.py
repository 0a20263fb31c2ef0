"""A Party document's header in its PDF, read back (issue 18, part 6): a fictional Party directive with
its full text (tests/fixtures/dang/12-ct-du.yml, written for this test) rendered to PDF in-process and
read with pdfplumber. "ĐẢNG CỘNG SẢN VIỆT NAM" top right with a rule under it as long as the title; the
issuing body top left (its superior body above it) with a star under it, no rule; "Số 12-CT/ĐU" with
no colon; place and date in italics under the title's rule; no national title or motto anywhere
(../shared/design/the-thuc-van-ban-dang.md)."""
from __future__ import annotations

import io
import shutil

import pdfplumber
import pytest

from conftest import ROOT, TASKS_FIXTURE
from ldkb.model.corpus import load_corpus
from ldkb.pdf.document_html import document_html
from ldkb.pdf.renderer import Job, render_job

MM = 72 / 25.4
PARTY_DOC = ROOT / "tests" / "fixtures" / "dang" / "12-ct-du.yml"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    content = tmp_path_factory.mktemp("dang") / "content"
    shutil.copytree(TASKS_FIXTURE, content)
    shutil.copy2(PARTY_DOC, content / "van-ban" / PARTY_DOC.name)
    corpus = load_corpus(content)
    doc = corpus.by_symbol("12-CT/ĐU")
    assert doc is not None and doc.full_text
    _, data, pages = render_job(Job("12-ct-du.pdf", document_html(doc, corpus), "official", None, None, "document"))
    assert pages == 1
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        p = pdf.pages[0]
        yield {"words": p.extract_words(extra_attrs=["fontname", "size"]), "edges": p.horizontal_edges,
               "text": " ".join(p.extract_text().split()), "width": p.width}


def _line(words, text):
    """The words that spell `text` in a row, as one box: (x0, x1, top, bottom, fontnames)."""
    want = text.split()
    for i in range(len(words) - len(want) + 1):
        run = words[i:i + len(want)]
        if [w["text"] for w in run] == want and max(w["top"] for w in run) - min(w["top"] for w in run) < 1:
            return (run[0]["x0"], run[-1]["x1"], min(w["top"] for w in run), max(w["bottom"] for w in run),
                    {w["fontname"].split("+")[-1] for w in run})
    raise AssertionError(f"not on the page as one line: {text}")


def test_partys_title_top_right_ruled_and_no_state_title(page):
    words, middle = page["words"], page["width"] / 2
    x0, x1, top, bottom, fonts = _line(words, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert x0 > middle and top < 30 * MM and fonts == {"LDKB-Serif-Bold"}
    # A rule under it, as long as the title, right below it.
    rules = [e for e in page["edges"] if abs(e["x0"] - x0) < 1 * MM and abs(e["x1"] - x1) < 1 * MM
             and 0 <= e["top"] - bottom < 2 * MM]
    assert rules
    for absent in ("CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "Hạnh phúc", "Số:"):
        assert absent not in page["text"]


def test_issuer_top_left_with_its_superior_above_and_a_star_below(page):
    words, middle = page["words"], page["width"] / 2
    p0, p1, ptop, _, _ = _line(words, "ĐẢNG BỘ TỈNH MẪU")
    i0, i1, itop, ibottom, fonts = _line(words, "ĐẢNG ỦY KHỐI THỬ NGHIỆM")
    assert p1 < middle and i1 < middle and ptop < itop and fonts == {"LDKB-Serif-Bold"}
    star = [w for w in words if w["text"] == "*"]
    assert len(star) == 1
    s = star[0]
    assert 0 <= s["top"] - ibottom < 3 * MM  # right under the issuing body…
    assert abs((s["x0"] + s["x1"]) / 2 - (i0 + i1) / 2) < 1.5 * MM  # …centred under it
    # The star, not a rule, marks the issuing body.
    assert not [e for e in page["edges"] if e["x1"] < middle and e["top"] < s["bottom"] + 2 * MM]


def test_number_left_and_place_and_date_in_italics_under_the_title_rule(page):
    words, middle = page["words"], page["width"] / 2
    n0, n1, ntop, _, _ = _line(words, "Số 12-CT/ĐU")
    assert n1 < middle
    d0, _, dtop, _, fonts = _line(words, "Thành phố Mẫu, ngày 05 tháng 3 năm 2024")
    assert d0 > middle * 0.95 and fonts == {"LDKB-Serif-Italic"}
    _, _, _, title_bottom, _ = _line(words, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert dtop > title_bottom + 2 * MM  # under the title's rule
    assert abs(ntop - dtop) < 2 * MM  # the number on the same row as place and date
    # Then the type, centred, and the full text.
    t0, t1, ttop, _, _ = _line(words, "CHỈ THỊ")
    assert ttop > dtop and abs((t0 + t1) / 2 - (30 + 165 / 2) * MM) < 3 * MM
    for sentence in ("Các chi bộ thử nghiệm quán triệt nội dung chỉ thị này đến từng đảng viên",
                     "T/M BAN THƯỜNG VỤ", "Trần Văn Thử"):
        assert sentence in page["text"]
