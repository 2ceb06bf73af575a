"""PortalSummary: counts pages per portal, prints the per-portal table at the end of a crawl and
logs the crawl's verdict as the very last line of the log.

Counts live in govcrawl.crawl.counters' tables; the archive pipeline adds new/changed/unchanged/
linked/failed there (and `blocked` for pages behind an anti-bot wall), and this extension reads
them back at close. Each row says whether the portal was reached and the main cause of its
failures in words (govcrawl.crawl.causes).
"""

from __future__ import annotations

import logging
import sys

from scrapy import signals

from govcrawl.crawl.counters import COUNTERS, PortalCounters, causes, main_cause
from govcrawl.crawl.verdict import OK, crawl_verdict, summary_table

logger = logging.getLogger("govcrawl.verdict")

SUMMARY_KEY = "govcrawl/summary"  # {portal_id: {counter: n, "main_cause": str}}


def format_summary(table: dict[str, dict]) -> str:
    """The table with a `reached` column and the main failure cause; a total row that adds up."""
    width = max([len("portal")] + [len(p) for p in table])
    head = "portal".ljust(width) + "reached".rjust(9) + "".join(c.rjust(10) for c in COUNTERS) + "  main failure cause"
    lines = [head, "-" * len(head)]
    totals = dict.fromkeys(COUNTERS, 0)
    for portal_id in sorted(table):
        row = table[portal_id]
        reached = "yes" if row.get("pages") else "NO"
        cells = "".join(str(row.get(c, 0)).rjust(10) for c in COUNTERS)
        lines.append(portal_id.ljust(width) + reached.rjust(9) + cells + "  " + (row.get("main_cause") or ""))
        for c in COUNTERS:
            totals[c] += row.get(c, 0)
    lines.append("-" * len(head))
    reached_total = f"{sum(1 for r in table.values() if r.get('pages'))}/{len(table)}"
    lines.append("total".ljust(width) + reached_total.rjust(9) + "".join(str(totals[c]).rjust(10) for c in COUNTERS))
    return "\n".join(line.rstrip() for line in lines)


class PortalSummary:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.counters = PortalCounters(crawler)
        self.verdict = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def response_received(self, response, request, spider):
        # A page is fetched when the portal answered with content; error answers (a dead host's
        # 502, a WAF's 521) are failures, so a portal with none of these was never reached.
        portal_id = request.meta.get("portal_id")
        if portal_id and (response.status < 400):
            self.counters.inc(portal_id, "pages")

    def spider_closed(self, spider, reason):
        table: dict[str, dict] = dict(summary_table(self.crawler))
        by_cause = causes(self.stats.get_stats())
        for portal_id, row in table.items():
            row["main_cause"] = main_cause(by_cause.get(portal_id))
        text = format_summary(table)
        self.stats.set_value(SUMMARY_KEY, table)
        self.verdict = crawl_verdict(self.crawler, reason)
        spider.logger.info("Per-portal summary (%s):\n%s", reason, text)
        if self.crawler.settings.getbool("GOVCRAWL_SUMMARY_STDOUT"):
            print(f"\nPer-portal summary ({reason}):\n{text}", file=sys.stdout, flush=True)

    def engine_stopped(self):
        # After Scrapy's stats dump: the line a scrapyd operator (or `tail -1`) reads.
        if self.verdict is not None:
            level = logging.INFO if self.verdict.word == OK else logging.WARNING
            logger.log(level, "govcrawl verdict: %s", self.verdict.message)
