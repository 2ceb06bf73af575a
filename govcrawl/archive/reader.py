"""Reading the archive: the queries every reader shares, and read-only access to an existing file.

`ArchiveReads` holds each query once; the writer (`govcrawl.archive.store.Archive`) and the
read-only `ArchiveReader` (CLI commands, the spider's start) both use it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Self

from govcrawl.archive.backend import ArchiveError as ArchiveError
from govcrawl.archive.backend import Connection, is_postgres, json_text, one_line, shown, sqlite
from govcrawl.archive.schema import LATEST_VERSION

# A portal's columns that listed reports when last checked: the next crawl's start URLs.
KNOWN_COLUMNS = (
    "SELECT url FROM portal_columns WHERE portal_id = ? AND last_status = 'ok' ORDER BY reports_seen DESC, url"
)


class ArchiveReads:
    """Read queries over `self.conn` (a connection to a govcrawl archive, SQLite or PostgreSQL)."""

    conn: Connection

    @classmethod
    def over(cls, conn: Connection) -> ArchiveReads:
        """These queries over an open connection."""
        reads = cls.__new__(cls)
        reads.conn = conn
        return reads

    def latest_records(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(f"SELECT v.record FROM {LATEST_VERSION} ORDER BY r.report_key")
        return [json.loads(r[0]) for r in rows]

    def latest_with_versions(self) -> list[tuple[dict[str, Any], int]]:
        """(record, version number) of the latest version of each report, by report key."""
        rows = self.conn.execute(f"SELECT v.record, v.version FROM {LATEST_VERSION} ORDER BY r.report_key")
        return [(json.loads(r[0]), int(r[1])) for r in rows]

    def version_record(self, report_key: str, version: int) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT record FROM report_versions WHERE report_key = ? AND version = ?", (report_key, version)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def first_seen(self, report_key: str) -> str | None:
        """When the archive first stored this report (ISO timestamp), or None."""
        row = self.conn.execute("SELECT first_seen FROM reports WHERE report_key = ?", (report_key,)).fetchone()
        return str(row[0]) if row else None

    def versions(self, report_key: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT record FROM report_versions WHERE report_key = ? ORDER BY version", (report_key,)
        )
        return [json.loads(r[0]) for r in rows]

    def report_years(self, portal_ids: list[str]) -> dict[str, dict[int, dict[str, Any]]]:
        """{portal: {year: {published_date, first_seen}}} of the annual reports stored for these portals."""
        out: dict[str, dict[int, dict[str, Any]]] = {}
        for portal_id in portal_ids:
            rows = self.conn.execute(
                f"SELECT r.year, r.first_seen, {json_text(self.conn, 'v.record', 'published_date')} FROM "
                f"{LATEST_VERSION} WHERE r.portal_id = ? AND r.year IS NOT NULL ORDER BY r.first_seen",
                (portal_id,),
            )
            for year, first_seen, published in rows:
                out.setdefault(portal_id, {}).setdefault(year, {"published_date": published, "first_seen": first_seen})
        return out

    def body(self, sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT body FROM bodies WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    def sources(self, report_key: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT url FROM report_sources WHERE report_key = ? ORDER BY url", (report_key,)
            )
        ]

    def failures(self) -> list[dict[str, Any]]:
        cur = self.conn.execute("SELECT * FROM failures ORDER BY portal_id, url")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur]

    def columns(self, portal_id: str | None = None) -> list[dict[str, Any]]:
        """Rows of portal_columns (all portals, or one), ordered by portal and URL."""
        where, args = ("WHERE portal_id = ?", (portal_id,)) if portal_id else ("", ())
        cur = self.conn.execute(f"SELECT * FROM portal_columns {where} ORDER BY portal_id, url", args)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur]

    def known_columns(self, portal_id: str) -> list[str]:
        """The portal's columns that listed reports when last checked: the next crawl's start URLs."""
        return [r[0] for r in self.conn.execute(KNOWN_COLUMNS, (portal_id,))]

    def row_counts(self) -> dict[str, int]:
        tables = ("bodies", "reports", "report_versions", "report_sources", "failures", "crawl_runs", "portal_columns")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


class ArchiveReader(ArchiveReads):
    """An existing archive, opened for reading; never creates one from a typo in the path or URL."""

    def __init__(self, path: str | Path):
        from govcrawl.archive.migrations import SCHEMA_VERSION, newer_message, schema_version

        self.target = str(path)
        self.location = shown(self.target)
        if is_postgres(self.target):
            self.conn = _connect_postgres(self.target)
        else:
            self.path = Path(path)
            if not self.path.is_file():
                raise ArchiveError(f"{self.path}: no archive there (give --archive PATH or a postgresql:// URL)")
            self.conn = sqlite.connect_reader(self.path)
        try:
            self.conn.execute("SELECT 1 FROM reports LIMIT 1").fetchall()
            version = schema_version(self.conn)
        except Exception as exc:
            self.conn.close()
            raise ArchiveError(f"{self.location}: not a govcrawl archive ({exc})") from exc
        if version is None:
            self.conn.close()
            raise ArchiveError(f"{self.location}: not a govcrawl archive (no govcrawl schema version)")
        if version > SCHEMA_VERSION:
            self.conn.close()
            raise ArchiveError(newer_message(self.location, version))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect_postgres(url: str, *, read_only: bool = False) -> Connection:
    """Commands that read also build derived tables (fts, cells), as over a SQLite file: read-write
    unless asked."""
    from govcrawl.archive.backend import postgres

    try:
        return postgres.connect(url, read_only=read_only)
    except ArchiveError:
        raise
    except Exception as exc:  # psycopg.OperationalError: server down, no such database, refused login
        raise ArchiveError(f"{shown(url)}: cannot connect ({one_line(exc)})") from exc


def open_read_only(target: str | Path) -> Connection | None:
    """A read-only connection to an archive (file or postgresql:// URL), for the crawl's start, which
    must not create or lock what the pipelines write; None when there is none yet (or the database
    cannot be reached: the pipeline's own open reports that)."""
    if is_postgres(str(target)):
        try:
            return _connect_postgres(str(target), read_only=True)
        except ArchiveError:
            return None
    if not Path(target).is_file():
        return None
    return sqlite.connect_read_only(target)


def stored_columns(path: str | Path, portal_ids: list[str]) -> dict[str, list[str]]:
    """{portal_id: [column url, …]} of columns that listed reports when last checked, read-only
    from an archive; {} when there is none yet.

    For the spider's start: it must not create or lock the archive the pipelines write to.
    """
    conn = open_read_only(path)
    if conn is None:
        return {}
    try:
        found: dict[str, list[str]] = {}
        for portal_id in portal_ids:
            rows = conn.execute(KNOWN_COLUMNS, (portal_id,)).fetchall()
            if rows:
                found[portal_id] = [r[0] for r in rows]
        return found
    except sqlite3.OperationalError:  # an archive from before portal_columns existed
        return {}
    except Exception as exc:  # a PostgreSQL database the pipeline has not set up yet
        if type(exc).__module__.startswith("psycopg"):
            return {}
        raise
    finally:
        conn.close()
