"""Recognise citations of documents in running text.

One compiled regular expression finds, in a single left-to-right pass, both
implicit citations written as real documents write them (`Kế hoạch số
117/KH-LĐLĐ`, `KH số 117/KH-LĐLĐ`, a bare `117/KH-LĐLĐ`, `Chương trình 36 -CTr/TU
ngày 13/12/2019`, `Chỉ thị số 37-CT/TW`, en/em dashes, NFD text, any case) and the
explicit link syntax `[[117/KH-LĐLĐ#II.3]]` / `[[117/KH-LĐLĐ#II.3|nhãn]]`.

A symbol needs a number followed by letters (the type or issuer code), so
dates (`04/02/2020`), periods (`2020-2023`) and bare figures (`07`) never match.
The matcher knows no document: resolving a match is the caller's job (see graph.py),
so its cost does not depend on the size of the collection.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ldkb.model.symbols import DOCUMENT_TYPES, TYPE_CODES, clean, parse_symbol, symbol_key
from ldkb.text.normalize import DASHES, unify_tones

__all__ = ["Citation", "find_citations", "CITATION_RE"]


def _tolerant(word: str) -> str:
    """Pattern for `word` that also matches its NFD (and partly composed) spellings."""
    out = []
    for ch in word:
        if ch == " ":
            out.append(r"\s+")
            continue
        nfd = unicodedata.normalize("NFD", ch)
        if len(nfd) == 1:
            out.append(re.escape(ch))
            continue
        forms = {ch, nfd, unicodedata.normalize("NFC", nfd[:2]) + nfd[2:]}
        out.append("(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")")
    return "".join(out)


def _words(words: list[str]) -> str:
    variants = set()
    for w in words:
        variants |= {w, unify_tones(w)}
    return "|".join(_tolerant(w) for w in sorted(variants, key=len, reverse=True))


_DASH = f"[{DASHES}]"
_SP = r"[ \t\u00a0]?"  # a stray space, as in `36 -CTr/TU`; never a line break
_CODE = r"[A-Za-zĐđÐð]{1,12}"
# The number's first digit is read before the alternatives (see CITATION_RE): the rest of it.
_NUM_REST = r"\d{0,4}[A-Za-z]?"
_SYMBOL_REST = (
    rf"{_NUM_REST}(?:"
    # state and union style: 117/KH-LĐLĐ, 30/2020/NĐ-CP, 05/BNV-VP
    rf"(?:/\d{{4}})?{_SP}/{_SP}{_CODE}(?:{_DASH}{_CODE})+"
    # party style: 36-CTr/TU, 37-CT/TW
    rf"|{_SP}{_DASH}{_SP}{_CODE}{_SP}/{_SP}{_CODE}(?:{_DASH}{_CODE})*"
    r")"
)
_KIND = _words(list(DOCUMENT_TYPES) + list(TYPE_CODES))
_SO = _tolerant("số")
_NGAY = _tolerant("ngày")
_DATE = rf"\d{{1,2}}{_SP}/{_SP}\d{{1,2}}{_SP}/{_SP}\d{{4}}"
_EXPLICIT = r"\[\[[ \t]*(?P<ref>[^\]\[|#\n]+?)[ \t]*(?:#[ \t]*(?P<part>[^\]\[|\n]+?)[ \t]*)?(?:\|[ \t]*(?P<label>[^\]\[\n]+?)[ \t]*)?\]\]"

# Every citation starts with `[` or a digit, and the pattern opens with exactly that one
# character class: the regex engine then skips in C to the next `[` or digit instead of
# trying the whole pattern at every position (a third of the regex time on the corpus). Each
# alternative re-checks that first character with a lookbehind, so the groups `explicit`
# and `symbol` hold the citation minus its first character; it starts at `m.start()`.
_EXPLICIT_REST = _EXPLICIT[len(r"\["):]
CITATION_RE = re.compile(
    r"[\[\d](?:"
    rf"(?<=\[)(?P<explicit>{_EXPLICIT_REST})"
    rf"|(?<=(?<![\w/.{DASHES}])\d)(?P<symbol>{_SYMBOL_REST})(?![\w/])"
    rf"(?:\s*,?\s*{_NGAY}\s+(?P<date>{_DATE}))?"
    r")",
    re.IGNORECASE,
)
# The type word before a symbol (`Kế hoạch số`, `KH số`, `Chỉ thị`): read back from
# each hit within a bounded window, so the pass over the text stays a symbol scan.
_KIND_BEFORE = re.compile(rf"(?<!\w)(?P<kind>{_KIND})\s+(?:{_SO}\s*:?\s*)?\Z", re.IGNORECASE)
_KIND_WINDOW = 40
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=8192)
def _kind_before(before: str, lo: int) -> tuple[str, int] | None:
    """The type word (and where it starts) that `before` ends with, starting at `lo` or later;
    `before[lo - 1]`, when there, only tells whether a word starts at `lo`. Cached: a few
    phrases (`Kế hoạch số `) stand before most citations, and trying every type word at each
    of 40 positions costs about 5 µs a citation."""
    m = _KIND_BEFORE.search(before, lo)
    return None if m is None else (m.group("kind"), m.start())


@lru_cache(maxsize=8192)
def _symbol(raw: str) -> tuple[str, str, bool]:
    """Cleaned symbol, its key, and whether it follows the grammar (symbols repeat a lot)."""
    ref = clean(raw)
    return ref, symbol_key(ref), parse_symbol(ref) is not None


@dataclass(frozen=True, slots=True)
class Citation:
    start: int
    end: int
    text: str  # the whole matched text, as written
    ref: str  # the symbol, cleaned (`36-CTr/TU`), or an explicit link's reference
    key: str  # `symbol_key(ref)`: equal for every spelling of one symbol
    explicit: bool = False
    part: str | None = None  # explicit links only: `II.3`
    label: str | None = None  # explicit links only
    kind: str | None = None  # the type word written before the symbol
    date: str | None = None  # the date written after the symbol


def find_citations(text: str) -> list[Citation]:
    """Every citation in `text`, in order; one pass of one compiled matcher."""
    out: list[Citation] = []
    if "/" not in text and "[[" not in text:  # in every symbol and every explicit link
        return out
    for m in CITATION_RE.finditer(text):
        if m.group("explicit") is not None:
            ref, key, is_symbol = _symbol(m.group("ref"))
            # Only a symbol or a document id makes a link: `[[any words]]` stays text.
            if not is_symbol and not _ID.fullmatch(ref):
                continue
            out.append(Citation(m.start(), m.end(), m.group(0), ref, key, True,
                                m.group("part"), m.group("label")))
            continue
        ref, key, is_symbol = _symbol(text[m.start():m.end("symbol")])
        if not is_symbol:  # e.g. a party-style code that is no document type
            continue
        start = m.start()
        kind = None
        if start:
            lo = max(0, start - _KIND_WINDOW)
            base = lo - 1 if lo else 0  # one character more: the word-start check reads it
            before = _kind_before(text[base:start], lo - base)
            if before is not None:
                kind, start = before[0], base + before[1]
        out.append(Citation(start, m.end(), text[start:m.end()], ref, key,
                            kind=kind, date=m.group("date")))
    return out
