"""Per-host politeness across every worker of a job: concurrency and delay held in Redis.

Scrapy's own per-domain slots (CONCURRENT_REQUESTS_PER_DOMAIN, DOWNLOAD_DELAY, AutoThrottle) live in
one process: three workers would each keep them, and a portal would see three times the load. A
worker therefore takes two things from Redis before each network fetch:

- a concurrency lease: one of GOVCRAWL_REDIS_DOMAIN_CONCURRENCY redis-py `Lock`s named
  `<job>:polite:<host>:slot:<i>` (SET NX PX with a random token, released only by its holder),
  held until the response or the error comes back. Each lease expires after
  GOVCRAWL_REDIS_LEASE_SECONDS, so a killed worker's leases free themselves;
- the delay gate: `SET <job>:polite:<host>:gate NX PX <delay>` succeeds for one fetch per
  GOVCRAWL_REDIS_DOMAIN_DELAY seconds per host, whichever worker asks.

It sits at 960, closest to the network: answers from the HTTP cache (900) wait for nothing. The
worker's local slot keeps no delay of its own (govcrawl.cli.worker sets DOWNLOAD_DELAY 0 and
AutoThrottle off), so a fetch starts as soon as it has its lease and its turn at the gate.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from redis.exceptions import LockError
from scrapy.utils.httpobj import urlparse_cached

from govcrawl.crawl.distributed.job import JobKeys, connect

logger = logging.getLogger(__name__)

POLL = 0.02  # seconds between attempts at a busy host's lease


class GlobalPolitenessMiddleware:
    def __init__(self, client, keys: JobKeys, *, delay: float, concurrency: int, lease_seconds: float, stats=None):
        self.client = client
        self.keys = keys
        self.delay = delay
        self.concurrency = max(1, concurrency)
        self.lease_seconds = lease_seconds
        self.stats = stats
        self._held: dict = {}  # request → its lease, until the answer comes back

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(
            connect(s.get("GOVCRAWL_REDIS_URL")),
            JobKeys(s.get("GOVCRAWL_REDIS_JOB")),
            delay=s.getfloat("GOVCRAWL_REDIS_DOMAIN_DELAY"),
            concurrency=s.getint("GOVCRAWL_REDIS_DOMAIN_CONCURRENCY"),
            lease_seconds=s.getfloat("GOVCRAWL_REDIS_LEASE_SECONDS")
            or s.getfloat("DOWNLOAD_TIMEOUT", 180) + s.getfloat("GOVCRAWL_RETRY_BACKOFF_MAX", 60),
            stats=crawler.stats,
        )

    async def process_request(self, request):
        host = urlparse_cached(request).hostname or ""
        waited = 0.0
        lease = None
        while lease is None:
            lease = self._take_slot(host)
            if lease is None:
                await asyncio.sleep(POLL)
                waited += POLL
        while self.delay > 0:
            gate = self.keys.of("polite", host, "gate")
            if self.client.set(gate, uuid.uuid4().hex, nx=True, px=max(1, int(self.delay * 1000))):
                break
            left = self.client.pttl(gate)
            pause = max(left, 1) / 1000 if left and left > 0 else POLL
            await asyncio.sleep(pause)
            waited += pause
        self._held[request] = lease
        if waited and self.stats is not None:
            self.stats.inc_value("govcrawl/redis_politeness_wait_seconds", waited)
        return None

    def _take_slot(self, host: str):
        for i in range(self.concurrency):
            lock = self.client.lock(self.keys.of("polite", host, "slot", str(i)), timeout=self.lease_seconds)
            if lock.acquire(blocking=False):
                return lock
        return None

    def _release(self, request) -> None:
        lease = self._held.pop(request, None)
        if lease is None:
            return  # answered by a middleware before this one (the HTTP cache): no lease taken
        try:
            lease.release()
        except LockError:
            logger.warning("A politeness lease for %s expired before its fetch ended", request.url)

    def process_response(self, request, response):
        self._release(request)
        return response

    def process_exception(self, request, exception):
        self._release(request)
        return None
