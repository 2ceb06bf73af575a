"""Several writers on one PostgreSQL archive at once (the real server): no lost and no duplicated
versions. Same content stored by every writer at the same moment is one version; different
contents are consecutive versions without gaps, each content exactly once."""

import json
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from govcrawl.archive.store import Archive, content_hash
from tests.archive.test_store import make_record
from tests.conftest import REPO

pytestmark = pytest.mark.crawl  # needs the PostgreSQL server: an integration test

KEY = "441300/惠州市应急管理局/2019"

# One writer process: its own connection; waits for "go" on stdin, then stores its records.
WRITER = """
import json, sys
from govcrawl.archive.store import Archive
from tests.archive.test_store import make_record
url, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
archive = Archive(url, busy_timeout=30)
print("ready", flush=True)
sys.stdin.readline()
outcomes = []
for i in range(count):
    text = "一、总体情况\\n" + (f"worker {worker} revision {i}" if worker != "same" else "同一内容")
    outcome = archive.store_report(*make_record(text=text, body=text.encode()))
    outcomes.append([outcome.status, outcome.version])
archive.close()
print(json.dumps(outcomes), flush=True)
"""


def run_writers(url, workers, count):
    """Start writer processes, release them at once, return each one's outcomes."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, worker, str(count)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for worker in workers
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [json.loads(proc.stdout.readline()) for proc in procs]
    for proc in procs:
        assert proc.wait(60) == 0
    return results


def stored_versions(url):
    with Archive(url) as archive:
        rows = archive.conn.execute(
            "SELECT version, content_sha256 FROM report_versions WHERE report_key = ? ORDER BY version", (KEY,)
        ).fetchall()
        latest = archive.conn.execute("SELECT latest_version FROM reports WHERE report_key = ?", (KEY,)).fetchone()
        reports = archive.row_counts()["reports"]
    return [int(v) for v, _ in rows], [d for _, d in rows], latest[0], reports


def test_three_processes_storing_the_same_report_at_once_make_one_version(postgres_archive):
    Archive(postgres_archive).close()  # the schema exists before the race (its creation is serialised too)
    results = run_writers(postgres_archive, ["same", "same", "same"], 1)
    statuses = Counter(status for outcomes in results for status, _ in outcomes)
    versions, _, latest, reports = stored_versions(postgres_archive)
    assert (statuses, versions, latest, reports) == (Counter({"new": 1, "unchanged": 2}), [1], 1, 1)


def test_three_processes_storing_different_contents_make_consecutive_versions(postgres_archive):
    count = 15
    run_writers(postgres_archive, ["same"], 1)
    results = run_writers(postgres_archive, ["a", "b", "c"], count)
    versions, digests, latest, reports = stored_versions(postgres_archive)
    texts = ["一、总体情况\n" + f"worker {w} revision {i}" for w in "abc" for i in range(count)]
    expected = {content_hash(make_record(text=t)[0]) for t in texts}
    returned = sorted(v for outcomes in results for _, v in outcomes)
    assert versions == list(range(1, 3 * count + 2))  # no gap, no duplicate
    assert (set(digests[1:]), len(digests[1:])) == (expected, 3 * count)  # each content exactly once
    assert (returned, latest, reports) == (list(range(2, 3 * count + 2)), 3 * count + 1, 1)
    # Each writer's own revisions got increasing versions: its stores were never reordered.
    for outcomes in results:
        assert [v for _, v in outcomes] == sorted(v for _, v in outcomes)
        assert {status for status, _ in outcomes} == {"changed"}


def test_threads_with_their_own_connections_agree_too(postgres_archive):
    Archive(postgres_archive).close()
    archives = [Archive(postgres_archive, busy_timeout=30) for _ in range(6)]
    barrier = threading.Barrier(len(archives), timeout=30)
    outcomes = []

    def write(archive, n):
        barrier.wait()
        outcomes.append(archive.store_report(*make_record()).status)  # the same content
        barrier.wait()
        text = f"一、总体情况\n线程 {n}"
        outcomes.append(archive.store_report(*make_record(text=text, body=text.encode())).status)

    threads = [threading.Thread(target=write, args=(a, n)) for n, a in enumerate(archives)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for archive in archives:
        archive.close()
    versions, _, latest, _ = stored_versions(postgres_archive)
    assert Counter(outcomes) == Counter({"new": 1, "unchanged": 5, "changed": 6})
    assert (versions, latest) == (list(range(1, 8)), 7)


# --- a lock held by another writer: waited for, retried, or the archive counts as unwritable ----
def hold_report_lock(url, seconds):
    """Another connection holding the report's row lock for `seconds` (a long transaction elsewhere)."""
    import psycopg

    ready = threading.Event()

    def hold():
        with psycopg.connect(url) as db:
            db.execute("SELECT 1 FROM reports WHERE report_key = %s FOR UPDATE", (KEY,))
            ready.set()
            time.sleep(seconds)
            db.rollback()

    thread = threading.Thread(target=hold)
    thread.start()
    assert ready.wait(10)
    return thread


def test_a_row_lock_held_elsewhere_delays_the_write_and_loses_nothing(postgres_archive):
    from govcrawl.archive.writer_thread import run_with_retries

    with Archive(postgres_archive) as archive:
        archive.store_report(*make_record())
    holder = hold_report_lock(postgres_archive, 1.5)
    with Archive(postgres_archive, busy_timeout=0.2) as archive:
        started = time.monotonic()
        text = "一、总体情况\n修订后"
        outcome = run_with_retries(
            lambda: archive.store_report(*make_record(text=text, body=text.encode())), retries=20, pause=0.1
        )
        waited = time.monotonic() - started
    holder.join()
    assert ((outcome.status, outcome.version), waited > 1.0) == (("changed", 2), True)


def test_a_row_lock_held_past_every_retry_makes_the_archive_unwritable(postgres_archive):
    import pytest

    from govcrawl.archive.writer_thread import StorageFailed, run_with_retries

    with Archive(postgres_archive) as archive:
        archive.store_report(*make_record())
    holder = hold_report_lock(postgres_archive, 3)
    try:
        with Archive(postgres_archive, busy_timeout=0.1) as archive:
            text = "一、总体情况\n修订后"
            with pytest.raises(StorageFailed, match="locked by another process through 2 retries"):
                run_with_retries(
                    lambda: archive.store_report(*make_record(text=text, body=text.encode())), retries=2, pause=0.05
                )
            assert archive.row_counts()["report_versions"] == 1  # the refused write left nothing behind
    finally:
        holder.join()
