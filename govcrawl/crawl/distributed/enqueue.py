"""Pushing a job's start requests once: the plan into Redis, the spider's own start requests into the queue.

The requests are the ones a single-process harvest starts with (`AnnualReportsSpider.start()`:
stored columns from the archive, else the seeds' start URLs), serialised by the same queue class
the workers pop from. They pass scrapy-redis's dupefilter on the job's key, so enqueueing the
same seeds again adds nothing (`already`), and adding portals to a job adds only theirs.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter

from govcrawl.crawl.distributed.job import job_of, store_plan
from govcrawl.crawl.distributed.queue import ReliablePriorityQueue
from govcrawl.crawl.distributed.spider import install_shared_state
from spiders.annual_reports import AnnualReportsSpider


@dataclass(frozen=True)
class Enqueued:
    portals: int
    pushed: int
    already: int  # start requests the job had already seen (enqueued before)


def enqueue(settings, spider_args: dict) -> Enqueued:
    """Store the plan for `spider_args` (province, portal, seeds, years) and push its start requests."""
    client, keys = job_of(settings)
    crawler = Crawler(AnnualReportsSpider, settings)
    spider = crawler._create_spider(**spider_args)  # the spider's own seed loading and validation
    assert isinstance(spider, AnnualReportsSpider)
    store_plan(client, keys, spider.plan, spider_args.get("years"))
    install_shared_state(spider, crawler, client, keys)  # start() holds fallback URLs in Redis
    queue = ReliablePriorityQueue(client, spider, settings.get("SCHEDULER_QUEUE_KEY"))
    seen = RFPDupeFilter(client, key=settings.get("SCHEDULER_DUPEFILTER_KEY"))
    pushed = already = 0
    for request in asyncio.run(_start_requests(spider)):
        if request.dont_filter:
            queue.push(request)
        elif not queue.push_unseen(request, seen):
            already += 1
            continue
        pushed += 1
    return Enqueued(len(spider.plan.portals), pushed, already)


async def _start_requests(spider) -> list:
    return [request async for request in spider.start()]
