"""One pool of parse workers per crawl: the report and stub pipelines share it (no extra worker
process for stubs), and the last pipeline to close stops it."""

import asyncio
from types import SimpleNamespace

from scrapy.settings import Settings

from govcrawl.process import shared_parser

PAGE = "<html><head><title>某县2021年政府信息公开工作年度报告</title></head><body><p>正文</p></body></html>".encode()


def test_pipelines_share_one_worker_and_the_last_release_stops_it():
    crawler = SimpleNamespace(settings=Settings({"GOVCRAWL_PARSE_WORKERS": 1}))
    reports = shared_parser.acquire(crawler)
    stubs = shared_parser.acquire(crawler)
    assert reports is stubs

    async def both():
        return await asyncio.gather(reports.parse(PAGE, url="http://a.gov.cn/1.html"), stubs.parse(PAGE))

    asyncio.run(both())
    [pid] = reports.pids()  # one worker process served both
    shared_parser.release(crawler)
    assert reports.pids() == [pid]  # still in use by the other pipeline
    shared_parser.release(crawler)
    assert reports.pids() == []
    assert shared_parser.acquire(crawler) is not reports  # a new crawl phase gets a fresh pool
    shared_parser.release(crawler)
    shared_parser.release(crawler)  # an extra release is harmless
