"""Where the archive lives: a SQLite file (the embedded default) or a PostgreSQL database.

The archive's modules write their SQL once, in the subset both dialects speak: `?` placeholders,
`INSERT … ON CONFLICT … DO UPDATE / DO NOTHING` upserts, no SQLite-only functions. A SQLite
connection is a plain `sqlite3.Connection` (of the subclass in `backend.sqlite`, which names its
dialect); a PostgreSQL one is `backend.postgres.PostgresConnection`, a thin wrapper over psycopg 3
that turns `?` into psycopg's `%s` and answers the same `execute(...).fetchone()` calls. What differs
(JSON extraction, table introspection, schema versioning, full-text search) asks `dialect_of(conn)`.

An archive target is a path (SQLite) or a `postgresql://` / `postgres://` URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

Dialect = Literal["sqlite", "postgres"]
POSTGRES_SCHEMES = ("postgresql", "postgres")


class ArchiveError(Exception):
    """The archive target holds no govcrawl archive (missing file or database, or another kind of thing)."""


class ForeignArchive(ArchiveError):
    """The archive target holds something govcrawl must not write to (or a newer govcrawl's archive)."""


class Cursor(Protocol):
    """What the archive's modules use of a cursor (sqlite3's and psycopg's both have it)."""

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the archive's modules use of a connection: sqlite3.Connection or PostgresConnection."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def close(self) -> None: ...


def is_postgres(target: str | Path | None) -> bool:
    """Whether an archive target names a PostgreSQL database (a postgresql:// URL)."""
    return isinstance(target, str) and urlsplit(target).scheme.lower() in POSTGRES_SCHEMES


def dialect_of(conn: object) -> Dialect:
    """The SQL dialect of an archive connection (a bare sqlite3 connection is SQLite)."""
    return "postgres" if getattr(conn, "dialect", "sqlite") == "postgres" else "sqlite"


def shown(target: str | Path) -> str:
    """The target for messages and logs: a URL without its password, a path as given."""
    if not is_postgres(str(target)):
        return str(target)
    parts = urlsplit(str(target))
    query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def one_line(error: BaseException) -> str:
    """An error's message on one line (libpq's run over several, with hints on the next)."""
    return " ".join(str(error).split())


def local_folder(target: str | Path) -> Path:
    """The folder for what lives beside the archive (logs, feeds, HTTP cache, WARC, files):
    the SQLite file's folder, or `data/` in the working directory for a database URL."""
    if is_postgres(str(target)):
        return Path("data")
    return Path(target).parent


def json_text(conn: object, column: str, field: str) -> str:
    """SQL for one top-level text field of a JSON column (the stored contract record)."""
    if dialect_of(conn) == "postgres":
        return f"({column}::json ->> '{field}')"
    return f"json_extract({column}, '$.{field}')"


def table_columns(conn: Connection, table: str) -> set[str]:
    """The column names of a table in the archive (empty when there is no such table)."""
    if dialect_of(conn) == "postgres":
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ?",
            (table,),
        )
        return {str(r[0]) for r in rows}
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def statements(script: str) -> Sequence[str]:
    """The statements of a DDL script (no `;` inside literals or comments in govcrawl's scripts)."""
    return [s.strip() for s in script.split(";") if s.strip() and not _only_comments(s)]


def _only_comments(statement: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in statement.splitlines())
