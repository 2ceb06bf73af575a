"""The scheduler of a worker: scrapy-redis's Scheduler, adapted to Scrapy 2.19 and made reliable.

What the released scrapy-redis (0.9.1) does not do, and this subclass adds (nothing else):

- Acknowledging requests. Its queue pops destructively; ours (queue.ReliablePriorityQueue) holds a
  popped request in the worker's processing hash until the engine is done with it: the download,
  the callback, its child requests queued and its items through every pipeline. Scrapy has no
  signal for "done with a request"; the engine keeps the requests it works on in
  `engine._slot.inprogress` (a private attribute, read-only here) until exactly then, so a request
  that left that set is acknowledged.
- Idling. With SCHEDULER_IDLE_BEFORE_CLOSE it blocks the reactor in BRPOP (and its priority queue
  ignores the timeout); RedisSpider's idle handler only knows its start-URL list. Here the
  spider_idle handler keeps the worker open while any worker still holds requests (they may queue
  more) and closes it once the whole job has had nothing queued and nothing in flight for
  GOVCRAWL_REDIS_IDLE_EXIT seconds.
- Scheduling atomically: the dupefilter's fingerprint and the queue entry are written in one Lua
  step (scrapy-redis does SADD, then ZADD), so a worker killed in between leaves nothing "seen"
  that no queue holds.
- Heartbeat and recovery: every few seconds the worker refreshes its own heartbeat and returns the
  requests of workers whose heartbeat expired (killed, or their machine gone) to the queue.

Scrapy 2.19 still passes the spider to `open()` and builds the scheduler with `from_crawler`, so
scrapy-redis's constructor, dupefilter (built `from_spider`) and queue are used as released.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis.scheduler import Scheduler

logger = logging.getLogger(__name__)

# Scrapy's private names this module reads (tests/crawl/test_private_apis.py checks they still exist):
# ExecutionEngine()._slot, and on it `inprogress` (the requests the engine works on) and `nextcall`.
PRIVATE_INSTANCE_ATTRIBUTES = (  # (class, the method that sets or calls it, name)
    ("scrapy.core.engine.ExecutionEngine", "open_spider_async", "_slot"),
    ("scrapy.core.engine._Slot", "__init__", "inprogress"),
    ("scrapy.core.engine._Slot", "__init__", "nextcall"),
    # enqueue.py builds the spider as Scrapy does, without starting a crawl.
    ("scrapy.crawler.Crawler", "crawl_async", "_create_spider"),
)

WAKE_INTERVAL = 0.5  # seconds between looks at the queue while idle


class WorkerScheduler(Scheduler):
    crawler: object
    idle_exit: float
    heartbeat_ttl: float
    _held: list  # (request, token) popped by this worker and not yet acknowledged
    _idle_since: float | None

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.idle_exit = crawler.settings.getfloat("GOVCRAWL_REDIS_IDLE_EXIT", 10.0)
        scheduler.heartbeat_ttl = crawler.settings.getfloat("GOVCRAWL_REDIS_HEARTBEAT", 30.0)
        scheduler._held = []
        scheduler._idle_since = None
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider):
        super().open(spider)
        self.queue.heartbeat_ttl = self.heartbeat_ttl
        self.queue.heartbeat()
        self._beat = create_looping_call(self._heartbeat)
        self._beat.start(max(0.2, self.heartbeat_ttl / 3), now=False)
        logger.info("Worker %s of Redis queue %s", self.queue.worker, self.queue_key)

    def close(self, reason):
        if getattr(self, "_beat", None) is not None and self._beat.running:
            self._beat.stop()
        self._ack_finished()
        returned = self.queue.release_own()
        if returned:
            logger.info("Closing (%s): %d unfinished request(s) returned to the queue", reason, returned)
        self.server.delete(self.queue.alive_key())
        return super().close(reason)

    # --- requests ---------------------------------------------------------------------------
    def next_request(self):
        self._ack_finished()
        popped = self.queue.pop_reliably()
        if popped is None:
            return None
        request, token = popped
        self._held.append((request, token))
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def enqueue_request(self, request):
        if request.dont_filter:
            self.queue.push(request)
        elif not self.queue.push_unseen(request, self.df):  # seen-check and push in one step
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _ack_finished(self) -> None:
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        working = slot.inprogress if slot is not None else set()
        still = []
        for request, token in self._held:
            if request in working:
                still.append((request, token))
            else:
                self.queue.ack(token)
        self._held = still

    def _heartbeat(self) -> None:
        try:
            self.queue.heartbeat()
            self._ack_finished()
            self.queue.recover_dead()
        except Exception:  # noqa: BLE001 - a Redis hiccup must not stop the heartbeat for good
            logger.warning("Redis heartbeat failed", exc_info=True)

    # --- idling -------------------------------------------------------------------------------
    def spider_idle(self, spider):
        self._ack_finished()
        self.queue.recover_dead()
        now = time.monotonic()
        if len(self.queue) or self.queue.in_flight():
            self._idle_since = None  # work left somewhere: this worker may get some of it
        elif self._idle_since is None:
            self._idle_since = now
        if self._idle_since is not None and now - self._idle_since >= self.idle_exit:
            logger.info("The job's queue is empty and no worker holds a request: closing")
            self.crawler.signals.send_catch_log(signal=job_drained, spider=spider)
            return
        # Look again soon rather than at the engine's 5 s heartbeat (engine._slot is private too).
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule(WAKE_INTERVAL)
        raise DontCloseSpider


job_drained = object()  # signal: this worker is about to close on an empty job (counters.JobCounters)
