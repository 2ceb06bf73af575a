"""Units of the crawl side of availability (issue 15): sightings, and the HTTP cache on errors."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError

from govcrawl.contract.items import ColumnFound, FetchFailure
from govcrawl.crawl.downloader.httpcache import NoStaleOnErrorCacheMiddleware
from govcrawl.crawl.sightings import Sightings


def failure(url, stage, status=None):
    return FetchFailure(url=url, portal_id="p", stage=stage, reason="r", http_status=status, at="2026-01-01T00:00:00")


def test_a_network_error_is_not_answered_with_the_cached_copy(tmp_path):
    crawler = get_crawler(settings_dict={"HTTPCACHE_ENABLED": True, "HTTPCACHE_DIR": str(tmp_path)})
    mw = NoStaleOnErrorCacheMiddleware.from_crawler(crawler)
    request = Request("http://example.gov.cn/a.html")
    request.meta["cached_response"] = HtmlResponse(request.url, body=b"<html>old</html>", request=request)
    assert (mw.process_exception(request, ConnectionRefusedError()), "cached_response" in request.meta) == (None, False)


def test_a_url_keeps_its_most_telling_state():
    s = Sightings()
    s.watched |= {"u1", "u2", "u3"}  # archived report URLs
    for item in (failure("u1", "download"), failure("u1", "http", 404), failure("u1", "download")):
        s.saw_item(item)
    s.saw_item(failure("u2", "http", 502))
    s.saw_item(failure("u3", "parse"))  # answered, not read: says nothing about availability
    assert ({u: x.state for u, x in s.by_url.items()}) == {"u1": "gone", "u2": "not_reached"}


def test_a_404_keeps_the_warc_record_of_its_answer():
    s = Sightings()
    s.watched.add("http://h/u1")
    request = Request("http://h/u1", meta={"warc_record_id": "<r>", "warc_file": "f.warc.gz", "warc_offset": 7})
    s.response_received(HtmlResponse("http://h/u1", status=404, request=request), request)
    s.saw_item(failure("http://h/u1", "http", 404))
    assert s.by_url["http://h/u1"].warc == {"warc_record_id": "<r>", "warc_file": "f.warc.gz", "warc_offset": 7}


def test_columns_are_noted():
    s = Sightings()
    s.saw_item(ColumnFound(portal_id="p", url="http://h/c/", status="stale: HTTP 404", reports_seen=0, at="t"))
    assert s.columns == {("p", "http://h/c/"): "stale: HTTP 404"}


def test_a_cut_list_means_no_report_of_the_portal_is_called_unlisted():
    s = Sightings()
    s.saw_item(failure("http://h/list_51.html", "trap"))
    assert s.lists_cut == {"p"}


def test_a_redirect_home_dropped_as_a_duplicate_is_a_soft_404():
    s = Sightings()
    s.watched.add("http://h/zwgk/a.html")
    s.request_dropped(Request("http://h/", meta={"redirect_urls": ["http://h/zwgk/a.html"], "portal_id": "p"}))
    s.request_dropped(Request("http://h/other.html", meta={"redirect_urls": ["http://h/zwgk/b.html"]}))
    assert {u: x.state for u, x in s.by_url.items()} == {"http://h/zwgk/a.html": "soft_404"}


def test_only_what_bears_on_an_archived_report_is_kept():
    # Memory follows the archive, not the crawl: a first crawl keeps no sightings at all.
    s = Sightings()
    s.archived_keys.add("k-archived")
    s.saw_item(failure("http://x/new-failure.html", "http", 404))
    s.note_listed("http://x/listed.html", "http://x/list/index.html")
    assert (s.by_url, s.listed) == ({}, {})
    s.watched.add("http://x/listed.html")
    s.note_listed("http://x/listed.html", "http://x/list/index.html")
    assert s.listed_at("http://x/listed.html") == "http://x/list/index.html"
