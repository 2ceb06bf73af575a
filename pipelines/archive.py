"""Store reports, failures and report columns found in the archive; keep per-portal counts; log the run."""

from __future__ import annotations

from datetime import date, datetime, timezone

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from govcrawl.archive.crawl_report import FAILED_BY, crawl_report
from govcrawl.contract.items import ColumnFound, FetchFailure, ReportItem
from govcrawl.archive.store import Archive


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = crawler.settings.get("GOVCRAWL_ARCHIVE")
        self.archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.archive = Archive(self.path)
        self.crawler.spider.logger.info("Archive: %s", self.archive.path.resolve())

    def close_spider(self):
        spider = self.crawler.spider
        stats = self.stats.get_stats()
        started = stats.get("start_time")
        portals = getattr(spider, "portal_by_id", {})
        summary = crawl_report(stats, portals, self.archive.report_years(list(portals)),
                               today=date.today())
        self.stats.set_value("govcrawl/crawl_report", summary)
        self.archive.record_run(
            job_id=getattr(spider, "job_id", None) or "unknown", spider=spider.name,
            started_at=started.isoformat() if started else None,
            finished_at=datetime.now(timezone.utc).isoformat(),
            reason=stats.get("finish_reason") or "finished", summary=summary)
        self.archive.close()

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
        outcome = self.archive.store_report(record, item["body"])
        item["archive_status"] = outcome.status
        portal_id = record["provenance"].get("portal_id")
        self._store_attachment_failures(record)
        self.stats.inc_value(f"govcrawl/portal/{portal_id}/{outcome.status}")
        self.stats.inc_value(f"govcrawl/reports_{outcome.status}")
        return item

    def _store_attachment_failures(self, record: dict) -> None:
        prov = record["provenance"]
        for entry in record.get("attachments") or []:
            if entry.get("error"):
                self.archive.record_failure(
                    url=entry["url"], stage="attachment", reason=entry["error"], portal_id=prov.get("portal_id"),
                    http_status=None, referer=prov.get("url"), at=prov["fetched_at"],
                    job_id=prov.get("job_id"))
                self.stats.inc_value("govcrawl/failures/attachment")

    def _store_failure(self, item: FetchFailure):
        spider = self.crawler.spider
        self.archive.record_failure(
            url=item["url"], stage=item["stage"], reason=item["reason"], portal_id=item.get("portal_id"),
            http_status=item.get("http_status"), referer=item.get("referer"),
            at=item.get("at") or datetime.now(timezone.utc).isoformat(),
            job_id=getattr(spider, "job_id", None))
        self.stats.inc_value(f"govcrawl/portal/{item.get('portal_id')}/failed")
        if item["stage"] == "blocked":
            self.stats.inc_value(f"govcrawl/portal/{item.get('portal_id')}/blocked")
        self.stats.inc_value(f"govcrawl/failures/{item['stage']}")
        self.stats.inc_value(f"{FAILED_BY}{item.get('portal_id')}/{item['stage']}")
        # Recorded; dropping keeps failures out of the report feed (FEEDS / -O).
        raise DropItem(f"failure recorded: {item['stage']}: {item['reason']} <{item['url']}>")

    def _store_column(self, item: ColumnFound):
        self.archive.record_column(portal_id=item["portal_id"], url=item["url"], status=item["status"],
                                   reports_seen=item.get("reports_seen") or 0,
                                   at=item.get("at") or datetime.now(timezone.utc).isoformat())
        self.stats.inc_value("govcrawl/columns_" + ("ok" if item["status"] == "ok" else "stale"))
        # Recorded; dropping keeps columns out of the report feed.
        raise DropItem(f"column recorded: {item['status']} <{item['url']}>")
