"""Progress of a crawl on stderr: portals, pages, reports, failures, rate, ETA.

On a terminal one line is redrawn every second; otherwise (cron, a pipe, a log collector) a plain
line is written every GOVCRAWL_PROGRESS_INTERVAL seconds. On when GOVCRAWL_PROGRESS is set
(`govcrawl harvest` sets it unless the log is on the console).

A portal counts as done once it has an outcome (a page fetched or a failure recorded) and none
of its requests is being downloaded; the ETA extrapolates the time per portal so far.
"""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from govcrawl.crawl.counters import portal_counts
from govcrawl.crawl.plan import plan_of


def eta_text(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(seconds)
    return (
        f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else f"{seconds // 60}m{seconds % 60:02d}s"
    )


def progress_line(done: int, total: int, pages: int, reports: int, failed: int, elapsed: float) -> str:
    rate = pages / elapsed * 60 if elapsed > 0 else 0.0
    eta = elapsed / done * (total - done) if done else None
    return (
        f"portals {done}/{total}  pages {pages}  reports {reports}  failures {failed}  "
        f"{rate:.0f} pages/min  ETA {eta_text(eta) if done < total else '0m00s'}"
    )


class Progress:
    def __init__(self, crawler, stream=None):
        self.crawler = crawler
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = 1.0 if self.tty else crawler.settings.getfloat("GOVCRAWL_PROGRESS_INTERVAL")
        self.started = time.monotonic()
        self.task = None
        self.width = 0

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVCRAWL_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.started = time.monotonic()
        self.task = create_looping_call(self.tick)
        self.task.start(self.interval, now=False)

    def line(self) -> str:
        table = portal_counts(self.crawler.stats.get_stats())
        plan = plan_of(self.crawler)
        total = len(plan.portal_ids) if plan else len(table)
        engine = self.crawler.engine
        busy = {r.meta.get("portal_id") for r in getattr(engine.downloader, "active", ())} if engine else set()
        done = sum(1 for p, row in table.items() if (row["pages"] or row["failed"]) and p not in busy)
        return progress_line(
            min(done, total),
            total,
            sum(r["pages"] for r in table.values()),
            sum(r["reports"] for r in table.values()),
            sum(r["failed"] for r in table.values()),
            time.monotonic() - self.started,
        )

    def tick(self):
        self.write(self.line())

    def write(self, text: str) -> None:
        try:
            if self.tty:
                self.stream.write("\r" + text.ljust(self.width))
                self.width = len(text)
            else:
                self.stream.write(text + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # a closed terminal must not stop the crawl
            pass

    def spider_closed(self, spider, reason):
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.tty:
            self.write(self.line())
            self.stream.write("\n")
