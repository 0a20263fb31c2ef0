"""Search puts the right part first (issue 18, part 5).

The graded query set (tests/search_graded.yml, written before the ranking work) typed into the
real site's search box in Chromium: nDCG@5 at or above the target, and the results the set names
as first come first. The header blocks, national title and motto and the information table's
labels are not search text; snippets keep the table's cells apart; the tail of a question is not
searched.
"""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from ldkb.search.keys import query_terms
from tools import search_relevance

PLAN = "van-ban/ke-hoach-thuc-hien-chi-thi-07/"


def _index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.browser
def test_graded_query_set_reaches_the_target(site, browser):
    judged = search_relevance.run(site, browser=browser)
    assert len(judged) >= 60
    wrong_first = [(j.query, j.hits[:1]) for j in judged if j.first_ok is False]
    assert not wrong_first
    by_query = {j.query: j for j in judged}
    # The three queries, with their expected first result.
    assert by_query["phuc loi doan vien"].hits[0] == PLAN + "#ii-3-3"
    assert by_query["cong doan co so can lam gi"].hits[0] == PLAN + "#iii-3"
    assert by_query["bao cao ket qua"].hits[0] in (PLAN + "#iii-1", PLAN + "#iii-2")
    mean = search_relevance.mean(judged)
    assert mean >= search_relevance.TARGET, [(j.query, round(j.ndcg, 2), j.hits) for j in judged if j.ndcg < 0.8]


def test_ndcg_scores_what_members_see():
    rel = {PLAN + "#ii-3-3": 3, "van-ban/103-kh-ldld/": 2}
    assert search_relevance.ndcg([PLAN + "#ii-3-3", "van-ban/103-kh-ldld/#van-ban"], rel) == 1.0
    swapped = search_relevance.ndcg(["van-ban/103-kh-ldld/", PLAN + "#ii-3-3"], rel)
    assert 0.6 < swapped < 0.9
    assert search_relevance.ndcg(["thuat-ngu/", "ai-lam-gi/"], rel) == 0.0
    # a sub-part counts for its part; one target counts once
    assert search_relevance.ndcg([PLAN + "#ii-3-2"], {PLAN + "#ii-3": 3}) == 1.0
    assert search_relevance.ndcg([PLAN + "#ii-3-2", PLAN + "#ii-3-1"], {PLAN + "#ii-3": 3, "x/": 3}) < 1.0


def test_header_words_and_table_labels_are_not_search_text(site):
    """Every document's header carries the national title and motto (or the Party's title) and
    its bodies in capitals: indexed, they made "phuc loi" find every document by "Hạnh phúc"."""
    words = ("Độc lập", "Hạnh phúc", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "ĐẢNG CỘNG SẢN", "Số, ký hiệu",
             "Loại văn bản", "Cơ quan ban hành", "Thông tin văn bản")
    docs = [e for e in _index(site) if e["location"].startswith("van-ban/") and e["location"] != "van-ban/"]
    assert docs
    for entry in docs:
        for w in words:
            assert w not in entry["text"] and w not in entry["title"], (entry["location"], w)
    # The values stay, apart: "Chỉ thị 37-CT/TW" is found by its issuing body and date.
    card = next(e for e in docs if e["location"] == "van-ban/37-ct-tw/#van-ban")
    assert re.search(r"37-CT/TW\s+Chỉ thị\s+Ban Bí thư\s+3/9/2019", card["text"]), card["text"]


def test_no_document_matches_the_words_of_its_header_as_a_phrase(site):
    """"hanh phuc", "doc lap": with the header out of the index, no document's search text holds
    them together, unless the document's own text does (folded, as the search compares)."""
    from ldkb.model.corpus import load_corpus
    from ldkb.search.index import flat

    own = " ".join(flat(d.model_dump_json()) for d in load_corpus(ROOT / "content").documents)
    for phrase in ("hanh phuc", "doc lap", "cong hoa xa hoi chu nghia", "dang cong san viet nam"):
        assert f" {phrase} " not in f" {own} "  # no document says it: any match came from a header
        for entry in _index(site):
            if entry["location"].startswith("van-ban/"):
                assert f" {phrase} " not in f" {flat(entry['title'] + ' ' + entry['text'])} ", (phrase, entry["location"])


@pytest.mark.browser
@pytest.mark.parametrize("query, header", [("hanh phuc", "Hạnh phúc"), ("doc lap", "Độc lập"),
                                           ("cong hoa xa hoi chu nghia", "CỘNG HÒA"),
                                           ("dang cong san", "ĐẢNG CỘNG SẢN")])
def test_search_results_never_show_header_words(site_search, query, header):
    """Had the header been indexed, every document would come up with its motto in the snippet."""
    found = site_search.search(query)
    # What the documents' results show (a guide page may quote a header as an example).
    shown = site_search.page.eval_on_selector_all(
        ".md-search-result__item", "items => items.filter(i => (i.querySelector('a') || {}).href"
        " && i.querySelector('a').href.includes('/van-ban/')).map(i => i.innerText).join(' ')")
    assert found["all"], "the query must find something for the check to mean anything"
    assert header.casefold() not in shown.casefold()


def test_the_tail_of_a_question_is_not_searched():
    assert query_terms("cong doan co so can lam gi") == query_terms("cong doan co so")
    assert query_terms("Công đoàn cơ sở cần làm gì?") == query_terms("Công đoàn cơ sở")
    assert query_terms("cdcs lam gi") == query_terms("cdcs")
    assert query_terms("ai lam gi") == ["ai", "lam", "gi"]  # a page's name: nothing else would be left
    assert query_terms("can bo cong doan") == ["can", "bo", "cong", "doan"]  # "cán bộ" is no question
