"""Real crawls (Scrapy processes) of the demo world from home pages only: the first finds every
report through the navigation and stores the columns; the second starts from the stored columns;
after a redesign moves a column, the stale column falls back to the home page."""

import pytest

from govcrawl.archive.store import Archive
from govsim import REPORT_KINDS, Simulator, demo_world
from tests.conftest import run_crawl, write_seeds

pytestmark = pytest.mark.crawl

MOVED = "441300-yjj"  # the portal whose column a redesign moves
OLD_COLUMN = "http://yjj.huizhou.gov.cn/zwgk/zfxxgknb/index.html"
NEW_COLUMN = "http://yjj.huizhou.gov.cn/zwgk/xxgknb/index.html"


def report_urls(manifest, portal_id=None):
    return {m["url"] for m in manifest if m["kind"] in REPORT_KINDS and portal_id in (None, m["portal_id"])}


def stored_urls(archive):
    return {url for r in archive.latest_records() for url in archive.sources(r["report_key"])}


def pages_fetched(log):
    return [url for _, url, _, _ in log if not url.endswith("/robots.txt")]


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("discovery")
    world = demo_world()
    with Simulator(world, slow_seconds=0.3) as sim:
        seeds = write_seeds(sim, tmp, home_only=True)
        archive_path = tmp / "archive.sqlite3"
        out = {"seeds": sim.seeds(home_only=True), "manifest_before": sim.manifest()}
        run_crawl(seeds, archive_path, sim.proxy_url)
        out["log1"] = sim.request_log.snapshot()
        with Archive(archive_path) as archive:
            out["stored1"], out["columns1"] = stored_urls(archive), archive.columns()
        sim.request_log.clear()
        run_crawl(seeds, archive_path, sim.proxy_url)
        out["log2"] = sim.request_log.snapshot()
        with Archive(archive_path) as archive:
            out["stored2"] = stored_urls(archive)
        world.move_column(MOVED, "/zwgk/xxgknb/")
        out["manifest_moved"] = sim.manifest()
        sim.request_log.clear()
        run_crawl(seeds, archive_path, sim.proxy_url)
        out["log3"] = sim.request_log.snapshot()
        with Archive(archive_path) as archive:
            out["stored3"], out["columns3"], out["failures3"] = (
                stored_urls(archive),
                archive.columns(),
                archive.failures(),
            )
    return out


def test_seeds_start_at_home_pages_only(crawls):
    assert {u for s in crawls["seeds"] for u in s["start_urls"]} == {
        f"http://{s['start_urls'][0].split('/')[2]}/" for s in crawls["seeds"]
    }


def test_department_sub_site_is_not_seeded(crawls):
    assert "320813-jyj" not in {s["id"] for s in crawls["seeds"]}


def test_first_crawl_from_home_pages_finds_every_report(crawls):
    assert report_urls(crawls["manifest_before"]) - crawls["stored1"] == set()


def test_department_sub_site_reports_are_found_from_the_parent(crawls):
    assert report_urls(crawls["manifest_before"], "320813-jyj") <= crawls["stored1"]


def test_gkmlpt_reports_are_found_through_the_api(crawls):
    assert report_urls(crawls["manifest_before"], "441303-zf") <= crawls["stored1"]


def test_news_articles_on_the_way_are_not_fetched(crawls):
    assert [u for u in pages_fetched(crawls["log1"]) if "/xwdt/" in u] == []


def test_every_column_is_stored_once_per_portal(crawls):
    columns = {(c["portal_id"], c["url"]) for c in crawls["columns1"] if c["last_status"] == "ok"}
    assert columns == {
        ("441300-yjj", OLD_COLUMN),
        ("330800-yjj", "http://yjj.qz.gov.cn/col/col1229162518/index.html"),
        ("341800-rfb", "http://rfb.xuancheng.gov.cn/xxgk/ndbg/index.html"),
        ("440513-yjj", "http://yjj.gdcy.gov.cn/zwgk/zfxxgknb/index.html"),
        ("623023-yjj", "http://yjj.zqx.gov.cn/Article/ShowClass.asp?ClassID=68"),
        ("320813-zf", "http://www.hongze.gov.cn/hzqrmzf/zfxxgknb/index.html"),
        ("320813-zf", "http://jyj.hongze.gov.cn/xxgk/ndbg/index.html"),
        ("441303-zf", "http://www.huiyang.gov.cn/gkmlpt/index"),
    }


def test_stored_columns_count_their_reports(crawls):
    by_url = {c["url"]: c["reports_seen"] for c in crawls["columns1"]}
    assert by_url["http://jyj.hongze.gov.cn/xxgk/ndbg/index.html"] == 2


def test_second_crawl_fetches_fewer_pages(crawls):
    assert len(pages_fetched(crawls["log2"])) < len(pages_fetched(crawls["log1"]))


def test_second_crawl_starts_from_the_stored_columns_not_the_home_pages(crawls):
    homes = {s["start_urls"][0] for s in crawls["seeds"]}
    assert homes & set(pages_fetched(crawls["log2"])) == set()


def test_second_crawl_finds_the_same_reports(crawls):
    assert crawls["stored2"] == crawls["stored1"]


def test_moved_column_is_marked_stale(crawls):
    [row] = [c for c in crawls["columns3"] if c["url"] == OLD_COLUMN]
    assert row["last_status"] == "stale: HTTP 404"


def test_stale_column_failure_is_recorded_against_its_portal(crawls):
    assert [(f["portal_id"], f["http_status"]) for f in crawls["failures3"] if f["url"] == OLD_COLUMN] == [(MOVED, 404)]


def test_stale_column_falls_back_to_the_home_page(crawls):
    assert "http://yjj.huizhou.gov.cn/" in pages_fetched(crawls["log3"])


def test_other_portals_keep_their_stored_columns_after_a_stale_one(crawls):
    assert "http://yjj.gdcy.gov.cn/" not in pages_fetched(crawls["log3"])


def test_fallback_finds_the_moved_column(crawls):
    [row] = [c for c in crawls["columns3"] if c["url"] == NEW_COLUMN]
    assert (row["portal_id"], row["last_status"]) == (MOVED, "ok")


def test_fallback_finds_the_moved_reports(crawls):
    assert report_urls(crawls["manifest_moved"], MOVED) - crawls["stored3"] == set()
