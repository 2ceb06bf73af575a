"""Crawl benchmark: govcrawl against a generated simulated world, beside `scrapy bench`.

    .venv/bin/python benchmarks/crawl.py [--portals 200] [--pages 5000] [--bench-seconds 10]
    .venv/bin/python benchmarks/crawl.py --province --portals 1000 --pages 5000

--province crawls a simulated province (every adapter, GBK, script-built lists rendered by
Chromium, attachment-only, blocked and dead portals) starting from home pages only.

Starts the simulator (its own process) with a generated world, runs `scrapy crawl annual_reports`
over it with politeness delays off (robots.txt still obeyed), then runs `scrapy bench` on the same
machine. Prints pages/s, peak RSS of the crawl process and of its parse workers (summed; Chromium,
started only for script-built pages, apart), reports found / present, and the ratio of pages/s
to scrapy bench. Targets: ratio >= 0.5, peak RSS < 300 MB.

    .venv/bin/python benchmarks/crawl.py --portals 1000 --pages 100000 --bench-seconds 0

crawls with a JOBDIR (Scrapy's disk request queues; on by default from 50,000 pages) and prints
the crawl process RSS every 10,000 pages (`--every`) and its growth per 10,000 pages (least
squares, start-up sample left out). Target: < 5 MB per 10,000 pages.
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
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
# Politeness delays off against the loopback simulator (robots.txt still obeyed); also used by
# benchmarks/distributed.py, so both time the same crawl.
FAST_CRAWL = [
    *("-s", "DOWNLOAD_DELAY=0"),
    *("-s", "AUTOTHROTTLE_ENABLED=False"),
    *("-s", "CONCURRENT_REQUESTS=64"),
    *("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"),
    *("-s", "GOVCRAWL_RETRY_BACKOFF_BASE=0.1"),
    *("-s", "LOG_LEVEL=INFO"),
]


def final_stats(log: str) -> dict:
    """The stats Scrapy dumps at the end of a crawl. The dump can be cut by another log line written
    at the same moment (the verdict), so the figures used here are also read one by one."""
    start = log.rfind("Dumping Scrapy stats:")
    if start < 0:
        raise RuntimeError("no stats in the crawl log:\n" + log[-3000:])
    m = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n(\d{4}-|\Z)", log[start:], re.S)
    if m:
        text = re.sub(r"datetime\.datetime\([^)]*\)", "None", m.group(1))
        text = re.sub(r"<[\w.]+: ('[^']*'|\d+)>", r"\1", text)  # enum members, e.g. <Stage.HTTP: 'http'>
        try:
            return ast.literal_eval(text)
        except (SyntaxError, ValueError):
            pass
    stats: dict = {}
    for key in ("response_received_count", "elapsed_time_seconds", "finish_reason"):
        if found := re.search(rf"'{key}': ('[^']*'|[\d.]+)", log[start:]):
            stats[key] = ast.literal_eval(found.group(1))
    if "response_received_count" not in stats:
        raise RuntimeError("no stats in the crawl log:\n" + log[-3000:])
    return stats


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


def run_crawl(
    tmp: Path, proxy: str, seeds: Path, ca_file: str | None, *, disk_queue: bool, every: int
) -> tuple[dict, float, dict, list[tuple[int, int]]]:
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
        *FAST_CRAWL,
        "-s",
        "GOVCRAWL_SUMMARY_STDOUT=False",
        "-s",
        "LOGSTATS_INTERVAL=5",  # the page count the RSS samples are taken at
        *(["-s", f"JOBDIR={tmp / 'job'}"] if disk_queue else []),  # JOBDIR: Scrapy's disk queues
        *(["-s", f"GOVCRAWL_TLS_CA_FILE={ca_file}"] if ca_file else []),
    ]
    started = time.perf_counter()
    # The log goes to a file, not a pipe: a pipe the reader drains too slowly would make the
    # crawl's writes fail (its stderr is non-blocking) and cut the final stats dump.
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
        monitor = RssMonitor(proc)
        reader = threading.Thread(target=monitor.follow_log, args=(log.name, every), daemon=True)
        reader.start()
        monitor.watch()
        reader.join()
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
    return stats, wall, monitor.peaks, monitor.samples


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


class RssMonitor:
    """Peaks of the RSS (bytes) of the crawl process, of its parse workers (summed), of both, and
    apart of the browser it started for script-built pages; plus (pages, crawl process RSS) each
    time the crawled page count passes a multiple of `every`."""

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self.root = psutil.Process(proc.pid)
        self.peaks = {"crawl": 0, "workers": 0, "total": 0, "browser": 0}
        self.current = {"crawl": 0, "workers": 0}
        self.samples: list[tuple[int, int]] = []

    def watch(self) -> None:
        while self.proc.poll() is None:
            try:
                tree = self.root.children(recursive=True)
                browser = [p for p in tree if is_browser(p)]
                workers = [p for p in tree if p not in browser]
                crawl = self.root.memory_info().rss
                worker_rss = sum(p.memory_info().rss for p in workers if p.is_running())
                browser_rss = sum(p.memory_info().rss for p in browser if p.is_running())
            except psutil.Error:
                time.sleep(0.2)
                continue
            self.current = {"crawl": crawl, "workers": worker_rss}
            for key, value in (
                ("crawl", crawl),
                ("workers", worker_rss),
                ("total", crawl + worker_rss),
                ("browser", browser_rss),
            ):
                self.peaks[key] = max(self.peaks[key], value)
            time.sleep(0.2)

    def follow_log(self, path: str, every: int) -> None:
        """Follow the crawl's log file, sampling RSS when LogStats passes each `every` pages."""
        next_mark = every
        with open(path, encoding="utf-8", errors="replace") as log:
            while True:
                line = log.readline()
                if not line:
                    if self.proc.poll() is not None:
                        return
                    time.sleep(0.5)
                    continue
                m = re.search(r"Crawled (\d+) pages", line)
                if m and int(m.group(1)) >= next_mark:
                    pages = int(m.group(1))
                    self.samples.append((pages, self.current["crawl"]))
                    print(f"  {pages:>8,} pages  crawl process RSS {self.current['crawl'] / 2**20:7.1f} MB", flush=True)
                    while next_mark <= pages:
                        next_mark += every


