"""Where words split, and how tone placement is unified: the one source of both rules.

Every search engine of the site uses them: the Python index builders (the shard index, the
Pagefind bundle, glossary keys: `ldkb.search`), lunr's index in the browser (Material's search
`separator`, which the ldkb-search plugin sets from `WORD_SEPARATORS`) and the browser's search
worker (its query splitting and tone unification, given `browser_rules()` by the same plugin).
tests/text/test_words.py feeds the same cases to the Python and the JavaScript side.
"""
from __future__ import annotations

import re

from ldkb.text.normalize import OLD_TONE_PATTERN

# Characters between words: spaces, dashes (U+2010-U+2015 and the minus sign), slashes of document
# symbols (117/KH-LĐLĐ -> 117, kh, lđlđ), punctuation and quotes, and symbols seen between words.
# A regular expression valid in Python and in JavaScript alike.
WORD_SEPARATORS = r"[\s\-\u2010-\u2015\u2212/,.;:!?()\[\]{}“”‘’\"'…&*+~^|<>=#%]+"
WORD_SPLIT = re.compile(WORD_SEPARATORS)


def words(text: str) -> list[str]:
    """The words of `text` as written (empty pieces dropped)."""
    return [w for w in WORD_SPLIT.split(text) if w]


def browser_rules() -> dict[str, str]:
    """The rules as the search worker reads them (`self.LDKB_RULES`): regular expression sources."""
    return {"split": WORD_SEPARATORS, "oldTone": OLD_TONE_PATTERN}
