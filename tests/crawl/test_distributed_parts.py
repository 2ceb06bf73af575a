"""The parts of a distributed crawl against the real Redis: the reliable queue, the shared frontier,
requests through the queue, and the CLI's refusals. Each test has its own job keys, deleted after."""

from __future__ import annotations

import json

import pytest
from scrapy.http import Request
from scrapy.utils.test import get_crawler
from scrapy_redis.dupefilter import RFPDupeFilter

from govcrawl.crawl.context import ListContext
from govcrawl.crawl.distributed.frontier import SharedFrontier
from govcrawl.crawl.distributed.job import JobKeys
from govcrawl.crawl.distributed.queue import ReliablePriorityQueue
from govcrawl.crawl.frontier import Admission
from tests.conftest import REDIS_URL, require_redis
from tests.crawl.distributed_support import delete_job, govcrawl, new_job

pytestmark = pytest.mark.crawl


@pytest.fixture
def job():
    client = require_redis()
    name = new_job()
    yield client, JobKeys(name)
    delete_job(client, name)


class Spider:  # what the queue needs of a spider: a name and methods for callbacks
    name = "annual_reports"

    def parse_list(self, response, context):
        pass

    def on_error(self, failure):
        pass


def queue(client, keys, spider=None):
    return ReliablePriorityQueue(client, spider or Spider(), keys.requests)


def test_a_popped_request_is_held_until_acknowledged(job):
    client, keys = job
    q = queue(client, keys)
    q.push(Request("http://a.gov.cn/1"))
    request, token = q.pop_reliably()
    assert request.url == "http://a.gov.cn/1"
    assert len(q) == 0 and q.in_flight() == 0  # no heartbeat yet: the worker is not registered
    q.heartbeat()
    assert q.in_flight() == 1
    q.ack(token)
    assert q.in_flight() == 0 and len(q) == 0


def test_a_dead_workers_requests_go_back_to_the_queue(job):
    client, keys = job
    dead, alive = queue(client, keys), queue(client, keys)
    dead.heartbeat_ttl = 0.05
    dead.heartbeat()
    alive.heartbeat()
    dead.push(Request("http://a.gov.cn/1", priority=5))
    dead.push(Request("http://a.gov.cn/2"))
    assert dead.pop_reliably()[0].url == "http://a.gov.cn/1"  # the higher priority first
    assert alive.recover_dead() == 0  # still alive
    client.delete(dead.alive_key())  # its heartbeat expired
    assert alive.recover_dead() == 1
    assert alive.recover_dead() == 0  # moved once
    request, _ = alive.pop_reliably()
    assert (request.url, request.priority) == ("http://a.gov.cn/1", 5)


def test_a_closing_worker_hands_back_what_it_holds(job):
    client, keys = job
    q = queue(client, keys)
    q.heartbeat()
    q.push(Request("http://a.gov.cn/1"))
    q.pop_reliably()
    assert q.release_own() == 1
    assert len(q) == 1 and q.in_flight() == 0


def test_a_request_crosses_the_queue_with_its_context_and_callbacks(job):
    client, keys = job
    spider = Spider()
    context = ListContext("p1", list_url="http://a.gov.cn/col/", list_pages=3, column=True, depth=2)
    q = queue(client, keys, spider)
    q.push(
        Request(
            "http://a.gov.cn/col/index_2.html",
            callback=spider.parse_list,
            errback=spider.on_error,
            cb_kwargs={"context": context},
            meta={"portal_id": "p1", "portal_domains": ("a.gov.cn",)},
            priority=7,
        )
    )
    request, _ = q.pop_reliably()
    assert request.cb_kwargs["context"] == context
    assert request.callback.__func__ is Spider.parse_list and request.errback.__func__ is Spider.on_error
    assert request.meta["portal_domains"] == ("a.gov.cn",) and request.priority == 7


def frontier(client, keys, **bounds):
    values = {"max_list_pages": 3, "max_discovery_pages": 2, "max_requests_per_page": 2, "max_requests_per_portal": 3}
    return SharedFrontier(client, keys, **{**values, **bounds})


def test_two_workers_spend_one_portals_bounds(job):
    client, keys = job
    a, b = frontier(client, keys), frontier(client, keys)
    # A column's list pages: the column itself counts, then two more, wherever they are admitted.
    scheduled = RFPDupeFilter(client, key=keys.dupefilter)
    assert a.admit_list_page("p", "http://x/col", "http://x/col?p=2") is Admission.NEW
    scheduled.request_seen(Request("http://x/col?p=2"))  # a's request reached the queue
    assert b.admit_list_page("p", "http://x/col", "http://x/col?p=2") is Admission.SEEN
    assert b.admit_list_page("p", "http://x/col", "http://x/col?p=3") is Admission.NEW
    assert a.admit_list_page("p", "http://x/col", "http://x/col?p=4") is Admission.CAPPED
    assert a.first_cap("p", "http://x/col") and not b.first_cap("p", "http://x/col")
    assert a.admit_discovery("p", "http://x/u1") is Admission.NEW
    assert b.admit_discovery("p", "http://x/u2") is Admission.NEW
    assert a.admit_discovery("p", "http://x/u3") is Admission.CAPPED
    assert a.confirm_column("http://x/col") and not b.confirm_column("http://x/col")


