"""`govcrawl status` as a table: the latest counters per portal, with totals."""

from __future__ import annotations

from govcrawl.archive.status import PortalStatus
from govcrawl.cli.texttable import cell, display_width
from govcrawl.crawl.counters import COUNTERS


def format_status(rows: list[PortalStatus], runs: list[dict]) -> str:
    if not runs:
        return "No crawl runs recorded in this archive yet."
    last = runs[-1]
    head = (
        f"{len(runs)} run(s); latest: {last['job_id']} finished {last['finished_at'] or '?'} ({last['reason'] or '?'})"
    )
    if last.get("verdict"):
        head += f"\nverdict: {last['verdict']['message']}"
    columns = (
        "portal",
        "job",
        "finished",
        *COUNTERS,
        "failed by reason",
        "reached",
        "main cause",
        "previous-year report",
    )
    table = [
        [
            r.portal_id,
            r.job_id,
            (r.finished_at or "")[:19],
            *(str(r.counts[c]) for c in COUNTERS),
            " ".join(f"{k}:{v}" for k, v in sorted(r.failed_by_reason.items())),
            "NO" if r.not_reached else "yes",
            r.main_cause,
            r.deadline_text(),
        ]
        for r in rows
    ]
    totals = [
        "total",
        "",
        "",
        *(str(sum(r.counts[c] for r in rows)) for c in COUNTERS),
        "",
        str(sum(not r.not_reached for r in rows)),
        "",
        "",
    ]
    widths = [max(display_width(line[i]) for line in [list(columns), *table, totals]) for i in range(len(columns))]
    numeric = [False, False, False, *([True] * len(COUNTERS)), False, False, False, False]

    def fmt(line):
        return "  ".join(cell(v, w, n) for v, w, n in zip(line, widths, numeric, strict=True)).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    return "\n".join([head, "", fmt(columns), rule, *(fmt(line) for line in table), rule, fmt(totals)])
