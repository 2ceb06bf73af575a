"""Crawl benchmark: govcrawl against a generated simulated world, beside `scrapy bench`.

    .venv/bin/python benchmarks/crawl.py [--portals 200] [--pages 5000] [--bench-seconds 10]
    .venv/bin/python benchmarks/crawl.py --province --portals 1000 --pages 5000

--province crawls a simulated province (every adapter, GBK, script-built lists rendered by
Chromium, attachment-only, blocked and dead portals) starting from home pages only.

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


def start_simulator(tmp: Path, portals: int, pages: int, province: bool):
    seeds, manifest = tmp / "seeds.json", tmp / "manifest.json"
    world = ["--world", "province", "--home-only"] if province else ["--world", "generated"]
    proc = subprocess.Popen(
        [
            PY,
            "-m",
            "govsim",
            *world,
            "--portals",
            str(portals),
            "--pages",
            str(pages),
            "--slow-seconds",
            "0.5",
            "--seeds-out",
            str(seeds),
            "--manifest-out",
            str(manifest),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    proxy = ca_file = None
    assert proc.stdout is not None  # stdout=PIPE
    for line in proc.stdout:
        if m := re.search(r"proxy: (http://\S+)", line):
            proxy = m.group(1)
        if m := re.search(r"GOVCRAWL_TLS_CA_FILE=…\): (\S+)", line):
            ca_file = m.group(1)
        if "export http_proxy" in line and not province:
            break
        if proxy and (ca_file or not province):
            break
    if not proxy:
        raise RuntimeError("simulator did not start")
    return proc, proxy, seeds, manifest, ca_file


def run_crawl(tmp: Path, proxy: str, seeds: Path, ca_file: str | None) -> tuple[dict, float, tuple[int, int]]:
    archive = tmp / "archive.sqlite3"
    env = dict(
        os.environ, http_proxy=proxy, HTTP_PROXY=proxy, https_proxy=proxy, HTTPS_PROXY=proxy, no_proxy="", NO_PROXY=""
    )
    cmd = [
        PY,
        "-m",
        "scrapy",
        "crawl",
        "annual_reports",
        "-a",
        f"seeds={seeds}",
        "-s",
        f"GOVCRAWL_ARCHIVE={archive}",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "CONCURRENT_REQUESTS=64",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s",
        "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
        "-s",
        "GOVCRAWL_SUMMARY_STDOUT=False",
        "-s",
        "LOG_LEVEL=INFO",
        *(["-s", f"GOVCRAWL_TLS_CA_FILE={ca_file}"] if ca_file else []),
    ]
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


def is_browser(process: psutil.Process) -> bool:
    """Chromium's processes (browser, renderers, utility helpers named after their --type) and
    playwright's node driver."""
    try:
        cmdline = process.cmdline()
        head = " ".join(cmdline[:2]).lower()
        return (
            "chrom" in process.name().lower()
            or "chrom" in head
            or "playwright" in head
            or any(arg.startswith("--type=") for arg in cmdline)
        )
    except psutil.Error:
        return False


def peak_tree_rss(proc: subprocess.Popen) -> tuple[int, int]:
    """Wait for `proc`; return the peaks of the summed RSS (bytes) of the crawler (the crawl process
    and its parse workers) and, apart, of the browser it started for script-built pages."""
    root, peak, peak_browser = psutil.Process(proc.pid), 0, 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            browser = [p for p in tree if is_browser(p)]
            crawler = [p for p in tree if p not in browser]
            peak = max(peak, sum(p.memory_info().rss for p in crawler if p.is_running()))
            peak_browser = max(peak_browser, sum(p.memory_info().rss for p in browser if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    return peak, peak_browser


def run_scrapy_bench(seconds: int) -> float:
    """pages/s of `scrapy bench` (plain Scrapy, outside the project) on this machine."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    with tempfile.TemporaryDirectory() as outside:
        proc = subprocess.run(
            [PY, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"],
            cwd=outside,
            env=env,
            capture_output=True,
            text=True,
        )
    stats = final_stats(proc.stderr)
    return stats["response_received_count"] / stats["elapsed_time_seconds"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--portals", type=int, default=200)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--bench-seconds", type=int, default=10)
    ap.add_argument("--province", action="store_true", help="a simulated province, from home pages only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        sim, proxy, seeds, manifest_path, ca_file = start_simulator(tmp, args.portals, args.pages, args.province)
        try:
            stats, wall, peak = run_crawl(tmp, proxy, seeds, ca_file)
        finally:
            sim.terminate()
            sim.wait()
        manifest = json.loads(manifest_path.read_text("utf-8"))
    # A report listed twice (page and PDF, `same_as`) is present once, under either URL.
    present = {m["url"] for m in manifest if m["kind"] in ("report", "flaky_500", "slow") and not m.get("same_as")}
    found = len(present & stats["stored_urls"])
    pages = stats["response_received_count"]
    pages_per_s = pages / stats["elapsed_time_seconds"]
    bench = run_scrapy_bench(args.bench_seconds)
    print(
        f"world: {'province from home pages, ' if args.province else ''}{args.portals} portals, {len(manifest)} detail URLs, {len(present)} reports present"
    )
    print(f"crawl: {pages} responses in {stats['elapsed_time_seconds']:.1f} s (wall {wall:.1f} s)")
    print(f"pages/s: {pages_per_s:.1f}")
    print(f"peak RSS (crawl process + parse workers): {peak[0] / 2**20:.0f} MB  (target < 300 MB)")
    if peak[1]:
        print(f"peak RSS of Chromium (script-built portals only): {peak[1] / 2**20:.0f} MB")
    print(f"reports found / present: {found} / {len(present)} ({100 * found / max(1, len(present)):.1f} %)")
    print(f"scrapy bench pages/s: {bench:.1f}")
    print(f"ratio to scrapy bench: {pages_per_s / bench:.2f}  (target >= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
