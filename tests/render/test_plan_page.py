"""The plan's page holds every sentence of the source, verbatim; the index lists every document."""
from __future__ import annotations

import json
import re

import pytest

from conftest import SOURCE
from htmltext import collapse, page_text

PLAN_PAGE = "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html"


def source_paragraphs() -> list[str]:
    """The source's paragraphs, without conversion artefacts and list markers."""
    text = SOURCE.read_text(encoding="utf-8")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    lines = [collapse(line) for line in text.splitlines()]
    out = []
    for line in lines:
        line = re.sub(r"^[-·]\s*", "", line)
        if line:
            out.append(line)
    return out


def source_sentences() -> list[str]:
    sentences = []
    for para in source_paragraphs():
        sentences += [s for s in re.split(r"(?<=[.;:!?])\s+", para) if s]
    return sentences


def test_source_is_split_into_many_sentences():
    # guards the test below against silently checking nothing
    assert len(source_paragraphs()) >= 55
    assert len(source_sentences()) >= 80


@pytest.fixture(scope="module")
def plan_text(site) -> str:
    return collapse(page_text((site / PLAN_PAGE).read_text(encoding="utf-8")))


def test_every_sentence_of_the_source_is_on_the_plan_page(plan_text):
    missing = [s for s in source_sentences() if s.rstrip(";") not in plan_text]
    assert missing == []


def test_every_paragraph_is_kept_whole(plan_text):
    # Titles span two source lines; list bullets are paragraphs of their own.
    missing = [p for p in source_paragraphs() if p.rstrip(";") not in plan_text]
    assert missing == []


def test_no_conversion_artefacts(plan_text):
    assert "bookmark" not in plan_text


def test_parts_have_stable_anchors(site):
    html = (site / PLAN_PAGE).read_text(encoding="utf-8")
    for anchor in ["i", "i-1", "i-2", "ii", "ii-1", "ii-2", "ii-3", "ii-3-1", "ii-3-2", "ii-3-3", "ii-3-4",
                   "iii", "iii-1", "iii-2", "iii-3"]:
        assert re.search(rf'<h[2-6][^>]*\bid="{anchor}"', html), anchor
        assert f'href="#{anchor}"' in html  # permalink


def test_unknown_facts_are_said_plainly(site, plan_text):
    assert "Số: …/KH-LĐLĐ" in plan_text
    assert "Chưa rõ (nguồn không ghi ngày)" in plan_text
    assert "Bản gốc không ghi người ký." in plan_text


def test_cited_documents_say_full_text_not_entered(site):
    text = collapse(page_text((site / "van-ban/81b-kh-tld/index.html").read_text(encoding="utf-8")))
    assert "Trang web chưa có toàn văn của văn bản này" in text
    # the file to fill in is for editors: in the preview only (tests/test_serve.py)
    assert "content/van-ban/81b-kh-tld.yml" not in text and "make validate" not in text
    assert "23/12/2020" in text and "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam" in text


def test_documents_json_and_pages(site):
    data = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    assert data["count"] == len(data["documents"]) == 13
    symbols = {d["symbol"] for d in data["documents"]}
    assert {"07/CT-TTg", "81b/KH-TLĐ", "117/KH-LĐLĐ", "1306/CTr-TLĐ", "90/KH-LĐLĐ", "07/NQ-TLĐ", "101/KH-LĐLĐ",
            "107/KH-LĐLĐ", "36-CTr/TU", "37-CT/TW", "103/KH-LĐLĐ", "116/KH-LĐLĐ", None} == symbols
    for d in data["documents"]:
        for key in ("symbol", "type", "subject", "date", "issuing_body", "url", "references", "referenced_by"):
            assert key in d
        assert (site / d["url"].lstrip("/") / "index.html").is_file(), d["url"]
    by_symbol = {d["symbol"]: d for d in data["documents"]}
    assert by_symbol["36-CTr/TU"]["url"].endswith("/van-ban/36-ctr-tu/")
    assert by_symbol["07/CT-TTg"]["date"] == "2020-02-04"
    assert by_symbol["07/NQ-TLĐ"]["date"] is None


def test_index_lists_documents_by_type_and_by_date(site):
    html = (site / "van-ban/index.html").read_text(encoding="utf-8")
    text = page_text(html)
    by_type = text[text.index("Theo loại văn bản"):text.index("Theo ngày ban hành")]
    by_date = text[text.index("Theo ngày ban hành"):]
    # Vietnamese order: "Chỉ" before "Chương" (i < ư)
    types = [t for t in ["Chỉ thị", "Chương trình", "Kế hoạch", "Nghị quyết"] if t in by_type]
    assert types == ["Chỉ thị", "Chương trình", "Kế hoạch", "Nghị quyết"]
    dates = re.findall(r"— (\d{1,2})/(\d{1,2})/(\d{4}) —", by_date)
    assert len(dates) == 11  # 13 documents; the plan and 07/NQ-TLĐ have no date in the source
    as_iso = [(int(y), int(m), int(d)) for d, m, y in dates]
    assert as_iso == sorted(as_iso)
    assert by_date.count("— chưa rõ ngày —") == 2
    # the main document first, in both lists
    first = "Kế hoạch thực hiện Chỉ thị 07/CT-TTg — chưa rõ ngày"
    assert by_date.split("\n", 2)[1].startswith(first) or by_date.index(first) < by_date.index(" — 3/9/2019")
    for slug in ["07-ct-ttg", "36-ctr-tu", "ke-hoach-thuc-hien-chi-thi-07"]:
        assert f'href="../{slug}/"' in html or f'href="{slug}/"' in html
