"""The per-portal crawl report kept with every job: counters, failures by reason, portals not
reached, and the legal deadline check researchers otherwise compute by hand.

Deadlines (政府信息公开条例, 2019 revision, 第四十九条): departments of governments at county level
and above publish the report on the previous year by 31 January; the governments themselves by
31 March. Central organs are State Council departments: 31 January.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from govcrawl.crawl.counters import causes, failures_by_stage, main_cause, portal_counts

GOVERNMENT_LEVELS = {"province", "city", "county"}


def deadline_for(level: str | None, year: int) -> date:
    """Last day to publish the report covering `year`."""
    return date(year + 1, 3, 31) if level in GOVERNMENT_LEVELS else date(year + 1, 1, 31)


UNKNOWN_NOT_REACHED = "portal not reached"


def deadline_check(
    level: str | None, year: int, found: dict[str, Any] | None, today: date, *, reached: bool = True
) -> dict[str, Any]:
    """Whether the report on `year` was published (or at least found) by its deadline.

    A report not found on a portal the crawl never reached is `unknown`, never `missing`: the
    crawler could not look, which says nothing about the agency.
    """
    due = deadline_for(level, year)
    check = {"year": year, "deadline": due.isoformat()}
    if not found:
        if not reached:
            return check | {"status": "unknown", "why": UNKNOWN_NOT_REACHED}
        return check | {"status": "missing" if today > due else "not_yet_due"}
    published, first_seen = found.get("published_date"), (found.get("first_seen") or "")[:10]
    check |= {"published_date": published, "first_seen": first_seen or None}
    if published:
        return check | {"status": "on_time" if published <= due.isoformat() else "late"}
    # No date printed: all we know is when we first saw it.
    return check | {"status": "found_before_deadline" if first_seen and first_seen <= due.isoformat() else "no_date"}


def crawl_report(
    stats: dict[str, Any], portals: dict[str, Any], reports_by_portal: dict[str, dict[int, dict[str, Any]]], today: date
) -> dict[str, dict[str, Any]]:
    """{portal_id: {counters…, failed_by_reason, main_cause, not_reached, deadlines}} for the portals of a job.

    `portals` maps id → Portal (for its level); `reports_by_portal` maps id → {year: {published_date,
    first_seen}} from the archive.
    """
    counts = portal_counts(stats)
    failures = failures_by_stage(stats)
    cause_counts = causes(stats)
    report: dict[str, dict[str, Any]] = {}
    for portal_id in sorted(set(portals) | set(counts)):
        row: dict[str, Any] = dict(counts.get(portal_id, {}))
        row["failed_by_reason"] = failures.get(portal_id, {})
        row["causes"] = cause_counts.get(portal_id, {})
        row["main_cause"] = main_cause(row["causes"])
        row["not_reached"] = int(row.get("pages", 0)) == 0
        portal = portals.get(portal_id)
        level = getattr(portal, "level", None)
        years = reports_by_portal.get(portal_id, {})
        row["deadlines"] = [
            deadline_check(level, y, years.get(y), today, reached=not row["not_reached"])
            for y in sorted(set(years) | {today.year - 1})
        ]
        report[portal_id] = row
    return report
