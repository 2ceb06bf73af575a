"""Per-host politeness holds across workers: three workers on one portal keep its delay and concurrency.

The simulator records when each answer starts and ends (every answer takes 0.4 s). With a global delay
of 0.25 s and a concurrency of 2 per host, no two fetches of the host start closer than 0.25 s (less a
small tolerance for the loopback) and never more than 2 are served at once, although each worker alone
would allow 8 at once (CONCURRENT_REQUESTS_PER_DOMAIN) and no delay.
"""

from __future__ import annotations

import json
import threading
import time

import pytest

from govsim import Simulator, generated_world
from tests.conftest import proxy_env, require_redis
from tests.crawl.distributed_support import delete_job, enqueue, finish, new_job, start_worker

pytestmark = pytest.mark.crawl

DELAY, CONCURRENCY, ANSWER_SECONDS, TOLERANCE = 0.25, 2, 0.4, 0.05


class Timed:
    """Wraps the world's respond(): (host, start, end) of every answer, in arrival order."""

    def __init__(self, world):
        self.respond = world.respond
        self.spans: list[tuple[str, float, float]] = []
        self.lock = threading.Lock()
        world.respond = self

    def __call__(self, req, *args, **kwargs):
        start = time.monotonic()
        time.sleep(ANSWER_SECONDS)
        resp = self.respond(req, *args, **kwargs)
        with self.lock:
            self.spans.append((req.host, start, time.monotonic()))
        return resp


@pytest.fixture(scope="module")
def spans(tmp_path_factory):
    client = require_redis()
    tmp = tmp_path_factory.mktemp("polite")
    job = new_job()
    world = generated_world(1, 30, seed=5, province="34")
    timed = Timed(world)
    try:
        with Simulator(world, slow_seconds=0) as sim:
            seeds = tmp / "seeds.json"
            seeds.write_text(json.dumps(sim.seeds(home_only=True), ensure_ascii=False), "utf-8")
            env = proxy_env(sim.proxy_url)
            archive = tmp / "archive.sqlite3"
            assert enqueue(job, seeds, archive, env).returncode == 0
            extra = (
                "-s",
                f"GOVCRAWL_REDIS_DOMAIN_DELAY={DELAY}",
                "-s",
                f"GOVCRAWL_REDIS_DOMAIN_CONCURRENCY={CONCURRENCY}",
            )
            results = finish([start_worker(job, archive, env, *extra) for _ in range(3)])
    finally:
        delete_job(client, job)
    for status, out, err in results:
        assert status == 0, out[-2000:] + err[-2000:]
    return timed.spans


def test_the_workers_fetched_the_portal(spans):
    assert len(spans) >= 20


def test_no_two_fetches_of_a_host_closer_than_the_delay(spans):
    starts = sorted(start for _, start, _ in spans)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= DELAY - TOLERANCE, sorted(gaps)[:5]


def test_concurrency_per_host_never_exceeds_the_setting(spans):
    events = sorted([(start, 1) for _, start, _ in spans] + [(end, -1) for _, _, end in spans])
    at_once = peak = 0
    for _, change in events:
        at_once += change
        peak = max(peak, at_once)
    assert peak <= CONCURRENCY
    # Answers take longer than the delay: the limit is reached, so the check above has teeth.
    assert peak == CONCURRENCY
