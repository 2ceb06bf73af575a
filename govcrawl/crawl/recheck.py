"""Re-check archived reports on every crawl of their portal (issue 15).

`RecheckMiddleware` is a spider middleware. After the spider's own start requests it asks, for
each portal in the plan, for every URL the archive reached one of its reports at (read-only from
`report_sources`, govcrawl.archive.availability_read), through the normal downloader stack, so
robots.txt, politeness, retries, the HTTP cache and the WARC writer apply as to any page. The
requests carry the spider's own callback and errback (`parse_page`, `on_error`): a report still
there is stored as usual, a dead one becomes the usual FetchFailure. They come last (priority
GOVCRAWL_RECHECK_PRIORITY), so a URL the list pages link again is fetched once, from the list.

It also notes which report URLs the list pages link in this job (`Sightings.listed`): a report
whose URL still answers but that no list links any more is `unlisted`.
"""

from __future__ import annotations

import logging

from scrapy import Request

from govcrawl.contract.documents import is_document_url
from govcrawl.crawl.context import ListContext
from govcrawl.crawl.plan import plan_of
from govcrawl.crawl.resume import LEAF_META
from govcrawl.crawl.sightings import sightings_of

logger = logging.getLogger(__name__)
RECHECK_META = "govcrawl_recheck"  # a re-check of an archived report URL (not linked in this job)


class RecheckMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("GOVCRAWL_RECHECK", True)
        self.priority = crawler.settings.getint("GOVCRAWL_RECHECK_PRIORITY", -100)
        self.sightings = sightings_of(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        # Read the archive first: the sightings must know its URLs before the first list is read.
        rechecks = self._recheck_requests() if self.enabled else []
        async for request in start:
            yield request
        for request in rechecks:
            yield request

    def _recheck_requests(self) -> list[Request]:
        from govcrawl.archive.availability_read import archived_content_hashes, archived_report_urls

        plan = plan_of(self.crawler)
        spider = self.crawler.spider
        archive = self.crawler.settings.get("GOVCRAWL_ARCHIVE")
        if plan is None or not archive or not hasattr(spider, "parse_page") or not hasattr(spider, "_request"):
            return []
        requests = []
        self.sightings.archived_hashes |= archived_content_hashes(archive, plan.portal_ids)
        for entry in archived_report_urls(archive, plan.portal_ids):
            self.sightings.archived_keys.add(entry.report_key)
            portal = plan.portal_by_id.get(entry.portal_id)
            if portal is None or not plan.keeps_year(entry.year):
                continue
            self.sightings.watched.add(entry.url)
            # The spider's request builder: the portal's robots, browser and domain rules apply.
            request = spider._request(
                entry.url, portal, spider.parse_page, ListContext(portal.id), priority=self.priority
            )
            request.meta[LEAF_META] = True
            request.meta[RECHECK_META] = True
            if is_document_url(entry.url):
                request.meta["download_maxsize"] = self.crawler.settings.getint("GOVCRAWL_ATTACHMENT_MAXSIZE")
            requests.append(request)
        if requests:
            logger.info("Re-checking %d archived report URL(s) of %d portal(s)", len(requests), len(plan.portals))
            self.crawler.stats.set_value("govcrawl/recheck_requests", len(requests))
        return requests

    def process_spider_output(self, response, result, spider=None):
        for out in result:
            if isinstance(out, Request) and out.meta.get(LEAF_META) and not out.meta.get(RECHECK_META):
                # A report link on a list page: the URL is listed in this job.
                self.sightings.note_listed(out.url, response.url)
            yield out

    async def process_spider_output_async(self, response, result, spider=None):
        async for out in result:
            if isinstance(out, Request) and out.meta.get(LEAF_META) and not out.meta.get(RECHECK_META):
                self.sightings.note_listed(out.url, response.url)
            yield out
