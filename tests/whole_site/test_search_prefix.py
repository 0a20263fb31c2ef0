"""The word being typed: a one-letter last word after others is not a lunr prefix (it expands
to hundreds of index terms and made mid-typing queries the slowest), a one-letter query alone
still is; the letter never shows as a "missing" word. Debian's Chromium on the real site."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def lunr_query(search, query):
    """Types `query`; returns the lunr query string the worker handed to Material's engine."""
    result = search.search(query)
    log = search.page.evaluate("() => window.__ldkbSearch.results[window.__ldkbSearch.results.length - 1]")
    assert log["query"]["typed"] == query
    return log["query"]["lunr"].split(), result


def test_one_letter_after_other_words_is_no_prefix(site_search):
    # Material adds "*" to every term without a boost: "^1" keeps the letter exact.
    terms, _ = lunr_query(site_search, "năng suất lao đ")
    assert terms == ["năng^1", "nang^1", "suất^1", "suat^1", "lao^1", "đ^1", "d^1"]
    terms, _ = lunr_query(site_search, "nang suat lao d")
    assert terms == ["nang^1", "suat^1", "lao^1", "d^1"]


def test_one_letter_alone_and_longer_last_words_stay_prefixes(site_search):
    terms, result = lunr_query(site_search, "đ")
    assert terms == ["đ", "d"]
    assert result["hits"]
    terms, _ = lunr_query(site_search, "năng suất lao độ")
    assert terms == ["năng^1", "nang^1", "suất^1", "suat^1", "lao^1", "độ", "do"]


def test_one_letter_word_is_not_reported_missing(site_search):
    _, result = lunr_query(site_search, "năng suất lao đ")
    assert result["hits"]
    # Material lists a result's missing words ("Không: suất suat"): never the letter.
    notes = site_search.page.locator(".md-search-result__terms").all_text_contents()
    missing = {w for n in notes for w in n.split(":", 1)[-1].split()}
    assert not missing & {"đ", "d"}, notes
    # The phrase being typed still leads, as for the whole word.
    full = site_search.search("năng suất lao động")["hits"]
    assert result["hits"][0]["path"] == full[0]["path"]
