"""Recording what a crawl learnt about the archived reports' availability (issue 15).

At the end of a job, `record_availability` reads the reports of the job's portals and their
URLs (report_sources), matches them with the job's sightings (govcrawl.crawl.sightings), and for
each report it learnt something about:

- adds one `availability_observations` row per URL looked at (state, HTTP status, evidence and
  the WARC record of the fetch); rows are never updated or deleted;
- moves its `report_availability` row on by the rules of govcrawl.archive.availability_rules;
- for each stored column that went stale in this job, adds a `column_events` row telling a
  redesign (`column_moved`: its reports are listed again under another column) from a column
  that is gone (`column_gone`).

A portal not reached in this job (nothing fetched from it) gives its reports `not_reached`
(`blocked` when an anti-bot wall stopped it), whatever their URLs did.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from govcrawl.archive.availability_read import ReportUrl, availability_row, content_hashes, report_urls
from govcrawl.archive.availability_rules import (
    BLOCKED,
    MOVED,
    NOT_REACHED,
    Availability,
    advance,
    job_state,
)
from govcrawl.archive.backend import Connection
from govcrawl.crawl.sightings import Sighting, Sightings


@dataclass(frozen=True)
class JobFacts:
    job_id: str
    started_at: str  # sources first seen from here on are new in this job
    at: str  # when the observations are recorded
    reached: set[str]  # portals something was fetched from
    blocked: set[str]  # portals not reached because an anti-bot wall stopped them
    portal_ids: list[str]
    after_missing: int = 2
    after_days: float = 7.0


def _column_dir(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/"


def _in_column(list_url: str | None, column: str) -> bool:
    return bool(list_url) and (list_url == column or str(list_url).startswith(_column_dir(column)))


def record_availability(conn: Connection, sightings: Sightings, facts: JobFacts) -> Counter[str]:
    """Write this job's observations; returns how many reports ended in each state."""
    by_report: dict[str, list[ReportUrl]] = defaultdict(list)
    for entry in report_urls(conn, facts.portal_ids):
        by_report[entry.report_key].append(entry)
    new_urls: dict[str, list[Sighting]] = defaultdict(list)
    by_hash: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings.by_url.values():
        if sighting.report_key and sighting.state == "online":
            new_urls[sighting.report_key].append(sighting)
            by_hash[str(sighting.content_sha256)].append(sighting)
    lists_read = {portal for (portal, _), status in sightings.columns.items() if status == "ok"}
    lists_read -= sightings.lists_cut
    counts: Counter[str] = Counter()
    for key, entries in by_report.items():
        state = _observe(conn, sightings, facts, key, entries, new_urls.get(key, []), lists_read, by_hash)
        if state:
            counts[state] += 1
    _column_events(conn, sightings, facts, by_report, new_urls)
    return counts


def _observe(
    conn: Connection,
    sightings: Sightings,
    facts: JobFacts,
    key: str,
    entries: list[ReportUrl],
    seen_online: list[Sighting],
    lists_read: set[str],
    by_hash: dict[str, list[Sighting]],
) -> str | None:
    portal_id = entries[0].portal_id
    row = availability_row(conn, key)
    if row is not None and row["last_job_id"] == facts.job_id:
        return None  # already recorded for this job (the end-of-job write retried after a lock)
    prior = Availability.from_row(row)
    cutoff = (prior.moved_at if prior and prior.moved_at else None) or facts.started_at
    original = [e.url for e in entries if e.first_seen < cutoff] or [e.url for e in entries]
    later = [s for s in seen_online if s.url not in original]
    looked = {u: sightings.by_url.get(u) for u in original}
    if not later and by_hash and not any(s and s.state == "online" for s in looked.values()):
        # The same content read at a URL the parser gave another key (an unidentified report's
        # key follows its URL): the report moved there all the same.
        later = [s for h in sorted(content_hashes(conn, key)) for s in by_hash.get(h, []) if s.url not in original]
    if portal_id not in facts.reached:
        state: str | None = BLOCKED if portal_id in facts.blocked else NOT_REACHED
    else:
        urls = set(original) | {s.url for s in later}
        state = job_state(
            {u: (s.state if s else None) for u, s in looked.items()},
            [s.url for s in later],
            listed=any(sightings.listed_at(u) for u in urls),
            lists_read=portal_id in lists_read,
            was_missing=bool(prior and prior.missing),
        )
    if state is None:
        return None
    moved_to = later[0].url if state == MOVED else None
    now = advance(
        prior,
        state,
        facts.at,
        after_missing=facts.after_missing,
        after_days=facts.after_days,
        moved_to=moved_to,
        moved_at=facts.started_at,
    )
    hashes = content_hashes(conn, key) if later else set()
    for url, sighting in looked.items():
        _observation(conn, facts, key, portal_id, url, sighting, now.availability, state)
    for sighting in later if state == MOVED else []:
        same = "same content" if sighting.content_sha256 in hashes else "content changed"
        _observation(conn, facts, key, portal_id, sighting.url, sighting, now.availability, state, f"new URL, {same}")
    _save(conn, facts, key, portal_id, now)
    return now.availability


