"""Downloader middlewares: an honest User-Agent, and retries that back off."""

from __future__ import annotations

import asyncio
import random
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.retry import RetryMiddleware

from govcrawl import __version__
from govcrawl.crawl.plan import plan_of
from govcrawl.registry.hosts import host_in

# request.meta key naming the User-Agent kind sent ("crawler" | "browser"); provenance.user_agent
USER_AGENT_META = "govcrawl_user_agent"


class ContactUserAgentMiddleware:
    """Sends `USER_AGENT` if set, else `govcrawl/<version> (+<GOVCRAWL_CONTACT_URL>)`,
    so a webmaster can see who is crawling and how to reach them.

    Hosts of portals whose seed says `"user_agent": "browser"` (they reset connections for
    anything else) get `GOVCRAWL_BROWSER_USER_AGENT` instead, with the contact URL kept in a
    `From` header. The choice is by host, so robots.txt and attachment requests of such a portal
    get it too; it is written to `request.meta[USER_AGENT_META]` for provenance."""

    def __init__(self, user_agent: str, browser_agent: str = "", contact: str = "", crawler=None):
        self.user_agent = user_agent
        self.browser_agent = browser_agent
        self.contact = contact
        self.crawler = crawler
        self._browser_domains: tuple[str, ...] | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        contact = settings.get("GOVCRAWL_CONTACT_URL") or ""
        agent = settings.get("USER_AGENT") or (f"govcrawl/{__version__} (+{contact})")
        browser = settings.get("GOVCRAWL_BROWSER_USER_AGENT") or ""
        return cls(agent, browser, contact, crawler)

    def browser_domains(self) -> tuple[str, ...]:
        """Allowed domains of the plan's portals that asked for a browser's User-Agent."""
        if self._browser_domains is None:
            plan = plan_of(self.crawler) if self.crawler is not None else None
            if plan is None:
                return ()  # no spider published a plan yet: ask again on the next request
            self._browser_domains = tuple(
                d for p in plan.portals if p.user_agent == "browser" for d in p.allowed_domains
            )
        return self._browser_domains

    def process_request(self, request):
        host = urlsplit(request.url).hostname or ""
        if self.browser_agent and host_in(host, self.browser_domains()):
            request.headers.setdefault(b"User-Agent", self.browser_agent)
            if self.contact:
                request.headers.setdefault(b"From", self.contact)
            request.meta[USER_AGENT_META] = "browser"
            return
        request.headers.setdefault(b"User-Agent", self.user_agent)
        request.meta.setdefault(USER_AGENT_META, "crawler")


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry rules, but a retried request waits base·2^(n-1) seconds (capped,
    with jitter) before it is sent again, so a struggling portal is not hammered."""

    backoff_base: float  # seconds; set by from_crawler()
    backoff_max: float

    @classmethod
    def from_crawler(cls, crawler):
        mw = super().from_crawler(crawler)
        mw.backoff_base = crawler.settings.getfloat("GOVCRAWL_RETRY_BACKOFF_BASE")
        mw.backoff_max = crawler.settings.getfloat("GOVCRAWL_RETRY_BACKOFF_MAX")
        return mw

    def backoff_delay(self, retry_times: int) -> float:
        delay = min(self.backoff_max, self.backoff_base * 2 ** (retry_times - 1))
        return delay * random.uniform(0.8, 1.2)

    def _retry(self, request, reason):
        # Keep why each retry happened, so provenance can say "fetched after HTTP 500".
        new_request = super()._retry(request, reason)
        if new_request is not None:
            why = reason if isinstance(reason, str) else getattr(reason, "__name__", None) or repr(reason)
            new_request.meta["retry_reasons"] = [*request.meta.get("retry_reasons", []), str(why)]
        return new_request

    async def process_request(self, request):
        retry_times = request.meta.get("retry_times", 0)
        if retry_times and self.backoff_base > 0:
            delay = self.backoff_delay(retry_times)
            self.crawler.stats.inc_value("govcrawl/retry_backoff_seconds", delay)
            await asyncio.sleep(delay)
        return None
