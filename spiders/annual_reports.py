"""annual_reports: from each seed portal's columns, find annual-report pages and yield their bytes.

The spider only finds and yields: list pages are read through the portal's CMS adapter
(pagination, article links); candidate report pages are yielded as FetchedPage items with the
exact bytes fetched; every fetch error is yielded as a FetchFailure. Deciding what is a report,
cleaning, parsing and storing are the pipelines' job.

A start URL that is a home page (or a seed URL that lists no reports) is explored toward the
report column (govcrawl.crawl.discovery), best links first, bounded per portal. Every column seen
listing reports is yielded as a ColumnFound item; the next crawl starts from those columns (read
from the archive at start) and falls back to the seed's start URLs when one goes stale.

Arguments (-a): province=<name or 2-digit adcode>, portal=<id>[,<id>…], seeds=<path>, years=2019-2025.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

from govcrawl.crawl.downloader.browser import browser_meta, scripts_build_list
from govcrawl.crawl.cms import adapter_for
from govcrawl.crawl.cms.base import is_document_url, looks_like_report_link
from govcrawl.crawl.discovery import FOLLOW_THRESHOLD, LIST_PAGE_THRESHOLD, is_column_link, is_home_url, rank_links
from govcrawl.contract.items import ColumnFound, FetchedPage, FetchFailure
from govcrawl.process.provenance import kept_headers, new_job_id
from govcrawl.contract.errors import Refused
from govcrawl.crawl.downloader.traps import strip_session_ids
from govcrawl.crawl.downloader.warc import warc_provenance
from govcrawl.registry import load_registry, load_seed_file, parse_years, select_portals, years_contain
from govcrawl.archive.reader import stored_columns

EXPLORE_ALWAYS = "always"      # a home page or a page found on the way: look for the column from it
EXPLORE_IF_EMPTY = "if_empty"  # a seed's column: look further only if it lists no reports
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
        self._fallback_urls: dict[str, list[str]] = {}          # seed URLs held back while stored columns serve
        self._fallen_back: set[tuple[str, str]] = set()
        self._columns_confirmed: set[str] = set()
        self._discovery_seen: dict[str, set[str]] = defaultdict(set)
        # Distinct list pages requested per (portal, column): endless paging stops at GOVCRAWL_MAX_LIST_PAGES.
        self.column_pages: dict[tuple[str, str], set[str]] = {}
        self.capped_columns: set[tuple[str, str]] = set()

    async def start(self):
        stored = self._stored_columns()
        for portal in self.portals:
            columns = stored.get(portal.id, [])
            if columns:
                # Start where the last crawl found reports; the seed's own start URLs wait as the
                # fallback for when one of these columns goes stale.
                self._fallback_urls[portal.id] = list(portal.start_urls)
                for url in columns:
                    yield self._request(url, portal, self.parse_list, list_url=url, list_pages=1,
                                        column=True, column_check=url)
                continue
            for url in portal.start_urls:
                yield self._start_request(url, portal)

    def _stored_columns(self) -> dict[str, list[str]]:
        """Columns the archive knows per portal (read-only); writing them is the archive pipeline's job."""
        if not self.settings.getbool("GOVCRAWL_DISCOVERY_REUSE_COLUMNS", True):
            return {}
        archive = self.settings.get("GOVCRAWL_ARCHIVE")
        return stored_columns(archive, self.portal_ids) if archive else {}

    def _start_request(self, url, portal, *, dont_filter=False):
        """A seed start URL: a home page is explored; any other page is a column, explored if it lists no reports."""
        explore = EXPLORE_ALWAYS if is_home_url(url) else EXPLORE_IF_EMPTY
        # A home page is not a column even when its news box links a report.
        request = self._request(url, portal, self.parse_list, list_url=url, list_pages=1,
                                column=not is_home_url(url), explore=explore, depth=0)
        return request.replace(dont_filter=True) if dont_filter else request

    # --- requests -----------------------------------------------------------------------
    def _request(self, url, portal, callback, *, list_url=None, list_pages=0, link_text=None,
                 base: scrapy.Request | None = None, priority=0, column=False, column_check=None,
                 explore=None, depth=None, departments=False):
        meta = {"portal_id": portal.id, "list_url": list_url, "list_pages": list_pages, "link_text": link_text,
                "portal_domains": portal.allowed_domains,
                # Discovery state: is this the first page of a column candidate; which stored column it
                # re-checks; whether to look for the column from here, at what depth.
                "column": column, "column_check": column_check, "explore": explore, "discovery_depth": depth,
                "departments": departments}
        if not portal.obey_robots:
            meta["dont_obey_robotstxt"] = True
        if portal.render == "browser":
            meta.update(browser_meta())
        # Session ids in links (;jsessionid=…) are dropped: the page is the same without them, and a
        # URL that changes every visit would defeat dedup, the HTTP cache and report_sources.
        if base is not None:
            meta = {**base.meta, **meta}
            return base.replace(url=strip_session_ids(base.url), callback=callback, errback=self.on_error,
                                meta=meta, priority=priority)
        return scrapy.Request(strip_session_ids(url), callback=callback, errback=self.on_error, meta=meta,
                              priority=priority)

    def _wanted_year(self, text: str) -> bool:
        if not self.years:
            return True
        found = [int(y) for y in YEAR_IN_TEXT.findall(text)]
        # A title names the covered year first; no year in the text → let the parser decide.
        return not found or years_contain(self.years, found[0])

    # --- callbacks ----------------------------------------------------------------------
    def parse_list(self, response):
        """A column page, a later page of a list, or a page on the way to the column (discovery)."""
        portal = self.portal_by_id[response.meta["portal_id"]]
        adapter = adapter_for(response, portal.cms)
        list_url = response.meta.get("list_url") or response.url
        report_links = [link for link in adapter.list_links(response)
                        if looks_like_report_link(link) and not is_column_link(link.text)
                        and host_allowed(link.url, portal.allowed_domains)]
        is_list = bool(report_links) or adapter.is_list(response)
        if report_links and response.meta.get("column") and list_url not in self._columns_confirmed:
            self._columns_confirmed.add(list_url)
            yield ColumnFound(portal_id=portal.id, url=list_url, status="ok", reports_seen=len(report_links),
                              at=utc_now())
        for link in report_links:
            if not self._wanted_year(link.text):
                continue
            request = self._request(link.url, portal, self.parse_page, list_url=response.url, link_text=link.text,
                                    priority=10)
            if is_document_url(link.url):
                # An attachment-only report: a candidate page like any other, within the attachment size limit.
                self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/attachment_links")
                request.meta["download_maxsize"] = self.settings.getint("GOVCRAWL_ATTACHMENT_MAXSIZE")
            yield request
        # Page on through a list, a later page of one, or a column the seed names (its first page
        # may hold only news); pages met on the way to the column are not paged through.
        paginate = (is_list or response.meta.get("list_pages", 1) > 1
                    or response.meta.get("explore") == EXPLORE_IF_EMPTY)
        produced = list(self._next_pages(response, adapter, portal, list_url)) if paginate else []
        next_pages = [r for r in produced if isinstance(r, scrapy.Request)]
        yield from (r for r in produced if not isinstance(r, scrapy.Request))  # trap records
        if (not report_links and not next_pages and not response.meta.get("playwright")
                and scripts_build_list(response)):
            # The list is written by scripts: ask once more, rendered by the browser.
            self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/rendered_for_scripts")
            yield response.request.replace(dont_filter=True, meta={**response.request.meta, **browser_meta()})
            return
        check = response.meta.get("column_check")
        if check and not report_links:
            if next_pages:
                # The rows arrive on the next request (gkmlpt's JSON API): that answer decides.
                next_pages[0].meta["column_check"] = check
            else:
                yield from self._column_stale(portal, check, "lists no reports", response.url)
        yield from next_pages
        explore = response.meta.get("explore")
        if explore == EXPLORE_ALWAYS or (explore == EXPLORE_IF_EMPTY and not is_list):
            yield from self._discover(response, portal, on_list=bool(report_links))

    def _next_pages(self, response, adapter, portal, list_url):
        """Later pages of this list; endless paging is cut at GOVCRAWL_MAX_LIST_PAGES distinct pages
        per column and recorded as a trap."""
        pages = response.meta.get("list_pages", 1)
        limit = self.settings.getint("GOVCRAWL_MAX_LIST_PAGES")
        column = self.column_pages.setdefault((portal.id, list_url), {strip_session_ids(list_url)})
        for request in adapter.next_pages(response):
            if not host_allowed(request.url, portal.allowed_domains):
                continue
            key = strip_session_ids(request.url) + request.body.decode("latin-1")
            if key in column:
                continue
            if len(column) >= limit:
                self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/list_pages_capped")
                if (portal.id, list_url) not in self.capped_columns:
                    self.capped_columns.add((portal.id, list_url))
                    yield FetchFailure(url=request.url, portal_id=portal.id, stage="trap", http_status=None,
                                       reason=f"list paging of {list_url} stopped after {limit} pages "
                                              "(endless pagination or calendar trap)",
                                       referer=response.url, at=utc_now())
                break
            column.add(key)
            pages += 1
            yield self._request(request.url, portal, self.parse_list, list_url=list_url,
                                list_pages=pages, base=request, column=response.meta.get("column", False))

    # --- discovery ------------------------------------------------------------------------
    def _discover(self, response, portal, *, on_list: bool):
        """Follow the page's best links toward the report column, within the portal's bounds."""
        depth = response.meta.get("discovery_depth") or 0
        if depth >= self.settings.getint("GOVCRAWL_DISCOVERY_MAX_DEPTH"):
            return
        per_page = self.settings.getint("GOVCRAWL_DISCOVERY_LINKS_PER_PAGE")
        max_pages = self.settings.getint("GOVCRAWL_DISCOVERY_MAX_PAGES")
        # On a page that already lists reports only clearly column-shaped links are worth a fetch.
        threshold = LIST_PAGE_THRESHOLD if on_list and depth > 0 else FOLLOW_THRESHOLD
        ranked = rank_links(response, same_portal=lambda u: host_allowed(u, portal.allowed_domains),
                            on_department_list=response.meta.get("departments", False), threshold=threshold)
        for link in ranked[:per_page]:
            if link.url in self._discovery_seen[portal.id]:
                continue
            if len(self._discovery_seen[portal.id]) >= max_pages:
                self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/discovery_capped")
                return
            self._discovery_seen[portal.id].add(link.url)
            self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/discovery_pages")
            yield self._request(link.url, portal, self.parse_list, list_url=link.url, list_pages=1,
                                link_text=link.text, priority=link.score, column=True, explore=EXPLORE_ALWAYS,
                                depth=depth + 1, departments=link.departments)

    def _column_stale(self, portal, column_url, reason, seen_at):
        """A stored column failed or lists no reports: record it, and look again from the home page."""
        self.logger.info("Stored column %s of %s is stale (%s); falling back to the home page",
                         column_url, portal.id, reason)
        self.crawler.stats.inc_value(f"govcrawl/portal/{portal.id}/columns_stale")
        yield ColumnFound(portal_id=portal.id, url=column_url, status=f"stale: {reason}", reports_seen=0,
                          at=utc_now())
        yield from self._fallback(portal, seen_at)

    def _fallback(self, portal, failed_url):
        """The portal's seed start URLs (deferred while stored columns were used), else the host's home page."""
        urls = self._fallback_urls.pop(portal.id, None)
        if urls is None:
            parts = urlsplit(failed_url)
            urls = [f"{parts.scheme}://{parts.netloc}/"]
        for url in urls:
            if (portal.id, url) in self._fallen_back:
                continue
            self._fallen_back.add((portal.id, url))
            yield self._start_request(url, portal, dont_filter=True)

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
            tls=response.meta.get("tls"),
            revalidated="cached" in response.flags,
            **warc_provenance(response.meta),
        )

    def on_error(self, failure):
        request = failure.request
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            stage, reason = "http", f"HTTP {status}"
        elif failure.check(Refused):
            if not failure.value.record:
                return
            stage, reason = failure.value.stage, failure.value.reason
            # Recorded against the URL that was linked, not the hop where the refusal happened.
            url = request.meta.get("redirect_urls", [request.url])[0]
            yield FetchFailure(url=url, portal_id=request.meta.get("portal_id"), stage=stage, reason=reason,
                               http_status=None, referer=request.meta.get("list_url"), at=utc_now())
            return
        else:
            stage, reason = "download", f"{failure.type.__name__}: {failure.getErrorMessage()}"
            if "robots.txt" in reason:
                stage = "robots"
        self.logger.warning("Failed %s (%s): %s", request.url, request.meta.get("portal_id"), reason)
        self.logger.debug("%s", failure.getTraceback())
        yield FetchFailure(url=request.url, portal_id=request.meta.get("portal_id"), stage=stage,
                           reason=reason, http_status=status, referer=request.meta.get("list_url"), at=utc_now())
        portal = self.portal_by_id.get(request.meta.get("portal_id"))
        if portal is None:
            return
        if request.meta.get("column_check"):
            yield from self._column_stale(portal, request.meta["column_check"], reason, request.url)
        elif request.meta.get("explore") == EXPLORE_IF_EMPTY:
            # A seed's column that is gone (a redesign moved it): look for it from the home page.
            yield from self._fallback(portal, request.url)
