"""The citation recogniser (plugins/ldkb/graph/citations.py): spellings, look-alikes, explicit links."""
from __future__ import annotations

import unicodedata

import pytest

from ldkb.graph.citations import find_citations
from ldkb.model.symbols import symbol_key

# (text as real documents write it, the symbol it cites, the exact span that becomes the link)
SPELLINGS = [
    ("Thực hiện Kế hoạch số 117/KH-LĐLĐ của", "117/KH-LĐLĐ", "Kế hoạch số 117/KH-LĐLĐ"),
    ("theo Kế hoạch 117/KH-LĐLĐ, các cấp", "117/KH-LĐLĐ", "Kế hoạch 117/KH-LĐLĐ"),
    ("theo KH số 117/KH-LĐLĐ.", "117/KH-LĐLĐ", "KH số 117/KH-LĐLĐ"),
    ("(xem 117/KH-LĐLĐ)", "117/KH-LĐLĐ", "117/KH-LĐLĐ"),
    ("Thực hiện Chương trình 36 -CTr/TU của", "36-CTr/TU", "Chương trình 36 -CTr/TU"),
    ("về thực hiện Chỉ thị số 37-CT/TW ngày", "37-CT/TW", None),
    ("Triển khai Chỉ thị số 07/CT-TTg, gắn với", "07/CT-TTg", "Chỉ thị số 07/CT-TTg"),
    ("thực hiện Nghị quyết số 07/NQ-TLĐ của", "07/NQ-TLĐ", "Nghị quyết số 07/NQ-TLĐ"),
    ("“Thực hiện Chương trình 36 -CTr/TU ngày 13/12/2019 của Ban", "36-CTr/TU",
     "Chương trình 36 -CTr/TU ngày 13/12/2019"),
    ("Kế hoạch số 81b/KH-TLĐ, ngày 23/12/2020 của Đoàn", "81b/KH-TLĐ", "Kế hoạch số 81b/KH-TLĐ, ngày 23/12/2020"),
    ("Chương trình số 1306/CTr-TLĐ, ngày 15/8/2019", "1306/CTr-TLĐ", "Chương trình số 1306/CTr-TLĐ, ngày 15/8/2019"),
    # dashes: en dash, em dash, minus sign
    ("Chỉ thị số 37–CT/TW", "37-CT/TW", "Chỉ thị số 37–CT/TW"),
    ("Kế hoạch số 117/KH—LĐLĐ", "117/KH-LĐLĐ", "Kế hoạch số 117/KH—LĐLĐ"),
    ("Kế hoạch 117/KH\u2212LĐLĐ", "117/KH-LĐLĐ", "Kế hoạch 117/KH\u2212LĐLĐ"),
    # case
    ("KẾ HOẠCH SỐ 117/KH-LĐLĐ", "117/KH-LĐLĐ", "KẾ HOẠCH SỐ 117/KH-LĐLĐ"),
    ("chỉ thị số 07/ct-ttg", "07/CT-TTg", "chỉ thị số 07/ct-ttg"),
    ("Chỉ thị 13/CT-TTG", "13/CT-TTg", "Chỉ thị 13/CT-TTG"),
    # state legal documents carry a year
    ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", "Nghị định số 30/2020/NĐ-CP"),
]


@pytest.mark.parametrize("text,symbol,span", SPELLINGS)
def test_each_spelling_is_recognised(text, symbol, span):
    found = find_citations(text)
    assert len(found) == 1, found
    c = found[0]
    assert c.key == symbol_key(symbol)
    assert not c.explicit
    if span is not None:
        assert c.text == span
        assert text[c.start:c.end] == span


@pytest.mark.parametrize("text,symbol,span", SPELLINGS)
def test_nfd_input_gives_the_same_citation(text, symbol, span):
    nfd = unicodedata.normalize("NFD", text)
    found = find_citations(nfd)
    assert len(found) == 1
    assert found[0].key == symbol_key(symbol)
    # the span is valid in the NFD string itself and covers the type word
    assert nfd[found[0].start:found[0].end] == found[0].text
    if span is not None:
        assert unicodedata.normalize("NFC", found[0].text) == span


@pytest.mark.parametrize("text", [
    "ngày 04/02/2020 của Thủ tướng",
    "giai đoạn 2020-2023",
    "giai đoạn 2020– 2023”",
    "giai đoạn 2020 – 2023",
    "Chỉ thị 07 về năng suất",
    "số 07",
    "07",
    "mục 3.1 và 3.2",
    "gửi b/cáo; th/h",
    "tỷ lệ 24/7",
    "ngày 13/12/2019",
    "Kế hoạch số 117",  # a number with no symbol
    "117/KH",  # no issuer
])
def test_look_alikes_are_not_citations(text):
    assert find_citations(text) == []


def test_a_date_right_after_a_citation_is_part_of_it_not_a_second_match():
    text = "Kế hoạch số 101/KH-LĐLĐ ngày 20/7/2020 của Ban Thường vụ LĐLĐ tỉnh về việc"
    (c,) = find_citations(text)
    assert c.date == "20/7/2020"
    assert c.text.endswith("20/7/2020")


