"""Discovery toward the report column: link scores, the ranking on simulator pages, the spider's
bounds and priorities, and the archive's portal_columns."""

import json

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

import govcrawl.settings
from govcrawl.archive.reader import stored_columns
from govcrawl.archive.store import Archive
from govcrawl.crawl.discovery import FOLLOW_THRESHOLD, is_column_link, is_home_url, rank_links, score_link
from govsim import demo_world
from govsim.messages import Request
from spiders.annual_reports import AnnualReportsSpider


def page(world, url):
    host, _, path = url.split("://", 1)[1].partition("/")
    path, _, query = ("/" + path).partition("?")
    answer = world.respond(Request("GET", host, path, query))
    assert answer.status == 200, url
    return HtmlResponse(url, body=answer.body, encoding="utf-8")


def ranked(world, url, **kw):
    host = url.split("/")[2]
    return rank_links(page(world, url), same_portal=lambda u: u.split("/")[2].endswith(host.split(".", 1)[1]), **kw)


# ---- scores ----------------------------------------------------------------------------------------


def test_report_column_link_outscores_the_platform_link():
    assert score_link("政府信息公开年报", "", "http://a.gov.cn/zwgk/zfxxgknb/") > score_link(
        "政府信息公开", "", "http://a.gov.cn/zwgk/zfxxgk/"
    )


def test_platform_link_is_followed():
    assert score_link("政府信息公开", "", "http://a.gov.cn/zwgk/zfxxgk/") >= FOLLOW_THRESHOLD


def test_news_about_disclosure_work_is_not_followed():
    assert (
        score_link("我县召开2024年政务公开工作推进会", "", "http://a.gov.cn/xwdt/gzdt/202403/t20240312_1001.html")
        < FOLLOW_THRESHOLD
    )


def test_article_url_under_a_disclosure_folder_is_not_followed():
    assert (
        score_link(
            "县政府与高校签署战略合作协议", "", "http://a.gov.cn/col/col1229000001/xxgkzd/202309/t20230917_36.html"
        )
        < FOLLOW_THRESHOLD
    )


def test_url_slug_alone_scores():
    assert score_link("更多>>", "", "http://a.gov.cn/xxgk/gknb/") >= FOLLOW_THRESHOLD


def test_title_attribute_counts_when_the_anchor_text_is_an_icon():
    assert score_link("", "政府信息公开年报", "http://a.gov.cn/a/b/") >= FOLLOW_THRESHOLD


def test_department_name_scores_only_on_a_department_list():
    url = "http://a.gov.cn/bm/jyj/"
    assert (
        score_link("区教育局", "", url) < FOLLOW_THRESHOLD,
        score_link("区教育局", "", url, on_department_list=True) >= FOLLOW_THRESHOLD,
    ) == (True, True)


def test_department_sub_site_on_another_host_is_followed():
    assert score_link("区教育局", "", "http://jyj.a.gov.cn/", other_host=True) >= FOLLOW_THRESHOLD


def test_attachment_is_never_a_step():
    assert score_link("政府信息公开年报", "", "http://a.gov.cn/zfxxgknb/report.pdf") < FOLLOW_THRESHOLD


def test_column_link_has_no_year():
    assert (is_column_link("政府信息公开年报"), is_column_link("某局2023年政府信息公开工作年度报告")) == (True, False)


@pytest.mark.parametrize(
    "url,home",
    [
        ("http://a.gov.cn/", True),
        ("http://a.gov.cn", True),
        ("http://a.gov.cn/index.html", True),
        ("http://a.gov.cn/zwgk/", False),
        ("http://a.gov.cn/index.jsp?id=3", False),
    ],
)
def test_home_url(url, home):
    assert is_home_url(url) is home


# ---- ranking on the simulator's pages ---------------------------------------------------------------


def test_home_page_best_link_is_the_disclosure_platform():
    world = demo_world()
    assert ranked(world, "http://yjj.huizhou.gov.cn/")[0].url == "http://yjj.huizhou.gov.cn/zwgk/zfxxgk/"


def test_home_page_news_links_are_not_ranked():
    world = demo_world()
    assert not [link for link in ranked(world, "http://yjj.huizhou.gov.cn/") if "/xwdt/" in link.url]


def test_platform_page_best_link_is_the_report_column():
    world = demo_world()
    assert (
        ranked(world, "http://yjj.gdcy.gov.cn/zwgk/zfxxgk/")[0].url == "http://yjj.gdcy.gov.cn/zwgk/zfxxgknb/index.html"
    )


def test_platform_page_marks_the_departments_link():
    world = demo_world()
    [link] = [link for link in ranked(world, "http://www.hongze.gov.cn/hzqrmzf/zfxxgk/") if link.departments]
    assert link.url == "http://www.hongze.gov.cn/hzqrmzf/zfxxgk/bmnb/"


