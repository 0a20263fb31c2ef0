"""The deadline grammar (plugins/ldkb/model/deadlines.py), case by case."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from ldkb.model.deadlines import ACCEPTED_FORMS, DeadlineError, accepted_forms_hint, parse_deadline

D = dt.date

CASES = [
    # (wording, kind, start, end, every)
    ("30/6/2025", "ngay", D(2025, 6, 30), D(2025, 6, 30), None),
    ("30/06/2025", "ngay", D(2025, 6, 30), D(2025, 6, 30), None),
    ("ngày 30/6/2025", "ngay", D(2025, 6, 30), D(2025, 6, 30), None),
    ("Ngày 5 tháng 9 năm 2024", "ngay", D(2024, 9, 5), D(2024, 9, 5), None),
    ("chậm nhất ngày 15/10/2025", "ngay", D(2025, 10, 15), D(2025, 10, 15), None),
    ("Hạn chót 15.10.2025", "ngay", D(2025, 10, 15), D(2025, 10, 15), None),
    ("trước ngày 30/6/2025", "truoc-ngay", D(2025, 6, 29), D(2025, 6, 29), None),
    ("Trước 30/6/2021", "truoc-ngay", D(2021, 6, 29), D(2021, 6, 29), None),
    ("TRƯỚC NGÀY 01/01/2025", "truoc-ngay", D(2024, 12, 31), D(2024, 12, 31), None),
    ("tháng 6/2025", "thang", D(2025, 6, 1), D(2025, 6, 30), None),
    ("Trong tháng 2 năm 2024", "thang", D(2024, 2, 1), D(2024, 2, 29), None),
    ("Quý III năm 2024", "quy", D(2024, 7, 1), D(2024, 9, 30), None),
    ("quý 3/2024", "quy", D(2024, 7, 1), D(2024, 9, 30), None),
    ("QUÝ IV/2025", "quy", D(2025, 10, 1), D(2025, 12, 31), None),
    ("Quý I năm 2026", "quy", D(2026, 1, 1), D(2026, 3, 31), None),
    ("quý ii 2025", "quy", D(2025, 4, 1), D(2025, 6, 30), None),
    ("6 tháng đầu năm 2025", "nua-nam", D(2025, 1, 1), D(2025, 6, 30), None),
    ("6 tháng cuối năm 2025", "nua-nam", D(2025, 7, 1), D(2025, 12, 31), None),
    ("Sáu tháng đầu năm 2025", "nua-nam", D(2025, 1, 1), D(2025, 6, 30), None),
    ("năm 2025", "nam", D(2025, 1, 1), D(2025, 12, 31), None),
    ("Trong năm 2025.", "nam", D(2025, 1, 1), D(2025, 12, 31), None),
    ("2025", "nam", D(2025, 1, 1), D(2025, 12, 31), None),
    ("giai đoạn 2020–2023", "giai-doan", D(2020, 1, 1), D(2023, 12, 31), None),
    ("Giai đoạn 2020 - 2023", "giai-doan", D(2020, 1, 1), D(2023, 12, 31), None),
    ("2021-2025", "giai-doan", D(2021, 1, 1), D(2025, 12, 31), None),
    ("hằng năm", "hang-nam", None, None, "nam"),
    ("Hàng năm", "hang-nam", None, None, "nam"),
    ("HẰNG QUÝ", "hang-quy", None, None, "quy"),
    ("hàng quý", "hang-quy", None, None, "quy"),
    ("Hằng tháng", "hang-thang", None, None, "thang"),
    ("Thường xuyên", "thuong-xuyen", None, None, None),
    ("thuong xuyen", "thuong-xuyen", None, None, None),  # typed without diacritics
]


@pytest.mark.parametrize("text,kind,start,end,every", CASES, ids=[c[0] for c in CASES])
def test_each_accepted_wording(text, kind, start, end, every):
    d = parse_deadline(text)
    assert (d.kind, d.start, d.end, d.every) == (kind, start, end, every)
    assert d.text == text  # the source's wording is kept for display


def test_nfd_input_and_both_tone_placements_parse_alike():
    nfd = unicodedata.normalize("NFD", "Quý III năm 2024")
    assert parse_deadline(nfd).end == D(2024, 9, 30)
    assert parse_deadline("hằng năm").kind == parse_deadline("hàng năm").kind == "hang-nam"


@pytest.mark.parametrize("text", ["sớm", "cuối tháng", "Quý V/2024", "30/6", "khi có yêu cầu", "năm sau",
                                  "hằng tuần", "Quý III"])
def test_unknown_wording_is_an_error(text):
    with pytest.raises(DeadlineError) as exc:
        parse_deadline(text)
    assert text in str(exc.value) or exc.value.text == text


@pytest.mark.parametrize("text", ["31/6/2025", "tháng 13/2025", "30/02/2024", "giai đoạn 2023-2020"])
def test_impossible_dates_are_errors_that_say_why(text):
    with pytest.raises(DeadlineError) as exc:
        parse_deadline(text)
    assert exc.value.reason  # a specific reason, not just "unknown wording"


def test_every_example_of_the_accepted_forms_parses_and_the_hint_lists_them():
    hint = accepted_forms_hint()
    for example, _ in ACCEPTED_FORMS:
        parse_deadline(example)
        assert f"`{example}`" in hint


def test_recurring_forms_repeat_and_ongoing_has_no_due_date():
    today = D(2025, 5, 10)
    yearly, quarterly, monthly = (parse_deadline(t) for t in ("hằng năm", "hằng quý", "hằng tháng"))
    assert yearly.next_due(today) == D(2025, 12, 31)
    assert quarterly.next_due(today) == D(2025, 6, 30)
    assert monthly.next_due(today) == D(2025, 5, 31)
    assert quarterly.previous_period(today) == (D(2025, 1, 1), D(2025, 3, 31))
    assert yearly.previous_period(today) == (D(2024, 1, 1), D(2024, 12, 31))
    ongoing = parse_deadline("thường xuyên")
    assert ongoing.next_due(today) is None and ongoing.ongoing
    # Dated first, by due date; no due date last.
    fixed = parse_deadline("Quý II/2025")
    order = sorted([ongoing, yearly, fixed], key=lambda d: d.sort_key(today))
    assert [d.text for d in order] == ["Quý II/2025", "hằng năm", "thường xuyên"]
