"""Distributed benchmark: pages/s of 1, 2 and 3 Redis workers beside one plain process, on the same world.

    .venv/bin/python benchmarks/distributed.py [--portals 100] [--pages 1500] [--workers 1 2 3]
        [--redis redis://127.0.0.1:6379/0]

Starts the simulator (its own process) with a generated world, crawls it once with one plain
`scrapy crawl annual_reports` process (no Redis), then for each worker count enqueues the same
seeds under a fresh job and starts that many `govcrawl worker` processes on one archive. Politeness
delays are off (robots.txt obeyed), CONCURRENT_REQUESTS=64 and 8 per host everywhere. pages/s =
responses received (summed over the workers' Scrapy stats; each worker reads robots.txt for itself,
so N workers receive up to N-1 more answers per host) / wall time from the first process started to
the last one exited (a worker's --idle-exit of 1 s included). Prints each figure, its ratio to the
plain process, and the speed-up on the same work (the plain process's wall time / this wall time). Every worker and the simulator share this machine's cores: the
ratios say what N workers cost or gain here, not on N machines.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl import FAST_CRAWL, start_simulator  # noqa: E402  (benchmarks/crawl.py)

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
COMMON = FAST_CRAWL


def responses(log: str) -> int:
    """response_received_count from the stats Scrapy dumps at the end of a crawl log."""
    found = re.findall(r"'response_received_count': (\d+)", log)
    if not found:
        raise RuntimeError("no stats in the crawl log:\n" + log[-3000:])
    return int(found[-1])


def proxy_env(proxy: str) -> dict:
    return dict(os.environ, http_proxy=proxy, HTTP_PROXY=proxy, https_proxy=proxy, HTTPS_PROXY=proxy, no_proxy="")


def plain(tmp: Path, proxy: str, seeds: Path) -> tuple[int, float]:
    cmd = [PY, "-m", "scrapy", "crawl", "annual_reports", "-a", f"seeds={seeds}", "-s", f"GOVCRAWL_ARCHIVE={tmp}/a.db"]
    cmd += [*COMMON, "-s", "GOVCRAWL_SUMMARY_STDOUT=False"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=proxy_env(proxy), capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    return responses(proc.stderr), wall


def workers(tmp: Path, proxy: str, seeds: Path, redis_url: str, count: int) -> tuple[int, float]:
    job = f"bench-{uuid.uuid4().hex[:8]}"
    env = proxy_env(proxy)
    archive = tmp / "archive.sqlite3"
    redis = ["--redis", redis_url, "--job", job]
    try:
        subprocess.run(
            [PY, "-m", "govcrawl", "enqueue", "--seeds", str(seeds), "--archive", str(archive), *redis],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )
        cmd = [PY, "-m", "govcrawl", "worker", *redis, "--archive", str(archive), "--idle-exit", "1", *COMMON]
        started = time.perf_counter()
        procs = [
            subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(count)
        ]
        for proc in procs:
            _, err = proc.communicate()
            if proc.returncode:
                raise RuntimeError(err.decode()[-3000:])
        wall = time.perf_counter() - started
    finally:
        import redis as redis_py

        client = redis_py.Redis.from_url(redis_url)
        names = list(client.scan_iter(match=f"govcrawl:{job}:*"))
        if names:
            client.delete(*names)
    pages = sum(responses(log.read_text("utf-8")) for log in (tmp / "logs").glob("*.log"))
    return pages, wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--portals", type=int, default=100)
    ap.add_argument("--pages", type=int, default=1500)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sim, proxy, seeds, _, _ = start_simulator(tmp, args.portals, args.pages, province=False)
        try:
            print(f"world: generated, {args.portals} portals, {args.pages} detail pages; {os.cpu_count()} CPU(s)")
            (tmp / "plain").mkdir()
            pages, plain_wall = plain(tmp / "plain", proxy, seeds)
            base = pages / plain_wall
            wall = plain_wall
            print(
                f"plain process (no Redis): {pages} pages in {wall:.1f} s = {base:.1f} pages/s (ratio 1.00)", flush=True
            )
            for count in args.workers:
                run = tmp / f"workers-{count}"
                run.mkdir()
                pages, wall = workers(run, proxy, seeds, args.redis, count)
                rate = pages / wall
                print(
                    f"{count} worker(s) on Redis: {pages} pages in {wall:.1f} s = {rate:.1f} pages/s "
                    f"(ratio {rate / base:.2f}; the world done {plain_wall / wall:.2f}x as fast)",
                    flush=True,
                )
        finally:
            sim.terminate()
            sim.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
