"""Log dropped items by reason only (a dropped page's item holds its raw bytes), at the level the
pipeline chose: records kept elsewhere (a failure stored in `failures`, a column in
`portal_columns`) are not news and drop at DEBUG, so no "Dropped: … ok" line for normal items."""

import logging

from scrapy import logformatter


class GovcrawlLogFormatter(logformatter.LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        level = getattr(exception, "log_level", None) or "INFO"
        if isinstance(level, str):
            level = logging.getLevelName(level.upper())
        return {"level": level, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}

    def scraped(self, item, response, spider=None):
        entry = super().scraped(item, response, spider)
        if isinstance(item, dict) or not hasattr(item, "get"):
            return entry
        # Reports are long; name them instead of printing them.
        entry["msg"] = "Scraped from %(src)s: %(item)s"
        entry["args"] = {"src": response, "item": item.get("report_key") or item.get("url")}
        return entry
