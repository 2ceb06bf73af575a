"""govcrawl.process.heap: glibc arenas capped and free pages handed back (RSS falls after a free)."""

import subprocess
import sys

import pytest

from govcrawl.addon import EXTENSIONS
from govcrawl.process import heap

GLIBC = heap._libc() is not None

PROBE = """
import threading
from govcrawl.process import heap
{limit}

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024

def churn():
    # many mid-sized blocks from a second thread, most freed, a few kept: fragments the arena
    kept, blocks = [], [bytearray(60_000) for _ in range(3000)]
    kept += blocks[::100]
    del blocks
    keep.append(kept)

keep = []
for _ in range(4):
    t = threading.Thread(target=churn); t.start(); t.join()
before = rss()
heap.trim()
print(before, rss())
"""


@pytest.mark.skipif(not GLIBC, reason="glibc malloc only")
def test_trim_hands_freed_heap_back():
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(limit="heap.limit_arenas(2)")], capture_output=True, text=True
    )
    before, after = map(int, out.stdout.split())
    assert after < before - 50, (before, after)


@pytest.mark.skipif(not GLIBC, reason="glibc malloc only")
def test_arena_cap_applies_and_zero_leaves_the_default():
    assert heap.limit_arenas(0) is False
    assert heap.limit_arenas(8) is True  # glibc's own default on this size of machine; harmless


def test_the_extension_is_installed_by_the_addon():
    assert EXTENSIONS["govcrawl.crawl.memory.HeapTrim"]
