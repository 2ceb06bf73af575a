"""WARC capture: request/response records, digests, rotation (no crawl; the real crawl read back
is in test_warc_crawl.py)."""

import gzip
import hashlib
import os
from types import SimpleNamespace

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from govcrawl.crawl.downloader.warc import (
    RotatingWarcWriter,
    WarcMiddleware,
    request_http_headers,
    response_http_headers,
    warc_provenance,
)
from govcrawl.crawl.plan import CrawlPlan, publish_plan

PAGE = "<html><body>惠州市应急管理局2021年政府信息公开工作年度报告</body></html>".encode()
URL = "http://www.example.gov.cn/art/2022/1/20/art_1_2.html"


def records(directory):
    """[(file name, record type, WARC headers, HTTP headers, decoded payload)] of every WARC file."""
    out = []
    for path in sorted(directory.glob("*.warc.gz")):
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f, check_digests="raise"):
                payload = rec.content_stream().read()
                out.append((path.name, rec.rec_type, rec.rec_headers, rec.http_headers, payload))
    return out


def middleware(tmp_path, max_bytes=10**9):
    crawler = get_crawler(
        settings_dict={"GOVCRAWL_WARC_DIR": str(tmp_path / "warc"), "GOVCRAWL_WARC_MAX_BYTES": max_bytes}
    )
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = SimpleNamespace(name="annual_reports")
    publish_plan(crawler, CrawlPlan(portals=(), job_id="job-1"))
    return WarcMiddleware.from_crawler(crawler)


def exchange(mw, body=PAGE, headers=None, url=URL):
    request = Request(url, headers={"User-Agent": "govcrawl-test"})
    response = HtmlResponse(
        url, status=200, body=body, request=request, headers=headers or {"Content-Type": "text/html; charset=utf-8"}
    )
    mw.process_response(request, response)
    return request


# --- unit ----------------------------------------------------------------------------------
def test_middleware_is_off_without_a_directory():
    with pytest.raises(NotConfigured):
        WarcMiddleware.from_crawler(get_crawler(settings_dict={"GOVCRAWL_WARC_DIR": None}))


def test_each_response_is_a_response_and_a_request_record(tmp_path):
    mw = middleware(tmp_path)
    exchange(mw)
    mw.spider_closed(None)
    assert [r[1] for r in records(tmp_path / "warc")] == ["warcinfo", "response", "request"]


def test_request_record_points_at_its_response(tmp_path):
    mw = middleware(tmp_path)
    request = exchange(mw)
    mw.spider_closed(None)
    req = next(r for r in records(tmp_path / "warc") if r[1] == "request")
    assert req[2].get_header("WARC-Concurrent-To") == request.meta["warc_record_id"]


def test_meta_names_the_response_record_and_file(tmp_path):
    mw = middleware(tmp_path)
    request = exchange(mw)
    mw.spider_closed(None)
    resp = next(r for r in records(tmp_path / "warc") if r[1] == "response")
    assert (request.meta["warc_record_id"], request.meta["warc_file"]) == (
        resp[2].get_header("WARC-Record-ID"),
        resp[0],
    )


def test_offset_in_meta_seeks_straight_to_the_response_record(tmp_path):
    mw = middleware(tmp_path)
    exchange(mw, url=URL + "?first")
    request = exchange(mw)
    mw.spider_closed(None)
    with open(tmp_path / "warc" / request.meta["warc_file"], "rb") as f:
        f.seek(request.meta["warc_offset"])
        rec = next(iter(ArchiveIterator(f)))
        assert rec.rec_headers.get_header("WARC-Record-ID") == request.meta["warc_record_id"]


def test_payload_is_the_body_bytes(tmp_path):
    mw = middleware(tmp_path)
    exchange(mw)
    mw.spider_closed(None)
    resp = next(r for r in records(tmp_path / "warc") if r[1] == "response")
    assert resp[4] == PAGE


def test_gzip_body_is_written_as_received_and_reads_back_decoded(tmp_path):
    mw = middleware(tmp_path)
    exchange(
        mw,
        body=gzip.compress(PAGE),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip", "Transfer-Encoding": "chunked"},
    )
    mw.spider_closed(None)
    resp = next(r for r in records(tmp_path / "warc") if r[1] == "response")
    assert hashlib.sha256(resp[4]).hexdigest() == hashlib.sha256(PAGE).hexdigest()


def test_framing_headers_match_the_bytes_written():
    request = Request(URL)
    body = gzip.compress(PAGE)
    response = HtmlResponse(
        URL,
        body=body,
        request=request,
        headers={"Content-Encoding": "gzip", "Transfer-Encoding": "chunked", "Content-Length": "9"},
    )
    headers = response_http_headers(response)
    assert (
        headers.get_header("Content-Length"),
        headers.get_header("Transfer-Encoding"),
        headers.get_header("X-Govcrawl-Original-Transfer-Encoding"),
        headers.get_header("X-Govcrawl-Original-Content-Length"),
    ) == (str(len(body)), None, "chunked", "9")


def test_post_request_keeps_its_form_body(tmp_path):
    writer = RotatingWarcWriter(tmp_path / "warc")
    request = Request(URL, method="POST", body=b"col=1&webid=2")
    response = HtmlResponse(URL, body=PAGE, request=request)
    writer.write_exchange(URL, request_http_headers(request), request.body, response_http_headers(response), PAGE)
    writer.close()
    req = next(r for r in records(tmp_path / "warc") if r[1] == "request")
    assert (req[3].protocol, req[3].statusline, req[4]) == (
        "POST",
        "/art/2022/1/20/art_1_2.html HTTP/1.1",
        b"col=1&webid=2",
    )


def test_files_rotate_past_max_bytes(tmp_path):
    mw = middleware(tmp_path, max_bytes=2000)
    for i in range(6):
        exchange(mw, body=os.urandom(2500), url=f"{URL}?{i}")  # incompressible: each file passes 2000 B
    mw.spider_closed(None)
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(files) == 6
    assert [r[1] for r in records(tmp_path / "warc")].count("response") == 6


def test_every_rotated_file_starts_with_warcinfo(tmp_path):
    mw = middleware(tmp_path, max_bytes=2000)
    for i in range(3):
        exchange(mw, body=os.urandom(2500), url=f"{URL}?{i}")
    mw.spider_closed(None)
    firsts = {}
    for name, kind, *_ in records(tmp_path / "warc"):
        firsts.setdefault(name, kind)
    assert set(firsts.values()) == {"warcinfo"}


def test_warc_provenance_keeps_only_present_keys():
    assert warc_provenance({"warc_record_id": "<urn:uuid:x>", "warc_file": "a.warc.gz", "other": 1}) == {
        "warc_record_id": "<urn:uuid:x>",
        "warc_file": "a.warc.gz",
    }
