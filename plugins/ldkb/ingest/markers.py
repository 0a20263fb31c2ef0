"""The marker a body line opens with, and the number it gives a part, as the source writes it.

Kinds, from the outside in: `D` an article ("Điều 1."), `R` a Roman part ("I."), `N` a numbered
item ("1.", "1)"), `M2`/`M3`… a multi-level number ("1.1.", "1.1.1."), `L` a lettered point ("a)",
"a.", "a/"), then `B` a bullet ("-", "•") and `P` a "+" item (one level below a bullet).

Numbering is kept as written (issue 16): the `so` of a part is the bare number where the model
prints the same label by itself ("I" -> "I.", "1" -> "1.", "3.1" -> "3.1.", "a" -> "a)") and the
number with its mark otherwise ("1)", "a.", "a/", "Điều 1:"), so that the page, the PDF and the Word
file print exactly what the source printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# What the model prints after a bare number of each kind (schema.Muc.label).
_DEFAULT_MARK = {"D": ".", "R": ".", "N": ".", "L": ")"}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "Điều 1." / "Điều 12:" (a mark is required: "Điều 5 của Luật …" is a sentence).
    ("D", re.compile(r"^Điều\s+(?P<so>\d{1,3}[a-zđ]?)\s*(?P<p>[.:])(?:\s*(?P<rest>\S.*))?$")),
    ("R", re.compile(r"^(?P<so>[IVXLC]{1,6})\s*(?P<p>[.)/])(?:\s*(?P<rest>\S.*))?$")),
    # Levels of one or two digits: "1.000 người" is a thousand.
    ("M", re.compile(r"^(?P<so>\d{1,2}(?:\.\d{1,2})+)(?P<p>\.?)(?:\s+(?P<rest>\S.*))?$")),
    # A digit right after the mark is a number ("1.000 người", "15.6"), not an item.
    ("N", re.compile(r"^(?P<so>\d{1,3})\s*(?P<p>[.)])(?:\s*(?P<rest>\D.*))?$")),
    # "a)Tổ chức" may lose its space; "a." and "a/" need one ("v.v.", "đ/c" are words).
    ("L", re.compile(r"^(?P<so>[a-zđ])\s*(?:(?P<p>\))\s*|(?P<q>[./])(?:\s+|$))(?P<rest>\S.*)?$")),
    ("B", re.compile(r"^[-–—•·▪]\s*(?P<rest>\S.*)$")),
    ("P", re.compile(r"^\+\s*(?P<rest>\S.*)$")),
]
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str  # D, R, N, M2, M3…, L, B, P
    number: str  # "Điều 1", "I", "1", "3.1", "a"; "" for B and P
    mark: str  # the punctuation as written: ".", ")", "/", ":" or ""
    rest: str  # the text after the marker ("" when the line is the number alone)

    @property
    def numbered(self) -> bool:
        return self.kind not in ("B", "P")

    @property
    def so(self) -> str:
        """The part's `so`: numbering as written, bare where the model prints the same label."""
        if self.kind.startswith("M"):
            return self.number  # "3.1" and "3.1." both print "3.1."
        if self.mark == _DEFAULT_MARK.get(self.kind, ""):
            return self.number
        return f"{self.number}{self.mark}"

    @property
    def label(self) -> str:
        """The number as printed: "1.", "a)", "a.", "Điều 1."."""
        if self.kind.startswith("M"):
            return f"{self.number}."
        return f"{self.number}{self.mark}"


def _is_roman(s: str) -> bool:
    return bool(s) and (bool(_ROMAN.fullmatch(s)) or s in ("L", "C"))


def marker(text: str) -> Marker | None:
    """The marker `text` opens with, else None."""
    for kind, rx in _PATTERNS:
        m = rx.match(text)
        if m is None:
            continue
        groups = m.groupdict()
        number = groups.get("so") or ""
        if kind == "R" and not _is_roman(number):
            continue
        if kind == "M":
            kind = f"M{number.count('.') + 1}"
        elif kind == "D":
            number = f"Điều {number}"
        mark = groups.get("p") or groups.get("q") or ""
        return Marker(kind, number, mark, (groups.get("rest") or "").strip())
    return None


__all__ = ["Marker", "marker"]
