"""The archive's writer thread: SQLite writes leave the reactor thread.

`ArchiveWriter` owns one `Archive` (one SQLite connection) in one thread of its own. The reactor
hands it work (`submit(fn)`, `fn(archive)` runs in the thread) and gets a Deferred back, so a
write that waits — another process holding the archive's lock (`govcrawl fts`, a datasette write,
a backup) — never stalls downloads or parsing.

Each piece of work runs under `run_with_retries`: SQLite waits up to the busy timeout for a lock
(GOVCRAWL_ARCHIVE_BUSY_TIMEOUT), and a write still locked out is retried
GOVCRAWL_ARCHIVE_WRITE_RETRIES times with a growing pause. Errors are sorted into two kinds:

- `StorageFailed`: the archive cannot take writes at all — disk (or `max_page_count`) full,
  read-only file or folder, I/O error, a corrupt file, or a lock held past every retry. The
  crawl stops (govcrawl.crawl.storage).
- anything else (a constraint, a bad record): that one item is not stored, and the caller records
  it as a failure row (stage `archive`).

A PostgreSQL archive sorts its errors alike (`_postgres_kind`): a lock wait past `lock_timeout`, a
deadlock or a serialisation failure is busy; a connection that cannot be made or is lost, a full
disk, a read-only server or missing privileges is a storage failure. GOVCRAWL_ARCHIVE_MAX_BYTES
(SQLite's `max_page_count`) has no PostgreSQL counterpart and is not applied there.

`begin_run` / `mark_interrupted` keep `crawl_runs` honest about jobs that never reached their end:
a job writes its row with reason `running` when it opens, and the next job on the same archive
marks the `running` rows of jobs whose process is gone (same host) as `interrupted`.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IReactorFromThreads

from govcrawl.archive.backend import dialect_of, one_line
from govcrawl.archive.store import REPLACE_RUN, Archive

T = TypeVar("T")
logger = logging.getLogger(__name__)

# SQLite primary result codes (extended codes carry them in the low byte).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
BUSY_CODES = frozenset({SQLITE_BUSY, SQLITE_LOCKED})
STORAGE_CODES = frozenset(
    {SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB}
)
RUNNING, INTERRUPTED = "running", "interrupted"
# PostgreSQL SQLSTATEs: lock_not_available, serialization_failure, deadlock_detected.
POSTGRES_BUSY = frozenset({"55P03", "40001", "40P01"})
# Classes: connection exception, insufficient resources (disk full, out of memory), operator
# intervention (server shut down), system error; read-only transaction, insufficient privilege.
POSTGRES_STORAGE_CLASSES = ("08", "53", "57", "58")
POSTGRES_STORAGE = frozenset({"25006", "42501"})


class StorageFailed(Exception):
    """The archive (or the WARC folder) cannot take writes: the crawl must stop."""


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those it was raised while handling (a failed ROLLBACK hides the real error)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _kind(error: BaseException) -> str | None:
    if isinstance(error, StorageFailed):
        return "storage"
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in BUSY_CODES:
            return "busy"
        if code is not None and code & 0xFF in STORAGE_CODES:
            return "storage"
        return None
    if type(error).__module__.startswith("psycopg"):
        return _postgres_kind(error)
    return "storage" if isinstance(error, OSError) else None


def _postgres_kind(error: BaseException) -> str | None:
    import psycopg

    state = getattr(error, "sqlstate", None) or ""
    if state in POSTGRES_BUSY:
        return "busy"
    if state.startswith(POSTGRES_STORAGE_CLASSES) or state in POSTGRES_STORAGE:
        return "storage"
    # No SQLSTATE: the client could not reach the server or lost it (psycopg.OperationalError).
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError) and not state:
        return "storage"
    return None


def classify(exc: BaseException) -> str | None:
    """'busy', 'storage' or None (an error of this write only), looking through a failed ROLLBACK."""
    return next((kind for error in _chain(exc) if (kind := _kind(error)) is not None), None)


def describe(exc: BaseException) -> str:
    """The root error in words, e.g. 'database or disk is full'."""
    return next((_words(error) for error in _chain(exc) if _kind(error) is not None), one_line(exc))


def _words(error: BaseException) -> str:
    text = one_line(error)
    if type(error).__module__.startswith("psycopg") and "connection is closed" in text:
        return f"lost the connection to PostgreSQL ({text})"  # killed, restarted, or the network cut
    return text


def run_with_retries(
    fn: Callable[[], T], *, retries: int, pause: float = 0.5, sleep: Callable[[float], None] = time.sleep
) -> T:
    """fn(), retried while the archive is locked; StorageFailed when it cannot be written."""
    attempt = 0
    while True:
        try:
            return fn()
        except Exception as exc:
            kind = classify(exc)
            if kind == "busy" and attempt < retries:
                attempt += 1
                logger.info("archive locked by another process; retry %d of %d", attempt, retries)
                sleep(pause * attempt)
                continue
            if kind == "busy":
                raise StorageFailed(f"archive locked by another process through {retries} retries ({exc})") from exc
            if kind == "storage":
                raise StorageFailed(describe(exc)) from exc
            raise


class ArchiveWriter:
    """One thread, one connection: every archive call goes through `submit`."""

    def __init__(
        self,
        path: str,
        *,
        busy_timeout: float,
        retries: int,
        max_bytes: int = 0,
        reactor: IReactorFromThreads | None = None,
    ):
        if reactor is None:
            from twisted.internet import reactor as default_reactor

            reactor = cast(IReactorFromThreads, default_reactor)
        self.path = path
        self.busy_timeout = busy_timeout
        self.retries = retries
        self.max_bytes = max_bytes  # 0: no cap but the disk's
        self.archive: Archive | None = None
        self._reactor = reactor
        self._queue: queue.Queue[tuple[Callable[[], Any], Deferred[Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="govcrawl-archive-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (work := self._queue.get()) is not None:
            fn, d = work
            try:
                result = run_with_retries(fn, retries=self.retries)
            except BaseException as exc:  # handed to the reactor, which decides
                self._reactor.callFromThread(d.errback, exc)
            else:
                self._reactor.callFromThread(d.callback, result)

    def _call(self, fn: Callable[[], T]) -> Deferred[T]:
        d: Deferred[T] = Deferred()
        self._queue.put((fn, d))
        return d

    def open(self) -> Deferred[Archive]:
        def opening() -> Archive:
            if self.archive is None:
                self.archive = Archive(self.path, busy_timeout=self.busy_timeout)
                if self.max_bytes and dialect_of(self.archive.conn) == "postgres":
                    logger.warning("GOVCRAWL_ARCHIVE_MAX_BYTES applies to SQLite archives only; not applied")
                elif self.max_bytes:
                    page_size = self.archive.conn.execute("PRAGMA page_size").fetchone()[0]
                    self.archive.conn.execute(f"PRAGMA max_page_count = {max(1, self.max_bytes // page_size)}")
            return self.archive

        return self._call(opening)

    def submit(self, fn: Callable[[Archive], T]) -> Deferred[T]:
        """Run fn(archive) in the writer thread, with retries; the Deferred fires in the reactor."""

        def call() -> T:
            if self.archive is None:
                raise StorageFailed("the archive is not open")
            return fn(self.archive)

        return self._call(call)

    def room_for_run(self, archive: Archive, pages: int = 256) -> None:
        """Lift a GOVCRAWL_ARCHIVE_MAX_BYTES cap by a little, so a run stopped by it is still recorded."""
        if self.max_bytes and dialect_of(archive.conn) == "sqlite":
            cap = archive.conn.execute("PRAGMA max_page_count").fetchone()[0]
            archive.conn.execute(f"PRAGMA max_page_count = {cap + pages}")

    def close(self) -> Deferred[None]:
        """Close the connection and end the thread (after the work already submitted)."""

        def closing() -> None:
            if self.archive is not None:
                self.archive.close()
                self.archive = None

        d = self._call(closing)
        self._queue.put(None)
        return d


# --- crawl_runs: running and interrupted jobs ---------------------------------------------------
def owner_tag() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str | None) -> bool:
    """Whether the job that wrote `owner` ("host:pid") may still run; True when it cannot be told."""
    host, _, pid = (owner or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def interrupted_verdict() -> dict[str, Any]:
    from govcrawl.crawl.verdict import INTERRUPTED as WORD
    from govcrawl.crawl.verdict import Verdict

    message = f"{WORD}: the job ended without recording its finish (killed, or the machine stopped)"
    return Verdict(WORD, 0, [], 0, 0, INTERRUPTED, message).as_dict()


def mark_interrupted(archive: Archive) -> list[str]:
    """Mark `running` rows of jobs whose process is gone as `interrupted`; return their job ids."""
    rows = archive.conn.execute("SELECT job_id, owner FROM crawl_runs WHERE reason = ?", (RUNNING,)).fetchall()
    dead = [job_id for job_id, owner in rows if not owner_alive(owner)]
    verdict = json.dumps(interrupted_verdict(), ensure_ascii=False)
    for job_id in dead:
        archive.conn.execute(
            "UPDATE crawl_runs SET reason = ?, verdict = ? WHERE job_id = ? AND reason = ?",
            (INTERRUPTED, verdict, job_id, RUNNING),
        )
    return dead


def begin_run(archive: Archive, *, job_id: str, spider: str, started_at: str | None) -> list[str]:
    """Record a job as `running` (replaced by its real finish at close); first mark dead jobs interrupted."""
    dead = mark_interrupted(archive)
    archive.conn.execute(
        "INSERT INTO crawl_runs(job_id, spider, started_at, finished_at, reason, summary, verdict, owner)"
        f" VALUES (?,?,?,NULL,?,'{{}}',NULL,?) {REPLACE_RUN}",
        (job_id, spider, started_at, RUNNING, owner_tag()),
    )
    return dead
