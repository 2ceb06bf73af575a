"""Writing the archive (a SQLite file, or a PostgreSQL database; tables in govcrawl.archive.schema).

Every report is written in one transaction: a crash mid-crawl leaves no half-written report.
Several processes may write one archive at once: SQLite serialises them with its write lock
(BEGIN IMMEDIATE); in PostgreSQL the transaction first upserts the report's `reports` row, which
locks it, so writers of the same report take turns (a new version number is allocated under that
lock) and writers of different reports do not wait for each other. Every other write is an
`INSERT … ON CONFLICT` upsert, never a read-then-write.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from govcrawl.archive.backend import Connection, is_postgres, postgres, shown, sqlite
from govcrawl.archive.identity import check_archive_file, stamp
from govcrawl.archive.migrations import migrate
from govcrawl.archive.reader import ArchiveReads
from govcrawl.archive.schema import LATEST_VERSION
from govcrawl.contract.errors import Stage

# Fields that make up a report's content; provenance and attachments' fetch details do not.
CONTENT_FIELDS = (
    "title",
    "agency",
    "region",
    "year",
    "published_date",
    "template",
    "text",
    "sections",
    "tables",
    "is_annual_report",
)


def content_hash(record: dict[str, Any]) -> str:
    content = {k: record.get(k) for k in CONTENT_FIELDS}
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def content_rank(record: dict[str, Any]) -> int:
    """Lower is better: a page's own content, then a document's (direct or as a stub's
    attachment), then a document whose text could not be read (scan, no converter)."""
    rank = {"page": 0, "attachment": 1, "document": 1}.get(record.get("content_source") or "page", 0)
    status = (record.get("extraction") or {}).get("status", "ok")
    return rank + (2 if status != "ok" else 0)


# A crawl_runs row written again replaces the old one whole (the job's start, then its end).
REPLACE_RUN = (
    "ON CONFLICT(job_id) DO UPDATE SET spider=excluded.spider, started_at=excluded.started_at,"
    " finished_at=excluded.finished_at, reason=excluded.reason, summary=excluded.summary,"
    " verdict=excluded.verdict, owner=excluded.owner"
)


@dataclass(frozen=True)
class StoreOutcome:
    status: str  # new | changed | linked (first version from another URL) | unchanged
    version: int


class Archive(ArchiveReads):
    """The archive, opened for writing: a SQLite file path, or a postgresql:// URL."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 5.0):
        self.target = str(path)
        check_archive_file(path)  # another application's file is refused untouched
        self.path: Path | None = None
        if is_postgres(self.target):
            self.location = shown(self.target)
            self.conn: Connection = postgres.connect(self.target, busy_timeout=busy_timeout)
            try:
                migrate(self.conn, self.location)
            except BaseException:
                self.conn.close()
                raise
            return
        self.path = Path(path)
        self.location = str(self.path.resolve())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite.connect_writer(self.path, busy_timeout=busy_timeout)
        self.conn = conn
        migrate(conn, str(self.path))
        stamp(conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes -------------------------------------------------------------------------
    def store_report(self, record: dict[str, Any], body: bytes) -> StoreOutcome:
        """Store one report version with its raw bytes, atomically.

        Versions are compared per source URL: a report reached as an HTML page and as its PDF
        has one version chain per URL, so a re-crawl compares the page with the page and the
        PDF with the PDF and never flips between the two texts. A URL seen for the first time
        whose content equals a stored version only adds a source. `reports.latest_version`
        points at the best content (page > document or attachment > unreadable document);
        between equals the first one stored keeps it.
        """
        prov = record["provenance"]
        key = record["report_key"]
        body_sha = hashlib.sha256(body).hexdigest()
        if body_sha != prov["body_sha256"]:
            raise ValueError(f"body bytes do not match provenance.body_sha256 for {prov['url']}")
        digest = content_hash(record)
        now = prov["fetched_at"]
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # The report's row, locked for this transaction (a placeholder at version 0 for a new
            # report, completed below): concurrent writers of one report take turns from here.
            conn.execute(
                "INSERT INTO reports(report_key, portal_id, latest_version, first_seen, last_seen)"
                " VALUES (?,?,0,?,?) ON CONFLICT(report_key) DO UPDATE SET last_seen = reports.last_seen",
                (key, prov.get("portal_id"), now, now),
            )
            chain = conn.execute(
                "SELECT version, content_sha256 FROM report_versions WHERE report_key = ? AND url = ?"
                " ORDER BY version DESC LIMIT 1",
                (key, prov["url"]),
            ).fetchone()
            pointer = conn.execute(
                f"SELECT v.version, v.url, v.record FROM {LATEST_VERSION} WHERE r.report_key = ?", (key,)
            ).fetchone()
            if chain:
                same = chain[1] == digest
            else:
                same = (
                    pointer is not None
                    and conn.execute(
                        "SELECT 1 FROM report_versions WHERE report_key = ? AND content_sha256 = ? LIMIT 1",
                        (key, digest),
                    ).fetchone()
                    is not None
                )
            if same:
                outcome = StoreOutcome("unchanged", chain[0] if chain else pointer[0])
                conn.execute("UPDATE reports SET last_seen = ? WHERE report_key = ?", (now, key))
            else:
                version = conn.execute(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM report_versions WHERE report_key = ?", (key,)
                ).fetchone()[0]
                status = "new" if pointer is None else ("changed" if chain else "linked")
                outcome = StoreOutcome(status, version)
                conn.execute(
                    "INSERT INTO bodies(sha256, body, size, first_seen) VALUES (?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
                    (body_sha, body, len(body), now),
                )
                latest = json.loads(pointer[2]) if pointer is not None else None
                # Provenance stays per portal: a page or file of another portal claiming the same
                # report (a sibling portal's copy, an attachment on another portal's host) is kept
                # as a linked version and source, never made the latest version of a report
                # another portal owns.
                own = latest is None or (latest.get("provenance") or {}).get("portal_id") == prov.get("portal_id")
                moves = latest is None or (
                    own and (pointer[1] == prov["url"] or content_rank(record) < content_rank(latest))
                )
                if moves:
                    region = record.get("region") or {}
                    conn.execute(
                        "INSERT INTO reports(report_key, portal_id, agency, adcode, year, title,"
                        " latest_version, first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?,?)"
                        " ON CONFLICT(report_key) DO UPDATE SET latest_version=excluded.latest_version,"
                        " agency=excluded.agency, adcode=excluded.adcode, year=excluded.year,"
                        " title=excluded.title, last_seen=excluded.last_seen",
                        (
                            key,
                            prov.get("portal_id"),
                            record.get("agency"),
                            region.get("adcode"),
                            record.get("year"),
                            record.get("title"),
                            version,
                            now,
                            now,
                        ),
                    )
                else:
                    conn.execute("UPDATE reports SET last_seen = ? WHERE report_key = ?", (now, key))
                stored = dict(record, archive_status=outcome.status)
                conn.execute(
                    "INSERT INTO report_versions(report_key, version, content_sha256, body_sha256,"
                    " url, fetched_at, job_id, record) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        key,
                        version,
                        digest,
                        body_sha,
                        prov["url"],
                        now,
                        prov.get("job_id"),
                        json.dumps(stored, ensure_ascii=False),
                    ),
                )
            self._add_source(key, prov["url"], prov.get("portal_id"), prov.get("referer"), now)
            if record.get("content_url"):  # a stub page's attachment is a source of the same report
                self._add_source(key, record["content_url"], prov.get("portal_id"), prov["url"], now)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return outcome

    def _add_source(self, key: str, url: str, portal_id: str | None, referer: str | None, now: str) -> None:
        self.conn.execute(
            "INSERT INTO report_sources(report_key, url, portal_id, referer, first_seen, last_seen)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(report_key, url) DO UPDATE SET last_seen=excluded.last_seen",
            (key, url, portal_id, referer, now, now),
        )

    def record_failure(
        self,
        *,
        url: str,
        stage: str,
        reason: str,
        portal_id: str | None,
        http_status: int | None,
        referer: str | None,
        at: str,
        job_id: str | None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO failures(url, stage, reason, portal_id, http_status, referer, first_seen,"
            " last_seen, last_job_id) VALUES (?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(url, stage, reason) DO UPDATE SET last_seen=excluded.last_seen,"
            " last_job_id=excluded.last_job_id, count=failures.count+1",
            (url, Stage(stage).value, reason[:2000], portal_id, http_status, referer, at, at, job_id),
        )

    def record_run(
        self,
        *,
        job_id: str,
        spider: str,
        started_at: str | None,
        finished_at: str,
        reason: str,
        summary: dict[str, Any],
        verdict: dict[str, Any] | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO crawl_runs(job_id, spider, started_at, finished_at, reason, summary, verdict, owner)"
            f" VALUES (?,?,?,?,?,?,?,NULL) {REPLACE_RUN}",
            (
                job_id,
                spider,
                started_at,
                finished_at,
                reason,
                json.dumps(summary, ensure_ascii=False),
                json.dumps(verdict, ensure_ascii=False) if verdict is not None else None,
            ),
        )

    def record_column(self, *, portal_id: str, url: str, status: str, reports_seen: int, at: str) -> None:
        """Upsert one column check: 'ok' refreshes last_ok_at and the count; a stale status keeps them."""
        ok = status == "ok"
        self.conn.execute(
            "INSERT INTO portal_columns(portal_id, url, found_at, last_ok_at, last_status, reports_seen)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(portal_id, url) DO UPDATE SET last_status=excluded.last_status,"
            " last_ok_at=COALESCE(excluded.last_ok_at, portal_columns.last_ok_at),"
            " reports_seen=CASE WHEN excluded.last_ok_at IS NULL THEN portal_columns.reports_seen"
            " ELSE excluded.reports_seen END",
            (portal_id, url, at, at if ok else None, status, reports_seen if ok else 0),
        )
