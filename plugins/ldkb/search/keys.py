"""Extra search keys for Vietnamese: folded query terms, document-number keys, abbreviations.

The browser does the same query folding in JavaScript (the search worker wrapper of the
`ldkb-search` plugin); `query_terms` here is its Python twin, used by tests and by the
engine comparison so both engines receive the same query.
"""
from __future__ import annotations

import re

from ldkb.model.schema import ThuatNgu, VanBan
from ldkb.model.symbols import parse_symbol
from ldkb.text.normalize import exact_key, fold, nfc
from ldkb.text.words import WORD_SPLIT

# Characters that separate words, in a query and in every index (one rule: ldkb.text.words).
QUERY_SPLIT = WORD_SPLIT
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def compact(text: str) -> str:
    """`117/KH-LĐLĐ` -> `117khldld`: one token per symbol or abbreviation."""
    return _NON_ALNUM.sub("", fold(text))


def exact_compact(text: str) -> str:
    """`CSPL & QHLĐ` -> `csplqhlđ`: letters and digits only, accents kept."""
    return re.sub(r"[^\w]|_", "", exact_key(text))


# The tail of a member's question names no content ("… cần làm gì", "… là gì"): not searched,
# and no result is judged on it; kept when nothing else would be left ("ai làm gì" is a page's
# name). The search worker (ldkb-search's search-worker.js) has the same list and rule.
QUESTION_TAILS: tuple[tuple[str, ...], ...] = tuple(tuple(t.split()) for t in (
    "can phai lam gi", "can lam gi", "phai lam gi", "nen lam gi", "lam gi", "la gi", "gom nhung gi",
    "co nhung gi", "nhu the nao", "the nao", "ra sao", "o dau", "khi nao", "bao gio", "bao nhieu", "gi", "nao"))
QUESTION_WORDS = frozenset(("ai", "gi", "nao", "dau", "sao"))


def without_question(words: list[str]) -> list[str]:
    """`words` less the question's tail: ["cong", "doan", "co", "so", "can", "lam", "gi"] ->
    ["cong", "doan", "co", "so"]; ["ai", "lam", "gi"] stays whole."""
    folded = [fold(w) for w in words]
    for tail in QUESTION_TAILS:
        start = len(folded) - len(tail)
        if start < 1 or tuple(folded[start:]) != tail:
            continue
        if all(w in QUESTION_WORDS for w in folded[:start]):
            return words
        return words[:start]
    return words


def query_terms(raw: str) -> list[str]:
    """The terms the engine searches for a typed query: each word exact and folded (less the
    question's tail), plus the compact symbol key when the query looks like a document number."""
    words = without_question([w for w in QUERY_SPLIT.split(nfc(raw)) if w])
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


