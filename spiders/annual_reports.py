"""annual_reports: from each seed portal's columns, find annual-report pages and yield their bytes.

The spider only finds and yields: list pages are read through the portal's CMS adapter
(pagination, article links); candidate report pages are yielded as FetchedPage items with the
exact bytes fetched; every fetch error is yielded as a FetchFailure. Deciding what is a report,
cleaning, parsing and storing are the pipelines' job.

Arguments (-a): province=<name or 2-digit adcode>, portal=<id>[,<id>…], seeds=<path>, years=2019-2025.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

from govcrawl.cms import adapter_for
from govcrawl.cms.base import is_document_url, looks_like_report_link
from govcrawl.items import FetchedPage, FetchFailure
from govcrawl.provenance import kept_headers, new_job_id
from govcrawl.warc import warc_provenance
from govcrawl.seeds import load_registry, load_seed_file, parse_years, select_portals, years_contain

YEAR_IN_TEXT = re.compile(r"(20\d{2}|19\d{2})\s*年")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def host_allowed(url: str, domains: list[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


class AnnualReportsSpider(scrapy.Spider):
    name = "annual_reports"

    def __init__(self, province=None, portal=None, seeds=None, years=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bad seed input fails here, before anything is fetched.
        portals = load_seed_file(seeds) if seeds else load_registry()
        ids = [p.strip() for p in portal.split(",") if p.strip()] if portal else None
        self.portals = select_portals(portals, province=province, portal_ids=ids)
        self.portal_by_id = {p.id: p for p in self.portals}
        self.portal_ids = list(self.portal_by_id)
        self.years = parse_years(years) if years else None
        self.job_id = kwargs.get("_job") or getattr(self, "_job", None) or new_job_id()
        self.allowed_domains = sorted({d for p in self.portals for d in p.allowed_domains})

    async def start(self):
        for portal in self.portals:
            for url in portal.start_urls:
                yield self._request(url, portal, self.parse_list, list_url=url, list_pages=1)

    # --- requests -----------------------------------------------------------------------
    def _request(self, url, portal, callback, *, list_url=None, list_pages=0, link_text=None,
                 base: scrapy.Request | None = None, priority=0):
        meta = {"portal_id": portal.id, "list_url": list_url, "list_pages": list_pages, "link_text": link_text}
        if not portal.obey_robots:
            meta["dont_obey_robotstxt"] = True
        if base is not None:
            meta = {**base.meta, **meta}
            return base.replace(callback=callback, errback=self.on_error, meta=meta, priority=priority)
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta, priority=priority)

    def _wanted_year(self, text: str) -> bool:
        if not self.years:
            return True
        found = [int(y) for y in YEAR_IN_TEXT.findall(text)]
        # A title names the covered year first; no year in the text → let the parser decide.
        return not found or years_contain(self.years, found[0])

    # --- callbacks ----------------------------------------------------------------------
    def parse_list(self, response):
        portal = self.portal_by_id[response.meta["portal_id"]]
        adapter = adapter_for(response, portal.cms)
        list_url = response.meta.get("list_url") or response.url
        for link in adapter.list_links(response):
            if not looks_like_report_link(link) or not host_allowed(link.url, portal.allowed_domains):
                continue
            if not self._wanted_year(link.text):
                continue
            request = self._request(link.url, portal, self.parse_page, list_url=response.url, link_text=link.text,
                                    priority=10)
            if is_document_url(link.url):
                # An attachment-only report: a candidate page like any other, within the attachment size limit.
                self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/attachment_links")
                request.meta["download_maxsize"] = self.settings.getint("GOVCRAWL_ATTACHMENT_MAXSIZE")
            yield request
        pages = response.meta.get("list_pages", 1)
        limit = self.settings.getint("GOVCRAWL_MAX_LIST_PAGES")
        for request in adapter.next_pages(response):
            if pages >= limit:
                self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/list_pages_capped")
                break
            if not host_allowed(request.url, portal.allowed_domains):
                continue
            pages += 1
            yield self._request(request.url, portal, self.parse_list, list_url=list_url,
                                list_pages=pages, base=request)

    def parse_page(self, response):
        yield FetchedPage(
            url=response.request.meta.get("redirect_urls", [response.url])[0],
            final_url=response.url,
            referer=response.meta.get("list_url"),
            link_text=response.meta.get("link_text"),
            portal_id=response.meta["portal_id"],
            portal_adcode=self.portal_by_id[response.meta["portal_id"]].adcode,
            http_status=response.status,
            headers=kept_headers(response.headers),
            body=response.body,
            fetched_at=utc_now(),
            render="browser" if response.meta.get("playwright") else "http",
            retries=list(response.meta.get("retry_reasons", [])),
            revalidated="cached" in response.flags,
            **warc_provenance(response.meta),
        )

    def on_error(self, failure):
        request = failure.request
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            stage, reason = "http", f"HTTP {status}"
        else:
            stage, reason = "download", f"{failure.type.__name__}: {failure.getErrorMessage()}"
            if "robots.txt" in reason:
                stage = "robots"
        self.logger.warning("Failed %s (%s): %s", request.url, request.meta.get("portal_id"), reason)
        self.logger.debug("%s", failure.getTraceback())
        yield FetchFailure(url=request.url, portal_id=request.meta.get("portal_id"), stage=stage,
                           reason=reason, http_status=status, referer=request.meta.get("list_url"), at=utc_now())