def growth_per(samples: list[tuple[int, int]], every: int) -> float | None:
    """Least-squares slope of crawl-process RSS over pages, in bytes per `every` pages, from the
    second sample on (the first holds the start-up: imports, pools, the registry)."""
    points = samples[1:]
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    if not var:
        return None
    return every * sum((x - mean_x) * (y - mean_y) for x, y in points) / var


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
    ap.add_argument("--bench-seconds", type=int, default=10, help="0: do not run scrapy bench")
    ap.add_argument("--province", action="store_true", help="a simulated province, from home pages only")
    ap.add_argument(
        "--disk-queue",
        action="store_true",
        help="crawl with a JOBDIR (Scrapy's disk request queues); on by default from 50,000 pages",
    )
    ap.add_argument("--every", type=int, default=10_000, help="print the crawl process RSS every N pages")
    args = ap.parse_args()
    disk_queue = args.disk_queue or args.pages >= 50_000
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        sim, proxy, seeds, manifest_path, ca_file = start_simulator(tmp, args.portals, args.pages, args.province)
        try:
            stats, wall, peaks, samples = run_crawl(tmp, proxy, seeds, ca_file, disk_queue=disk_queue, every=args.every)
        finally:
            sim.terminate()
            sim.wait()
        manifest = json.loads(manifest_path.read_text("utf-8"))
    # A report listed twice (page and PDF, `same_as`) is present once, under either URL.
    present = {m["url"] for m in manifest if m["kind"] in ("report", "flaky_500", "slow") and not m.get("same_as")}
    found = len(present & stats["stored_urls"])
    pages = stats["response_received_count"]
    pages_per_s = pages / stats["elapsed_time_seconds"]
    mb = 2**20
    print(
        f"world: {'province from home pages, ' if args.province else ''}{args.portals} portals, {len(manifest)} detail URLs, {len(present)} reports present"
    )
    print(
        f"crawl: {pages} responses in {stats['elapsed_time_seconds']:.1f} s (wall {wall:.1f} s)"
        f"{', disk queues (JOBDIR)' if disk_queue else ''}"
    )
    print(f"pages/s: {pages_per_s:.1f}")
    print(f"peak RSS of the crawl process: {peaks['crawl'] / mb:.0f} MB")
    print(f"peak RSS of the parse workers (summed): {peaks['workers'] / mb:.0f} MB")
    print(f"peak RSS (crawl process + parse workers, at one instant): {peaks['total'] / mb:.0f} MB  (target < 300 MB)")
    if peaks["browser"]:
        print(f"peak RSS of Chromium (script-built portals only, not counted above): {peaks['browser'] / mb:.0f} MB")
    if samples:
        print(f"crawl process RSS every {args.every:,} pages:")
        for at, rss in samples:
            print(f"  {at:>8,} pages  {rss / mb:7.1f} MB")
        slope = growth_per(samples, args.every)
        if slope is not None:
            print(f"RSS growth per {args.every:,} pages: {slope / mb:+.2f} MB  (target < 5 MB per 10,000)")
    print(f"reports found / present: {found} / {len(present)} ({100 * found / max(1, len(present)):.1f} %)")
    if args.bench_seconds:
        bench = run_scrapy_bench(args.bench_seconds)
        print(f"scrapy bench pages/s: {bench:.1f}")
        print(f"ratio to scrapy bench: {pages_per_s / bench:.2f}  (target >= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
