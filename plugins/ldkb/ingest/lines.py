"""Rules shared by every reader for lines broken where the sentence goes on.

A PDF gives visual lines, a text copied from one keeps them, a Word paragraph may hold soft line
breaks. A line continues the previous one when nothing starts a new paragraph: no list marker, no
sentence end before it, a lower-case start (or both lines in capitals: a wrapped heading). A line
ending in a hyphen glued to its word ("217/2025/NĐ-" + "CP") is joined without a space.
"""
from __future__ import annotations

import re

# Markers that open a part or a bullet: I. 1. 1.1. a) a. a/ - + • and "Điều 1."
MARKER = re.compile(
    r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s|\d+(?:\.\d+)+\s|[a-zđ][).]\s|[a-zđ]/\s?|[-–•·+▪*]\s|"
    r"Điều\s+\d+|PHỤ\s+LỤC|Phụ\s+lục\s|Nơi\s+nhận|(?:TM|KT|TL|TUQ|Q|T/M)\.?\s)")
_END = re.compile(r"(?:[.;:!?…]|\./\.|[.;:]”|\.\))\s*$")
_UPPER = re.compile(r"[a-zà-ỹđ]")


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


def continues(prev: str, nxt: str) -> bool:
    """Whether `nxt` is the rest of the sentence `prev` was in."""
    p, n = prev.rstrip(), nxt.lstrip()
    if not p or not n or "\t" in p or "\t" in nxt.strip("\n"):
        return False
    if MARKER.match(n):
        return False
    if p.endswith("-") and not p.endswith(" -") and n[:1].isalnum():
        return True  # a word or symbol cut at its hyphen
    if _END.search(p):
        return False
    if is_upper(p) and is_upper(n):
        return True  # a heading in capitals wrapped over two lines
    if is_upper(p) != is_upper(n) and is_upper(p):
        return False  # a title in capitals, then ordinary text
    return n[:1].islower() or n[:1] in "(“\"" or n[:1].isdigit()


def join(prev: str, nxt: str) -> str:
    p, n = prev.rstrip(), nxt.lstrip()
    if p.endswith("-") and not p.endswith(" -"):
        return p + n
    return f"{p} {n}"
