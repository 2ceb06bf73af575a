"""The per-seed `user_agent` hint: a browser's User-Agent only for the hosts of portals whose seed
asks for it, the contact URL kept in `From`, and the choice recorded for provenance; and the
`empty_body` failure for a report-titled page whose cleaned text is only chrome."""

import asyncio

from scrapy import Request
from scrapy.utils.test import get_crawler

from govcrawl.contract.errors import Stage
from govcrawl.contract.items import FetchedPage, FetchFailure
from govcrawl.crawl.downloader.politeness import USER_AGENT_META, ContactUserAgentMiddleware
from govcrawl.crawl.plan import CrawlPlan, publish_plan
from govcrawl.process.provenance import build_provenance
from govcrawl.registry import Portal
from pipelines.report import ReportPipeline

CONTACT = "https://example.org/contact"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Test"


def portal(pid, host, user_agent="crawler"):
    return Portal(pid, "某区人民政府", "440310", "county", (f"http://{host}/",), (host,), user_agent=user_agent)


def middleware():
    crawler = get_crawler(
        settings_dict={"GOVCRAWL_CONTACT_URL": CONTACT, "GOVCRAWL_BROWSER_USER_AGENT": BROWSER, "USER_AGENT": None}
    )
    plan = CrawlPlan((portal("440310", "www.szpsq.gov.cn", "browser"), portal("440100", "www.gz.gov.cn")), job_id="j")
    publish_plan(crawler, plan)
    return ContactUserAgentMiddleware.from_crawler(crawler)


def sent(url):
    request = Request(url)
    middleware().process_request(request)
    return request


def test_browser_portal_gets_the_browser_user_agent():
    assert sent("http://www.szpsq.gov.cn/pswjj/gkmlpt/index").headers[b"User-Agent"] == BROWSER.encode()


def test_browser_portal_gets_the_contact_url_in_from():
    assert sent("http://www.szpsq.gov.cn/pswjj/gkmlpt/index").headers[b"From"] == CONTACT.encode()


def test_browser_portal_robots_txt_gets_the_browser_user_agent_too():
    assert sent("http://www.szpsq.gov.cn/robots.txt").headers[b"User-Agent"] == BROWSER.encode()


def test_browser_choice_is_recorded_in_meta():
    assert sent("http://www.szpsq.gov.cn/gkmlpt/index").meta[USER_AGENT_META] == "browser"


def test_other_portals_keep_the_govcrawl_user_agent():
    assert sent("http://www.gz.gov.cn/gkmlpt/index").headers[b"User-Agent"].startswith(b"govcrawl/")


def test_other_portals_send_no_from_header():
    assert b"From" not in sent("http://www.gz.gov.cn/gkmlpt/index").headers


def test_other_portals_record_the_crawler_user_agent():
    assert sent("http://www.gz.gov.cn/gkmlpt/index").meta[USER_AGENT_META] == "crawler"


def test_provenance_records_the_user_agent():
    page = FetchedPage(url="http://x.gov.cn/a", fetched_at="t", http_status=200, body=b"x", user_agent="browser")
    assert build_provenance(page, encoding="utf-8", spider="s", job_id=None)["user_agent"] == "browser"


def test_provenance_user_agent_defaults_to_crawler():
    page = FetchedPage(url="http://x.gov.cn/a", fetched_at="t", http_status=200, body=b"x")
    assert build_provenance(page, encoding="utf-8", spider="s", job_id=None)["user_agent"] == "crawler"


# ---- empty_body ---------------------------------------------------------------------------------

CHROME_ONLY = """<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="深圳市坪山区教育局2023年政府信息公开工作年度报告">
<title>深圳市坪山区教育局2023年政府信息公开工作年度报告</title></head><body>
<div class="crumbs"><a href="/">首页</a> | <a href="/gkmlpt/index">政府信息公开</a></div>
<div class="article-content" id="zoom"></div>
<script src="/gkmlpt/static/js/content.js"></script></body></html>"""


def piped(body):
    pipeline = ReportPipeline(get_crawler(settings_dict={"GOVCRAWL_PARSE_WORKERS": 0}))
    pipeline.open_spider()
    try:
        page = FetchedPage(
            url="http://www.szpsq.gov.cn/psjyj/gkmlpt/content/11/11100/post_11100935.html",
            portal_id="440310-jyj",
            portal_adcode="440310",
            http_status=200,
            headers={"Content-Type": "text/html; charset=utf-8"},
            body=body.encode("utf-8"),
            fetched_at="2026-01-01T00:00:00+00:00",
        )
        return asyncio.run(pipeline.process_item(page))
    finally:
        pipeline.close_spider()


def test_a_chrome_only_report_page_is_an_empty_body_failure():
    result = piped(CHROME_ONLY)
    assert (type(result), result["stage"]) == (FetchFailure, Stage.EMPTY_BODY)
