"""Vietnamese text handling and the slug rules of document URLs."""
import unicodedata

import pytest

from ldkb.model.symbols import parse_symbol, symbol_key, symbol_slug
from ldkb.text.normalize import exact_key, fold, slugify, sort_key, unify_tones


@pytest.mark.parametrize("symbol, slug", [
    ("117/KH-LĐLĐ", "117-kh-ldld"),
    ("36-CTr/TU", "36-ctr-tu"),
    ("07/CT-TTg", "07-ct-ttg"),
    ("81b/KH-TLĐ", "81b-kh-tld"),
    ("36 -CTr/TU", "36-ctr-tu"),          # stray space
    ("37–CT/TW", "37-ct-tw"),             # en dash
    ("30/2020/NĐ-CP", "30-2020-nd-cp"),
])
def test_symbol_slug(symbol, slug):
    assert symbol_slug(symbol) == slug


def test_slug_of_nfd_equals_nfc():
    nfd = unicodedata.normalize("NFD", "Kế hoạch số 117/KH-LĐLĐ")
    assert nfd != "Kế hoạch số 117/KH-LĐLĐ"
    assert slugify(nfd) == "ke-hoach-so-117-kh-ldld"


def test_fold_maps_d_bar_and_lookalike():
    assert fold("Đoàn viên") == "doan vien"
    assert fold("\u00D0oàn") == "doan"  # Ð (eth) typed instead of Đ
    assert slugify("Đoàn viên công đoàn") == "doan-vien-cong-doan"


@pytest.mark.parametrize("old, new", [("hoà", "hòa"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("hoá", "hóa"), ("HOÀ", "HÒA")])
def test_tone_placement_unified(old, new):
    assert old != new
    assert unify_tones(old) == unify_tones(new)
    assert unify_tones(old) in (old, new)
    assert exact_key(old) == exact_key(new)
    assert exact_key(unicodedata.normalize("NFD", old)) == exact_key(new)


def test_tone_unification_leaves_other_words():
    # `hoàn` has a final consonant: the mark position is fixed, nothing to move.
    assert unify_tones("hoàn thành") == "hoàn thành"
    assert unify_tones("toàn tỉnh") == "toàn tỉnh"


def test_exact_key_keeps_diacritics():
    assert exact_key("bán") != exact_key("ban")


def test_vietnamese_alphabetical_order():
    words = ["ơn", "đoàn", "ăn", "dân", "ân", "an", "ông", "ô", "ư", "u", "êm", "en", "bà", "ba", "bá", "bả", "bã", "bạ"]
    expected = ["an", "ăn", "ân", "ba", "bà", "bả", "bã", "bá", "bạ", "dân", "đoàn", "en", "êm", "ô", "ông", "ơn", "u", "ư"]
    assert sorted(words, key=sort_key) == expected


@pytest.mark.parametrize("text, code, issuer, party", [
    ("117/KH-LĐLĐ", "KH", "LĐLĐ", False),
    ("07/CT-TTg", "CT", "TTg", False),
    ("36-CTr/TU", "CTr", "TU", True),
    ("37-CT/TW", "CT", "TW", True),
    ("13/CT-TTG", "CT", "TTG", False),
    ("30/2020/NĐ-CP", "NĐ", "CP", False),
    ("05/BNV-VP", None, "BNV-VP", False),  # a letter (công văn): no type code
])
def test_parse_symbol(text, code, issuer, party):
    sym = parse_symbol(text)
    assert sym is not None
    assert (sym.type_code, sym.issuer, sym.party) == (code, issuer, party)


@pytest.mark.parametrize("bad", ["04/02/2020", "2020-2023", "07", "KH-LĐLĐ", "abc/def"])
def test_look_alikes_are_not_symbols(bad):
    assert parse_symbol(bad) is None


def test_symbol_key_ignores_spelling_variants():
    assert symbol_key("36 -CTr/TU") == symbol_key("36-ctr/tu") == symbol_key("36–CTr/TU")


def test_heading_slugs_keep_d_bar(site):
    from ldkb.text.normalize import toc_slug

    assert toc_slug("Bắt đầu từ đâu?") == "bat-dau-tu-dau"
    assert toc_slug("Đoàn viên", "_") == "doan_vien"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="bat-dau-tu-dau"' in html
