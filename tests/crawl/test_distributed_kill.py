"""A worker killed with SIGKILL mid-crawl loses nothing: the others take back what it held.

Every answer of the simulator takes 0.2 s, so each worker always holds requests in flight; one of three
workers is killed once a third of the crawl is done. Its heartbeat (2 s here) expires, a surviving
worker moves its processing hash back into the queue, and the job still stores every report of the
world's truth, each once.
"""

from __future__ import annotations

import json
import signal
import time

import pytest

from govcrawl.archive.store import Archive
from govsim import REPORT_KINDS, Simulator, generated_world
from tests.conftest import proxy_env, require_redis
from tests.crawl.distributed_support import delete_job, enqueue, finish, new_job, start_worker

pytestmark = pytest.mark.crawl

ANSWER_SECONDS = 0.2


def slowed(world):
    respond = world.respond

    def slow_respond(*args, **kwargs):
        time.sleep(ANSWER_SECONDS)  # a portal that takes its time: requests stay in flight
        return respond(*args, **kwargs)

    world.respond = slow_respond
    return world


@pytest.fixture(scope="module")
def killed(tmp_path_factory):
    client = require_redis()
    tmp = tmp_path_factory.mktemp("killed")
    job = new_job()
    archive = tmp / "archive.sqlite3"
    try:
        with Simulator(slowed(generated_world(60, 180, seed=3, province="34")), slow_seconds=0) as sim:
            seeds = tmp / "seeds.json"
            seeds.write_text(json.dumps(sim.seeds(home_only=True), ensure_ascii=False), "utf-8")
            env = proxy_env(sim.proxy_url)
            assert enqueue(job, seeds, archive, env).returncode == 0
            extra = ("-s", "GOVCRAWL_REDIS_DOMAIN_DELAY=0", "-s", "GOVCRAWL_REDIS_HEARTBEAT=2")
            workers = [start_worker(job, archive, env, *extra, idle_exit=4) for _ in range(3)]
            deadline = time.monotonic() + 90
            while len(sim.request_log) < 150 and time.monotonic() < deadline:
                time.sleep(0.1)
            # What the worker to be killed holds (its worker id is <host>-<pid>-<random>).
            mine = f"govcrawl:{job}:requests:processing:*-{workers[0].pid}-*"
            held = sum(client.hlen(k) for k in client.scan_iter(match=mine))
            workers[0].send_signal(signal.SIGKILL)
            results = finish(workers)
            manifest = sim.manifest()
        processing = list(client.scan_iter(match=f"govcrawl:{job}:requests:processing:*"))
        queued = client.zcard(f"govcrawl:{job}:requests")
    finally:
        delete_job(client, job)
    logs = "".join(p.read_text("utf-8", "replace") for p in (tmp / "logs").glob("*.log"))
    yield {
        "archive": Archive(archive),
        "manifest": manifest,
        "results": results,
        "held": held,
        "logs": logs,
        "processing": processing,
        "queued": queued,
    }


def test_the_killed_worker_held_requests(killed):
    assert killed["results"][0][0] == -signal.SIGKILL
    assert killed["held"] > 0


def test_a_survivor_put_its_requests_back(killed):
    assert "stopped answering" in killed["logs"] and "back in the queue" in killed["logs"]


def test_the_survivors_finish_the_job(killed):
    for status, out, err in killed["results"][1:]:
        assert status == 0, out[-3000:] + err[-3000:]
        assert "Verdict: ok" in out


def test_no_report_is_lost_or_stored_twice(killed):
    archive = killed["archive"]
    reports = {m["url"] for m in killed["manifest"] if m["kind"] in REPORT_KINDS}
    stored = {url for r in archive.latest_records() for url in archive.sources(r["report_key"])}
    assert reports - stored == set()
    counts = archive.row_counts()
    assert counts["report_versions"] == counts["reports"]
    unique = {m["url"] for m in killed["manifest"] if m["kind"] in REPORT_KINDS and not m.get("same_as")}
    assert counts["report_sources"] == len(unique)


def test_nothing_is_left_in_flight(killed):
    assert killed["processing"] == [] and killed["queued"] == 0


def test_the_archive_is_intact(killed):
    rows = killed["archive"].conn.execute("PRAGMA integrity_check").fetchall()
    assert rows == [("ok",)]
