"""Cyclic garbage collection paused around work that makes many long-lived objects at once."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic-GC pass inside the block (restored as it was after it): passes made while a
    large structure is being built only walk its objects again and again, and such work
    makes almost no cyclic garbage."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
