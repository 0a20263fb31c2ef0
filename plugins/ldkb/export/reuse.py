"""How files written beside the pages get their bytes: made now, or taken from an earlier build.

A file (a calendar, a report form, the open data) shows what one page of the site shows, or a
set of inputs of its own (render/dependencies.py names both). A build that keeps results
between builds (ldkb-cache) passes a `Made`, which answers the bytes of the previous build when
those inputs did not change and calls `make` otherwise; without one, every file is made.
"""
from __future__ import annotations

from collections.abc import Callable

# made(site path, page whose inputs decide the file, make) -> the bytes; None: no file
Made = Callable[[str, str, Callable[[], bytes | None]], bytes | None]


def make_now(rel: str, page: str, make: Callable[[], bytes | None]) -> bytes | None:
    """The `Made` of a build that keeps nothing."""
    return make()


__all__ = ["Made", "make_now"]
