"""The archive's tables: one SQLite file (the embedded default) or one PostgreSQL database.

- `reports`: one row per report (stable `report_key`), pointing at its latest version.
- `report_versions`: one row per version of a report. A version is a change in the parsed
  content (title, text, tables, identity), so a page whose chrome changes (a click counter)
  does not make a new version, while an edited report does. Old versions are kept.
- `bodies`: the raw response bytes by sha256, so every stored text can be re-derived and
  checked against `provenance.body_sha256`.
- `report_sources`: every URL a report was reached at.
- `failures`: one row per (url, stage, reason), with first/last seen and a count, so a re-run
  that meets the same dead link adds no rows. `stage` holds a govcrawl.contract.errors.Stage value
  (the writer refuses any other).
- `crawl_runs`: one row per crawl job with its per-portal summary and its verdict
  (govcrawl.crawl.verdict: ok / incomplete / unreached / interrupted, as JSON).
- `portal_columns`: the report columns found per portal (by discovery from a home page, or seen
  listing reports), so the next crawl starts there; a column that fails or stops listing reports
  is marked stale (`last_status` = 'stale: …') and no longer used as a start URL.

Every report is written in one transaction: a crash mid-crawl leaves no half-written report.
"""

from __future__ import annotations

SCHEMA = """
CREATE TABLE IF NOT EXISTS bodies (
    sha256      TEXT PRIMARY KEY,
    body        BLOB NOT NULL,
    size        INTEGER NOT NULL,
    first_seen  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
    report_key      TEXT PRIMARY KEY,
    portal_id       TEXT,
    agency          TEXT,
    adcode          TEXT,
    year            INTEGER,
    title           TEXT,
    latest_version  INTEGER NOT NULL,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS report_versions (
    report_key      TEXT NOT NULL REFERENCES reports(report_key),
    version         INTEGER NOT NULL,
    content_sha256  TEXT NOT NULL,
    body_sha256     TEXT NOT NULL REFERENCES bodies(sha256),
    url             TEXT NOT NULL,
    fetched_at      TEXT NOT NULL,
    job_id          TEXT,
    record          TEXT NOT NULL,   -- the contract record, JSON, provenance included
    PRIMARY KEY (report_key, version)
);
CREATE TABLE IF NOT EXISTS report_sources (
    report_key  TEXT NOT NULL REFERENCES reports(report_key),
    url         TEXT NOT NULL,
    portal_id   TEXT,
    referer     TEXT,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    PRIMARY KEY (report_key, url)
);
CREATE TABLE IF NOT EXISTS failures (
    url         TEXT NOT NULL,
    stage       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    portal_id   TEXT,
    http_status INTEGER,
    referer     TEXT,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    last_job_id TEXT,
    count       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (url, stage, reason)
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    job_id      TEXT PRIMARY KEY,
    spider      TEXT,
    started_at  TEXT,
    finished_at TEXT,
    reason      TEXT,
    summary     TEXT,
    verdict     TEXT
);
CREATE TABLE IF NOT EXISTS portal_columns (
    portal_id    TEXT NOT NULL,
    url          TEXT NOT NULL,
    found_at     TEXT NOT NULL,
    last_ok_at   TEXT,
    last_status  TEXT NOT NULL,    -- 'ok' | 'stale: <reason>'
    reports_seen INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portal_id, url)
);
CREATE INDEX IF NOT EXISTS report_versions_body ON report_versions(body_sha256);
CREATE INDEX IF NOT EXISTS report_versions_url ON report_versions(report_key, url);
CREATE INDEX IF NOT EXISTS failures_portal ON failures(portal_id);
"""


# The same tables in PostgreSQL: raw bytes are BYTEA there; every other type is spelt alike.
POSTGRES_SCHEMA = SCHEMA.replace(" BLOB ", " BYTEA ")

LATEST_VERSION = "reports r JOIN report_versions v ON v.report_key = r.report_key AND v.version = r.latest_version"
"""FROM-clause of every query over the latest version of each report (`r` and `v`)."""

# Columns added after archives were first written: (table, column), added as TEXT when missing
# (schema migration 1, govcrawl.archive.migrations).
# crawl_runs.owner: "host:pid" of the job while it runs (reason 'running'), to tell a killed job.
MIGRATED_COLUMNS = (("crawl_runs", "verdict"), ("crawl_runs", "owner"))
