"""Glue between a crawl and the availability record (issue 15), used by the archive pipeline.

`availability_writer(crawler)` collects, in the reactor thread, what the job knows (its portals,
which were reached or blocked, its start, the withdrawal settings) and returns the write to run
in the archive's writer thread at the end of the job (govcrawl.archive.availability).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from govcrawl.archive.availability import JobFacts, record_availability
from govcrawl.archive.writer_thread import classify
from govcrawl.crawl.plan import plan_of
from govcrawl.crawl.sightings import sightings_of
from govcrawl.crawl.verdict import summary_table

logger = logging.getLogger(__name__)
STATS_KEY = "govcrawl/availability"


def availability_writer(crawler) -> Callable | None:
    plan = plan_of(crawler)
    if plan is None or not crawler.settings.getbool("GOVCRAWL_RECHECK", True):
        return None
    table = summary_table(crawler)
    reached = {p for p, row in table.items() if row.get("pages")}
    started = crawler.stats.get_value("start_time") or datetime.now(UTC)
    facts = JobFacts(
        job_id=plan.job_id,
        started_at=started.replace(microsecond=0).isoformat(),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        reached=reached,
        blocked={p for p, row in table.items() if row.get("blocked") and p not in reached},
        portal_ids=plan.portal_ids,
        after_missing=crawler.settings.getint("GOVCRAWL_WITHDRAWN_AFTER_MISSING", 2),
        after_days=crawler.settings.getfloat("GOVCRAWL_WITHDRAWN_AFTER_DAYS", 7.0),
    )
    sightings = sightings_of(crawler)

    def write(archive) -> None:
        conn = archive.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            counts = record_availability(conn, sightings, facts)
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, Exception) and classify(exc) is None:
                # A bug here must not cost the run its record: said loudly, the run still stored.
                logger.error("The availability of archived reports was not recorded: %r", exc, exc_info=True)
                crawler.stats.set_value(STATS_KEY, {"error": repr(exc)})
                return
            raise  # locked (retried by the writer) or storage failed
        crawler.stats.set_value(STATS_KEY, dict(counts))
        if counts:
            logger.info(
                "Availability of archived reports: %s", ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            )

    return write
