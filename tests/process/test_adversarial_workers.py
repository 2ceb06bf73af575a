"""Parse workers do not outlive a killed crawl: they watch their parent (issue 12)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import REPO

# Kills real worker processes and waits for them to exit.
pytestmark = pytest.mark.slow

CHILD = textwrap.dedent(
    """
    import sys, time
    from govcrawl.process.workers import DocumentParser
    from tests.process.hostile_files import small_docx

    parser = DocumentParser(2)
    # Two documents at once start both workers.
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: parser.parse_now(small_docx(), {"url": "http://x.gov.cn/a.docx"}), range(2)))
    print(" ".join(map(str, parser.pids())), flush=True)
    time.sleep(600)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead; it waits for its (new) parent to reap it.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_workers_die_with_a_killed_crawl_process():
    crawl = subprocess.Popen([sys.executable, "-c", CHILD], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in crawl.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        crawl.send_signal(signal.SIGKILL)  # kill -9: no cleanup runs in the parent
        crawl.wait()
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [p for p in pids if _alive(p)] == []
    finally:
        crawl.kill()
        crawl.wait()


def test_no_resource_tracker_is_started():
    # Workers are plain subprocesses: no multiprocessing resource tracker is left to outlive the crawl.
    code = (
        "from govcrawl.process.workers import DocumentParser\n"
        "from tests.process.hostile_files import small_docx\n"
        "import multiprocessing.resource_tracker as rt\n"
        "p = DocumentParser(1); p.parse_now(small_docx(), {'url': 'http://x.gov.cn/a.docx'}); p.close()\n"
        "print(rt._resource_tracker._pid)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "None", out.stderr
