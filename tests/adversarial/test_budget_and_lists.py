"""Crawl budgets, malformed lists and the shared HTTP cache (issue 12)."""

import json
import threading

import pytest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

import govcrawl.settings
from govcrawl.contract.errors import Stage
from govcrawl.contract.items import FetchFailure
from govcrawl.crawl.context import ListContext
from govcrawl.crawl.downloader.httpcache import AtomicFilesystemCacheStorage, RevalidatingPolicy
from spiders.annual_reports import AnnualReportsSpider

SEED = {
    "id": "p1",
    "name": "某县人民政府",
    "adcode": "330100",
    "level": "county",
    "start_urls": ["http://www.xx.gov.cn/col/col1/index.html"],
    "allowed_domains": ["xx.gov.cn"],
}


def make_spider(tmp_path, **settings):
    seeds = tmp_path / "seeds.json"
    seeds.write_text(json.dumps([SEED], ensure_ascii=False), "utf-8")
    project = {k: getattr(govcrawl.settings, k) for k in dir(govcrawl.settings) if k.startswith("GOVCRAWL_")}
    crawler = get_crawler(
        AnnualReportsSpider, {**project, "GOVCRAWL_ARCHIVE": str(tmp_path / "none.sqlite3"), **settings}
    )
    crawler.spider = AnnualReportsSpider.from_crawler(crawler, seeds=str(seeds))
    crawler.stats.open_spider()
    return crawler.spider


def list_page(url, body):
    request = Request(url)
    return HtmlResponse(url, body=body.encode("utf-8"), encoding="utf-8", request=request)


def run_list(spider, response):
    context = ListContext("p1", list_url=response.url, list_pages=1, column=True)
    out = list(spider.parse_list(response, context))
    return [r for r in out if isinstance(r, Request)], [r for r in out if isinstance(r, FetchFailure)]


def report_links(n, start=0):
    return "".join(
        f'<li><a href="/art/{i}.html">某县{2020 + i % 5}年政府信息公开工作年度报告{i}</a></li>'
        for i in range(start, start + n)
    )


def test_a_page_with_thousands_of_report_links_is_cut_at_the_page_budget(tmp_path):
    spider = make_spider(tmp_path, GOVCRAWL_MAX_REQUESTS_PER_PAGE=200)
    response = list_page("http://www.xx.gov.cn/col/col1/index.html", f"<ul>{report_links(1_000)}</ul>")
    requests, failures = run_list(spider, response)
    assert len(requests) == 200
    [failure] = failures
    assert failure["stage"] == Stage.BUDGET and "GOVCRAWL_MAX_REQUESTS_PER_PAGE" in failure["reason"]
    assert "more than 200" in failure["reason"]
    assert spider.counters.stats.get_value("govcrawl/portals")["p1"]["budget_dropped"] >= 1


def test_the_portal_budget_spans_pages_and_is_recorded_once(tmp_path):
    spider = make_spider(tmp_path, GOVCRAWL_MAX_REQUESTS_PER_PAGE=1000, GOVCRAWL_MAX_REQUESTS_PER_PORTAL=150)
    first, f1 = run_list(spider, list_page("http://www.xx.gov.cn/col/col1/index.html", report_links(100)))
    second, f2 = run_list(spider, list_page("http://www.xx.gov.cn/col/col2/index.html", report_links(100, 100)))
    third, f3 = run_list(spider, list_page("http://www.xx.gov.cn/col/col3/index.html", report_links(100, 200)))
    assert (len(first), len(second), len(third)) == (100, 50, 0)
    assert [f["stage"] for f in f1 + f2 + f3] == [Stage.BUDGET]
    assert "GOVCRAWL_MAX_REQUESTS_PER_PORTAL" in f2[0]["reason"]


def test_a_link_seen_again_costs_no_budget(tmp_path):
    spider = make_spider(tmp_path, GOVCRAWL_MAX_REQUESTS_PER_PORTAL=100)
    for _ in range(3):
        requests, failures = run_list(spider, list_page("http://www.xx.gov.cn/col/col1/index.html", report_links(100)))
        assert len(requests) == 100 and not failures


HANWEB_PERPAGE_0 = """<html><body><div id="div1"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=1&unitid=2"></a>]]></nextgroup>
<recordset>{records}</recordset><totalrecord>300</totalrecord></datastore></script>
<script>var perpage = 0;</script></div></body></html>"""


