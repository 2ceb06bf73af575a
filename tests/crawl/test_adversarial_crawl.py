"""A real crawl with hostile documents among normal reports (issue 12, "Parse isolation and
limits"): the other reports are stored, each hostile document is either kept with its text or
recorded as a failure with its reason, and the job ends normally.

The simulator's 舟曲 portal (GBK, classic ASP CMS) gets six more reports: a DOCX bomb (its zip
limit turned off, so it reaches the one parse worker's 1 GiB memory limit and kills it), a 50 MB
one-table page (over GOVCRAWL_PAGE_MAX_CHARS), a page nested 300 <div>s deep, a UTF-8 page with a
GBK footer, a page with a NUL byte in its first 4 KB and an XLSX merging A2:XFD1048576.
"""

from __future__ import annotations

import pytest

from govcrawl.archive.store import Archive
from govsim import Simulator, demo_world
from govsim.demo import _document_entry
from govsim.world import Attachment, Entry, Response, World
from tests.conftest import run_crawl, write_seeds
from tests.process import hostile_files as hostile

pytestmark = pytest.mark.crawl

AGENCY = "舟曲县应急管理局"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _title(year: int) -> str:
    return f"{AGENCY}{year}年政府信息公开工作年度报告"


def _page(portal, path: str, year: int, body: bytes, doc_id: int) -> Entry:
    return Entry(
        path,
        "report",
        _title(year),
        f"{year + 1}-01-15",
        lambda: "",
        year=year,
        agency=AGENCY,
        source=portal.name,
        doc_id=doc_id,
        answer=lambda _portal, _entry, _req: Response(200, body, "text/html; charset=utf-8"),
    )


def hostile_world() -> World:
    portal = demo_world().by_id["623023-yjj"]
    bomb = hostile.docx_bomb(300, _title(2021))
    sheet = hostile.xlsx_merge_bomb()
    portal.entries += [
        _document_entry(
            portal,
            "/UploadFiles/2022/ndbg2021.docx",
            _title(2021),
            "2022-01-20",
            3001,
            Attachment("/UploadFiles/2022/ndbg2021.docx", _title(2021), DOCX, lambda: bomb),
            year=2021,
            agency=AGENCY,
        ),
        _page(portal, "/Article/ShowArticle.asp?ArticleID=3002", 2020, hostile.one_table_page(50, _title(2020)), 3002),
        _page(portal, "/Article/ShowArticle.asp?ArticleID=3003", 2019, hostile.deep_page(300, _title(2019)), 3003),
        _page(
            portal, "/Article/ShowArticle.asp?ArticleID=3004", 2018, hostile.utf8_with_gbk_footer(_title(2018)), 3004
        ),
        _page(portal, "/Article/ShowArticle.asp?ArticleID=3005", 2017, hostile.nul_in_head(_title(2017)), 3005),
        _document_entry(
            portal,
            "/UploadFiles/2017/tjb2016.xlsx",
            _title(2016),
            "2017-01-20",
            3006,
            Attachment("/UploadFiles/2017/tjb2016.xlsx", _title(2016), XLSX, lambda: sheet),
            year=2016,
            agency=AGENCY,
        ),
    ]
    return World([portal], name="hostile-parse")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("adversarial")
    sim = Simulator(hostile_world(), slow_seconds=0.2)
    with sim:
        seeds = write_seeds(sim, tmp)
        archive_path = tmp / "archive.sqlite3"
        proc = run_crawl(
            seeds,
            archive_path,
            sim.proxy_url,
            "-s",
            "GOVCRAWL_PARSE_WORKERS=1",
            "-s",
            f"GOVCRAWL_PARSE_MEMORY_LIMIT={1024**3}",
            "-s",
            "GOVCRAWL_DOCUMENT_MAX_UNCOMPRESSED=0",
            "-s",
            "GOVCRAWL_ATTACHMENTS=False",
            timeout=600,
        )
        portal = sim.world.by_id["623023-yjj"]
        urls = {e.doc_id: portal.url(e.path) for e in portal.entries}
    with Archive(archive_path) as archive:
        records = archive.latest_records()
        failures = archive.failures()
        sources = {r["report_key"]: archive.sources(r["report_key"]) for r in records}
    yield {"records": records, "failures": failures, "sources": sources, "urls": urls, "log": proc.stderr}


def record_at(crawled, url):
    for record in crawled["records"]:
        if url in crawled["sources"][record["report_key"]]:
            return record
    raise AssertionError(f"no report has source {url}")


def failure_at(crawled, url):
    return next((f for f in crawled["failures"] if f["url"] == url), None)


def test_normal_reports_are_stored(crawled):
    years = {r["year"] for r in crawled["records"] if r["agency"] == AGENCY}
    assert {2023, 2025} <= years  # the portal's own reports, parsed around the hostile ones


def test_docx_bomb_is_a_resource_limit_failure(crawled):
    failure = failure_at(crawled, crawled["urls"][3001])
    assert (failure["stage"], "GOVCRAWL_PARSE_MEMORY_LIMIT" in failure["reason"]) == ("resource_limit", True)


def test_50_mb_table_page_is_a_resource_limit_failure(crawled):
    failure = failure_at(crawled, crawled["urls"][3002])
    assert (failure["stage"], "GOVCRAWL_PAGE_MAX_CHARS" in failure["reason"]) == ("resource_limit", True)


def test_deep_page_is_stored_with_its_text(crawled):
    record = record_at(crawled, crawled["urls"][3003])
    assert (record["year"], "本年度收到政府信息公开申请15件" in record["text"]) == (2019, True)


def test_mixed_encoding_page_is_stored_with_its_decode_errors(crawled):
    record = record_at(crawled, crawled["urls"][3004])
    errors = record["provenance"]["decode_errors"]
    assert (record["year"], errors["encoding"], errors["count"] > 0) == (2018, "utf-8", True)


def test_page_with_a_nul_byte_is_stored(crawled):
    record = record_at(crawled, crawled["urls"][3005])
    assert (record["year"], record["provenance"]["decode_errors"]["controls_removed"]) == (2017, 1)


def test_xlsx_merge_bomb_does_not_stop_the_job(crawled):
    url = crawled["urls"][3006]
    assert failure_at(crawled, url) is None or failure_at(crawled, url)["stage"] != "parse"
    assert "BrokenProcessPool" not in crawled["log"]