def test_a_page_admitted_by_a_worker_that_died_before_scheduling_it_is_admitted_again(job):
    client, keys = job
    dead, alive = frontier(client, keys), frontier(client, keys)
    assert dead.admit_discovery("p", "http://x/column") is Admission.NEW  # then killed: never scheduled
    assert alive.admit_discovery("p", "http://x/column") is Admission.NEW
    RFPDupeFilter(client, key=keys.dupefilter).request_seen(Request("http://x/column"))
    assert alive.admit_discovery("p", "http://x/column") is Admission.SEEN
    assert dead.admit_list_page("p", "http://x/col", "http://x/col?p=2") is Admission.NEW
    assert alive.admit_list_page("p", "http://x/col", "http://x/col?p=2") is Admission.NEW
    # Re-admission takes no second place under the bound.
    assert client.scard(keys.of("frontier", "discovery", "p")) == 1


def test_two_workers_spend_one_request_budget(job):
    client, keys = job
    a, b = frontier(client, keys), frontier(client, keys)
    assert a.admit_request("p", "k1", page_requests=0) is Admission.NEW
    assert b.admit_request("p", "k1", page_requests=0) is Admission.SEEN
    assert b.admit_request("p", "k2", page_requests=2) is Admission.CAPPED  # this page's budget is spent
    assert b.admit_request("p", "k2", page_requests=0) is Admission.NEW
    assert a.admit_request("p", "k3", page_requests=0) is Admission.NEW
    assert b.admit_request("p", "k4", page_requests=0) is Admission.CAPPED  # the portal's budget is spent
    assert a.portal_budget_spent("p") and b.portal_budget_spent("p")
    assert a.first_portal_budget("p") and not b.first_portal_budget("p")


def test_held_back_seed_urls_are_taken_once(job):
    client, keys = job
    a, b = frontier(client, keys), frontier(client, keys)
    a.hold_fallback("p", ["http://x/seed"])
    assert b.fallback_urls("p", "http://x/col/") == ["http://x/seed"]
    assert a.fallback_urls("p", "http://x/col/") == ["http://x/"]  # then the home page, once
    assert b.fallback_urls("p", "http://x/other/") == []


# --- the CLI ------------------------------------------------------------------------------------
def test_a_worker_on_a_job_never_enqueued_exits_2_without_crawling(job, tmp_path):
    client, keys = job
    proc = govcrawl("worker", "--redis", REDIS_URL, "--job", keys.job, "--archive", str(tmp_path / "a.db"), env={})
    assert proc.returncode == 2
    assert f"nothing was enqueued under job {keys.job!r}" in proc.stderr
    assert not (tmp_path / "a.db").exists()


def test_enqueue_refuses_bad_seeds_and_pushes_nothing(job, tmp_path):
    client, keys = job
    seeds = tmp_path / "seeds.json"
    seeds.write_text(json.dumps([{"id": "x", "name": "x"}]), "utf-8")
    proc = govcrawl("enqueue", "--redis", REDIS_URL, "--job", keys.job, "--seeds", str(seeds), env={})
    assert proc.returncode == 2 and "seeds.json:" in proc.stderr
    assert list(client.scan_iter(match=keys.pattern)) == []


def test_enqueue_refuses_other_years_for_the_same_job(job, tmp_path):
    client, keys = job
    base = ("enqueue", "--redis", REDIS_URL, "--job", keys.job, "--portal", "330100")
    archive = ("--archive", str(tmp_path / "a.db"))
    assert govcrawl(*base, "--years", "2020", *archive, env={}).returncode == 0
    proc = govcrawl(*base, "--years", "2021", *archive, env={})
    assert proc.returncode == 2 and "use another --job" in proc.stderr


def test_the_addon_adds_the_distributed_components_only_for_a_worker(tmp_path):
    politeness = "govcrawl.crawl.distributed.politeness.GlobalPolitenessMiddleware"

    def middlewares(**extra):
        crawler = get_crawler(
            settings_dict={"ADDONS": {"govcrawl.addon.Govcrawl": 0}, "GOVCRAWL_ARCHIVE": str(tmp_path / "a"), **extra}
        )
        crawler._apply_settings()
        return crawler.settings.getdict("DOWNLOADER_MIDDLEWARES")

    assert politeness not in middlewares()
    assert middlewares(GOVCRAWL_REDIS_URL=REDIS_URL, GOVCRAWL_REDIS_JOB=new_job())[politeness] == 960


def test_a_worker_neither_rechecks_nor_records_availability():
    # A worker sees only its share of a job: availability judged from it would be wrong.
    from scrapy.settings import Settings

    from govcrawl.crawl.distributed.job import distributed_settings

    settings = Settings({"GOVCRAWL_RECHECK": True})
    distributed_settings(settings, REDIS_URL, new_job())
    assert settings.getbool("GOVCRAWL_RECHECK") is False
