"""Store reports, failures and report columns found in the archive; keep per-portal counts; log the run."""

from __future__ import annotations

from datetime import UTC, date, datetime

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem

from govcrawl.archive.crawl_report import crawl_report
from govcrawl.archive.store import Archive
from govcrawl.contract.errors import Stage
from govcrawl.contract.items import ColumnFound, FetchFailure, ReportItem
from govcrawl.crawl import causes
from govcrawl.crawl.causes import cause_of
from govcrawl.crawl.counters import PortalCounters
from govcrawl.crawl.plan import plan_of
from govcrawl.crawl.verdict import crawl_verdict
from govcrawl.process.extract.base import EXTRACT_UNAVAILABLE

WORD97_FORMATS = ("doc", "wps")


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.counters = PortalCounters(crawler)
        self.path = crawler.settings.get("GOVCRAWL_ARCHIVE")
        self.archive: Archive | None = None
        self.warned_converter = False

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        # The run is recorded once the finish reason is known (pipelines close before it is).
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def job_id(self) -> str | None:
        plan = plan_of(self.crawler)
        return plan.job_id if plan else None

    def _archive(self) -> Archive:
        assert self.archive is not None, "open_spider() opens the archive before any item arrives"
        return self.archive

    def open_spider(self):
        self.archive = Archive(self.path)
        self.crawler.spider.logger.info("Archive: %s", self.archive.path.resolve())

    def spider_closed(self, spider, reason):
        if self.archive is None:
            return
        stats = self.stats.get_stats()
        started = stats.get("start_time")
        plan = plan_of(self.crawler)
        portals = plan.portal_by_id if plan else {}
        summary = crawl_report(stats, portals, self.archive.report_years(list(portals)), today=date.today())
        verdict = crawl_verdict(self.crawler, reason)
        self.stats.set_value("govcrawl/crawl_report", summary)
        self.archive.record_run(
            job_id=self.job_id or "unknown",
            spider=self.crawler.spider.name,
            started_at=started.isoformat() if started else None,
            finished_at=datetime.now(UTC).isoformat(),
            reason=reason,
            summary=summary,
            verdict=verdict.as_dict(),
        )
        self.archive.close()
        self.archive = None

    def process_item(self, item):
        if isinstance(item, FetchFailure):
            return self._store_failure(item)
        if isinstance(item, ReportItem):
            return self._store_report(item)
        if isinstance(item, ColumnFound):
            return self._store_column(item)
        return item

    def _store_report(self, item: ReportItem):
        record = {k: v for k, v in ItemAdapter(item).items() if k != "body"}
        outcome = self._archive().store_report(record, item["body"])
        item["archive_status"] = outcome.status
        portal_id = record["provenance"].get("portal_id")
        self._store_attachment_failures(record)
        self.counters.inc(portal_id, outcome.status)
        self._count_missing_converter(portal_id, record)
        self.stats.inc_value(f"govcrawl/reports_{outcome.status}")
        return item

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

    def _store_attachment_failures(self, record: dict) -> None:
        prov = record["provenance"]
        for entry in record.get("attachments") or []:
            if entry.get("error"):
                self._archive().record_failure(
                    url=entry["url"],
                    stage=Stage.ATTACHMENT,
                    reason=entry["error"],
                    portal_id=prov.get("portal_id"),
                    http_status=None,
                    referer=prov.get("url"),
                    at=prov["fetched_at"],
                    job_id=prov.get("job_id"),
                )
                self.stats.inc_value(f"govcrawl/failures/{Stage.ATTACHMENT}")

    def _store_failure(self, item: FetchFailure):
        stage = Stage(item["stage"])
        self._archive().record_failure(
            url=item["url"],
            stage=stage,
            reason=item["reason"],
            portal_id=item.get("portal_id"),
            http_status=item.get("http_status"),
            referer=item.get("referer"),
            at=item.get("at") or datetime.now(UTC).isoformat(),
            job_id=self.job_id,
        )
        cause = item.get("cause") or cause_of(stage, http_status=item.get("http_status"))
        self.counters.failed(item.get("portal_id"), stage, cause)
        if stage is Stage.BLOCKED:
            self.counters.inc(item.get("portal_id"), "blocked")
        self.stats.inc_value(f"govcrawl/failures/{stage}")
        # Recorded; dropping keeps failures out of the report feed (FEEDS / -O).
        raise DropItem(f"failure recorded: {stage}: {item['reason']} <{item['url']}>", log_level="DEBUG")

    def _store_column(self, item: ColumnFound):
        self._archive().record_column(
            portal_id=item["portal_id"],
            url=item["url"],
            status=item["status"],
            reports_seen=item.get("reports_seen") or 0,
            at=item.get("at") or datetime.now(UTC).isoformat(),
        )
        self.stats.inc_value("govcrawl/columns_" + ("ok" if item["status"] == "ok" else "stale"))
        # Recorded; dropping keeps columns out of the report feed.
        raise DropItem(f"column recorded: {item['status']} <{item['url']}>", log_level="DEBUG")
