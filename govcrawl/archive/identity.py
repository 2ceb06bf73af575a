"""Is the file at the archive path a govcrawl archive? Checked before anything writes to it.

A govcrawl archive carries `PRAGMA application_id = APPLICATION_ID` (set when it is first opened for
writing) and its schema version in `PRAGMA user_version` (govcrawl.archive.migrations). An archive written before these were set
is recognised by its tables (all of them govcrawl's: `reports`, `bodies` …) and stamped on open. Anything
else at the path — another application's SQLite database, a file that is not SQLite at all, an
archive from a newer govcrawl — is refused with `ForeignArchive`, read-only, and left untouched:
govcrawl never adds tables to a database it did not create.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from govcrawl.archive.availability_schema import AVAILABILITY_TABLES
from govcrawl.archive.backend import ForeignArchive as ForeignArchive
from govcrawl.archive.backend import is_postgres
from govcrawl.archive.migrations import SCHEMA_VERSION as SCHEMA_VERSION
from govcrawl.archive.migrations import newer_message

APPLICATION_ID = 0x47564357  # "GVCW"
# An archive written before the stamp existed is recognised by its tables: every one is govcrawl's.
GOVCRAWL_TABLES = (
    frozenset({"bodies", "reports", "report_versions", "report_sources", "failures", "crawl_runs", "portal_columns"})
    | AVAILABILITY_TABLES
)
DERIVED_PREFIXES = ("report_search", "sqlite_")  # govcrawl fts tables (and FTS5 shadow tables), SQLite's own


def check_archive_file(path: str | Path) -> None:
    """Raise ForeignArchive unless `path` is missing, empty, an empty SQLite database or a govcrawl archive.

    A PostgreSQL URL passes here: its database is checked when it is opened (govcrawl.archive.migrations).
    """
    if is_postgres(path):
        return
    path = Path(path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return
    if not path.is_file():
        raise ForeignArchive(f"{path}: not a file")
    try:
        with path.open("rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise ForeignArchive(f"{path}: cannot be read ({exc.strerror})") from exc
    if magic != b"SQLite format 3\x00":
        raise ForeignArchive(f"{path}: not a SQLite database (not a govcrawl archive); refusing to touch it")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise ForeignArchive(f"{path}: unreadable SQLite database ({exc}); refusing to touch it") from exc
    finally:
        conn.close()
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise ForeignArchive(newer_message(str(path), version))
        return
    if app_id != 0:
        raise ForeignArchive(f"{path}: another application's SQLite database (application_id {app_id:#x})")
    others = sorted(t for t in tables - GOVCRAWL_TABLES if not t.startswith(DERIVED_PREFIXES))
    if others:
        shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
        raise ForeignArchive(f"{path}: another application's SQLite database (tables: {shown}); refusing to touch it")


def stamp(conn: sqlite3.Connection) -> None:
    """Mark an open SQLite archive as govcrawl's (idempotent; only writes when the mark is missing).
    Its schema version is set by the migrations."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
