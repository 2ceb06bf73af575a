"""Crawl benchmark: govcrawl against a generated simulated world, beside `scrapy bench`.

    .venv/bin/python benchmarks/crawl.py [--portals 200] [--pages 5000] [--bench-seconds 10]

Starts the simulator (its own process) with a generated world, runs `scrapy crawl annual_reports`
over it with politeness delays off (robots.txt still obeyed), then runs `scrapy bench` on the same
machine. Prints pages/s, peak RSS of the crawl process, reports found / present, and the ratio
of pages/s to scrapy bench. Targets: ratio >= 0.5, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import threading
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable


def final_stats(log: str) -> dict:
    """The stats dict Scrapy dumps at the end of a crawl."""
    m = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n(\d{4}-|\Z)", log, re.S)
    if not m:
        raise RuntimeError("no stats in the crawl log:\n" + log[-3000:])
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", m.group(1))
    return ast.literal_eval(text)


def start_simulator(tmp: Path, portals: int, pages: int):
    seeds, manifest = tmp / "seeds.json", tmp / "manifest.json"
    proc = subprocess.Popen([PY, "-m", "govcrawl.simulator", "--world", "generated", "--portals", str(portals),
                             "--pages", str(pages), "--slow-seconds", "0.5", "--seeds-out", str(seeds),
                             "--manifest-out", str(manifest)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if m := re.search(r"proxy: (http://\S+)", line):
            return proc, m.group(1), seeds, manifest
    raise RuntimeError("simulator did not start")


def run_crawl(tmp: Path, proxy: str, seeds: Path) -> tuple[dict, float, int]:
    archive = tmp / "archive.sqlite3"
    env = dict(os.environ, http_proxy=proxy, HTTP_PROXY=proxy, no_proxy="", NO_PROXY="")
    cmd = [PY, "-m", "scrapy", "crawl", "annual_reports", "-a", f"seeds={seeds}",
           "-s", f"GOVCRAWL_ARCHIVE={archive}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
           "-s", "CONCURRENT_REQUESTS=64", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
           "-s", "GOVCRAWL_RETRY_BACKOFF_BASE=0.1", "-s", "GOVCRAWL_SUMMARY_STDOUT=False", "-s", "LOG_LEVEL=INFO"]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
        peak = peak_tree_rss(proc)
        wall = time.perf_counter() - started
        log.seek(0)
        stderr = log.read()
    if proc.returncode:
        raise RuntimeError(stderr[-3000:])
    stats = final_stats(stderr)
    with sqlite3.connect(archive) as db:
        stats["reports_stored"] = db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        stored_urls = {r[0] for r in db.execute("SELECT url FROM report_sources")}
    stats["stored_urls"] = stored_urls
    return stats, wall, peak


def peak_tree_rss(proc: subprocess.Popen) -> int:
    """Wait for `proc`; return the peak of the summed RSS of it and its children (parse workers), bytes."""
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    return peak


def run_scrapy_bench(seconds: int) -> float:
    """pages/s of `scrapy bench` (plain Scrapy, outside the project) on this machine."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    with tempfile.TemporaryDirectory() as outside:
        proc = subprocess.run([PY, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"],
                              cwd=outside, env=env, capture_output=True, text=True)
    stats = final_stats(proc.stderr)
    return stats["response_received_count"] / stats["elapsed_time_seconds"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--portals", type=int, default=200)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--bench-seconds", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        sim, proxy, seeds, manifest_path = start_simulator(tmp, args.portals, args.pages)
        try:
            stats, wall, peak = run_crawl(tmp, proxy, seeds)
        finally:
            sim.terminate()
            sim.wait()
        manifest = json.loads(manifest_path.read_text("utf-8"))
    present = {m["url"] for m in manifest if m["kind"] in ("report", "flaky_500", "slow")}
    found = len(present & stats["stored_urls"])
    pages = stats["response_received_count"]
    pages_per_s = pages / stats["elapsed_time_seconds"]
    bench = run_scrapy_bench(args.bench_seconds)
    print(f"world: {args.portals} portals, {len(manifest)} detail URLs, {len(present)} reports present")
    print(f"crawl: {pages} responses in {stats['elapsed_time_seconds']:.1f} s (wall {wall:.1f} s)")
    print(f"pages/s: {pages_per_s:.1f}")
    print(f"peak RSS (crawl process + parse workers): {peak / 2**20:.0f} MB  (target < 300 MB)")
    print(f"reports found / present: {found} / {len(present)} ({100 * found / max(1, len(present)):.1f} %)")
    print(f"scrapy bench pages/s: {bench:.1f}")
    print(f"ratio to scrapy bench: {pages_per_s / bench:.2f}  (target >= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
