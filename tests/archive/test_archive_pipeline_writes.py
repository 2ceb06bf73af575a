"""The archive pipeline's answer to a write that finally fails: a failure row when the archive is
writable, the storage stop when it is not (never a bare log line, never an unhandled error)."""

import sqlite3

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from twisted.internet import defer

from govcrawl.archive.store import Archive
from govcrawl.archive.writer_thread import run_with_retries
from govcrawl.contract.items import FetchFailure
from govcrawl.crawl.storage import STATS_KEY
from pipelines.archive import ArchivePipeline


class SyncWriter:
    """The writer thread's interface, run in the caller's thread (no reactor needed)."""

    def __init__(self, archive):
        self.archive = archive

    def submit(self, fn):
        try:
            return defer.succeed(run_with_retries(lambda: fn(self.archive), retries=0))
        except Exception as exc:
            return defer.fail(exc)


def pipeline_over(archive, settings=None):
    crawler = get_crawler(Spider, {"GOVCRAWL_ARCHIVE": str(archive.path), **(settings or {})})
    crawler.spider = Spider(name="annual_reports")
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.writer = SyncWriter(archive)
    return pipeline, crawler


def outcome(d):
    results = []
    d.addBoth(results.append)
    return results[0]


def failure_item(url="http://x.gov.cn/a"):
    return FetchFailure(url=url, stage="http", reason="HTTP 404", portal_id="p", http_status=404, referer=None)


def test_a_write_refused_for_its_own_reasons_becomes_an_archive_failure_row(tmp_path):
    archive = Archive(tmp_path / "a.sqlite3")
    pipeline, crawler = pipeline_over(archive)
    archive.conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON failures WHEN NEW.stage = 'http'"
        " BEGIN SELECT RAISE(ABORT, 'refused by a constraint'); END"
    )
    result = outcome(pipeline._store_failure(failure_item()))
    rows = archive.conn.execute("SELECT url, stage, reason FROM failures").fetchall()
    assert isinstance(result.value, DropItem)
    assert rows == [("http://x.gov.cn/a", "archive", "archive write failed: IntegrityError: refused by a constraint")]
    assert crawler.stats.get_value("govcrawl/failures/archive") == 1
    assert crawler.stats.get_value(STATS_KEY) is None


def test_an_unwritable_archive_stops_the_crawl_instead(tmp_path):
    archive = Archive(tmp_path / "a.sqlite3")
    pipeline, crawler = pipeline_over(archive)
    archive.conn.execute(f"PRAGMA max_page_count = {archive.conn.execute('PRAGMA page_count').fetchone()[0]}")
    result = outcome(pipeline._store_failure(failure_item("http://x.gov.cn/" + "q" * 50000)))
    assert isinstance(result.value, DropItem) and "storage failed" in str(result.value)
    assert "database or disk is full" in crawler.stats.get_value(STATS_KEY)


def test_a_foreign_archive_is_refused_when_the_pipeline_is_built(tmp_path, caplog):
    path = tmp_path / "a.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE other (x)")
    crawler = get_crawler(Spider, {"GOVCRAWL_ARCHIVE": str(path)})
    with pytest.raises(SystemExit) as exit_:
        ArchivePipeline.from_crawler(crawler)
    assert exit_.value.code == 5
    assert "another application's SQLite database (tables: other)" in caplog.text
