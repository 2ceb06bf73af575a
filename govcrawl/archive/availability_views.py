"""Read-side views of what disappears (issue 15): per report (history, export), per portal
(status) and per portal and report year (`govcrawl availability`).

Reports the archive holds but no crawl has re-checked yet are `not checked`; medians are computed
here, in Python, so the SQL stays portable.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from statistics import median
from typing import Any

from govcrawl.archive.availability_rules import MISSING, UNKNOWN
from govcrawl.archive.backend import Connection, table_columns
from govcrawl.archive.schema import LATEST_VERSION

EXPORT_FIELDS = ("availability", "first_missing_at", "last_seen_at", "withdrawn_at", "moved_to", "restored_at")
# The columns of `govcrawl availability`, each a set of report availabilities.
GROUPS = {
    "online": ("online", "restored"),
    "moved": ("moved",),
    "unlisted": ("unlisted",),
    "missing": MISSING,  # gone or soft 404, not (yet) withdrawn
    "withdrawn": ("withdrawn",),
    "unknown": UNKNOWN,  # blocked or not reached in the latest look
    "not_checked": (None,),
}


def _rows(conn: Connection, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, args)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur]


def has_availability(conn: Connection) -> bool:
    """False for an archive written before availability was recorded."""
    return bool(table_columns(conn, "report_availability"))  # read-only readers never create it


def availability_by_key(conn: Connection) -> dict[str, dict[str, Any]]:
    if not has_availability(conn):
        return {}
    rows = _rows(conn, f"SELECT report_key, {', '.join(EXPORT_FIELDS)} FROM report_availability")
    return {r.pop("report_key"): r for r in rows}


def annotate(conn: Connection, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with an `availability` object (state and dates; state `not_checked` when never re-checked)."""
    known = availability_by_key(conn)
    empty = dict.fromkeys(EXPORT_FIELDS) | {"availability": "not_checked"}
    return [dict(r, availability=known.get(str(r.get("report_key")), empty)) for r in records]


def observations(conn: Connection, report_key: str) -> list[dict[str, Any]]:
    if not has_availability(conn):
        return []
    return _rows(
        conn,
        "SELECT observed_at, job_id, url, url_state, report_state, http_status, evidence, warc_file, warc_record_id,"
        " warc_offset FROM availability_observations WHERE report_key = ? ORDER BY observed_at, url",
        (report_key,),
    )


def format_observations(report_key: str, conn: Connection) -> str:
    """The availability part of `govcrawl history`: the current state, then every observation."""
    now = availability_by_key(conn).get(report_key)
    rows = observations(conn, report_key)
    if now is None and not rows:
        return "availability: not checked yet (no re-crawl since it was archived)"
    dates = ", ".join(f"{k}={now[k]}" for k in EXPORT_FIELDS[1:] if now and now.get(k))
    lines = [f"availability: {now['availability'] if now else '-'}" + (f"  ({dates})" if dates else "")]
    for o in rows:
        warc = f"  warc={o['warc_file']}#{o['warc_record_id']}" if o["warc_record_id"] else ""
        status = f" HTTP {o['http_status']}" if o["http_status"] else ""
        lines.append(
            f"  {o['observed_at']}  job={o['job_id']}  {o['report_state']:<11} {o['url']}: {o['url_state']}{status}"
            + (f"  ({o['evidence']})" if o["evidence"] else "")
            + warc
        )
    return "\n".join(lines)


def portal_counts(conn: Connection) -> dict[str, dict[str, int]]:
    """{portal: {availability: reports}} for `govcrawl status`."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    if not has_availability(conn):
        return {}
    for portal, state, n in conn.execute(
        "SELECT portal_id, availability, COUNT(*) FROM report_availability GROUP BY portal_id, availability"
    ):
        out[portal][state] = n
    return dict(out)


def column_events(conn: Connection, portal_ids: list[str] | None = None) -> list[dict[str, Any]]:
    if not has_availability(conn):
        return []
    rows = _rows(conn, "SELECT * FROM column_events ORDER BY observed_at, portal_id, column_url")
    return [r for r in rows if portal_ids is None or r["portal_id"] in portal_ids]


def format_status(conn: Connection) -> str:
    """Lines for `govcrawl status`: availability of archived reports per portal, and column events."""
    counts = portal_counts(conn)
    if not counts:
        return ""
    lines = ["", "Archived reports by availability (latest re-check):"]
    for portal in sorted(counts):
        lines.append(f"  {portal}: " + ", ".join(f"{state} {n}" for state, n in sorted(counts[portal].items())))
    for e in column_events(conn):
        where = f" → {e['new_column_url']}" if e["new_column_url"] else ""
        lines.append(
            f"  column {e['event']}: {e['portal_id']} {e['column_url']}{where}"
            f" ({e['reappeared']}/{e['reports']} report(s) listed again; {e['observed_at']})"
        )
    return "\n".join(lines)


def _days_between(published: str | None, withdrawn_at: str | None) -> float | None:
    if not published or not withdrawn_at:
        return None
    try:
        return float((date.fromisoformat(withdrawn_at[:10]) - date.fromisoformat(published[:10])).days)
    except ValueError:
        return None


def by_portal_year(conn: Connection, province_code: str | None) -> list[dict[str, Any]]:
    """One row per portal and report year: archived reports by group, and the median days from
    publication (the report's printed date) to withdrawal among the withdrawn ones."""
    known = availability_by_key(conn)
    rows = conn.execute(
        f"SELECT r.report_key, r.portal_id, r.year, r.adcode, v.record FROM {LATEST_VERSION} ORDER BY r.portal_id, r.year"
    )
    table: dict[tuple[str, int | None], dict[str, Any]] = {}
    delays: dict[tuple[str, int | None], list[float]] = defaultdict(list)
    for key, portal, year, adcode, record in rows:
        if province_code and not (adcode or "").startswith(province_code):
            continue
        state = (known.get(key) or {}).get("availability")
        row = table.setdefault(
            (portal, year), {"portal_id": portal, "year": year, "archived": 0, **dict.fromkeys(GROUPS, 0)}
        )
        row["archived"] += 1
        row[next(g for g, states in GROUPS.items() if state in states)] += 1
        if state == "withdrawn":
            published = json.loads(record).get("published_date")
            days = _days_between(published, known[key].get("withdrawn_at"))
            if days is not None:
                delays[(portal, year)].append(days)
    for k, row in table.items():
        row["median_days_to_withdrawal"] = median(delays[k]) if delays[k] else None
    return [table[k] for k in sorted(table, key=lambda k: (k[0] or "", k[1] or 0))]


# datasette (govcrawl.archive.datasette): facets on the current availability, withdrawn reports.
DATASETTE_TABLES = {
    "report_availability": {
        "description": "Availability of each archived report at its latest re-check (README: What disappears)",
        "facets": ["availability", "portal_id", "last_state"],
    },
    "column_events": {"facets": ["event", "portal_id"]},
}
DATASETTE_QUERIES = {
    "withdrawn": {
        "title": "Withdrawn reports: missing in consecutive re-checks over the required days",
        "sql": "SELECT a.portal_id, r.agency, r.year, a.report_key, a.last_state AS how, a.first_missing_at,"
        " a.withdrawn_at, a.last_seen_at, a.missing_count FROM report_availability a"
        " JOIN reports r ON r.report_key = a.report_key WHERE a.availability = 'withdrawn'"
        " AND r.adcode LIKE :province || '%' ORDER BY a.portal_id, r.year",
    },
}
