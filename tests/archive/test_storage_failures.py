"""Storage that fails loudly, at the archive's level: what is at the archive path, locks held by
another process, a full database, the writer thread, running and interrupted runs."""

import hashlib
import json
import os
import queue
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from govcrawl.archive.identity import APPLICATION_ID, SCHEMA_VERSION, ForeignArchive, check_archive_file
from govcrawl.archive.status import load_runs
from govcrawl.archive.store import Archive
from govcrawl.archive.writer_thread import (
    ArchiveWriter,
    StorageFailed,
    begin_run,
    classify,
    mark_interrupted,
    run_with_retries,
)
from govcrawl.crawl.preflight import check_archive_opens


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path):
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


# --- what is at the archive path ------------------------------------------------------------
def test_a_garbage_file_is_refused_untouched(tmp_path):
    path = tmp_path / "archive.sqlite3"
    path.write_bytes(os.urandom(4096))
    before = digest(path)
    with pytest.raises(ForeignArchive, match="not a SQLite database"):
        Archive(path)
    assert (digest(path), sidecars(path)) == (before, [])


def test_another_applications_database_is_refused_untouched(tmp_path):
    path = tmp_path / "archive.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        db.execute("INSERT INTO contacts VALUES ('张三', '123')")
    db.close()
    before = digest(path)
    with pytest.raises(ForeignArchive, match=r"another application's SQLite database \(tables: contacts\)"):
        Archive(path)
    check = check_archive_opens(path)
    assert (check.ok, digest(path), sidecars(path)) == (False, before, [])
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master")]
    assert tables == ["contacts"]  # no govcrawl table was added


def test_a_database_stamped_by_another_application_is_refused(tmp_path):
    path = tmp_path / "archive.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1234")
    with pytest.raises(ForeignArchive, match="application_id 0x4d2"):
        check_archive_file(path)


def test_an_archive_from_a_newer_govcrawl_is_refused(tmp_path):
    path = tmp_path / "archive.sqlite3"
    Archive(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ForeignArchive, match="newer"):
        Archive(path)


def test_a_govcrawl_archive_from_before_the_stamp_opens_and_is_stamped(tmp_path):
    path = tmp_path / "archive.sqlite3"
    Archive(path).close()
    with sqlite3.connect(path) as db:  # as archives were written before application_id was set
        db.execute("PRAGMA application_id = 0")
        db.execute("PRAGMA user_version = 0")
        db.execute("INSERT INTO crawl_runs(job_id, reason) VALUES ('old', 'finished')")
    db.close()
    with Archive(path) as archive:
        stamp = [archive.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("application_id", "user_version")]
        jobs = [r[0] for r in archive.conn.execute("SELECT job_id FROM crawl_runs")]
    assert (stamp, jobs) == ([APPLICATION_ID, SCHEMA_VERSION], ["old"])


def test_a_new_archive_and_an_empty_file_are_fine(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    Archive(empty).close()
    Archive(tmp_path / "new.sqlite3").close()
    check_archive_file(empty)
    check_archive_file(tmp_path / "new.sqlite3")


# --- errors sorted: busy, storage, this write only -------------------------------------------
HOLD_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
"""


def hold_lock(path, seconds):
    """Another process holding the archive's write lock for `seconds`."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def failure_row(archive, url="http://x.gov.cn/a"):
    archive.record_failure(
        url=url, stage="http", reason="HTTP 404", portal_id="p", http_status=404, referer=None, at="t", job_id="j"
    )


def test_a_lock_held_by_another_process_delays_the_write_and_loses_nothing(tmp_path):
    path = tmp_path / "archive.sqlite3"
    Archive(path).close()
    holder = hold_lock(path, 0.6)
    archive = Archive(path, busy_timeout=0.1)
    started = time.monotonic()
    run_with_retries(lambda: failure_row(archive), retries=20, pause=0.1)
    waited = time.monotonic() - started
    holder.wait(10)
    assert (archive.conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0], waited > 0.4) == (1, True)


def test_a_lock_held_past_every_retry_makes_the_archive_unwritable(tmp_path):
    path = tmp_path / "archive.sqlite3"
    Archive(path).close()
    holder = hold_lock(path, 5)
    archive = Archive(path, busy_timeout=0.1)
    try:
        with pytest.raises(StorageFailed, match="locked by another process through 2 retries"):
            run_with_retries(lambda: failure_row(archive), retries=2, pause=0.05)
    finally:
        holder.kill()
        holder.wait()


