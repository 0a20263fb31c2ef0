"""Extra search keys for Vietnamese: folded query terms, document-number keys, abbreviations.

The browser does the same query folding in JavaScript (the search worker wrapper of the
`ldkb-search` plugin); `query_terms` here is its Python twin, used by tests and by the
engine comparison so both engines receive the same query.
"""
from __future__ import annotations

import re

from .schema import ThuatNgu, VanBan
from .symbols import parse_symbol
from .textnorm import exact_key, fold, nfc

# Characters that separate words in a query (and in the index: mkdocs.yml `separator`).
QUERY_SPLIT = re.compile(r"[\s\-\u2010-\u2015\u2212/,.;:!?()\[\]{}“”‘’\"'…&*+~^|<>=#%]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def compact(text: str) -> str:
    """`117/KH-LĐLĐ` -> `117khldld`: one token per symbol or abbreviation."""
    return _NON_ALNUM.sub("", fold(text))


def exact_compact(text: str) -> str:
    """`CSPL & QHLĐ` -> `csplqhlđ`: letters and digits only, accents kept."""
    return re.sub(r"[^\w]|_", "", exact_key(text))


def query_terms(raw: str) -> list[str]:
    """The terms the engine searches for a typed query: each word exact and folded,
    plus the compact symbol key when the query looks like a document number."""
    words = [w for w in QUERY_SPLIT.split(nfc(raw)) if w]
    terms: list[str] = []
    for word in words:
        for term in (exact_key(word), fold(word)):
            if term and term not in terms:
                terms.append(term)
    if re.search(r"\d", raw) and len(words) > 1:
        key = compact(raw)
        if key[:1].isdigit() and key not in terms:
            terms.append(key)
    return terms


def symbol_keys(doc: VanBan) -> list[str]:
    """Keys that make a document's own page rank first for its number or symbol."""
    if not doc.so_ky_hieu:
        return []
    keys = [compact(doc.so_ky_hieu)]
    sym = parse_symbol(doc.so_ky_hieu)
    number = fold(sym.number) if sym is not None and getattr(sym, "number", None) else ""
    if not number:
        m = re.match(r"\s*([0-9]+[a-zA-Z]?)", doc.so_ky_hieu)
        number = fold(m.group(1)) if m else ""
    if number and number not in keys:
        keys.insert(0, number)
    return keys


class Glossary:
    """Abbreviation <-> expansion matching on folded text, both ways."""

    def __init__(self, entries: list[ThuatNgu]):
        self._entries = []
        for e in entries:
            abbr_words = [w for w in QUERY_SPLIT.split(fold(e.viet_tat)) if w]
            full_words = [w for w in QUERY_SPLIT.split(fold(e.day_du)) if w]
            if not abbr_words or not full_words:
                continue
            # The abbreviation is matched as written (case and accents), so "TU" does not
            # fire on every "tu"; the expansion is matched folded, in any case.
            abbr_re = re.compile(r"(?<![\w])" + re.escape(nfc(e.viet_tat)) + r"(?![\w])")
            full_re = re.compile(r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(map(re.escape, full_words)) + r"(?![a-z0-9])")
            # Keys keep their accents (the browser indexes every word as written and
            # folded), so "QHLĐ" matches exactly and "qhld" folded.
            keys = [exact_compact(e.viet_tat)]
            # "CSPL & QHLĐ" is also searched as "CSPL" or "QHLĐ"; "b/cáo" is not split
            # (its pieces "b", "cao" are ordinary words).
            if " " in e.viet_tat.strip():
                keys += [w for w in QUERY_SPLIT.split(exact_key(e.viet_tat))
                         if len(w) >= 3 and w not in keys]
            words = [w for w in QUERY_SPLIT.split(exact_key(e.day_du)) if w]
            self._entries.append((abbr_re, full_re, keys, words))

    def keys_for(self, text: str) -> list[str]:
        """Words to add to an index entry whose text is `text`: the abbreviation's keys
        where the expansion occurs, and the expansion's words where the abbreviation occurs."""
        if not text:
            return []
        folded = fold(text)
        written = nfc(text)
        out: list[str] = []
        for abbr_re, full_re, keys, words in self._entries:
            if full_re.search(folded):
                out += keys
            if abbr_re.search(written):
                out += words
        seen: set[str] = set()
        return [k for k in out if not (k in seen or seen.add(k))]
