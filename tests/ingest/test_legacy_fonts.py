"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI Windows) converted to Unicode.

The expected values are the published tables: TCVN 5712:1993 (VN3) gives one byte per letter;
VNI Windows writes a base letter and a mark byte. Every Vietnamese letter is checked both ways:
encoded by the table written here independently, then decoded by the module.
"""
from __future__ import annotations

import unicodedata

import pytest

from ldkb.ingest import legacy_fonts as lf

# Every lower-case Vietnamese vowel letter with each tone (and none), and đ.
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]

# TCVN3 byte of each letter, as printed in the standard's table (row by row: a à ả ã á ạ …).
TCVN3 = {
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ă": 0xA8, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "â": 0xA9, "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ê": 0xAA, "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ô": 0xAB, "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ơ": 0xAC, "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ư": 0xAD, "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
    "đ": 0xAE,
}
TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

# VNI Windows: mark bytes after the base letter (lower-case forms).
VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
VNI_CIRC = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
VNI_I = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni_encode(letter: str) -> str:
    if letter == "đ":
        return "ñ"
    nfd = unicodedata.normalize("NFD", letter)
    tone = next((c for c in nfd if c in VNI_TONE), "")
    base = nfd.replace(tone, "")
    base = unicodedata.normalize("NFC", base)
    if base == "i":
        return VNI_I[tone]
    if base == "y" and tone == "\u0323":
        return "î"
    if base in "âêô":
        return {"â": "a", "ê": "e", "ô": "o"}[base] + VNI_CIRC[tone]
    if base == "ă":
        return "a" + VNI_BREVE[tone]
    head = {"ơ": "ô", "ư": "ö"}.get(base, base)
    return head + (VNI_TONE[tone] if tone else "")


def test_tcvn3_table_covers_every_letter():
    assert len(LETTERS) == 73  # 12 vowels x 6 tones, and đ
    for letter in LETTERS:
        if letter in "aeiouy":
            continue
        assert lf.tcvn3_to_unicode(chr(TCVN3[letter])) == letter, letter
    for capital, byte in TCVN3_CAPITALS.items():
        assert lf.tcvn3_to_unicode(chr(byte)) == capital


def test_tcvn3_capitals_font():
    text = "".join(chr(TCVN3[c]) if c in TCVN3 else c for c in "cộng hòa")
    assert lf.tcvn3_to_unicode(text, capitals=True) == "CỘNG HÒA"


@pytest.mark.parametrize("upper", [False, True])
def test_vni_covers_every_letter(upper):
    for letter in LETTERS:
        code = vni_encode(letter)
        if upper:
            code, letter = code.upper(), letter.upper()
        assert lf.vni_to_unicode(code) == letter, (letter, code)


def test_real_phrases():
    assert lf.tcvn3_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert lf.vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"
    assert lf.vni_to_unicode("ngöôøi lao ñoäng") == "người lao động"


def test_detection():
    tcvn3 = "Ban Th­êng vô Liªn ®oµn Lao ®éng tØnh x©y dùng kÕ ho¹ch"
    assert lf.detect(tcvn3) == lf.TCVN3
    assert lf.tcvn3_to_unicode(tcvn3) == "Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch"
    vni = "Ban Thöôøng vuï Lieân ñoaøn Lao ñoäng tænh xaây döïng keá hoaïch"
    assert lf.detect(vni) == lf.VNI
    assert lf.vni_to_unicode(vni) == "Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch"
    # Unicode text, French, and a list with "·" bullets are left alone.
    for text in ("Ban Thường vụ Liên đoàn Lao động tỉnh", "Café à la crème brûlée",
                 "· Tổng LĐLĐ Việt Nam\n· Văn phòng Tỉnh ủy\n· Lưu: VT"):
        assert lf.detect(text) is None


def test_font_names():
    assert lf.encoding_of_font(".VnTime") == (lf.TCVN3, False)
    assert lf.encoding_of_font(".VnTimeH") == (lf.TCVN3, True)
    assert lf.encoding_of_font("ABCDEF+.VnArial-Bold") == (lf.TCVN3, False)
    assert lf.encoding_of_font("VNI-Times") == (lf.VNI, False)
    assert lf.encoding_of_font("Times New Roman") == (None, False)
