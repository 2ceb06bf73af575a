"""Downloader middlewares: an honest User-Agent, and retries that back off."""

from __future__ import annotations

import asyncio
import random

from scrapy.downloadermiddlewares.retry import RetryMiddleware

from govcrawl import __version__


class ContactUserAgentMiddleware:
    """Sends `USER_AGENT` if set, else `govcrawl/<version> (+<GOVCRAWL_CONTACT_URL>)`,
    so a webmaster can see who is crawling and how to reach them."""

    def __init__(self, user_agent: str):
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        agent = settings.get("USER_AGENT") or (f"govcrawl/{__version__} (+{settings.get('GOVCRAWL_CONTACT_URL')})")
        return cls(agent)

    def process_request(self, request):
        request.headers.setdefault(b"User-Agent", self.user_agent)


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
