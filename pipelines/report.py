"""FetchedPage → ReportItem: decode, clean and parse the exact bytes fetched.

Pages that are not annual reports are dropped (counted per portal); pages that cannot be
decoded or parsed become FetchFailure items, so the archive records them: `decode`, `parse`
(also a report page the cleaner left without text), and `resource_limit` for a page or document
over a parse limit or one that took its worker over the memory or time limit
(govcrawl/process/limits.py). Bytes decoding had to replace are kept in provenance.decode_errors.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from govcrawl.contract.errors import Stage
from govcrawl.contract.items import FetchedPage, FetchFailure, ReportItem
from govcrawl.crawl.counters import PortalCounters
from govcrawl.crawl.plan import plan_of
from govcrawl.process import shared_parser
from govcrawl.process.document import EmptyText
from govcrawl.process.emptybody import content_chars, is_empty_body
from govcrawl.process.encoding import UndecodableBody
from govcrawl.process.limits import ResourceLimit
from govcrawl.process.provenance import build_provenance
from govcrawl.process.soft404 import looks_like_soft_404, redirected_to_home
from govcrawl.process.workers import DocumentParser

logger = logging.getLogger(__name__)


class ReportPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.counters = PortalCounters(crawler)
        self.parser: DocumentParser | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.parser = shared_parser.acquire(self.crawler)  # the crawl's one pool of parse workers

    def close_spider(self):
        shared_parser.release(self.crawler)

    async def process_item(self, item):
        if not isinstance(item, FetchedPage):
            return item
        spider = self.crawler.spider
        portal_id = item.get("portal_id")
        headers = item.get("headers") or {}
        if redirected_to_home(item["url"], item.get("final_url")):
            return self._failure(item, Stage.SOFT_404, f"redirected to the home page {item.get('final_url')}")
        try:
            doc = await self.parser.parse(
                item["body"],
                url=item.get("final_url") or item["url"],
                content_type=headers.get("Content-Type"),
                adcode=item.get("portal_adcode"),
                published_hint=headers.get("Last-Modified"),
                title_hint=item.get("link_text"),
            )
        except UndecodableBody as exc:
            return self._failure(item, Stage.DECODE, str(exc))
        except ResourceLimit as exc:
            self.stats.inc_value("govcrawl/resource_limit")
            return self._failure(item, Stage.RESOURCE_LIMIT, str(exc))
        except EmptyText as exc:  # a report page whose body had text the cleaner lost
            return self._failure(item, Stage.EMPTY_BODY, str(exc))
        except Exception as exc:  # a parser bug must not lose the page or stop the crawl
            logger.exception("parse failed for %s", item["url"])
            return self._failure(item, Stage.PARSE, f"{type(exc).__name__}: {exc}")

        record = doc.record
        if not record["is_annual_report"]:
            if looks_like_soft_404(doc.page):
                return self._failure(item, Stage.SOFT_404, "200 page says the page does not exist")
            self.counters.inc(portal_id, "not_report")
            raise DropItem(f"not an annual report: {record.get('title')!r} <{item['url']}>")
        if doc.extracted is None and is_empty_body(doc.page):
            # A report's title over a body that is only chrome: the article was not in the page as read.
            text = doc.page.text.replace("\n", " / ")[:120]
            return self._failure(
                item, Stage.EMPTY_BODY, f"cleaned text is only page chrome ({content_chars(doc.page)} chars): {text!r}"
            )
        plan = plan_of(self.crawler)
        if plan is not None and not plan.keeps_year(record.get("year")):
            self.counters.inc(portal_id, "out_of_years")
            raise DropItem(f"report year {record['year']} not selected by years= <{item['url']}>")

        record["provenance"] = build_provenance(
            item, encoding=doc.encoding, spider=spider.name, job_id=plan.job_id if plan else None
        )
        if doc.decode_errors:
            record["provenance"]["decode_errors"] = doc.decode_errors
        self.counters.inc(portal_id, "reports")
        return ReportItem(body=item["body"], **record)

    def _failure(self, item, stage: Stage, reason: str) -> FetchFailure:
        return FetchFailure(
            url=item["url"],
            portal_id=item.get("portal_id"),
            stage=stage,
            reason=reason,
            http_status=item.get("http_status"),
            referer=item.get("referer"),
            at=item.get("fetched_at"),
        )
