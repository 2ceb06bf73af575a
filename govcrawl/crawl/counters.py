"""Per-portal counters of a crawl, kept in Scrapy's stats as nested tables.

`govcrawl/portals` holds {portal_id: {counter: n}}, `govcrawl/failed_by` holds
{portal_id: {stage: n}} and `govcrawl/causes` holds {portal_id: {cause: n}} (the cause in words,
govcrawl.crawl.causes): every producer counts through `PortalCounters`, and the summary, the
verdict and the crawl report read the same tables back, with no key strings to parse.

`reports` = new + changed + unchanged + linked (+ reports the contract check refused);
`no_tool` counts pages lost to a tool that is not installed (Chromium, a .doc converter).
"""

from __future__ import annotations

from collections import Counter

from govcrawl.crawl.causes import TOOL_CAUSES

COUNTERS = ("pages", "reports", "new", "changed", "unchanged", "linked", "failed", "blocked", "no_tool")
PORTALS_KEY = "govcrawl/portals"
FAILED_BY_KEY = "govcrawl/failed_by"
CAUSES_KEY = "govcrawl/causes"


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

    def failed(self, portal_id: str | None, stage: str, cause: str | None = None) -> None:
        """One failure of `stage` for the portal (also counted as `failed`, and under its cause)."""
        self.inc(portal_id, "failed")
        row = self._table(FAILED_BY_KEY).setdefault(str(portal_id), {})
        row[stage] = row.get(stage, 0) + 1
        self.cause(portal_id, cause or str(stage).replace("_", " "))

    def cause(self, portal_id: str | None, cause: str) -> None:
        """Count a cause; one of TOOL_CAUSES also counts the page as lost to a missing tool."""
        row = self._table(CAUSES_KEY).setdefault(str(portal_id), {})
        row[cause] = row.get(cause, 0) + 1
        if cause in TOOL_CAUSES:
            self.inc(portal_id, "no_tool")


def portal_counts(stats: dict) -> dict[str, dict[str, int]]:
    """{portal_id: {counter: n}} for every summary counter (0 when never counted), from a stats dict."""
    return {
        portal_id: {c: int(row.get(c, 0)) for c in COUNTERS}
        for portal_id, row in (stats.get(PORTALS_KEY) or {}).items()
    }


def failures_by_stage(stats: dict) -> dict[str, dict[str, int]]:
    return {portal_id: dict(row) for portal_id, row in (stats.get(FAILED_BY_KEY) or {}).items()}


def causes(stats: dict) -> dict[str, dict[str, int]]:
    return {portal_id: dict(row) for portal_id, row in (stats.get(CAUSES_KEY) or {}).items()}


def main_cause(row: dict[str, int] | None) -> str:
    """The most frequent cause (ties: alphabetical), or '' when there was none."""
    if not row:
        return ""
    return min(Counter(row).items(), key=lambda kv: (-kv[1], kv[0]))[0]