def _observation(
    conn: Connection,
    facts: JobFacts,
    key: str,
    portal_id: str,
    url: str,
    sighting: Sighting | None,
    report_state: str,
    job_state_: str,
    note: str = "",
) -> None:
    if sighting is None and job_state_ not in (NOT_REACHED, BLOCKED):
        return  # not fetched in this job (the portal was reached; its budget, robots …)
    if sighting is None:
        url_state, status, evidence, warc = job_state_, None, "portal not reached in this job", {}
    else:
        url_state, status, warc = sighting.state, sighting.http_status, sighting.warc
        evidence = "; ".join(filter(None, (note, sighting.evidence)))
    conn.execute(
        "INSERT INTO availability_observations(report_key, job_id, url, portal_id, observed_at, url_state,"
        " report_state, http_status, evidence, warc_file, warc_record_id, warc_offset)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(report_key, job_id, url) DO NOTHING",
        (
            key,
            facts.job_id,
            url,
            portal_id,
            facts.at,
            url_state,
            report_state,
            status,
            evidence or None,
            warc.get("warc_file"),
            warc.get("warc_record_id"),
            warc.get("warc_offset"),
        ),
    )


def _save(conn: Connection, facts: JobFacts, key: str, portal_id: str, now: Availability) -> None:
    fields = list(vars(now))
    values = [getattr(now, f) for f in fields]
    columns = ["report_key", "portal_id", *fields, "last_job_id", "last_observed_at"]
    updates = ", ".join(f"{c}=excluded.{c}" for c in columns[1:])
    conn.execute(
        f"INSERT INTO report_availability({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"
        f" ON CONFLICT(report_key) DO UPDATE SET {updates}",
        (key, portal_id, *values, facts.job_id, facts.at),
    )


def _column_events(
    conn: Connection,
    sightings: Sightings,
    facts: JobFacts,
    by_report: dict[str, list[ReportUrl]],
    seen_online: dict[str, list[Sighting]],
) -> None:
    """A stored column that went stale in this job: were its reports listed again elsewhere?"""
    for (portal_id, column), status in sightings.columns.items():
        if status == "ok" or portal_id not in facts.reached:
            continue
        keys = [
            k
            for k, entries in by_report.items()
            if entries[0].portal_id == portal_id
            and any(_in_column(e.referer, column) and e.first_seen < facts.started_at for e in entries)
        ]
        listed_under: Counter[str] = Counter()
        for key in keys:
            urls = {e.url for e in by_report[key]}
            urls |= {s.url for s in seen_online.get(key, [])}
            pages = [page for u in urls if (page := sightings.listed_at(u))]
            elsewhere = [p for p in pages if not _in_column(p, column)]
            if elsewhere:
                listed_under[_column_of(sightings, portal_id, elsewhere[0])] += 1
        event = "column_moved" if listed_under else "column_gone"
        new_column = listed_under.most_common(1)[0][0] if listed_under else None
        conn.execute(
            "INSERT INTO column_events(portal_id, column_url, job_id, observed_at, event, new_column_url, reports,"
            " reappeared, reason) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(portal_id, column_url, job_id) DO NOTHING",
            (
                portal_id,
                column,
                facts.job_id,
                facts.at,
                event,
                new_column,
                len(keys),
                sum(listed_under.values()),
                status,
            ),
        )


def _column_of(sightings: Sightings, portal_id: str, list_url: str) -> str:
    """The column (confirmed in this job) a list page belongs to, else the list page itself."""
    for (portal, column), status in sightings.columns.items():
        if portal == portal_id and status == "ok" and _in_column(list_url, column):
            return column
    return list_url
