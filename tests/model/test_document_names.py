"""One name per document, the main document first, dates as the site writes them (issue 18, part 4).

In-process tests of the content model; the built pages are checked in test_members_site.py.
"""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import ROOT
from ldkb.model.corpus import load_corpus
from ldkb.model.schema import VanBan, short_subject
from ldkb.text.dates import long_date, short_date


def _doc(**fields) -> VanBan:
    base = {"loai": "Kế hoạch", "co_quan_ban_hanh": "Ban Thường vụ LĐLĐ tỉnh Mẫu", "trich_yeu": "Thử nghiệm"}
    return VanBan(**{**base, **fields})


def test_a_symbol_names_the_document():
    assert _doc(so_ky_hieu="117/KH-LĐLĐ").title == "Kế hoạch 117/KH-LĐLĐ"


def test_the_plan_without_a_symbol_gets_its_short_name_by_default():
    corpus = load_corpus(ROOT / "content")
    plan = corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")
    assert plan.ten_ngan is None  # the default, not a value typed into the file
    assert plan.title == "Kế hoạch thực hiện Chỉ thị 07/CT-TTg"


@pytest.mark.parametrize("subject, short", [
    ("Thực hiện Chỉ thị số 07/CT-TTg ngày 04/02/2020 của Thủ tướng Chính phủ về Giải pháp",
     "thực hiện Chỉ thị 07/CT-TTg"),
    ("Thực hiện Nghị quyết số 07/NQ-TLĐ của “Đổi mới công tác thi đua”", "thực hiện Nghị quyết 07/NQ-TLĐ"),
    # no qualifier: the whole subject, never cut mid-phrase
    ("Nâng cao phúc lợi, lợi ích cho đoàn viên và người lao động giai đoạn 2020-2023",
     "nâng cao phúc lợi, lợi ích cho đoàn viên và người lao động giai đoạn 2020-2023"),
    # an abbreviation keeps its capitals
    ("CĐCS tham gia thương lượng tập thể ngày hội", "CĐCS tham gia thương lượng tập thể ngày hội"),
])
def test_short_subject_ends_at_a_qualifier_or_not_at_all(subject, short):
    assert short_subject(subject) == short
    assert "…" not in short_subject(subject)


def test_a_short_name_typed_by_the_editor_wins():
    doc = _doc(so_ky_hieu="117/KH-LĐLĐ", ten_ngan="Kế hoạch năng suất Mẫu")
    assert doc.title == "Kế hoạch năng suất Mẫu"


def test_a_subject_shown_as_a_title_starts_with_a_capital_and_keeps_its_words():
    doc = _doc(ma="chi-thi-mau", trich_yeu="tăng cường sự lãnh đạo, chỉ đạo xây dựng quan hệ lao động hài hòa")
    assert doc.subject_title == "Tăng cường sự lãnh đạo, chỉ đạo xây dựng quan hệ lao động hài hòa"
    assert doc.trich_yeu.startswith("tăng")  # the quotation itself is untouched


def test_the_main_document_comes_first_then_by_date():
    corpus = load_corpus(ROOT / "content")
    docs = corpus.sorted_documents()
    assert corpus.settings.van_ban_chinh == "ke-hoach-thuc-hien-chi-thi-07"
    assert docs[0] is corpus.main_document and docs[0].slug == "ke-hoach-thuc-hien-chi-thi-07"
    dated = [d.ngay_ban_hanh for d in docs[1:] if d.ngay_ban_hanh]
    assert dated == sorted(dated)


def test_an_unknown_main_document_is_reported_with_file_and_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "cai-dat.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("van_ban_chinh: ke-hoach-thuc-hien-chi-thi-07", "van_ban_chinh: 999/KH-LĐLĐ"),
                    encoding="utf-8")
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if x.startswith("van_ban_chinh:"))
    corpus = load_corpus(content, strict=False)
    errors = [e for e in corpus.log.errors if "999/KH-LĐLĐ" in e.message]
    assert len(errors) == 1 and errors[0].file.endswith("cai-dat.yml") and errors[0].line == line
    assert "Văn bản chính" in errors[0].message


def test_without_a_main_document_the_order_is_by_date(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "cai-dat.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("van_ban_chinh: ke-hoach-thuc-hien-chi-thi-07",
                                                             "van_ban_chinh:"), encoding="utf-8")
    corpus = load_corpus(content)
    assert corpus.main_document is None
    assert corpus.sorted_documents()[-1].ngay_ban_hanh is None  # undated last, as before


@pytest.mark.parametrize("day, short, long", [
    (dt.date(2020, 3, 30), "30/3/2020", "ngày 30 tháng 3 năm 2020"),
    (dt.date(2020, 2, 4), "4/2/2020", "ngày 04 tháng 02 năm 2020"),
    (dt.date(2019, 9, 3), "3/9/2019", "ngày 03 tháng 9 năm 2019"),
])
def test_site_dates_are_d_m_yyyy_and_headers_keep_the_decree_form(day, short, long):
    assert short_date(day) == short
    assert long_date(day) == long
