"""PortalSummary: counts pages per portal and prints the per-portal table at the end of a crawl.

Counts live in govcrawl.crawl.counters' tables; the archive pipeline adds new/changed/unchanged/
failed there (and `blocked` for pages behind an anti-bot wall), and this extension reads them back
at close.
"""

from __future__ import annotations

import sys

from scrapy import signals

from govcrawl.crawl.counters import COUNTERS, PortalCounters, portal_counts
from govcrawl.crawl.plan import plan_of


def format_summary(table: dict[str, dict[str, int]]) -> str:
    width = max([len("portal")] + [len(p) for p in table])
    head = "portal".ljust(width) + "".join(c.rjust(11) for c in COUNTERS)
    lines = [head, "-" * len(head)]
    totals = dict.fromkeys(COUNTERS, 0)
    for portal_id in sorted(table):
        row = table[portal_id]
        lines.append(portal_id.ljust(width) + "".join(str(row[c]).rjust(11) for c in COUNTERS))
        for c in COUNTERS:
            totals[c] += row[c]
    lines.append("-" * len(head))
    lines.append("total".ljust(width) + "".join(str(totals[c]).rjust(11) for c in COUNTERS))
    return "\n".join(lines)


class PortalSummary:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.counters = PortalCounters(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def response_received(self, response, request, spider):
        # A page is fetched when the portal answered with content; error answers (a dead host's
        # 502, a WAF's 521) are failures, so a portal with none of these was never reached.
        portal_id = request.meta.get("portal_id")
        if portal_id and (response.status < 400):
            self.counters.inc(portal_id, "pages")

    def spider_closed(self, spider, reason):
        table = portal_counts(self.stats.get_stats())
        plan = plan_of(self.crawler)
        for portal_id in plan.portal_ids if plan else []:
            table.setdefault(portal_id, dict.fromkeys(COUNTERS, 0))
        text = format_summary(table)
        self.stats.set_value("govcrawl/summary", table)
        spider.logger.info("Per-portal summary (%s):\n%s", reason, text)
        if self.crawler.settings.getbool("GOVCRAWL_SUMMARY_STDOUT"):
            print(f"\nPer-portal summary ({reason}):\n{text}", file=sys.stdout, flush=True)
