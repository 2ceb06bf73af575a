"""Per-portal counters of a crawl, kept in Scrapy's stats as two nested tables.

`govcrawl/portals` holds {portal_id: {counter: n}} and `govcrawl/failed_by` holds
{portal_id: {stage: n}}: every producer counts through `PortalCounters`, and the summary and the
crawl report read the same tables back, with no key strings to parse.
"""

from __future__ import annotations

COUNTERS = ("pages", "reports", "new", "changed", "unchanged", "failed", "blocked")
PORTALS_KEY = "govcrawl/portals"
FAILED_BY_KEY = "govcrawl/failed_by"


class PortalCounters:
    def __init__(self, crawler):
        self.crawler = crawler  # its stats exist only once the crawl starts

    @property
    def stats(self):
        return self.crawler.stats

    def _table(self, key: str) -> dict[str, dict[str, int]]:
        table = self.stats.get_value(key)
        if table is None:
            table = {}
            self.stats.set_value(key, table)
        return table

    def inc(self, portal_id: str | None, counter: str, count: int = 1) -> None:
        row = self._table(PORTALS_KEY).setdefault(str(portal_id), {})
        row[counter] = row.get(counter, 0) + count

    def failed(self, portal_id: str | None, stage: str) -> None:
        """One failure of `stage` for the portal (also counted as `failed`)."""
        self.inc(portal_id, "failed")
        row = self._table(FAILED_BY_KEY).setdefault(str(portal_id), {})
        row[stage] = row.get(stage, 0) + 1


def portal_counts(stats: dict) -> dict[str, dict[str, int]]:
    """{portal_id: {counter: n}} for every summary counter (0 when never counted), from a stats dict."""
    return {
        portal_id: {c: int(row.get(c, 0)) for c in COUNTERS}
        for portal_id, row in (stats.get(PORTALS_KEY) or {}).items()
    }


def failures_by_stage(stats: dict) -> dict[str, dict[str, int]]:
    return {portal_id: dict(row) for portal_id, row in (stats.get(FAILED_BY_KEY) or {}).items()}
