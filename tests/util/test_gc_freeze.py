"""ldkb.util.gc_pause.FreezeEvery: a long build's pages frozen as it goes, cyclic garbage still freed."""
from __future__ import annotations

import gc
import weakref

from ldkb.util.gc_pause import FreezeEvery


class _Node:
    pass


def test_freezes_every_n_ticks_and_collects_cycles_first():
    gc.collect()
    gc.unfreeze()
    try:
        freezer = FreezeEvery(3)
        kept = [_Node() for _ in range(100)]  # alive: frozen at the third tick
        cycle = _Node()
        cycle.me = cycle  # garbage only a cyclic collection finds
        gone = weakref.ref(cycle)
        del cycle
        freezer.tick()
        freezer.tick()
        assert gc.get_freeze_count() == 0, "nothing frozen before the n-th tick"
        assert gone() is not None
        freezer.tick()
        assert gone() is None, "the cycle was collected before the freeze, not kept for ever"
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
        freezer.tick()
        assert gc.get_freeze_count() == frozen, "the count starts again after a freeze"
    finally:
        gc.unfreeze()
