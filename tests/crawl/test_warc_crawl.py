"""WARC capture in a real crawl (a Scrapy process) of the demo simulator, read back from the WARC files."""

import hashlib
import json

import pytest
from scrapy.settings import Settings

from govcrawl import addon
from tests.crawl.test_warc import records

pytestmark = pytest.mark.crawl


def warc_settings(warc_dir):
    """-s options that switch the WARC middleware on next to the project's own middlewares."""
    middlewares = dict(
        Settings({"DOWNLOADER_MIDDLEWARES": addon.DOWNLOADER_MIDDLEWARES}).getdict("DOWNLOADER_MIDDLEWARES"),
        **{"govcrawl.crawl.downloader.warc.WarcMiddleware": 950},
    )
    return ["-s", f"DOWNLOADER_MIDDLEWARES={json.dumps(middlewares)}", "-s", f"GOVCRAWL_WARC_DIR={warc_dir}"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from govcrawl.archive.store import Archive
    from govsim import Simulator, demo_world
    from tests.conftest import run_crawl, write_seeds

    tmp = tmp_path_factory.mktemp("warc-crawl")
    with Simulator(demo_world(), slow_seconds=0.5) as sim:
        seeds = write_seeds(sim, tmp)
        run_crawl(seeds, tmp / "archive.sqlite3", sim.proxy_url, *warc_settings(tmp / "warc"))
    with Archive(tmp / "archive.sqlite3") as archive:
        stored = archive.latest_records()
    return {"records": stored, "warc": records(tmp / "warc")}


def test_crawl_stored_reports(crawled):
    assert crawled["records"]


def test_every_stored_reports_body_sha256_is_rederived_from_the_warc(crawled):
    payload_sha = {}
    for _, kind, warc_headers, _, payload in crawled["warc"]:
        if kind == "response":
            payload_sha.setdefault(warc_headers.get_header("WARC-Target-URI"), set()).add(
                hashlib.sha256(payload).hexdigest()
            )
    for record in crawled["records"]:
        prov = record["provenance"]
        assert prov["body_sha256"] in payload_sha[prov["final_url"] or prov["url"]]


def test_robots_txt_and_list_pages_are_archived_too(crawled):
    uris = {h.get_header("WARC-Target-URI") for _, kind, h, _, _ in crawled["warc"] if kind == "response"}
    assert any(u.endswith("/robots.txt") for u in uris) and len(uris) > len(crawled["records"]) * 2


def test_provenance_names_the_warc_record_holding_the_body(crawled):
    """Needs the spider to copy warc_* meta into the item and build_provenance to keep them."""
    by_id = {
        h.get_header("WARC-Record-ID"): (name, payload)
        for name, kind, h, _, payload in crawled["warc"]
        if kind == "response"
    }
    for record in crawled["records"]:
        prov = record["provenance"]
        assert "warc_record_id" in prov, (
            "the spider must copy warc_* meta into FetchedPage (govcrawl.crawl.downloader.warc docstring)"
        )
        name, payload = by_id[prov["warc_record_id"]]
        assert (name, hashlib.sha256(payload).hexdigest()) == (prov["warc_file"], prov["body_sha256"])