def test_several_citations_in_one_sentence_in_order():
    text = ("Kế hoạch số 107/KH-LĐLĐ ngày 25/8/2020 của LĐLĐ tỉnh về việc “Thực hiện Chương trình 36 -CTr/TU "
            "ngày 13/12/2019 của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 37-CT/TW ngày 03/9/2019")
    keys = [c.key for c in find_citations(text)]
    assert keys == [symbol_key("107/KH-LĐLĐ"), symbol_key("36-CTr/TU"), symbol_key("37-CT/TW")]


def test_symbol_inside_a_word_is_not_a_citation():
    assert find_citations("x117/KH-LĐLĐ") == []
    assert find_citations("a/117/KH-LĐLĐ") == []


@pytest.mark.parametrize("text,ref,part,label", [
    ("xem [[117/KH-LĐLĐ#II.3]] nhé", "117/KH-LĐLĐ", "II.3", None),
    ("[[117/KH-LĐLĐ]]", "117/KH-LĐLĐ", None, None),
    ("[[ ke-hoach-thuc-hien-chi-thi-07 # III.3 | việc của CĐCS ]]", "ke-hoach-thuc-hien-chi-thi-07", "III.3",
     "việc của CĐCS"),
    ("[[36 -CTr/TU]]", "36-CTr/TU", None, None),
])
def test_explicit_link_syntax(text, ref, part, label):
    (c,) = find_citations(text)
    assert c.explicit
    assert c.ref == ref and c.part == part and c.label == label
    assert c.text == text[c.start:c.end] and c.text.startswith("[[") and c.text.endswith("]]")


def test_explicit_link_is_one_citation_not_two():
    assert len(find_citations("[[117/KH-LĐLĐ#II.3]] và Kế hoạch số 116/KH-LĐLĐ")) == 2


def test_matching_does_not_depend_on_any_document_list():
    # The recogniser knows no documents: an unknown symbol is found (and reported by the graph).
    (c,) = find_citations("Kế hoạch số 999/KH-LĐLĐ")
    assert c.ref == "999/KH-LĐLĐ"


@pytest.mark.parametrize("text", ["[[không phải liên kết]]", "[[ghi chú]]", "[[]]", "[[#II.3]]"])
def test_double_brackets_without_a_symbol_or_id_stay_text(text):
    assert find_citations(text) == []


# --- the fast scan matches what the plain pattern matched ------------------------------------

def _plain_pattern():
    """The pattern as first written (tried at every position): the reference for CITATION_RE,
    which opens with one character class so the engine skips to candidates in C."""
    import re

    from ldkb.graph import citations as c

    return re.compile(
        rf"(?P<explicit>{c._EXPLICIT})"
        rf"|(?<![\w/.{c.DASHES}])(?P<symbol>\d{c._SYMBOL_REST})(?![\w/])"
        rf"(?:\s*,?\s*{c._NGAY}\s+(?P<date>{c._DATE}))?",
        re.IGNORECASE,
    )


def _spans(regex, text, fast):
    out = []
    for m in regex.finditer(text):
        explicit = m.group("explicit") is not None
        symbol = None if explicit else (text[m.start():m.end("symbol")] if fast else m.group("symbol"))
        out.append((m.start(), m.end(), explicit, symbol, m.group("ref"), m.group("part"),
                    m.group("label"), m.group("date")))
    return out


def test_fast_scan_finds_what_the_plain_pattern_finds(tmp_path):
    import random

    from conftest import ROOT
    from tools.bench.corpus_gen import generate
    from ldkb.graph.citations import CITATION_RE

    plain = _plain_pattern()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.yml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(generate(tmp_path / "content", 40).rglob("*.yml"))]
    texts += [t for t, _, _ in SPELLINGS]
    rng = random.Random(8)
    pieces = list("0123456789/-–—\u2212[]#|. \n\t\u00a0,:KkHhLĐđTUCrgnàyố\u0301\u0302١") + [
        "Kế hoạch số ", "ngày ", "[[", "]]", "117/KH-LĐLĐ", "36 -CTr/TU", "12/12/2019", "2020/NĐ-CP",
        "Chỉ thị ", "KH số", "số:", " " * 30, "Nghị quyết  số  "]
    for _ in range(20000):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25))))
    for text in texts:
        assert _spans(CITATION_RE, text, True) == _spans(plain, text, False), text[:200]
        if "/" not in text and "[[" not in text:  # find_citations' shortcut
            assert not plain.search(text)
        assert find_citations(text) == _reference_citations(plain, text), text[:200]


def _reference_citations(plain, text):
    """find_citations as first written: the type word searched for in the text itself."""
    from ldkb.graph import citations as c

    out = []
    for m in plain.finditer(text):
        if m.group("explicit") is not None:
            ref, key, is_symbol = c._symbol(m.group("ref"))
            if is_symbol or c._ID.fullmatch(ref):
                out.append(c.Citation(m.start(), m.end(), m.group(0), ref, key, True,
                                      m.group("part"), m.group("label")))
            continue
        ref, key, is_symbol = c._symbol(m.group("symbol"))
        if not is_symbol:
            continue
        start, kind = m.start(), None
        if start:
            before = c._KIND_BEFORE.search(text, max(0, start - c._KIND_WINDOW), start)
            if before is not None:
                kind, start = before.group("kind"), before.start()
        out.append(c.Citation(start, m.end(), text[start:m.end()], ref, key, kind=kind, date=m.group("date")))
    return out
