"""Store reports, failures and report columns found in the archive; keep per-portal counts; log the run.

Every archive call runs in the archive's writer thread (govcrawl.archive.writer_thread), so a locked
archive delays writes without stalling the reactor. An item whose write fails for its own reasons
becomes a failure row (stage `archive`); an archive that cannot be written at all (disk full,
read-only, I/O error, locked past every retry) stops the crawl (govcrawl.crawl.storage).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred, fail
from twisted.python.failure import Failure

from govcrawl.archive.backend import shown
from govcrawl.archive.crawl_report import crawl_report
from govcrawl.archive.identity import ForeignArchive, check_archive_file
from govcrawl.archive.store import Archive, StoreOutcome
from govcrawl.archive.writer_thread import ArchiveWriter, StorageFailed, begin_run, classify, describe
from govcrawl.contract.errors import Stage
from govcrawl.contract.items import ColumnFound, FetchFailure, ReportItem
from govcrawl.crawl import causes
from govcrawl.crawl.causes import cause_of
from govcrawl.crawl.counters import PortalCounters
from govcrawl.crawl.plan import plan_of
from govcrawl.crawl.sightings import sightings_of
from govcrawl.crawl.storage import REASON as STORAGE_FAILED
from govcrawl.crawl.storage import STATS_KEY as STORAGE_KEY
from govcrawl.crawl.storage import stop_for_storage
from govcrawl.crawl.verdict import crawl_verdict
from govcrawl.process.extract.base import EXTRACT_UNAVAILABLE
from pipelines.availability import availability_writer

WORD97_FORMATS = ("doc", "wps")
EXIT_STORAGE = 5  # as govcrawl harvest (govcrawl.cli.errors.EXIT_STORAGE)


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.counters = PortalCounters(crawler)
        self.path = crawler.settings.get("GOVCRAWL_ARCHIVE")
        self.busy_timeout = crawler.settings.getfloat("GOVCRAWL_ARCHIVE_BUSY_TIMEOUT", 60.0)
        self.retries = crawler.settings.getint("GOVCRAWL_ARCHIVE_WRITE_RETRIES", 10)
        self.max_bytes = crawler.settings.getint("GOVCRAWL_ARCHIVE_MAX_BYTES", 0)
        self.writer: ArchiveWriter | None = None
        self.warned_converter = False

    @classmethod
    def from_crawler(cls, crawler):
        try:
            # Another application's database, or not SQLite at all: refused before anything is fetched.
            check_archive_file(crawler.settings.get("GOVCRAWL_ARCHIVE"))
        except ForeignArchive as exc:
            # `scrapy crawl` and scrapyd end here like `govcrawl harvest` does: one line, no traceback.
            logging.getLogger("govcrawl").error("govcrawl: error: %s", exc)
            raise SystemExit(EXIT_STORAGE) from None
        pipeline = cls(crawler)
        # The run is recorded once the finish reason is known (pipelines close before it is).
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def job_id(self) -> str | None:
        plan = plan_of(self.crawler)
        return plan.job_id if plan else None

    def _write(self, fn) -> Deferred:
        if self.writer is None:
            return fail(StorageFailed("the archive is not open"))
        return self.writer.submit(fn)

    async def open_spider(self):
        await maybe_deferred_to_future(self._open())

    def _open(self) -> Deferred:
        self.writer = ArchiveWriter(
            self.path, busy_timeout=self.busy_timeout, retries=self.retries, max_bytes=self.max_bytes
        )
        started = self.stats.get_value("start_time") or datetime.now(UTC)
        job_id, spider = self.job_id or "unknown", self.crawler.spider.name
        d = self.writer.open()
        d.addCallback(
            lambda _: self._write(lambda a: begin_run(a, job_id=job_id, spider=spider, started_at=started.isoformat()))
        )
        d.addCallbacks(self._opened, self._open_failed)
        return d

    def _opened(self, dead_jobs: list[str]) -> None:
        assert self.writer is not None and self.writer.archive is not None
        self.crawler.spider.logger.info("Archive: %s", self.writer.archive.location)
        if dead_jobs:
            self.crawler.spider.logger.warning(
                "Earlier job(s) killed before their end, now interrupted: %s", ", ".join(dead_jobs)
            )

    def _open_failed(self, failure: Failure) -> None:
        why = describe(failure.value) if classify(failure.value) else failure.getErrorMessage()
        stop_for_storage(self.crawler, f"{shown(self.path)}: {why}")
        raise CloseSpider(STORAGE_FAILED)

    async def spider_closed(self, spider, reason):
        if self.writer is None:
            return
        await maybe_deferred_to_future(self._close(spider, reason))

    def _close(self, spider, reason) -> Deferred:
        assert self.writer is not None
        writer, self.writer = self.writer, None
        stats = self.stats.get_stats()
        started = stats.get("start_time")
        plan = plan_of(self.crawler)
        portals = plan.portal_by_id if plan else {}

        verdict = crawl_verdict(self.crawler, reason)
        availability = availability_writer(self.crawler)  # issue 15: what the portals took down

        def record(archive: Archive) -> dict:
            writer.room_for_run(archive)
            if availability is not None:
                availability(archive)
            summary = crawl_report(stats, portals, archive.report_years(list(portals)), today=date.today())
            archive.record_run(
                job_id=self.job_id or "unknown",
                spider=self.crawler.spider.name,
                started_at=started.isoformat() if started else None,
                finished_at=datetime.now(UTC).isoformat(),
                reason=reason,
                summary=summary,
                verdict=verdict.as_dict(),
            )
            return summary

        d = writer.submit(record)
        d.addCallback(lambda summary: self.stats.set_value("govcrawl/crawl_report", summary))
        d.addErrback(self._run_not_recorded)
        d.addBoth(lambda _: writer.close())
        d.addErrback(lambda f: spider.logger.warning("closing the archive: %s", f.getErrorMessage()))
        return d

    def _run_not_recorded(self, failure: Failure) -> None:
        why = describe(failure.value)
        self.crawler.spider.logger.warning("The run could not be recorded in the archive: %s", why)
        if classify(failure.value) and not self.stats.get_value(STORAGE_KEY):
            self.stats.set_value(STORAGE_KEY, why)

    def _not_stored(
        self, failure: Failure, item: Any, url: str, portal_id: str | None, referer: str | None
    ) -> Deferred | Failure:
        """A write that finally failed: the crawl stops if the archive is unwritable, else a failure row."""
        exc = failure.value
        if isinstance(exc, DropItem):
            return failure
        if classify(exc):
            stop_for_storage(self.crawler, f"{shown(self.path)}: {describe(exc)}")
            raise DropItem(f"not stored, storage failed: {describe(exc)} <{url}>", log_level="WARNING")
        reason = f"archive write failed: {type(exc).__name__}: {exc}"
        self.crawler.spider.logger.warning("%s <%s>", reason, url)
        self.counters.failed(portal_id, Stage.ARCHIVE, cause_of(Stage.ARCHIVE))
        self.stats.inc_value(f"govcrawl/failures/{Stage.ARCHIVE}")
        at = datetime.now(UTC).isoformat()
        job_id = self.job_id
        d = self._write(
            lambda a: a.record_failure(
                url=url,
                stage=Stage.ARCHIVE,
                reason=reason,
                portal_id=portal_id,
                http_status=None,
                referer=referer,
                at=at,
                job_id=job_id,
            )
        )

        def drop(_: Any) -> None:
            raise DropItem(f"not stored: {reason} <{url}>", log_level="WARNING")

        def storage(f: Failure) -> None:
            stop_for_storage(self.crawler, f"{shown(self.path)}: {describe(f.value)}")
            raise DropItem(f"not stored: {reason} <{url}>", log_level="WARNING")

        d.addCallbacks(drop, storage)
        return d

    async def process_item(self, item):
        sightings_of(self.crawler).saw_item(item)  # for the availability of archived reports
        if isinstance(item, FetchFailure):
            return await maybe_deferred_to_future(self._store_failure(item))
        if isinstance(item, ReportItem):
            return await maybe_deferred_to_future(self._store_report(item))
        if isinstance(item, ColumnFound):
            return await maybe_deferred_to_future(self._store_column(item))
        return item

    def _store_report(self, item: ReportItem) -> Deferred:
        record = {k: v for k, v in ItemAdapter(item).items() if k != "body"}
        body = item["body"]
        prov = record["provenance"]
        portal_id = prov.get("portal_id")

        def store(archive: Archive) -> StoreOutcome:
            outcome = archive.store_report(record, body)
            self._store_attachment_failures(archive, record)
            return outcome

        def stored(outcome: StoreOutcome) -> ReportItem:
            item["archive_status"] = outcome.status
            for entry in record.get("attachments") or []:
                if entry.get("error"):
                    self.stats.inc_value(f"govcrawl/failures/{Stage.ATTACHMENT}")
            self.counters.inc(portal_id, outcome.status)
            self._count_missing_converter(portal_id, record)
            self.stats.inc_value(f"govcrawl/reports_{outcome.status}")
            return item

        d = self._write(store)
        d.addCallback(stored)
        d.addErrback(self._not_stored, item, prov.get("url"), portal_id, prov.get("referer"))
        return d

    def _count_missing_converter(self, portal_id: str | None, record: dict) -> None:
        """A .doc/.wps document stored unread because no converter is installed: a page lost to a tool."""
        extraction = record.get("extraction") or {}
        if extraction.get("status") == EXTRACT_UNAVAILABLE and extraction.get("format") in WORD97_FORMATS:
            self.counters.cause(portal_id, causes.EXTRACT_UNAVAILABLE)
            if not self.warned_converter:
                self.warned_converter = True
                self.crawler.spider.logger.warning(
                    "A .doc/.wps report was stored unread: no converter is installed (%s); see `govcrawl doctor`",
                    extraction.get("detail"),
                )

    @staticmethod
    def _store_attachment_failures(archive: Archive, record: dict) -> None:
        prov = record["provenance"]
        for entry in record.get("attachments") or []:
            if entry.get("error"):
                archive.record_failure(
                    url=entry["url"],
                    stage=Stage.ATTACHMENT,
                    reason=entry["error"],
                    portal_id=prov.get("portal_id"),
                    http_status=None,
                    referer=prov.get("url"),
                    at=prov["fetched_at"],
                    job_id=prov.get("job_id"),
                )

    def _store_failure(self, item: FetchFailure) -> Deferred:
        stage = Stage(item["stage"])
        at = item.get("at") or datetime.now(UTC).isoformat()
        job_id = self.job_id
        d = self._write(
            lambda a: a.record_failure(
                url=item["url"],
                stage=stage,
                reason=item["reason"],
                portal_id=item.get("portal_id"),
                http_status=item.get("http_status"),
                referer=item.get("referer"),
                at=at,
                job_id=job_id,
            )
        )
        d.addCallback(lambda _: self._failure_stored(item, stage))
        d.addErrback(self._not_stored, item, item["url"], item.get("portal_id"), item.get("referer"))
        return d

    def _failure_stored(self, item: FetchFailure, stage: Stage) -> None:
        cause = item.get("cause") or cause_of(stage, http_status=item.get("http_status"))
        self.counters.failed(item.get("portal_id"), stage, cause)
        if stage is Stage.BLOCKED:
            self.counters.inc(item.get("portal_id"), "blocked")
        self.stats.inc_value(f"govcrawl/failures/{stage}")
        # Recorded; dropping keeps failures out of the report feed (FEEDS / -O).
        raise DropItem(f"failure recorded: {stage}: {item['reason']} <{item['url']}>", log_level="DEBUG")

    def _store_column(self, item: ColumnFound) -> Deferred:
        at = item.get("at") or datetime.now(UTC).isoformat()
        d = self._write(
            lambda a: a.record_column(
                portal_id=item["portal_id"],
                url=item["url"],
                status=item["status"],
                reports_seen=item.get("reports_seen") or 0,
                at=at,
            )
        )
        d.addCallback(lambda _: self._column_stored(item))
        d.addErrback(self._not_stored, item, item["url"], item.get("portal_id"), None)
        return d

    def _column_stored(self, item: ColumnFound) -> None:
        self.stats.inc_value("govcrawl/columns_" + ("ok" if item["status"] == "ok" else "stale"))
        # Recorded; dropping keeps columns out of the report feed.
        raise DropItem(f"column recorded: {item['status']} <{item['url']}>", log_level="DEBUG")
