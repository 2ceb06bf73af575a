"""HeapTrim (an extension): keeps the crawl process's heap from holding on to freed memory.

At crawler start it caps glibc's malloc arenas (`GOVCRAWL_MALLOC_ARENA_MAX`, before the
reactor's thread pool and the archive writer start their threads), and every
`GOVCRAWL_MALLOC_TRIM_INTERVAL` seconds it hands free heap pages back to the system
(govcrawl/process/heap.py says why; 0 turns either off).
"""

from __future__ import annotations

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

from govcrawl.process import heap


class HeapTrim:
    def __init__(self, crawler):
        settings = crawler.settings
        heap.limit_arenas(settings.getint("GOVCRAWL_MALLOC_ARENA_MAX"))
        self.interval = settings.getfloat("GOVCRAWL_MALLOC_TRIM_INTERVAL")
        self.task = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        if self.interval > 0:
            self.task = create_looping_call(heap.trim)
            self.task.start(self.interval, now=False)

    def spider_closed(self, spider, reason):
        if self.task is not None and self.task.running:
            self.task.stop()
