"""A PostgreSQL archive, through psycopg 3 (optional: `pip install 'govcrawl[postgres]'`).

`PostgresConnection` answers the calls the archive's modules make of a sqlite3 connection
(`execute(sql, params)` → a cursor with fetchone/fetchall/iteration/description, `executemany`,
`close`), so their SQL stays as written: `?` placeholders become psycopg's `%s` (and a literal `%`
becomes `%%`), and SQLite's `BEGIN IMMEDIATE` becomes `BEGIN`. The connection is in autocommit
mode, so a statement outside an explicit BEGIN … COMMIT commits by itself, as with sqlite3's
`isolation_level=None`.

Waiting for a lock held by another writer is bounded by `lock_timeout` (the busy timeout's
counterpart): past it PostgreSQL raises LockNotAvailable, which the writer thread retries.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from govcrawl.archive.backend import ArchiveError, shown

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT = 10  # seconds to reach the server before the archive counts as unreachable
INSTALL = "pip install 'govcrawl[postgres]'"


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQL with `?` placeholders as psycopg wants it: `%s` placeholders, `%` escaped as `%%`."""
    if sql.strip().upper() == "BEGIN IMMEDIATE":  # SQLite's write lock up front; rows are locked as needed here
        return "BEGIN"
    out: list[str] = []
    quote = ""
    for ch in sql:
        if ch == "%":
            out.append("%%")
        elif quote:
            out.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        else:
            out.append("%s" if ch == "?" else ch)
    return "".join(out)


class PostgresConnection:
    """A psycopg connection that takes the archive's `?`-placeholder SQL."""

    dialect = "postgres"

    def __init__(self, raw: psycopg.Connection[Any], target: str):
        self.raw = raw
        self.target = target

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor[Any]:
        return self.raw.execute(translate(sql), tuple(parameters))

    def executemany(self, sql: str, parameters: Any, /) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(translate(sql), [tuple(row) for row in parameters])

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return bool(self.raw.closed)


def connect(url: str, *, busy_timeout: float = 60.0, read_only: bool = False) -> PostgresConnection:
    """Connect to the database at `url` (psycopg.OperationalError when it cannot be reached)."""
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict
    except ImportError as exc:
        raise ArchiveError(f"{shown(url)}: a PostgreSQL archive needs psycopg ({INSTALL})") from exc
    try:
        given = str(conninfo_to_dict(url).get("options") or "")  # e.g. ?options=-csearch_path%3Dcrawls
    except psycopg.ProgrammingError as exc:
        raise ArchiveError(f"{shown(url)}: not a valid PostgreSQL URL ({exc})") from exc
    options = f"{given} -c lock_timeout={max(1, int(busy_timeout * 1000))}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    raw = psycopg.connect(
        url, autocommit=True, connect_timeout=CONNECT_TIMEOUT, application_name="govcrawl", options=options.strip()
    )
    return PostgresConnection(raw, url)
