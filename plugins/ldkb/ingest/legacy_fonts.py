"""Vietnamese typed in the legacy font encodings, recognised and converted to Unicode.

Old office files still carry text typed with the TCVN3 (ABC) fonts (`.VnTime`, `.VnArial`; their
capitals-only variants `.VnTimeH`, `.VnArialH`) or the VNI fonts (`VNI-Times`, `VNI-Helve`). Word
stores such text as the Windows-1252 letters of the font's byte codes, so it reads as garbage
("Céng hßa", "Coäng hoøa") unless converted.

- TCVN3 (TCVN 5712:1993, VN3) is one byte per letter: the tables below give each byte.
- VNI Windows writes a base letter followed by one mark byte (`a` + `ù` = á, `o` + `ä` = ộ); a few
  letters are single bytes (`ñ` đ, `ô` ơ, `ö` ư, `í ì æ ó ò` í ì ỉ ĩ ị, `î` ỵ).

`detect` decides from the text alone (when no font name tells) by counting how many words become
valid Vietnamese syllables under each reading: a conversion is made only when it clearly wins.
"""
from __future__ import annotations

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"

# -- TCVN3 (ABC): byte -> letter ----------------------------------------------------------
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
# Word keeps the byte as the Windows-1252 (here Latin-1) character of the same code.
TCVN3_TABLE = {chr(b): u for b, u in _TCVN3_BYTES.items()}
_TCVN3_TRANS = str.maketrans(TCVN3_TABLE)

# -- VNI Windows ---------------------------------------------------------------------------
# Mark bytes after a vowel, lower-case forms (the upper-case byte is the Latin-1 capital).
_TONE_MARKS = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# After a/e/o: circumflex with a tone (â alone is the circumflex).
_CIRC_MARKS = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
# After a only: breve with a tone (ê alone is the breve).
_BREVE_MARKS = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Letters that are one byte in VNI.
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
    for code, letter in bases.items():
        for mark, tone in _TONE_MARKS.items():
            pairs[code + mark] = letter + tone
    for code in "aeo":
        for mark, tone in _CIRC_MARKS.items():
            pairs[code + mark] = code + "\u0302" + tone
    for mark, tone in _BREVE_MARKS.items():
        pairs["a" + mark] = "a\u0306" + tone
    out: dict[str, str] = {}
    for code, value in pairs.items():
        value = unicodedata.normalize("NFC", value)
        base, mark = code[0], code[1]
        for b in {base, base.upper()}:
            for m in {mark, mark.upper()}:
                out[b + m] = value.upper() if b.isupper() else value
    return out


VNI_PAIRS = _vni_pairs()
VNI_SINGLES = {**_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}}
_VNI_RE = re.compile("|".join(sorted((re.escape(k) for k in VNI_PAIRS), key=len, reverse=True))
                     + "|[" + "".join(VNI_SINGLES) + "]")


def tcvn3_to_unicode(text: str, capitals: bool = False) -> str:
    """TCVN3 text to NFC Unicode; `capitals` for the `…H` fonts, whose lower-case codes draw capitals."""
    out = text.translate(_TCVN3_TRANS)
    return out.upper() if capitals else out


def vni_to_unicode(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        s = m.group(0)
        return VNI_PAIRS.get(s) or VNI_SINGLES[s]

    return unicodedata.normalize("NFC", _VNI_RE.sub(one, text))


def encoding_of_font(name: str | None) -> tuple[str | None, bool]:
    """(encoding, capitals) a font name implies: `.VnTime` -> TCVN3, `.VnTimeH` -> TCVN3 capitals,
    `VNI-Times` -> VNI; (None, False) for a Unicode font."""
    if not name:
        return None, False
    n = name.strip()
    # PDF base font names carry a subset prefix ("ABCDEF+.VnTime") and style suffixes.
    n = n.split("+", 1)[-1]
    low = n.lower()
    if low.startswith(".vn") or low.startswith("vn") and not low.startswith("vni"):
        core = re.split(r"[,-]", n)[0]
        return TCVN3, core.endswith("H")
    if low.startswith("vni"):
        return VNI, False
    return None, False


def convert(text: str, encoding: str | None, capitals: bool = False) -> str:
    if encoding == TCVN3:
        return tcvn3_to_unicode(text, capitals)
    if encoding == VNI:
        return vni_to_unicode(text)
    return text


# -- detection -----------------------------------------------------------------------------
_INITIALS = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx]"
_NUCLEI = ("a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|iê|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|"
           "uô|uơ|uy|ưa|ưi|ưu|ươ|yê|iêu|oai|oao|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu|ưo")
_FINALS = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(rf"^(?:{_INITIALS})?(?:{_NUCLEI})(?:{_FINALS})?$")
_TONE_SET = set("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\W\d_]+")
# Latin-1 letters Vietnamese Unicode text uses; others in bulk betray a legacy encoding.
_VI_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_ODD = re.compile("[" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _VI_LATIN1
                                and chr(c) not in "×÷") + "]")


def is_syllable(word: str) -> bool:
    """Whether `word` is a possible Vietnamese syllable (one tone at most, known rhyme)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in _TONE_SET for ch in nfd)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONE_SET))
    return bool(_SYLLABLE.match(bare))


def _score(text: str) -> tuple[int, int]:
    """(valid syllables among the words with a non-ASCII letter, such words)."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    return sum(is_syllable(w) for w in words), len(words)


def looks_legacy(text: str) -> bool:
    """Several letters no Unicode Vietnamese text uses (ß, ·, §, ¸, ø …) inside words (a lone "·"
    is a bullet, not a letter)."""
    n = 0
    for m in _ODD.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isalpha() or after.isalpha():
            n += 1
            if n >= 3:
                return True
    return False


def detect(text: str) -> str | None:
    """TCVN3, VNI or None (the text is Unicode already, or no reading is clearly better)."""
    if not looks_legacy(text):
        return None
    ok0, n0 = _score(text)
    best, best_ok = None, ok0 if n0 else 0
    for enc in (TCVN3, VNI):
        ok, n = _score(convert(text, enc))
        # The converted text must read as Vietnamese: most non-ASCII words valid syllables,
        # and clearly more of them than before.
        if n and ok / n >= 0.8 and ok > best_ok:
            best, best_ok = enc, ok
    return best


NAMES = {TCVN3: "TCVN3 (ABC, phông .VnTime)", VNI: "VNI (phông VNI-Times)"}
