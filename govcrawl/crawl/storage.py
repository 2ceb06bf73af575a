"""Stopping a crawl whose storage failed (archive or WARC folder: disk full, read-only, I/O error).

`stop_for_storage(crawler, why)` is called once per cause by whoever met the failure (the archive
pipeline, the WARC middleware). The first call keeps `why` in the stats (`govcrawl/storage_error`),
writes one log line without a traceback and closes the spider with finish reason
`storage_failed`: Scrapy stops scheduling, lets in-flight items finish (whatever can still be
stored is stored) and closes. The verdict says `interrupted: … storage failed: <why>`, the run is
recorded when the archive can still take it, and `govcrawl harvest` exits with EXIT_STORAGE.
"""

from __future__ import annotations

import logging

from scrapy.utils.defer import deferred_from_coro

STATS_KEY = "govcrawl/storage_error"
REASON = "storage_failed"
logger = logging.getLogger("govcrawl.storage")


def storage_error(crawler) -> str | None:
    stats = getattr(crawler, "stats", None)
    return stats.get_value(STATS_KEY) if stats is not None else None


def stop_for_storage(crawler, why: str) -> None:
    """Record why storage failed (first cause only) and close the spider with reason storage_failed."""
    if storage_error(crawler):
        return
    crawler.stats.set_value(STATS_KEY, why)
    # WARNING, not ERROR: `govcrawl harvest` prints the one error line itself at the end.
    logger.warning("storage failed: %s; stopping the crawl (in-flight items are still stored if they can be)", why)
    try:
        engine = crawler.engine
    except RuntimeError:  # not crawling yet (the engine is set when the crawl starts)
        engine = None
    if engine is None or engine.spider is None:
        return
    d = deferred_from_coro(engine.close_spider_async(reason=REASON))
    if d is not None:
        d.addErrback(lambda f: logger.warning("closing after a storage failure: %s", f.getErrorMessage()))
