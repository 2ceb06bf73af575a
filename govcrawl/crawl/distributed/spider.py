"""The spider of a distributed worker: annual_reports with its plan read from Redis.

A worker is started without seed arguments: the plan (portals, years) is the one `govcrawl enqueue`
stored with the job, and the start requests are already in the job's queue, so `start()` yields
nothing. Requests cross processes through scrapy-redis (pickled `Request.to_dict`): callbacks and
errbacks are spider methods, `cb_kwargs["context"]` is a frozen dataclass, meta holds plain data.
The per-portal bounds live in Redis (frontier.SharedFrontier).
"""

from __future__ import annotations

import scrapy

from govcrawl.crawl.distributed.frontier import SharedFrontier
from govcrawl.crawl.distributed.job import job_of, load_plan
from govcrawl.crawl.plan import publish_plan
from govcrawl.process.provenance import new_job_id
from spiders.annual_reports import AnnualReportsSpider


class NothingEnqueued(Exception):
    """A worker started on a job nothing was ever enqueued under."""


class WorkerSpider(AnnualReportsSpider):
    name = "annual_reports"

    def __init__(self, *args, **kwargs):  # the plan comes from Redis in from_crawler, not from arguments
        scrapy.Spider.__init__(self, *args, **kwargs)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = cls(*args, **kwargs)
        spider._set_crawler(crawler)
        client, keys = job_of(crawler.settings)
        plan = load_plan(client, keys, kwargs.get("_job") or new_job_id())
        if plan is None:
            raise NothingEnqueued(f"nothing was enqueued under job {keys.job!r}: run `govcrawl enqueue` first")
        spider.plan = plan
        spider.allowed_domains = plan.allowed_domains
        publish_plan(crawler, plan)
        install_shared_state(spider, crawler, client, keys)
        return spider

    async def start(self):
        return
        yield  # an async generator that yields nothing: the start requests are in the queue


def install_shared_state(spider, crawler, client, keys) -> None:
    """The spider's counters and a frontier kept in Redis (also used by `govcrawl enqueue`)."""
    from govcrawl.crawl.counters import PortalCounters

    s = crawler.settings
    spider.counters = PortalCounters(crawler)
    spider.frontier = SharedFrontier(
        client,
        keys,
        max_list_pages=s.getint("GOVCRAWL_MAX_LIST_PAGES"),
        max_discovery_pages=s.getint("GOVCRAWL_DISCOVERY_MAX_PAGES"),
        max_requests_per_page=s.getint("GOVCRAWL_MAX_REQUESTS_PER_PAGE", 1000),
        max_requests_per_portal=s.getint("GOVCRAWL_MAX_REQUESTS_PER_PORTAL", 20000),
    )