def test_department_list_ranks_the_department_column():
    world = demo_world()
    links = ranked(world, "http://www.hongze.gov.cn/hzqrmzf/zfxxgk/bmnb/", on_department_list=True)
    assert links[0].url == "http://jyj.hongze.gov.cn/xxgk/ndbg/index.html"


def test_home_page_department_box_reaches_the_sub_site():
    world = demo_world()
    assert "http://jyj.hongze.gov.cn/" in [link.url for link in ranked(world, "http://www.hongze.gov.cn/")]


# ---- the spider: priorities and bounds --------------------------------------------------------------


def make_spider(tmp_path, **settings):
    seeds = tmp_path / "seeds.json"
    seeds.write_text(json.dumps(demo_world().seeds(home_only=True), ensure_ascii=False), "utf-8")
    project = {k: getattr(govcrawl.settings, k) for k in dir(govcrawl.settings) if k.startswith("GOVCRAWL_")}
    crawler = get_crawler(
        AnnualReportsSpider, {**project, "GOVCRAWL_ARCHIVE": str(tmp_path / "none.sqlite3"), **settings}
    )
    crawler.spider = AnnualReportsSpider.from_crawler(crawler, seeds=str(seeds))
    return crawler.spider


def explored(spider, url, depth=0):
    response = page(demo_world(), url)
    response.request = None
    request = spider._start_request(url, spider.plan.portal_by_id["441300-yjj"])
    context = request.cb_kwargs["context"].but(depth=depth)
    response = response.replace(request=request)
    return [
        r for r in spider.parse_list(response, context) if hasattr(r, "priority") and r.cb_kwargs["context"].explore
    ]


def test_discovery_requests_carry_their_score_as_priority(tmp_path):
    spider = make_spider(tmp_path)
    requests = explored(spider, "http://yjj.huizhou.gov.cn/")
    priorities = [r.priority for r in requests]
    assert priorities == sorted(priorities, reverse=True) and priorities[0] > FOLLOW_THRESHOLD


def test_discovery_stops_at_max_depth(tmp_path):
    spider = make_spider(tmp_path, GOVCRAWL_DISCOVERY_MAX_DEPTH=2)
    assert explored(spider, "http://yjj.huizhou.gov.cn/", depth=2) == []


def test_discovery_pages_per_portal_are_capped(tmp_path):
    spider = make_spider(tmp_path, GOVCRAWL_DISCOVERY_MAX_PAGES=2)
    first = explored(spider, "http://yjj.huizhou.gov.cn/")
    second = explored(spider, "http://yjj.huizhou.gov.cn/zwgk/")
    assert len(first) + len(second) == 2


def test_links_per_page_are_capped(tmp_path):
    spider = make_spider(tmp_path, GOVCRAWL_DISCOVERY_LINKS_PER_PAGE=1)
    assert len(explored(spider, "http://yjj.huizhou.gov.cn/")) == 1


# ---- portal_columns -----------------------------------------------------------------------------------


def test_known_columns_are_the_ok_ones(tmp_path):
    with Archive(tmp_path / "a.sqlite3") as archive:
        archive.record_column(portal_id="p", url="http://a/x/", status="ok", reports_seen=3, at="2025-01-01T00:00:00")
        archive.record_column(portal_id="p", url="http://a/y/", status="ok", reports_seen=1, at="2025-01-01T00:00:00")
        archive.record_column(
            portal_id="p", url="http://a/y/", status="stale: HTTP 404", reports_seen=0, at="2025-02-01T00:00:00"
        )
        assert archive.known_columns("p") == ["http://a/x/"]


def test_stale_column_keeps_its_last_ok_time_and_count(tmp_path):
    with Archive(tmp_path / "a.sqlite3") as archive:
        archive.record_column(portal_id="p", url="http://a/y/", status="ok", reports_seen=4, at="2025-01-01T00:00:00")
        archive.record_column(
            portal_id="p", url="http://a/y/", status="stale: lists no reports", reports_seen=0, at="2025-02-01T00:00:00"
        )
        [row] = archive.columns("p")
    assert (row["last_ok_at"], row["reports_seen"], row["last_status"], row["found_at"]) == (
        "2025-01-01T00:00:00",
        4,
        "stale: lists no reports",
        "2025-01-01T00:00:00",
    )


def test_stored_columns_reads_without_creating_an_archive(tmp_path):
    assert (stored_columns(tmp_path / "missing.sqlite3", ["p"]), (tmp_path / "missing.sqlite3").exists()) == ({}, False)


def test_stored_columns_by_portal(tmp_path):
    with Archive(tmp_path / "a.sqlite3") as archive:
        archive.record_column(portal_id="p", url="http://a/x/", status="ok", reports_seen=3, at="2025-01-01T00:00:00")
        archive.record_column(
            portal_id="q", url="http://b/x/", status="stale: HTTP 404", reports_seen=0, at="2025-01-01"
        )
    assert stored_columns(tmp_path / "a.sqlite3", ["p", "q"]) == {"p": ["http://a/x/"]}
