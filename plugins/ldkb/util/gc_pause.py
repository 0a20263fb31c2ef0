"""Cyclic garbage collection paused around work that makes many long-lived objects at once."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from collections.abc import Iterator


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


class FreezeEvery:
    """Cyclic GC kept to what a long build made recently: every `n` ticks (pages), one collection
    of the objects not yet frozen, then those that survive are frozen.

    A build keeps every page it has made until it ends. Python's full collections walk all of
    that again each time, and there are more of them the more pages there are: at 2,000
    documents 17 full passes took 1.0 s, growing from 10 ms to 110 ms each. Frozen objects are
    still freed when nothing refers to them; only cyclic garbage made before a freeze and not
    found by its collection is kept (so not while previewing, which rebuilds in one process)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._count = 0

    def tick(self) -> None:
        self._count += 1
        if self._count >= self.n:
            self._count = 0
            gc.collect()
            gc.freeze()
