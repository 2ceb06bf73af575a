"""The verdict on a crawl: did it reach the portals it was asked to crawl?

One word, the same everywhere (the last line of the Scrapy log, the crawl report stored in
`crawl_runs`, `govcrawl harvest`'s exit status):

- `ok`: every portal reached (or at most GOVCRAWL_MAX_UNREACHED not), failures within
  GOVCRAWL_MAX_FAILED_RATIO of the pages attempted;
- `incomplete`: more portals not reached than allowed, or too many failures;
- `unreached`: not one portal answered;
- `interrupted`: the crawl did not finish (shutdown, error).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from govcrawl.crawl.counters import COUNTERS, causes, main_cause, portal_counts
from govcrawl.crawl.plan import plan_of

OK, INCOMPLETE, UNREACHED, INTERRUPTED = "ok", "incomplete", "unreached", "interrupted"
STATS_KEY = "govcrawl/verdict"


@dataclass(frozen=True)
class Verdict:
    word: str
    portals: int
    unreached: list[str]  # portal ids never reached
    failed: int
    attempted: int  # pages fetched + failures
    finish_reason: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def judge(
    table: dict[str, dict[str, int]],
    causes_by_portal: dict[str, dict[str, int]],
    *,
    finish_reason: str,
    max_unreached: int,
    max_failed_ratio: float,
) -> Verdict:
    """The verdict on a summary table ({portal_id: counters}), every planned portal included."""
    unreached = sorted(p for p, row in table.items() if not row.get("pages"))
    failed = sum(row.get("failed", 0) for row in table.values())
    attempted = sum(row.get("pages", 0) for row in table.values()) + failed
    ratio = failed / attempted if attempted else 0.0
    why = []
    if unreached:
        named = ", ".join(f"{p} ({main_cause(causes_by_portal.get(p)) or 'nothing fetched'})" for p in unreached[:5])
        more = f" and {len(unreached) - 5} more" if len(unreached) > 5 else ""
        why.append(f"{len(unreached)} of {len(table)} portal(s) not reached: {named}{more}")
    if failed:
        why.append(f"{failed} of {attempted} page(s) failed ({ratio:.0%}, allowed {max_failed_ratio:.0%})")
    if finish_reason != "finished":
        word = INTERRUPTED
        why.insert(0, f"the crawl did not finish ({finish_reason})")
    elif table and len(unreached) == len(table):
        word = UNREACHED
    elif len(unreached) > max_unreached or ratio > max_failed_ratio:
        word = INCOMPLETE
    else:
        word = OK
    message = f"{word}: " + ("; ".join(why) if why else f"all {len(table)} portal(s) reached")
    return Verdict(word, len(table), unreached, failed, attempted, finish_reason, message)


def summary_table(crawler) -> dict[str, dict[str, int]]:
    """The per-portal counters of a crawl, with a zero row for every planned portal never counted."""
    table = portal_counts(crawler.stats.get_stats())
    plan = plan_of(crawler)
    for portal_id in plan.portal_ids if plan else []:
        table.setdefault(portal_id, dict.fromkeys(COUNTERS, 0))
    return table


def crawl_verdict(crawler, finish_reason: str | None = None) -> Verdict:
    """The crawl's verdict, judged once (at close) and kept in its stats under `govcrawl/verdict`."""
    stats = crawler.stats.get_stats()
    reason = finish_reason or stats.get("finish_reason") or "finished"
    settings = crawler.settings
    verdict = judge(
        summary_table(crawler),
        causes(stats),
        finish_reason=reason,
        max_unreached=settings.getint("GOVCRAWL_MAX_UNREACHED"),
        max_failed_ratio=settings.getfloat("GOVCRAWL_MAX_FAILED_RATIO"),
    )
    storage_error = stats.get("govcrawl/storage_error")  # govcrawl.crawl.storage.STATS_KEY
    if storage_error and verdict.word == INTERRUPTED:
        verdict = replace(verdict, message=verdict.message.replace(f"({reason})", f"(storage failed: {storage_error})"))
    crawler.stats.set_value(STATS_KEY, verdict.as_dict())
    return verdict
