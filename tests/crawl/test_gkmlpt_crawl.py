"""A Shenzhen district on gkmlpt as the platform is deployed (govsim.guangdong): two department
sub-sites under path prefixes with their own SIDs, a category of more than 100 articles listed
only through category 0, API answers with `total` or only `classify.post_count`, report bodies
only in the page script's DETAIL.content, and a host that resets non-browser User-Agents."""

import json

import pytest

from govcrawl.archive.store import Archive
from govsim import REPORT_KINDS, Simulator
from govsim.guangdong import guangdong_world
from tests.conftest import run_crawl

pytestmark = pytest.mark.crawl

MANIFEST = guangdong_world().manifest()
REPORTS = [m for m in MANIFEST if m["kind"] in REPORT_KINDS]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gkmlpt")
    world = guangdong_world()
    with Simulator(world) as sim:
        seeds_path = tmp / "seeds.json"
        seeds_path.write_text(json.dumps(sim.seeds(), ensure_ascii=False), "utf-8")
        archive_path = tmp / "archive.sqlite3"
        proc = run_crawl(seeds_path, archive_path, sim.proxy_url)
        log = sim.request_log.snapshot()
    archive = Archive(archive_path)
    records = {url: r for r in archive.latest_records() for url in archive.sources(r["report_key"])}
    yield {"archive": archive, "records": records, "log": log, "world": world, "stdout": proc.stdout}
    archive.close()


def truth(url):
    return guangdong_world().entry_for_url(url)[1].truth


def test_the_district_has_two_department_sub_sites_under_path_prefixes():
    assert sorted(p.prefix for p in guangdong_world().portals) == ["", "/psjyj", "/pswjj"]


def test_a_listed_category_holds_more_than_100_articles():
    # The health bureau has no 年报 category: category 0 (all 107 articles) is what the crawl pages.
    health = guangdong_world().by_id["440310-wjj"]
    assert (health.options["report_column"], len(health.entries)) == (False, 107)


def test_every_report_is_stored(crawled):
    assert {m["url"] for m in REPORTS} - set(crawled["records"]) == set()


def test_every_report_is_stored_once(crawled):
    assert crawled["archive"].row_counts()["reports"] == len(REPORTS)


def test_no_distractor_is_stored(crawled):
    assert {m["url"] for m in MANIFEST if m["kind"] == "distractor"} & set(crawled["records"]) == set()


def test_department_api_is_asked_under_its_prefix(crawled):
    asked = {url.split("?")[0] for _, url, _, _ in crawled["log"] if "/gkmlpt/api/" in url}
    assert "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0" in asked


def test_the_second_hundred_is_asked(crawled):
    asked = {url for _, url, _, _ in crawled["log"]}
    assert "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0?page=2&sid=757032" in asked


def test_no_connection_was_reset(crawled):
    assert [url for _, url, status, _ in crawled["log"] if status == 0] == []


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_report_text_is_the_article(crawled, url):
    assert truth(url).snippet in crawled["records"][url]["text"]


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_report_text_has_no_breadcrumb(crawled, url):
    assert "当前位置" not in crawled["records"][url]["text"]


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_report_year(crawled, url):
    assert crawled["records"][url]["year"] == truth(url).year


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_report_review_litigation_table(crawled, url):
    assert crawled["records"][url]["tables"]["review_litigation"]["values"] == truth(url).table4


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_report_applications_table(crawled, url):
    rows = crawled["records"][url]["tables"]["applications"]["rows"]
    assert {row["key"]: row["values"] for row in rows} == truth(url).table3


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_report_checks_pass(crawled, url):
    assert [c for c in crawled["records"][url]["checks"] if c["status"] == "fail"] == []


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_provenance_says_a_browser_user_agent_fetched_it(crawled, url):
    assert crawled["records"][url]["provenance"]["user_agent"] == "browser"


@pytest.mark.parametrize("url", [m["url"] for m in REPORTS])
def test_provenance_keeps_the_fetched_bytes(crawled, url):
    record = crawled["records"][url]
    assert crawled["archive"].body(record["provenance"]["body_sha256"]).count(b"DETAIL") == 1


def test_nothing_failed(crawled):
    assert crawled["archive"].failures() == []
