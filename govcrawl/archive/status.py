"""Crawl status: for each portal, the counters of the latest crawl run that included it.

A job's row says `running` from its start until it records its end; a `running` row whose process
is gone (same host) is shown as `interrupted`, as the next harvest on the archive will mark it.

Runs are kept in `crawl_runs` with their per-portal summary (JSON, written by the archive
pipeline at the end of every job). Under scrapyd, jobs usually cover one province or portal each,
so "the latest run" differs per portal; this view merges them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from govcrawl.archive.backend import Connection, table_columns
from govcrawl.archive.writer_thread import INTERRUPTED, RUNNING, interrupted_verdict, owner_alive
from govcrawl.crawl.counters import COUNTERS


@dataclass
class PortalStatus:
    portal_id: str
    job_id: str
    finished_at: str | None
    reason: str | None
    counts: dict[str, int]
    failed_by_reason: dict[str, int] = field(default_factory=dict[str, Any])
    not_reached: bool = False
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    main_cause: str = ""

    def deadline_text(self) -> str:
        """The check for the latest year checked, e.g. '2025 late (2026-02-03 > 2026-01-31)'."""
        if not self.deadlines:
            return ""
        d = self.deadlines[-1]
        detail = {
            "on_time": d.get("published_date"),
            "late": f"{d.get('published_date')} > {d['deadline']}",
            "missing": f"none by {d['deadline']}",
            "not_yet_due": f"due {d['deadline']}",
        }.get(d["status"], "")
        if d["status"] == "unknown":  # never "missing" when the crawler could not look
            return f"{d['year']} unknown: {d.get('why') or 'portal not reached'}"
        return f"{d['year']} {d['status']}" + (f" ({detail})" if detail else "")


def load_runs(conn: Connection) -> list[dict[str, Any]]:
    """Runs oldest first (by finish time), each with its summary decoded."""
    columns = table_columns(conn, "crawl_runs")
    verdict = "verdict" if "verdict" in columns else "NULL"  # archives from before verdicts were kept
    owner = "owner" if "owner" in columns else "NULL"
    rows = conn.execute(
        f"SELECT job_id, spider, started_at, finished_at, reason, summary, {verdict}, {owner} FROM crawl_runs"
        " ORDER BY COALESCE(finished_at, started_at, ''), job_id"
    )
    runs = []
    for job_id, spider, started, finished, reason, summary, judged, owned_by in rows:
        if reason == RUNNING and not owner_alive(owned_by):  # killed; the next harvest will mark it so
            reason, judged = INTERRUPTED, json.dumps(interrupted_verdict())
        runs.append(
            {
                "job_id": job_id,
                "spider": spider,
                "started_at": started,
                "finished_at": finished,
                "reason": reason,
                "summary": json.loads(summary) if summary else {},
                "verdict": json.loads(judged) if judged else None,
            }
        )
    return runs


def latest_per_portal(runs: list[dict[str, Any]]) -> list[PortalStatus]:
    """The latest run's counters for every portal any run covered, sorted by portal id."""
    latest: dict[str, PortalStatus] = {}
    for run in runs:  # oldest first, so later runs overwrite
        for portal_id, counts in run["summary"].items():
            latest[portal_id] = PortalStatus(
                portal_id,
                run["job_id"],
                run["finished_at"],
                run["reason"],
                {c: int(counts.get(c, 0)) for c in COUNTERS},
                dict(counts.get("failed_by_reason") or {}),
                bool(counts.get("not_reached")),
                list(counts.get("deadlines") or []),
                str(counts.get("main_cause") or ""),
            )
    return [latest[p] for p in sorted(latest)]
