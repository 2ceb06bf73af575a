"""glibc's heap in long crawls: fewer arenas, and free memory handed back to the system.

Measured on the 1,000-portal province benchmark: the crawl process's Python objects took about
60 MB (tracemalloc) while its RSS passed 300 MB; most of the rest sat in glibc malloc arenas of
threads other than the main one (the archive writer, the parse-dispatch threads, Twisted's
thread pool), each holding on to memory that had been freed (response bodies, pickled parse
results, SQLite buffers). glibc gives each thread that contends for the heap its own arena (up to
8 per core) and returns an arena's free pages only from its top. Two remedies, both glibc's own:

- `M_ARENA_MAX` (the `MALLOC_ARENA_MAX` environment variable) caps the number of arenas;
- `malloc_trim(0)` releases the free pages of every arena (madvise), run every
  `GOVCRAWL_MALLOC_TRIM_INTERVAL` seconds by govcrawl.crawl.memory.HeapTrim and after each
  document in a parse worker.

Elsewhere (musl, macOS) both are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging

logger = logging.getLogger(__name__)

_M_ARENA_MAX = -8  # mallopt() parameter number, glibc malloc.h


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018 - glibc only
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def limit_arenas(count: int) -> bool:
    """Cap glibc's malloc arenas for this process (0: leave glibc's default). True when applied."""
    libc = _libc()
    if not count or libc is None:
        return False
    return bool(libc.mallopt(_M_ARENA_MAX, int(count)))


def trim() -> None:
    """Hand free heap pages of every arena back to the system."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
