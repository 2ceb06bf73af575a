"""Three workers on scrapy-redis over a simulated 300-portal province, against the real Redis.

The same world is harvested by one plain process (`scrapy crawl`, no Redis) and by `govcrawl enqueue`
+ three `govcrawl worker` processes sharing one archive, a SQLite file or a PostgreSQL database (the
real server at 127.0.0.1:5432, concurrent writers through one schema): the workers find every report of the
world's truth exactly once, the same reports as the single process, and make the same fetches (no URL
fetched twice: a URL fetched again is a retry the single process makes too).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from govcrawl.archive.store import Archive
from govsim import REPORT_KINDS, Simulator, generated_world
from tests.conftest import postgres_database, proxy_env, require_redis, run_crawl
from tests.crawl.distributed_support import delete_job, enqueue, finish, new_job, start_worker

pytestmark = pytest.mark.crawl

PORTALS, PAGES = 300, 300


def world():
    return generated_world(PORTALS, PAGES, province="34")


def fetches(log) -> Counter:
    # robots.txt is read by every worker for itself (Scrapy's RobotsTxtMiddleware is per process).
    return Counter((method, url) for method, url, _, _ in log if not url.endswith("/robots.txt"))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def workers_archive(request, tmp_path_factory):
    """Where the three workers write: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path_factory.mktemp("workers") / "archive.sqlite3"
        return
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def runs(tmp_path_factory, workers_archive):
    client = require_redis()
    tmp = tmp_path_factory.mktemp("distributed")
    seeds_path = tmp / "seeds.json"
    with Simulator(world(), slow_seconds=0) as sim:
        seeds_path.write_text(json.dumps(sim.seeds(home_only=True), ensure_ascii=False), "utf-8")
        run_crawl(seeds_path, tmp / "single" / "archive.sqlite3", sim.proxy_url, timeout=300)
        single_log = sim.request_log.snapshot()
    job = new_job()
    try:
        with Simulator(world(), slow_seconds=0) as sim:
            env = proxy_env(sim.proxy_url)
            archive = workers_archive
            first = enqueue(job, seeds_path, archive, env)
            again = enqueue(job, seeds_path, archive, env)  # the same seeds twice: pushed once
            workers = finish([start_worker(job, archive, env, "-s", "GOVCRAWL_REDIS_DOMAIN_DELAY=0") for _ in range(3)])
            log = sim.request_log.snapshot()
            manifest = sim.manifest()
        leftovers = sorted(k.decode() for k in client.scan_iter(match=f"govcrawl:{job}:requests*"))
        queued = client.zcard(f"govcrawl:{job}:requests")
    finally:
        delete_job(client, job)
    single, stored = Archive(tmp / "single" / "archive.sqlite3"), Archive(archive)
    yield {
        "single": single,
        "workers": stored,
        "single_log": single_log,
        "log": log,
        "manifest": manifest,
        "enqueue": (first, again),
        "results": workers,
        "leftovers": leftovers,
        "queued": queued,
    }
    single.close()
    stored.close()  # before the PostgreSQL database is dropped


def stored_urls(archive):
    return {url for r in archive.latest_records() for url in archive.sources(r["report_key"])}


def test_enqueue_pushes_the_seeds_once(runs):
    first, again = runs["enqueue"]
    assert first.returncode == 0, first.stderr
    assert f"{PORTALS} start request(s) pushed" in first.stdout
    assert again.returncode == 0, again.stderr
    assert "0 start request(s) pushed" in again.stdout and f"{PORTALS} already enqueued" in again.stdout


def test_every_worker_ends_with_the_jobs_verdict(runs):
    for status, out, err in runs["results"]:
        assert status == 0, out[-3000:] + err[-3000:]
        assert f"total           {PORTALS}/{PORTALS}" in out or f"{PORTALS}/{PORTALS}" in out
        assert "Verdict: ok" in out


def test_the_three_workers_shared_the_work(runs):
    own = [int(out.split("This worker fetched ")[1].split(" ")[0]) for _, out, _ in runs["results"]]
    assert all(n > 0 for n in own), own


def test_every_report_is_found_exactly_once(runs):
    reports = {m["url"] for m in runs["manifest"] if m["kind"] in REPORT_KINDS}
    assert reports - stored_urls(runs["workers"]) == set()
    unique = {m["url"] for m in runs["manifest"] if m["kind"] in REPORT_KINDS and not m.get("same_as")}
    # Two URLs of the world serve the same report (one report, two sources), as the single process finds.
    counts, single = runs["workers"].row_counts(), runs["single"].row_counts()
    assert (counts["reports"], counts["report_versions"]) == (single["reports"], single["report_versions"])
    assert counts["report_sources"] == len(unique)


def test_the_workers_store_what_a_single_process_stores(runs):
    keys = {r["report_key"] for r in runs["single"].latest_records()}
    assert {r["report_key"] for r in runs["workers"].latest_records()} == keys
    assert stored_urls(runs["workers"]) == stored_urls(runs["single"])


def test_no_url_is_fetched_twice(runs):
    assert fetches(runs["log"]) == fetches(runs["single_log"])


def test_nothing_is_left_queued_or_in_flight(runs):
    assert runs["queued"] == 0
    assert [k for k in runs["leftovers"] if ":processing:" in k] == []