def test_a_full_database_is_a_storage_failure_and_keeps_what_was_stored(tmp_path):
    path = tmp_path / "archive.sqlite3"
    archive = Archive(path)
    failure_row(archive, "http://x.gov.cn/first")
    archive.conn.execute(f"PRAGMA max_page_count = {archive.conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(StorageFailed, match="database or disk is full"):
        run_with_retries(lambda: failure_row(archive, "http://x.gov.cn/" + "y" * 20000), retries=3)
    assert archive.conn.execute("SELECT url FROM failures").fetchall() == [("http://x.gov.cn/first",)]


def test_errors_of_one_write_are_not_storage_failures():
    assert classify(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert classify(ValueError("body bytes do not match")) is None
    assert classify(OSError(28, "No space left on device")) == "storage"
    with pytest.raises(ValueError):
        run_with_retries(lambda: (_ for _ in ()).throw(ValueError("bad record")), retries=3)


# --- the writer thread ----------------------------------------------------------------------
class ThreadReactor:
    """callFromThread for tests: calls are queued and run by pump() in the test's thread."""

    def __init__(self):
        self.calls = queue.Queue()

    def callFromThread(self, fn, *args):  # noqa: N802 (Twisted's name)
        self.calls.put((fn, args))

    def pump(self, d, timeout=20):
        results = []
        d.addBoth(results.append)
        deadline = time.monotonic() + timeout
        while not results and time.monotonic() < deadline:
            try:
                fn, args = self.calls.get(timeout=0.1)
            except queue.Empty:
                continue
            fn(*args)
        assert results, "the writer thread did not answer"
        return results[0]


def test_writes_run_in_the_writer_thread_not_the_callers(tmp_path):
    reactor = ThreadReactor()
    writer = ArchiveWriter(str(tmp_path / "a.sqlite3"), busy_timeout=1, retries=1, reactor=reactor)
    reactor.pump(writer.open())
    seen = reactor.pump(writer.submit(lambda a: (threading.current_thread().name, failure_row(a))[0]))
    count = reactor.pump(writer.submit(lambda a: a.conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0]))
    reactor.pump(writer.close())
    assert (seen, count, threading.current_thread().name) == ("govcrawl-archive-writer", 1, "MainThread")


def test_the_writer_hands_storage_failures_back_as_failures(tmp_path):
    reactor = ThreadReactor()
    writer = ArchiveWriter(str(tmp_path / "a.sqlite3"), busy_timeout=1, retries=1, max_bytes=1, reactor=reactor)
    reactor.pump(writer.open())
    result = reactor.pump(writer.submit(lambda a: failure_row(a, "http://x.gov.cn/" + "z" * 50000)))
    reactor.pump(writer.close())
    assert (type(result.value), "full" in str(result.value)) == (StorageFailed, True)


# --- running and interrupted runs ----------------------------------------------------------
def dead_pid():
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_killed_jobs_running_row_becomes_interrupted_at_the_next_start(tmp_path):
    path = tmp_path / "archive.sqlite3"
    host = socket.gethostname()
    with Archive(path) as archive:
        for job, owner in (
            ("killed", f"{host}:{dead_pid()}"),
            ("alive", f"{host}:{os.getpid()}"),
            ("elsewhere", "other-host:1"),
        ):
            archive.conn.execute(
                "INSERT INTO crawl_runs(job_id, started_at, reason, summary, owner) VALUES (?, '2026-01-01', 'running', '{}', ?)",
                (job, owner),
            )
        shown = {r["job_id"]: (r["reason"], (r["verdict"] or {}).get("word")) for r in load_runs(archive.conn)}
        dead = begin_run(archive, job_id="next", spider="annual_reports", started_at="2026-01-02")
        stored = dict(archive.conn.execute("SELECT job_id, reason FROM crawl_runs").fetchall())
        verdict = json.loads(archive.conn.execute("SELECT verdict FROM crawl_runs WHERE job_id='killed'").fetchone()[0])
        assert mark_interrupted(archive) == []
    assert shown == {
        "killed": ("interrupted", "interrupted"),
        "alive": ("running", None),
        "elsewhere": ("running", None),
    }
    assert dead == ["killed"]
    assert stored == {"killed": "interrupted", "alive": "running", "elsewhere": "running", "next": "running"}
    assert verdict["message"].startswith("interrupted: the job ended without recording its finish")
