"""annual_reports: from each seed portal's columns, find annual-report pages and yield their bytes.

The spider only finds and yields: list pages are read through the portal's CMS adapter
(pagination, article links); candidate report pages are yielded as FetchedPage items with the
exact bytes fetched; every fetch error is yielded as a FetchFailure. Deciding what is a report,
cleaning, parsing and storing are the pipelines' job.

A start URL that is a home page (or a seed URL that lists no reports) is explored toward the
report column (govcrawl.crawl.discovery), best links first, bounded per portal
(govcrawl.crawl.frontier). Every column seen listing reports is yielded as a ColumnFound item;
the next crawl starts from those columns (read from the archive at start) and falls back to the
seed's start URLs when one goes stale.

Arguments (-a): province=<name or 2-digit adcode>, portal=<id>[,<id>…], seeds=<path>, years=2019-2025.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

from govcrawl.archive.reader import stored_columns
from govcrawl.contract.documents import is_document_url
from govcrawl.contract.errors import Refused, Stage
from govcrawl.contract.items import ColumnFound, FetchFailure
from govcrawl.crawl.causes import cause_of
from govcrawl.crawl.cms import adapter_for
from govcrawl.crawl.cms.base import looks_like_report_link
from govcrawl.crawl.cms.guarded import Guarded
from govcrawl.crawl.context import EXPLORE_ALWAYS, EXPLORE_IF_EMPTY, ListContext
from govcrawl.crawl.counters import PortalCounters
from govcrawl.crawl.discovery import FOLLOW_THRESHOLD, LIST_PAGE_THRESHOLD, is_column_link, is_home_url, rank_links
from govcrawl.crawl.downloader.browser import browser_meta, scripts_build_list
from govcrawl.crawl.downloader.traps import strip_session_ids
from govcrawl.crawl.failures import fetch_failure, utc_now
from govcrawl.crawl.fetched import fetched_page
from govcrawl.crawl.frontier import Admission, Frontier
from govcrawl.crawl.plan import CrawlPlan, publish_plan
from govcrawl.crawl.resume import LEAF_META
from govcrawl.crawl.seed_loading import flag, interruptible_load
from govcrawl.process.provenance import new_job_id
from govcrawl.registry import Portal, SeedError, host_in

EXIT_BAD_SEEDS = 2  # as govcrawl harvest (govcrawl.cli.errors.EXIT_USAGE)

YEAR_IN_TEXT = re.compile(r"(20\d{2}|19\d{2})\s*年")


def host_allowed(url: str, portal: Portal) -> bool:
    return host_in(urlsplit(url).hostname or "", portal.allowed_domains)


class AnnualReportsSpider(scrapy.Spider):
    name = "annual_reports"
    # Set by from_crawler(): they need the crawler's settings and stats.
    counters: PortalCounters
    frontier: Frontier

    def __init__(self, province=None, portal=None, seeds=None, years=None, allow_private_hosts=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bad seed input fails here, before anything is fetched.
        job_id = kwargs.get("_job") or getattr(self, "_job", None) or new_job_id()
        with interruptible_load():
            self.plan = CrawlPlan.from_arguments(
                job_id=job_id,
                province=province,
                portal=portal,
                seeds=seeds,
                years=years,
                allow_private_hosts=flag(allow_private_hosts),
            )
        self.allowed_domains = self.plan.allowed_domains

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        # -a allow_private_hosts=1 or the setting GOVCRAWL_ALLOW_PRIVATE_HOSTS: seeds on loopback or
        # private addresses (a test server, an intranet mirror) are crawled instead of refused.
        if kwargs.get("allow_private_hosts") is None:
            kwargs["allow_private_hosts"] = crawler.settings.getbool("GOVCRAWL_ALLOW_PRIVATE_HOSTS", False)
        try:
            spider = super().from_crawler(crawler, *args, **kwargs)
        except SeedError as exc:
            # `scrapy crawl` and scrapyd end here like `govcrawl harvest` does: one line, no traceback.
            logging.getLogger("govcrawl").error("govcrawl: error: %s", exc)
            raise SystemExit(EXIT_BAD_SEEDS) from None
        publish_plan(crawler, spider.plan)
        spider.counters = PortalCounters(crawler)
        spider.frontier = Frontier(
            max_list_pages=crawler.settings.getint("GOVCRAWL_MAX_LIST_PAGES"),
            max_discovery_pages=crawler.settings.getint("GOVCRAWL_DISCOVERY_MAX_PAGES"),
            max_requests_per_page=crawler.settings.getint("GOVCRAWL_MAX_REQUESTS_PER_PAGE", 1000),
            max_requests_per_portal=crawler.settings.getint("GOVCRAWL_MAX_REQUESTS_PER_PORTAL", 20000),
        )
        return spider

    async def start(self):
        stored = self._stored_columns()
        for portal in self.plan.portals:
            columns = stored.get(portal.id, [])
            if columns:
                # Start where the last crawl found reports; the seed's own start URLs wait as the
                # fallback for when one of these columns goes stale.
                self.frontier.hold_fallback(portal.id, list(portal.start_urls))
                for url in columns:
                    yield self._request(url, portal, self.parse_list, ListContext.stored_column(portal.id, url))
                continue
            for url in portal.start_urls:
                yield self._start_request(url, portal)

    def _stored_columns(self) -> dict[str, list[str]]:
        """Columns the archive knows per portal (read-only); writing them is the archive pipeline's job."""
        if not self.settings.getbool("GOVCRAWL_DISCOVERY_REUSE_COLUMNS", True):
            return {}
        archive = self.settings.get("GOVCRAWL_ARCHIVE")
        return stored_columns(archive, self.plan.portal_ids) if archive else {}

    def _start_request(self, url, portal, *, dont_filter=False):
        context = ListContext.seed(portal.id, url, home=is_home_url(url))
        request = self._request(url, portal, self.parse_list, context)
        return request.replace(dont_filter=True) if dont_filter else request

    # --- requests -----------------------------------------------------------------------
    def _request(self, url, portal, callback, context: ListContext, *, base: scrapy.Request | None = None, priority=0):
        # Downloader middlewares need the portal; the callbacks get the rest as `context`.
        meta = {"portal_id": portal.id, "portal_domains": portal.allowed_domains}
        if not portal.obey_robots:
            meta["dont_obey_robotstxt"] = True
        if portal.render == "browser":
            meta.update(browser_meta())
        # Session ids in links (;jsessionid=…) are dropped: the page is the same without them, and a
        # URL that changes every visit would defeat dedup, the HTTP cache and report_sources.
        kwargs = {
            "callback": callback,
            "errback": self.on_error,
            "cb_kwargs": {"context": context},
            "priority": priority,
        }
        if base is not None:
            return base.replace(url=strip_session_ids(base.url), meta={**base.meta, **meta}, **kwargs)
        return scrapy.Request(strip_session_ids(url), meta=meta, **kwargs)

    def _wanted_year(self, text: str) -> bool:
        found = [int(y) for y in YEAR_IN_TEXT.findall(text)]
        # A title names the covered year first; no year in the text → let the parser decide.
        return self.plan.keeps_year(found[0] if found else None)

    # --- callbacks ----------------------------------------------------------------------
    def parse_list(self, response, context: ListContext):
        """A column page, a later page of a list, or a page on the way to the column (discovery).

        Every request it makes is spent from two budgets (govcrawl.crawl.frontier): at most
        GOVCRAWL_MAX_REQUESTS_PER_PAGE from this page and GOVCRAWL_MAX_REQUESTS_PER_PORTAL distinct
        requests per portal. What a budget stops is recorded as a `budget` failure: once per page,
        and once per portal (against the first request it stopped)."""
        portal_id = context.portal_id
        made = dropped = 0
        for out in self._read_list(response, context):
            if not isinstance(out, scrapy.Request):
                yield out
                continue
            key = f"{out.method} {out.url} {out.body.decode('latin-1')}"
            admission = self.frontier.admit_request(portal_id, key, page_requests=made)
            if admission is Admission.CAPPED:
                dropped += 1
                if self.frontier.portal_budget_spent(portal_id) and self.frontier.first_portal_budget(portal_id):
                    limit = self.frontier.max_requests_per_portal
                    yield self._budget_failure(
                        out.url,
                        portal_id,
                        response.url,
                        f"the portal's request budget of {limit} is spent (GOVCRAWL_MAX_REQUESTS_PER_PORTAL); "
                        "later links of the portal are not followed",
                    )
                continue
            made += admission is Admission.NEW
            yield out
        if dropped:
            self.counters.inc(portal_id, "budget_dropped", dropped)
            if not self.frontier.portal_budget_spent(portal_id):
                limit = self.frontier.max_requests_per_page
                yield self._budget_failure(
                    response.url,
                    portal_id,
                    context.list_url,
                    f"the page links more than {limit} requests (GOVCRAWL_MAX_REQUESTS_PER_PAGE); "
                    "the rest were not followed",
                )

    def _budget_failure(self, url, portal_id, referer, reason) -> FetchFailure:
        self.logger.warning("Budget (%s) at %s: %s", portal_id, url, reason)
        return fetch_failure(url, portal_id, Stage.BUDGET, reason, referer=referer)

    def _adapter_failure(self, response, context: ListContext, adapter, err: Exception) -> FetchFailure:
        """A CMS adapter that failed on a page: recorded (stage `list`); the rows it found are still followed."""
        reason = f"{adapter.name} adapter could not read the list: {type(err).__name__}: {err}"
        self.logger.warning("List %s (%s): %s", response.url, context.portal_id, reason)
        return fetch_failure(
            response.url, context.portal_id, Stage.LIST, reason, referer=context.list_url, http_status=response.status
        )

    def _read_list(self, response, context: ListContext):
        portal = self.plan.portal_by_id[context.portal_id]
        adapter = adapter_for(response, portal.cms)
        list_url = context.list_url or response.url
        # Adapters never raise out of a callback: a malformed list (a Hanweb perpage of 0, a broken
        # JSON answer) keeps the links read before the error and is recorded as a `list` failure.
        links = Guarded(adapter.list_links(response))
        # Reading stops one link past the page's budget: a page of 100,000 report links costs no
        # more than the budget (the surplus is recorded by parse_list, not walked through).
        limit = self.frontier.max_requests_per_page
        report_links = []
        for link in links:
            if looks_like_report_link(link) and not is_column_link(link.text) and host_allowed(link.url, portal):
                report_links.append(link)
                if limit and len(report_links) > limit:
                    break
        if links.error is not None:
            yield self._adapter_failure(response, context, adapter, links.error)
        try:
            is_list = bool(report_links) or adapter.is_list(response)
        except Exception as err:  # noqa: BLE001 - any adapter bug is recorded, never raised out of the callback
            yield self._adapter_failure(response, context, adapter, err)
            is_list = False
        if report_links and context.column and self.frontier.confirm_column(list_url):
            yield ColumnFound(
                portal_id=portal.id, url=list_url, status="ok", reports_seen=len(report_links), at=utc_now()
            )
        for link in report_links:
            if not self._wanted_year(link.text):
                continue
            request = self._request(
                link.url,
                portal,
                self.parse_page,
                ListContext(portal.id, list_url=response.url, link_text=link.text),
                priority=10,
            )
            # A leaf: once its item is through the pipelines, a resumed job never fetches it again
            # (govcrawl.crawl.resume); list pages are walked again instead.
            request.meta[LEAF_META] = True
            if is_document_url(link.url):
                # An attachment-only report: a candidate page like any other, within the attachment size limit.
                self.counters.inc(portal.id, "attachment_links")
                request.meta["download_maxsize"] = self.settings.getint("GOVCRAWL_ATTACHMENT_MAXSIZE")
            yield request
        # Page on through a list, a later page of one, or a column the seed names (its first page
        # may hold only news); pages met on the way to the column are not paged through.
        paginate = is_list or context.list_pages > 1 or context.explore == EXPLORE_IF_EMPTY
        produced = list(self._next_pages(response, adapter, portal, context, list_url)) if paginate else []
        next_pages = [r for r in produced if isinstance(r, scrapy.Request)]
        yield from (r for r in produced if not isinstance(r, scrapy.Request))  # trap records
        if not report_links and not next_pages and not response.meta.get("playwright") and scripts_build_list(response):
            # The list is written by scripts: ask once more, rendered by the browser.
            self.counters.inc(portal.id, "rendered_for_scripts")
            yield response.request.replace(dont_filter=True, meta={**response.request.meta, **browser_meta()})
            return
        if context.column_check and not report_links:
            if next_pages:
                # The rows arrive on the next request (gkmlpt's JSON API): that answer decides.
                first = next_pages[0]
                next_pages[0] = first.replace(
                    cb_kwargs={"context": first.cb_kwargs["context"].but(column_check=context.column_check)}
                )
            else:
                yield from self._column_stale(portal, context.column_check, "lists no reports", response.url)
        yield from next_pages
        if context.explore == EXPLORE_ALWAYS or (context.explore == EXPLORE_IF_EMPTY and not is_list):
            yield from self._discover(response, portal, context, on_list=bool(report_links))

    def _next_pages(self, response, adapter, portal, context: ListContext, list_url):
        """Later pages of this list; endless paging is cut at GOVCRAWL_MAX_LIST_PAGES distinct pages
        per column and recorded as a trap."""
        pages = context.list_pages or 1
        requests = Guarded(adapter.next_pages(response))
        yield from self._admit_next_pages(response, requests, portal, context, list_url, pages)
        if requests.error is not None:
            yield self._adapter_failure(response, context, adapter, requests.error)

    def _admit_next_pages(self, response, requests, portal, context: ListContext, list_url, pages):
        for request in requests:
            if not host_allowed(request.url, portal):
                continue
            key = strip_session_ids(request.url) + request.body.decode("latin-1")
            admission = self.frontier.admit_list_page(portal.id, strip_session_ids(list_url), key)
            if admission is Admission.SEEN:
                continue
            if admission is Admission.CAPPED:
                self.counters.inc(portal.id, "list_pages_capped")
                if self.frontier.first_cap(portal.id, list_url):
                    limit = self.frontier.max_list_pages
                    reason = (
                        f"list paging of {list_url} stopped after {limit} pages (endless pagination or calendar trap)"
                    )
                    yield fetch_failure(request.url, portal.id, Stage.TRAP, reason, referer=response.url)
                break
            pages += 1
            yield self._request(
                request.url,
                portal,
                self.parse_list,
                ListContext(portal.id, list_url=list_url, list_pages=pages, column=context.column),
                base=request,
            )

    # --- discovery ------------------------------------------------------------------------
    def _discover(self, response, portal, context: ListContext, *, on_list: bool):
        """Follow the page's best links toward the report column, within the portal's bounds."""
        depth = context.depth or 0
        if depth >= self.settings.getint("GOVCRAWL_DISCOVERY_MAX_DEPTH"):
            return
        per_page = self.settings.getint("GOVCRAWL_DISCOVERY_LINKS_PER_PAGE")
        # On a page that already lists reports only clearly column-shaped links are worth a fetch.
        threshold = LIST_PAGE_THRESHOLD if on_list and depth > 0 else FOLLOW_THRESHOLD
        ranked = rank_links(
            response,
            same_portal=lambda u: host_allowed(u, portal),
            on_department_list=context.departments,
            threshold=threshold,
        )
        for link in ranked[:per_page]:
            admission = self.frontier.admit_discovery(portal.id, link.url)
            if admission is Admission.SEEN:
                continue
            if admission is Admission.CAPPED:
                self.counters.inc(portal.id, "discovery_capped")
                return
            self.counters.inc(portal.id, "discovery_pages")
            yield self._request(
                link.url,
                portal,
                self.parse_list,
                ListContext(
                    portal.id,
                    list_url=link.url,
                    list_pages=1,
                    link_text=link.text,
                    column=True,
                    explore=EXPLORE_ALWAYS,
                    depth=depth + 1,
                    departments=link.departments,
                ),
                priority=link.score,
            )

    def _column_stale(self, portal, column_url, reason, seen_at):
        """A stored column failed or lists no reports: record it, and look again from the home page."""
        self.logger.info(
            "Stored column %s of %s is stale (%s); falling back to the home page", column_url, portal.id, reason
        )
        self.counters.inc(portal.id, "columns_stale")
        yield ColumnFound(portal_id=portal.id, url=column_url, status=f"stale: {reason}", reports_seen=0, at=utc_now())
        yield from self._fallback(portal, seen_at)

    def _fallback(self, portal, failed_url):
        """The portal's seed start URLs (deferred while stored columns were used), else the host's home page."""
        for url in self.frontier.fallback_urls(portal.id, failed_url):
            yield self._start_request(url, portal, dont_filter=True)

    def parse_page(self, response, context: ListContext):
        yield fetched_page(response, context, self.plan.portal_by_id[context.portal_id].adcode)

    def on_error(self, failure):
        request = failure.request
        context: ListContext = request.cb_kwargs["context"]
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            stage, reason = Stage.HTTP, f"HTTP {status}"
        elif failure.check(Refused):
            if not failure.value.record:
                return
            # Recorded against the URL that was linked, not the hop where the refusal happened.
            url = request.meta.get("redirect_urls", [request.url])[0]
            stage = failure.value.stage
            yield fetch_failure(
                url, context.portal_id, stage, failure.value.reason, referer=context.list_url, cause=cause_of(stage)
            )
            return
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
            stage = Stage.ROBOTS if "robots.txt" in reason else Stage.DOWNLOAD
        cause = cause_of(stage, http_status=status, error=failure.value)
        # Expected network failures: one line per URL with the cause; the traceback only at DEBUG.
        self.logger.warning("Failed %s (%s): %s; %s", request.url, context.portal_id, cause, reason)
        self.logger.debug("%s", failure.getTraceback())
        yield fetch_failure(
            request.url, context.portal_id, stage, reason, referer=context.list_url, http_status=status, cause=cause
        )
        portal = self.plan.portal_by_id.get(context.portal_id)
        if portal is None:
            return
        if context.column_check:
            yield from self._column_stale(portal, context.column_check, reason, request.url)
        elif context.explore == EXPLORE_IF_EMPTY:
            # A seed's column that is gone (a redesign moved it): look for it from the home page.
            yield from self._fallback(portal, request.url)
