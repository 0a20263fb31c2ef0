"""ldkb.util.gc_pause.FreezeEvery: a long build's pages frozen as it goes, cyclic garbage still freed."""
from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

from ldkb.util.gc_pause import FreezeEvery


class _Node:
    pass


def _check() -> None:
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
        later = [_Node() for _ in range(100)]  # made after the freeze: not frozen at the next tick
        freezer.tick()
        assert gc.get_freeze_count() == frozen, "the count starts again after a freeze"
        assert len(later) == 100
    finally:
        gc.unfreeze()


def test_freezes_every_n_ticks_and_collects_cycles_first():
    # In an interpreter of its own: the counts are exact only where no other thread allocates or
    # frees objects (a pytest-xdist worker's own threads freed a frozen object between two reads).
    here = Path(__file__).parent
    done = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(here)!r}); "
                           "import test_gc_freeze; test_gc_freeze._check()"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
