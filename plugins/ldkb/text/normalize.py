"""Vietnamese text handling: NFC, folding, tone-placement unification, slugs, sort keys.

Everything that compares or indexes Vietnamese text goes through here, so that
`hoà`/`hòa`, NFD input, `đ`/`d` and case are treated the same way everywhere.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

# The dashes real documents use between symbol parts, plus the minus sign.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_RE = re.compile(f"[{DASHES}]")

# Traditional ("hòa") and modern ("hoà") tone placement only differ for the
# rhymes oa, oe, uy with no final consonant. We map both to the modern style
# (mark on the second vowel) when comparing; displayed text keeps its spelling.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Only oa, oe and uy: "của", "mùa" (ua) have one placement and must not change. Valid in Python
# and JavaScript alike: the search worker applies the same pattern (ldkb.text.words.browser_rules).
OLD_TONE_PATTERN = (
    r"([oO](?=[" + _TONES + r"][aAeE])|[uU](?=[" + _TONES + r"][yY]))"
    r"([" + _TONES + r"])([aAeEyY])(?![a-zA-Z\u00C0-\u1EF9])"
)
_OLD_TONE_RE = re.compile(OLD_TONE_PATTERN)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def unify_tones(text: str) -> str:
    """Return `text` (any normal form) in NFC with traditional tone placement moved to modern style."""
    decomposed = unicodedata.normalize("NFD", text)
    # In NFD the tone mark follows its base letter (and any circumflex/breve/horn).
    moved = _OLD_TONE_RE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def strip_marks(text: str) -> str:
    """Remove every diacritic and map đ/Đ (and the look-alike Ð) to d/D."""
    if text.isascii():  # part numbers, symbols' digits: nothing to strip (C-level check)
        return text
    decomposed = unicodedata.normalize("NFD", text)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return out.translate(_D_MAP)


_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def fold(text: str) -> str:
    """Fold to lowercase ASCII-ish letters: the form used for loose matching."""
    return strip_marks(text).casefold()


def exact_key(text: str) -> str:
    """Case-insensitive key that keeps diacritics but unifies tone placement and NF."""
    return unify_tones(text).casefold()


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII lowercase slug: `117/KH-LĐLĐ` -> `117-kh-ldld`."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


def normalise_dashes(text: str) -> str:
    return _DASH_RE.sub("-", text)


def collapse_ws(text: str) -> str:
    return " ".join(text.split())


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then tones: level, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_BASE_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def sort_key(text: str) -> tuple[Any, ...]:
    """Sort key for Vietnamese alphabetical order (letters first, then tones)."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", unify_tones(text)).casefold():
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0]
        tone = ""
        mods = ""
        for mark in parts[1:]:
            if mark in _BASE_MODIFIERS:
                mods += mark
            elif mark in _TONE_RANK:
                tone = mark
        letter = unicodedata.normalize("NFC", base + mods)
        if letter in _LETTER_RANK:
            letters.append(100 + _LETTER_RANK[letter])
        elif letter.isdigit():
            letters.append(50 + int(letter) if letter.isascii() else 99)
        elif letter.isspace():
            letters.append(0)
        elif letter.isalpha():
            letters.append(200 + ord(letter))
        else:
            letters.append(1)  # punctuation sorts just after a space
        tones.append(_TONE_RANK.get(tone, 0))
    return (tuple(letters), tuple(tones))


def toc_slug(value: str, separator: str = "-") -> str:
    """Heading anchors for hand-written pages: `Đoàn viên` -> `doan-vien` (Markdown's default drops đ)."""
    return slugify(value).replace("-", separator)
