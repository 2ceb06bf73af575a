"""The HTTP cache on a full or read-only disk: the page goes on uncached, no half-written entry
stays behind, and the crawl is told to stop (govcrawl.crawl.storage)."""

from pathlib import Path

from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from govcrawl.crawl.downloader.cachestore import CheckedFilesystemCacheStorage
from govcrawl.crawl.storage import STATS_KEY


def test_a_cache_write_that_fails_stops_the_crawl_and_leaves_no_half_entry(tmp_path, monkeypatch):
    crawler = get_crawler(Spider, {"HTTPCACHE_DIR": str(tmp_path / "httpcache")})
    spider = Spider.from_crawler(crawler, name="annual_reports")
    storage = CheckedFilesystemCacheStorage(crawler.settings)
    storage.open_spider(spider)
    request = Request("http://www.example.gov.cn/a.html")
    response = HtmlResponse(request.url, body=b"<html>x</html>", request=request)
    real_open = storage._open

    def full_disk(path, mode="rb"):
        if Path(path).name == "response_body":
            raise OSError(28, "No space left on device")
        return real_open(path, mode)

    monkeypatch.setattr(storage, "_open", full_disk)
    storage.store_response(spider, request, response)  # no exception: the page goes on
    assert not Path(storage._get_request_path(spider, request)).exists()
    assert crawler.stats.get_value(STATS_KEY).endswith("No space left on device")
