"""The search worker's ranking rules of issue 18's last pass, run in Node with the real glossary
(as the plugin writes it before the worker): a typed phrase stands together in either form of an
abbreviation; how much of a heading a query names; a long stretch of a subject typed in order; the
pages that only point to documents. The ranking they give on the real site is measured by
tools/search_relevance.py (tests/whole_site/test_search_relevance.py keeps it at or above 0.9)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from ldkb.model.corpus import load_corpus
from ldkb.search.keys import browser_glossary
from searchworker import run_in_worker

SCRIPT = r"""
const S = self.LDKB_SEARCH
function words(q) { return S.transform(q).words }
function pairs(q) { return words(q).map(function (w) { return [S.exact(w), S.fold(w)] }) }
function phrases(q) { return S.phrasesOf(pairs(q), words(q)) }
process.stdout.write(JSON.stringify(input.calls.map(function (c) {
  if (c[0] === "phrases") return phrases(c[1])
  if (c[0] === "share") return S.headingShare(" " + c[2] + " ", S.coveredWords(phrases(c[1])))
  if (c[0] === "about") return S.aboutFactor(" " + c[2] + " ", S.coveredWords(phrases(c[1])))
  if (c[0] === "near") return S.nearSubject(c[2], pairs(c[1]).map(function (p) { return p[1] }))
  if (c[0] === "points") return S.pointsOnly(c[1])
})))
"""


@pytest.fixture(scope="module")
def glossary():
    return browser_glossary(load_corpus(ROOT / "content").glossary)


def run(glossary, calls):
    return run_in_worker(SCRIPT, glossary=glossary, calls=calls)


def test_the_glossary_the_worker_gets(glossary):
    as_dict = dict(map(tuple, glossary))
    assert as_dict["ldld"] == "lien doan lao dong" and as_dict["cdcs"] == "cong doan co so"
    assert as_dict["btv"] == "ban thuong vu" and as_dict["csplqhld"] == "chinh sach phap luat va quan he lao dong"
    assert as_dict["tu"] == "tinh uy"


def test_a_phrase_in_either_form_of_an_abbreviation(glossary):
    got = run(glossary, [["phrases", "LĐLĐ tỉnh"], ["phrases", "cong doan co so"], ["phrases", "tu nay"],
                         ["phrases", "TU nay"], ["phrases", "phuc loi doan vien"]])
    assert got[0] == ["ldld tinh", "lien doan lao dong tinh"]
    assert got[1] == ["cong doan co so", "cdcs"]
    assert got[2] == ["tu nay"]  # "tu" is a word: a two-letter abbreviation counts in capitals only
    assert got[3] == ["tu nay", "tinh uy nay"]
    assert got[4] == ["phuc loi doan vien"]


def test_how_much_of_a_heading_a_query_names(glossary):
    heading_ii_3 = ("3 tap trung thuc hien co hieu qua chuong trinh cong doan viet nam dong hanh voi chinh phu "
                    "nang cao nang luc canh tranh quoc gia va phat trien ben vung dat nuoc giai doan 2020 2023 "
                    "ke hoach so 117 kh ldld ngay 29 11 2020 cua ban thuong vu ldld tinh")
    got = run(glossary, [["share", "LĐLĐ tỉnh", "1 doi voi lien doan lao dong tinh"],
                         ["share", "LĐLĐ tỉnh", heading_ii_3],
                         ["share", "btv", "ban thuong vu lien doan lao dong tinh"],
                         ["share", "muc dich yeu cau", "i muc dich yeu cau"],
                         ["about", "muc dich yeu cau", "i muc dich yeu cau"],
                         ["about", "btv", "ban thuong vu lien doan lao dong tinh"],
                         ["about", "phuc loi", "ii muc dich yeu cau"]])
    assert got[0] == pytest.approx(5 / 7)  # numbering left out, "Liên đoàn Lao động" is "LĐLĐ"
    assert got[1] < 0.15  # a long heading that only cites the province ("… của Ban Thường vụ LĐLĐ tỉnh")
    assert got[2] == pytest.approx(3 / 8)
    assert got[3] == 1
    assert got[4:] == [1.5, pytest.approx(1 + 3 / 8), 1]  # at most half again; nothing for no word


def test_a_long_stretch_of_a_subject_typed_in_order(glossary):
    subject = ("thuc hien de an cong doan tham gia voi nguoi su dung lao dong nang cao chat luong nguon nhan "
               "luc gop phan nang cao nang suat lao dong giai doan 2020 2023")
    got = run(glossary, [
        ["near", "nang cao chat luong nguon nhan luc nang cao nang suat", subject],  # 11 of 13 words
        ["near", "nang cao chat luong nguon nhan luc", subject],  # 7 words: an ordinary phrase
        ["near", "nguon nhan luc nang cao chat luong nang cao nang suat", subject],  # not in order
        ["near", "cong doan tham gia nang cao chat luong nguon nhan luc", subject],  # 10 of 15: gaps
    ])
    assert got == [True, False, False, False]


def test_pages_that_only_point_to_documents(glossary):
    assert run(glossary, [["points", 0.5], ["points", 0.1], ["points", 0.02], ["points", 3], ["points", None],
                          ["points", 1]]) == [True, True, True, False, False, False]
