"""Reading what the archive knows about its reports' URLs, for re-checks and availability.

`archived_report_urls` opens the archive read-only (the spider's start must not create or lock
the file the pipelines write); `report_urls` reads the same rows over an open connection.
A source that is a stub page's attachment (its referer is another URL of the same report) is left
out: it is fetched with its page, not on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from govcrawl.archive.backend import Connection

T = TypeVar("T")

_SOURCES = (
    "SELECT s.report_key, s.url, s.portal_id, r.year, s.referer, s.first_seen, r.portal_id"
    " FROM report_sources s JOIN reports r ON r.report_key = s.report_key"
    " WHERE r.portal_id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM report_sources t"
    " WHERE t.report_key = s.report_key AND t.url = s.referer) ORDER BY s.report_key, s.first_seen, s.url"
)


@dataclass(frozen=True)
class ReportUrl:
    report_key: str
    url: str
    portal_id: str  # the report's portal
    year: int | None
    referer: str | None
    first_seen: str


def report_urls(conn: Connection, portal_ids: list[str]) -> list[ReportUrl]:
    """Every URL the archive reached a report of these portals at (attachments of stubs left out)."""
    out: list[ReportUrl] = []
    for start in range(0, len(portal_ids), 500):  # bounded parameter lists
        chunk = portal_ids[start : start + 500]
        if not chunk:
            continue
        rows = conn.execute(_SOURCES.format(marks=",".join("?" * len(chunk))), chunk)
        for key, url, source_portal, year, referer, first_seen, portal_id in rows:
            out.append(ReportUrl(key, url, portal_id or source_portal, year, referer, first_seen))
    return out


def _archive_query(target: str | Path, read: Callable[[Connection], T], empty: T) -> T:
    from govcrawl.archive.reader import open_read_only

    conn = open_read_only(target)
    if conn is None:
        return empty
    try:
        return read(conn)
    except Exception as exc:  # an archive too old or too new for this query (no such table)
        if type(exc).__module__.startswith(("sqlite3", "psycopg")):
            return empty
        raise
    finally:
        conn.close()


def archived_report_urls(target: str | Path, portal_ids: list[str]) -> list[ReportUrl]:
    """`report_urls` from an archive (file or postgresql:// URL), read-only; [] when there is none yet."""
    return _archive_query(target, lambda conn: report_urls(conn, portal_ids), [])


def archived_content_hashes(target: str | Path, portal_ids: list[str]) -> set[str]:
    """The content hashes of every version of the archived reports of these portals (for moves
    under another key), read-only; empty when there is no archive yet."""

    def read(conn: Connection) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(portal_ids), 500):
            chunk = portal_ids[start : start + 500]
            rows = conn.execute(
                "SELECT DISTINCT v.content_sha256 FROM report_versions v JOIN reports r"
                f" ON r.report_key = v.report_key WHERE r.portal_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found |= {str(row[0]) for row in rows}
        return found

    return _archive_query(target, read, set())


def content_hashes(conn: Connection, report_key: str) -> set[str]:
    return {
        r[0] for r in conn.execute("SELECT content_sha256 FROM report_versions WHERE report_key = ?", (report_key,))
    }


def availability_row(conn: Connection, report_key: str) -> dict[str, Any] | None:
    cur = conn.execute("SELECT * FROM report_availability WHERE report_key = ?", (report_key,))
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row, strict=True)) if row else None
