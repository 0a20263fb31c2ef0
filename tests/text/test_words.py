"""One word-splitting and tone rule for every search engine: the same cases through the Python
rules (ldkb.text.words, ldkb.text.normalize, ldkb.search.keys), the browser's search worker
(run in Node with the rules the plugin writes before it) and lunr's separator as the built
site's index carries it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ldkb.search.keys import query_terms
from searchworker import WORKER, run_in_worker
from ldkb.text.normalize import exact_key, fold, nfc, unify_tones
from ldkb.text.words import WORD_SEPARATORS, browser_rules, words

CASES = [
    "117/KH-LĐLĐ", "Kế hoạch 117/KH-LĐLĐ ngày 04/02/2020", "CSPL & QHLĐ", "b/cáo", "hòa giải, hoà giải",
    "thúy thuý THÚY", "Công đoàn cơ sở (CĐCS)", "“Tháng Công nhân” – 2024", "{a}[b]<c>=d#e%f", "x+y*z~w^v|u",
    "lao đ", "năng suất lao động", "Điều 5—khoản 2", "‘trích’ … dẫn!", "Khỏe khoẻ; ủy uỷ",
    "ĐOÀN VIÊN: quyền & nghĩa vụ", "tab\there\nline", "NĐ−CP", "a.b,c;d:e?f!g",
]

# With the worker loaded as the browser loads it (tests/searchworker.py), each case answered by the
# worker's own functions.
SCRIPT = r"""
const lunrSeparator = new RegExp(input.separator)
process.stdout.write(JSON.stringify(input.cases.map(function (text) {
  return {
    words: text.normalize("NFC").split(new RegExp(self.LDKB_RULES.split)).filter(Boolean),
    lunr: text.split(lunrSeparator).filter(Boolean),
    exact: self.LDKB_SEARCH.exact(text),
    fold: self.LDKB_SEARCH.fold(text),
    terms: self.LDKB_SEARCH.transform(text).terms,
  }
})))
"""


@pytest.fixture(scope="module")
def browser_side(site):
    separator = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["separator"]
    answers = run_in_worker(SCRIPT, separator=separator, cases=CASES)
    return dict(zip(CASES, answers, strict=True))


@pytest.mark.parametrize("text", CASES)
def test_the_worker_splits_folds_and_unifies_as_python(browser_side, text):
    js = browser_side[text]
    assert js["words"] == words(nfc(text))
    assert js["exact"] == exact_key(text)
    assert js["fold"] == fold(text)
    assert js["terms"] == query_terms(text)


@pytest.mark.parametrize("text", CASES)
def test_lunr_splits_the_index_as_python(browser_side, text):
    assert browser_side[text]["lunr"] == words(text)


def test_the_rules_are_one_pattern_each():
    assert browser_rules() == {"split": WORD_SEPARATORS, "oldTone": browser_rules()["oldTone"]}
    assert re.compile(browser_rules()["oldTone"])
    assert words("117/KH-LĐLĐ") == ["117", "KH", "LĐLĐ"]
    assert unify_tones("hòa thúy khỏe") == "hoà thuý khoẻ"


def test_worker_file_reads_the_rules_instead_of_its_own_copy():
    source = Path(WORKER).read_text(encoding="utf-8")
    assert "new RegExp(self.LDKB_RULES.split)" in source and "new RegExp(self.LDKB_RULES.oldTone" in source
    assert "\\u2010-\\u2015" not in source  # no second copy of the separator
