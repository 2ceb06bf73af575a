"""The HTTP cache's storage, with a full or read-only disk handled like the archive's.

Scrapy's FilesystemCacheStorage raises OSError from `store_response` when the disk is full (or
the cache folder read-only); the middleware would turn that into a failed download of a page that
was in fact fetched. Here the half-written entry is removed, the page goes on uncached and the crawl stops (govcrawl.crawl.storage):
finish reason `storage_failed`, exit status 5.
"""

from __future__ import annotations

import shutil

from scrapy.extensions.httpcache import FilesystemCacheStorage

from govcrawl.crawl.downloader.httpcache import AtomicFilesystemCacheStorage
from govcrawl.crawl.storage import stop_for_storage

# Private parts of Scrapy this module relies on; tests/test_private_apis.py fails if one disappears.
PRIVATE_APIS = ((FilesystemCacheStorage, "_get_request_path"),)


class CheckedFilesystemCacheStorage(AtomicFilesystemCacheStorage):
    """The atomic, checked cache (govcrawl.crawl.downloader.httpcache) that also stops the crawl on a full disk."""

    def open_spider(self, spider) -> None:
        super().open_spider(spider)
        self._crawler = spider.crawler

    def store_response(self, spider, request, response) -> None:
        try:
            super().store_response(spider, request, response)
        except OSError as exc:
            # A half-written entry would be read back as a broken cached page: drop it.
            shutil.rmtree(self._get_request_path(spider, request), ignore_errors=True)
            stop_for_storage(self._crawler, f"HTTP cache {self.cachedir}: {exc.strerror or exc}")
