"""Tables that remember what the portals take down (issue 15), next to govcrawl.archive.schema.

- `availability_observations`: one row per report, job and URL checked: the state the URL was
  found in (`online`, `gone`, `soft_404`, `blocked`, `not_reached`, `new_url`) and the report's
  state in that job (`online`, `unlisted`, `moved`, `gone`, `soft_404`, `blocked`, `not_reached`,
  `restored`, `withdrawn`), with the HTTP evidence and the WARC record of the fetch. Rows are only
  ever added: the record of a disappearance is never rewritten.
- `report_availability`: the current availability of each archived report, derived from its
  observations (first_missing_at, last_seen_at, consecutive missing observations, withdrawn_at,
  moved_to, restored_at). It can be rebuilt from the observations.
- `column_events`: a stored report column that stopped listing reports in a job: `column_moved`
  (its reports listed again under another column: the portal was redesigned) or `column_gone`.

Portable SQL only (TEXT ISO dates, INTEGER, no AUTOINCREMENT): the same DDL runs on PostgreSQL.
"""

from __future__ import annotations

AVAILABILITY_TABLES = frozenset({"availability_observations", "report_availability", "column_events"})

AVAILABILITY_SCHEMA = """
CREATE TABLE IF NOT EXISTS availability_observations (
    report_key      TEXT NOT NULL,
    job_id          TEXT NOT NULL,
    url             TEXT NOT NULL,
    portal_id       TEXT,
    observed_at     TEXT NOT NULL,
    url_state       TEXT NOT NULL,
    report_state    TEXT NOT NULL,
    http_status     INTEGER,
    evidence        TEXT,
    warc_file       TEXT,
    warc_record_id  TEXT,
    warc_offset     INTEGER,
    PRIMARY KEY (report_key, job_id, url)
);
CREATE TABLE IF NOT EXISTS report_availability (
    report_key        TEXT PRIMARY KEY,
    portal_id         TEXT,
    availability      TEXT NOT NULL,
    last_state        TEXT NOT NULL,
    first_missing_at  TEXT,
    last_seen_at      TEXT,
    missing_count     INTEGER NOT NULL DEFAULT 0,
    withdrawn_at      TEXT,
    moved_to          TEXT,
    moved_at          TEXT,
    restored_at       TEXT,
    last_job_id       TEXT NOT NULL,
    last_observed_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS column_events (
    portal_id       TEXT NOT NULL,
    column_url      TEXT NOT NULL,
    job_id          TEXT NOT NULL,
    observed_at     TEXT NOT NULL,
    event           TEXT NOT NULL,
    new_column_url  TEXT,
    reports         INTEGER NOT NULL DEFAULT 0,
    reappeared      INTEGER NOT NULL DEFAULT 0,
    reason          TEXT,
    PRIMARY KEY (portal_id, column_url, job_id)
);
CREATE INDEX IF NOT EXISTS availability_observations_job ON availability_observations(job_id);
CREATE INDEX IF NOT EXISTS report_availability_portal ON report_availability(portal_id);
"""
