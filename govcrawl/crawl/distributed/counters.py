"""The per-portal counters of a distributed job: every worker's counts, summed in Redis.

Each worker counts in its own stats (govcrawl.crawl.counters) as a single process does, and this
extension adds what changed to the job's Redis hashes every GOVCRAWL_REDIS_COUNTERS_INTERVAL
seconds and at close. When a worker closes because the job is drained (nothing queued, nothing in
flight anywhere), its tables are replaced by the job's totals before the summary and the verdict
are made: a worker that fetched nothing of a portal another worker reached does not call it "not
reached", and a worker that came late to a finished job reports the job, not its own idleness.
A worker that stops for any other reason (Ctrl-C, storage failure) reports its own counts.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

from govcrawl.crawl.counters import CAUSES_KEY, FAILED_BY_KEY, PORTALS_KEY
from govcrawl.crawl.distributed.job import job_of
from govcrawl.crawl.distributed.scheduler import job_drained

logger = logging.getLogger(__name__)

TABLES = (PORTALS_KEY, FAILED_BY_KEY, CAUSES_KEY)
SEP = "\x1f"  # between portal id and counter name in a hash field
WORKER_PAGES_KEY = "govcrawl/worker_pages"  # this worker's own pages, kept beside the job's totals


class JobCounters:
    def __init__(self, crawler):
        self.crawler = crawler
        self.client, self.keys = job_of(crawler.settings)
        self.interval = crawler.settings.getfloat("GOVCRAWL_REDIS_COUNTERS_INTERVAL", 1.0)
        self._flushed: dict[str, dict[str, int]] = {table: {} for table in TABLES}
        self._loop = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.job_drained, signal=job_drained)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _redis_key(self, table: str) -> str:
        return self.keys.of("counters", table.replace("/", "_"))

    def spider_opened(self, spider):
        self._loop = create_looping_call(self.flush)
        self._loop.start(self.interval, now=False)

    def flush(self) -> None:
        stats = self.crawler.stats
        with self.client.pipeline() as pipe:
            for table in TABLES:
                flushed = self._flushed[table]
                for portal_id, row in (stats.get_value(table) or {}).items():
                    for name, count in row.items():
                        field = f"{portal_id}{SEP}{name}"
                        delta = int(count) - flushed.get(field, 0)
                        if delta:
                            pipe.hincrby(self._redis_key(table), field, delta)
                            flushed[field] = int(count)
            pipe.execute()

    def job_totals(self) -> dict[str, dict[str, dict[str, int]]]:
        totals: dict[str, dict[str, dict[str, int]]] = {}
        for table in TABLES:
            rows: dict[str, dict[str, int]] = {}
            for field, count in self.client.hgetall(self._redis_key(table)).items():
                portal_id, name = field.decode().split(SEP, 1)
                rows.setdefault(portal_id, {})[name] = int(count)
            totals[table] = rows
        return totals

    def job_drained(self, spider):
        self.flush()
        stats = self.crawler.stats
        own = (stats.get_value(PORTALS_KEY) or {}).values()
        stats.set_value(WORKER_PAGES_KEY, sum(int(row.get("pages", 0)) for row in own))
        for table, rows in self.job_totals().items():
            # The tables are replaced, not updated: the job's totals already hold this worker's counts.
            stats.set_value(table, rows)
        # Counts are final now; later increments (none expected on an idle worker) are not re-added.
        self._flushed = {table: {} for table in TABLES}
        self._stop()
        logger.info("The job is drained: the summary and verdict are the whole job's")

    def spider_closed(self, spider, reason):
        if self._loop is not None and self._loop.running:
            self._stop()
            try:
                self.flush()
            except Exception:  # noqa: BLE001 - Redis gone at close: the job's totals miss this worker's last counts
                logger.warning("Could not add this worker's last counts to the job's totals", exc_info=True)

    def _stop(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
