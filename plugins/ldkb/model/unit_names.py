"""Unit names written in a table cell, matched to the unit registry.

A cell names one or several bodies: "Ban Tổ chức", "Văn phòng; Ban Tài chính", "Các Ban, đơn vị
trực thuộc LĐLĐ tỉnh" (a name with a comma), one per line. The cell is cut at line breaks, `;`,
`,`, `+` and ` và `, then the longest run of pieces that is a known name is taken, so names
that themselves hold a comma or "và" (Ban Chính sách Pháp luật và Quan hệ lao động) still match.
Names compare folded (no marks, any case, either tone placement), as editors type them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ldkb.model.schema import DonVi
from ldkb.text.normalize import fold

_SPLIT = re.compile(r"(\n|;|,|\+| và | and )")
_BULLET = re.compile(r"^[\s\-–—•·*]+")
# A cell that says "none": empty, a dash, "không".
_EMPTY = {"", "-", "–", "—", "x", "khong", "khong co"}


def _key(name: str) -> str:
    return " ".join(fold(name).replace("&", " va ").split()).strip(" .:")


def name_key(name: str) -> str:
    """How names compare: folded (no marks, any case), `&` read as "và", a leading dash dropped."""
    return _key(_BULLET.sub("", name))


def split_cell(cell: str) -> tuple[list[str], list[str]]:
    """The pieces of a cell between separators (line breaks, `;`, `,`, `+`, "và"), and the
    separators themselves: `pieces[i]` is followed by `seps[i]`."""
    tokens = _SPLIT.split(cell)
    return tokens[0::2], tokens[1::2]


@dataclass(frozen=True)
class Match:
    units: tuple[str, ...]  # unit codes, in the cell's order
    outside: tuple[str, ...]  # names of bodies outside the registry, as declared
    unknown: tuple[str, ...]  # pieces that match nothing, as written


class UnitNames:
    """Every name, short name, alias and code of the registry, folded, to its unit code."""

    def __init__(self, units: dict[str, DonVi]):
        self.names: dict[str, str] = {}
        for unit in units.values():
            for name in (unit.ma, unit.ten, unit.ten_ngan, *unit.ten_khac):
                if name:
                    self.names.setdefault(_key(name), unit.ma)

    def lookup(self, name: str) -> str | None:
        """The code of the unit `name` is a name, short name, alias or code of."""
        return self.names.get(name_key(name))

    def match(self, cell: str, outside: list[str] | tuple[str, ...] = ()) -> Match:
        """The units (and declared outside bodies) a cell names; pieces it cannot place."""
        outside_keys = {_key(name): name for name in outside}
        if _key(cell) in _EMPTY:
            return Match((), (), ())
        whole = _key(cell)
        if whole in self.names:
            return Match((self.names[whole],), (), ())
        if whole in outside_keys:
            return Match((), (outside_keys[whole],), ())
        tokens = _SPLIT.split(cell)
        pieces, seps = tokens[0::2], tokens[1::2]
        units: list[str] = []
        found_outside: list[str] = []
        unknown: list[str] = []
        i = 0
        while i < len(pieces):
            if not _key(_BULLET.sub("", pieces[i])):
                i += 1
                continue
            for j in range(len(pieces), i, -1):
                text = _BULLET.sub("", "".join(p + (seps[k] if k < j - 1 else "")
                                              for k, p in enumerate(pieces[i:j], start=i)))
                key = _key(text)
                if key in self.names:
                    units.append(self.names[key])
                    break
                if key in outside_keys:
                    found_outside.append(outside_keys[key])
                    break
            else:
                unknown.append(pieces[i].strip())
                j = i + 1
            i = j
        return Match(tuple(dict.fromkeys(units)), tuple(dict.fromkeys(found_outside)), tuple(unknown))


__all__ = ["Match", "UnitNames", "name_key", "split_cell"]
