"""Keep a long-running threaded process's memory from creeping up: glibc's malloc tuned for it.

The preview server answers every request in a thread of its own (a page and its assets: several
at once), reading each file whole. glibc gives each new thread an arena of its own (up to eight
per core) and, after a large block is freed, raises its threshold for mapping large blocks, so
the next ones come from an arena and stay there once freed. Measured with `ldkb serve` at 200
documents and a page open in Chromium: 236 MB after the first build, then +8 to 9 MB at each of
the first saves (one arena filling with freed page buffers) up to 315 MB after 20 saves and a
search, 1.17× the memory after the first save. With at most two arenas and large blocks always
mapped (and unmapped when freed): 249 to 250 MB from the first save to the twentieth.

The same as `MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=262144` in the environment, set from
inside; a no-op where the C library is not glibc.
"""
from __future__ import annotations

import ctypes
import ctypes.util

# From glibc's malloc.h.
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
ARENAS = 2
MMAP_THRESHOLD = 256 * 1024


def steady_malloc() -> bool:
    """Tune malloc before the threads start; whether it was done (False: not glibc)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
        if mallopt is None or getattr(libc, "gnu_get_libc_version", None) is None:
            return False
        return bool(mallopt(M_ARENA_MAX, ARENAS)) and bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except OSError:
        return False


__all__ = ["steady_malloc"]