def test_hanweb_perpage_0_is_recorded_and_its_rows_and_pages_still_followed(tmp_path):
    spider = make_spider(tmp_path)
    records = "".join(
        f'<record><![CDATA[<li><a href="/art/2022/{i}.html" title="某县2021年政府信息公开工作年度报告{i}">x</a></li>]]></record>'
        for i in range(45)
    )
    response = list_page("http://www.xx.gov.cn/col/col1/index.html", HANWEB_PERPAGE_0.format(records=records))
    requests, failures = run_list(spider, response)
    pages = [r for r in requests if "dataproxy.jsp" in r.url]
    rows = [r for r in requests if "/art/" in r.url]
    assert len(rows) == 45
    assert pages and all("perpage=15" in r.url for r in pages)  # 300 rows, 45 per group
    assert len(pages) == 7
    [failure] = failures
    assert failure["stage"] == Stage.LIST and "perpage=0" in failure["reason"]


def test_an_adapter_that_raises_keeps_the_rows_it_read(tmp_path, monkeypatch):
    from govcrawl.crawl.cms.generic import GenericAdapter

    original = GenericAdapter.list_links

    def broken(self, response):
        for n, link in enumerate(original(self, response)):
            if n == 3:
                raise KeyError("boom")
            yield link

    monkeypatch.setattr(GenericAdapter, "list_links", broken)
    spider = make_spider(tmp_path)
    requests, failures = run_list(spider, list_page("http://www.xx.gov.cn/col/col1/index.html", report_links(10)))
    assert len([r for r in requests if "/art/" in r.url]) == 3
    assert [f["stage"] for f in failures] == [Stage.LIST] and "KeyError" in failures[0]["reason"]


# --- the shared HTTP cache ---------------------------------------------------------------------------
@pytest.fixture
def cache(tmp_path):
    crawler = get_crawler(
        AnnualReportsSpider.__base__, {"HTTPCACHE_DIR": str(tmp_path / "httpcache"), "HTTPCACHE_GZIP": True}
    )
    spider = crawler._create_spider("annual_reports")
    storage = AtomicFilesystemCacheStorage(crawler.settings)
    storage.open_spider(spider)
    crawler.stats.open_spider()
    return storage, spider


def response_for(url, body=b"<html>report</html>"):
    return Response(url, status=200, headers={"ETag": '"1"'}, body=body)


def test_cache_round_trip_and_concurrent_writers(cache):
    storage, spider = cache
    request = Request("http://www.xx.gov.cn/art/1.html")
    errors = []

    def write(n):
        try:
            for _ in range(20):
                storage.store_response(spider, request, response_for(request.url, b"x" * (1000 + n)))
        except Exception as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    cached = storage.retrieve_response(spider, request)
    assert cached is not None and len(cached.body) in {1000 + n for n in range(6)}


def test_empty_body_is_never_cached(cache):
    storage, spider = cache
    request = Request("http://www.xx.gov.cn/art/2.html")
    storage.store_response(spider, request, response_for(request.url, b""))
    assert storage.retrieve_response(spider, request) is None
    assert not RevalidatingPolicy(spider.crawler.settings).should_cache_response(
        response_for(request.url, b""), request
    )


@pytest.mark.parametrize("damage", ["empty", "truncated", "mismatch", "missing"])
def test_a_damaged_entry_is_discarded_and_fetched_again(cache, damage):
    import gzip
    from pathlib import Path

    storage, spider = cache
    request = Request("http://www.xx.gov.cn/art/3.html")
    storage.store_response(spider, request, response_for(request.url, b"<html>" + b"y" * 5000 + b"</html>"))
    entry = Path(storage._get_request_path(spider, request))
    body = entry / "response_body"
    if damage == "empty":
        body.write_bytes(gzip.compress(b""))
    elif damage == "truncated":
        body.write_bytes(body.read_bytes()[:20])
    elif damage == "mismatch":
        body.write_bytes(gzip.compress(b"<html>other</html>"))
    else:
        body.unlink()
    assert storage.retrieve_response(spider, request) is None
    assert not entry.exists()  # gone: the next fetch is a full one, not a revalidation
    assert spider.crawler.stats.get_value("govcrawl/httpcache/discarded") == 1
