"""The embedded default archive: one SQLite file, through the standard library's sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class SqliteConnection(sqlite3.Connection):
    """A sqlite3 connection that names its dialect (govcrawl.archive.backend.dialect_of)."""

    dialect = "sqlite"


def connect_writer(path: str | Path, *, busy_timeout: float) -> SqliteConnection:
    """A connection for writing: explicit transactions, WAL (readers never wait for the writer)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout, factory=SqliteConnection)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def connect_reader(path: str | Path, *, busy_timeout: float = 60.0) -> SqliteConnection:
    """A connection for reading an existing file (a harvest writing meanwhile holds the lock briefly)."""
    return sqlite3.connect(path, isolation_level=None, timeout=busy_timeout, factory=SqliteConnection)


def connect_read_only(path: str | Path) -> SqliteConnection:
    """A connection that can neither create nor change the file (mode=ro)."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=30, factory=SqliteConnection)
