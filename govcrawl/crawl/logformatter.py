"""Log dropped items by reason only: a dropped page's item holds its raw bytes."""

import logging

from scrapy import logformatter


class GovcrawlLogFormatter(logformatter.LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        return {"level": logging.INFO, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}

    def scraped(self, item, response, spider=None):
        entry = super().scraped(item, response, spider)
        if isinstance(item, dict) or not hasattr(item, "get"):
            return entry
        # Reports are long; name them instead of printing them.
        entry["msg"] = "Scraped from %(src)s: %(item)s"
        entry["args"] = {"src": response, "item": item.get("report_key") or item.get("url")}
        return entry
