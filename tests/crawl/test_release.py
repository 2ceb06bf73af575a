"""ReleaseParsedPage: once a callback's output is consumed, the response keeps its bytes only."""

import asyncio

from scrapy.http import HtmlResponse

from govcrawl.addon import SPIDER_MIDDLEWARES
from govcrawl.crawl.release import CACHES, ReleaseParsedPage

HTML = "<html><body><a href='/a.html'>某县2021年政府信息公开工作年度报告</a></body></html>".encode()


def parsed():
    response = HtmlResponse("http://www.a.gov.cn/list.html", body=HTML, encoding="utf-8")
    assert response.css("a::attr(href)").get() == "/a.html"
    for name in CACHES[:2]:  # the names Scrapy fills; an upgrade that renames them fails here
        assert getattr(response, name) is not None, name
    return response


def test_caches_go_once_the_output_is_consumed():
    response = parsed()
    out = ReleaseParsedPage().process_spider_output(response, iter(["a", "b"]))
    assert next(out) == "a"
    assert response._cached_selector is not None  # the callback may still read the page
    assert list(out) == ["b"]
    assert all(getattr(response, name, None) is None for name in CACHES)
    assert response.body == HTML and response.css("a::attr(href)").get() == "/a.html"  # parsed again if asked


def test_async_output_too():
    response = parsed()

    async def outputs():
        yield 1

    async def consume():
        return [x async for x in ReleaseParsedPage().process_spider_output_async(response, outputs())]

    assert asyncio.run(consume()) == [1]
    assert response._cached_selector is None


def test_the_addon_installs_it_outermost():
    assert SPIDER_MIDDLEWARES["govcrawl.crawl.release.ReleaseParsedPage"] < 50  # before Scrapy's own