class _FoldTable(dict[int, str]):
    """fold() of each character, filled on first sight. Folding is per character (marks
    dropped after NFD, đ -> d, casefold), so str.translate with this table gives
    fold(text) at C speed; every seen character is kept, even unchanged ones, as a
    missing key costs str.translate a raised LookupError."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def browser_glossary(entries: list[ThuatNgu]) -> list[list[str]]:
    """The glossary as the search worker compares typed words with titles and texts: per
    abbreviation, [its compact folded key (`ldld`, `btv`, `csplqhld`), its expansion folded]
    (`lien doan lao dong`). Used there for phrases and for how much of a heading a query names,
    so that "LĐLĐ tỉnh" stands together in "Liên đoàn Lao động tỉnh"."""
    out: list[list[str]] = []
    for e in entries:
        key = compact(e.viet_tat)
        words = " ".join(w for w in QUERY_SPLIT.split(fold(e.day_du)) if w)
        if key and words and [key, words] not in out:
            out.append([key, words])
    return out


class _PieceFolds(dict[str, str]):
    """The folded form of each space-separated piece of text, made on first sight: the
    search index repeats a few ten thousand pieces millions of times, and looking one up
    costs less than translating its characters again."""

    def __missing__(self, piece: str) -> str:
        if len(self) > 500_000:  # a long preview session: start over rather than grow
            self.clear()
        folded = self[piece] = piece.translate(_FOLD_TABLE)
        return folded


_PIECE_FOLDS = _PieceFolds()


def fast_fold(text: str) -> str:
    """Same result as textnorm.fold, for long texts (the search index). Folding is per
    character, so folding the pieces between spaces gives the same text."""
    return " ".join(map(_PIECE_FOLDS.__getitem__, text.split(" ")))


class Glossary:
    """Abbreviation <-> expansion matching, both ways, in one regex scan per direction.

    The abbreviation is matched as written (case and accents), so "TU" does not fire on
    every "tu"; the expansion is matched folded, in any case. Results are cached per
    distinct text: headings and short texts repeat across pages."""

    def __init__(self, entries: list[ThuatNgu]):
        # Per usable entry, in glossary order: (keys added where the expansion occurs,
        # words added where the abbreviation occurs).
        self._entries: list[tuple[list[str], list[str]]] = []
        full: dict[tuple[str, ...], list[int]] = {}  # folded words -> entries
        abbr: dict[tuple[str, ...], list[int]] = {}  # (abbreviation as written,) -> entries
        for e in entries:
            abbr_words = [w for w in QUERY_SPLIT.split(fold(e.viet_tat)) if w]
            full_words = [w for w in QUERY_SPLIT.split(fold(e.day_du)) if w]
            if not abbr_words or not full_words:
                continue
            # Keys keep their accents (the browser indexes every word as written and
            # folded), so "QHLĐ" matches exactly and "qhld" folded.
            keys = [exact_compact(e.viet_tat)]
            # "CSPL & QHLĐ" is also searched as "CSPL" or "QHLĐ"; "b/cáo" is not split
            # (its pieces "b", "cao" are ordinary words).
            if " " in e.viet_tat.strip():
                keys += [w for w in QUERY_SPLIT.split(exact_key(e.viet_tat))
                         if len(w) >= 3 and w not in keys]
            words = [w for w in QUERY_SPLIT.split(exact_key(e.day_du)) if w]
            full.setdefault(tuple(full_words), []).append(len(self._entries))
            abbr.setdefault((nfc(e.viet_tat),), []).append(len(self._entries))
            self._entries.append((keys, words))
        self._full = _Forms(full, word="[a-z0-9]", between="[^a-z0-9]+")
        self._abbr = _Forms(abbr, word=r"\w", between="")
        self._cache: dict[str, tuple[str, ...]] = {}

    def keys_for(self, text: str) -> list[str]:
        """Words to add to an index entry whose text is `text`: the abbreviation's keys
        where the expansion occurs, and the expansion's words where the abbreviation occurs."""
        if not text:
            return []
        found = self._cache.get(text)
        if found is None:
            full = self._full.matching(fast_fold(text))
            abbr = self._abbr.matching(nfc(text))
            out: list[str] = []
            for i in sorted(full | abbr):  # glossary order, as the keys always came
                keys, words = self._entries[i]
                if i in full:
                    out += keys
                if i in abbr:
                    out += words
            found = self._cache[text] = tuple(dict.fromkeys(out))  # first of each, in order
        return list(found)


class _Forms:
    """All forms of one side of the glossary, found in one regex scan.

    A form is a tuple of pieces matched in order with `between` in between, not touching
    a `word` character on either side. The scan stops at each place where some form starts
    and names the longest form there; shorter forms that can start at the same place
    ("công đoàn" inside "công đoàn cơ sở") are then checked one by one."""

    def __init__(self, forms: dict[tuple[str, ...], list[int]], *, word: str, between: str):
        def rx(key: tuple[str, ...]) -> str:
            return between.join(map(re.escape, key))

        plain = re.compile(f"{word}+")

        def simple(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
            # Whether b can match where a matched only if it matches a's own text.
            return (len(a) == len(b) == 1
                    or all(plain.fullmatch(p) for p in a + b))

        # Longest first: the scan names the first form matching at a place, so any other
        # form matching there comes later in this order.
        groups: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(forms, key=lambda k: (-len(k), -sum(map(len, k)))):
            groups.setdefault(key[0][0], []).append(key)
        self._forms: list[tuple[list[int], list[tuple[re.Pattern[str], list[int]]]]] = []
        branches = []
        for first, keys in groups.items():
            compiled = {k: re.compile(f"(?<!{word}){rx(k)}(?!{word})") for k in keys}
            alts = []
            for n, key in enumerate(keys):
                later = [k for k in keys[n + 1:]
                         if not simple(key, k) or compiled[k].match(" ".join(key))]
                self._forms.append((forms[key], [(compiled[k], forms[k]) for k in later]))
                alts.append(f"({rx(key)[len(re.escape(first)):]})")
            # Each branch starts with a literal character, so the engine skips ahead to
            # those; it consumes only that character, so overlapping forms ("liên đoàn lao
            # động" inside "tổng liên đoàn lao động") are all found.
            f = re.escape(first)
            branches.append(f"{f}(?<!{word}{f})(?=(?:{'|'.join(alts)})(?!{word}))")
        self._scan = re.compile("|".join(branches)) if branches else None

    def matching(self, text: str) -> set[int]:
        found: set[int] = set()
        if self._scan is None:
            return found
        for m in self._scan.finditer(text):
            entries, shorter = self._forms[(m.lastindex or 0) - 1]  # the form's group is set
            found.update(entries)
            for form, more in shorter:
                if form.match(text, m.start()):
                    found.update(more)
        return found
