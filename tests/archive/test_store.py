"""The archive, on both backends (SQLite and PostgreSQL): versions, idempotent re-stores, raw bytes, failures."""

import hashlib
import sqlite3

import pytest

from govcrawl.archive.store import Archive
from govcrawl.contract.schema import empty_report


def make_record(text="一、总体情况\n本年度……", body=b"<html>v1</html>", url="http://a.gov.cn/t1.html"):
    record = empty_report()
    record.update(
        is_annual_report=True,
        report_key="441300/惠州市应急管理局/2019",
        title="报告",
        agency="惠州市应急管理局",
        year=2019,
        text=text,
    )
    record["provenance"] = {
        "url": url,
        "final_url": url,
        "referer": None,
        "portal_id": "p1",
        "fetched_at": "2026-01-01T00:00:00+00:00",
        "http_status": 200,
        "headers": {},
        "encoding": "utf-8",
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "render": "http",
        "crawler_version": "0",
        "spider": "annual_reports",
        "job_id": "j1",
    }
    return record, body


def integrity_errors():
    """A constraint failure on either backend."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.IntegrityError,)
    return (sqlite3.IntegrityError, psycopg.IntegrityError)


@pytest.fixture
def archive(archive_target):
    """A new archive on each backend: SQLite, and PostgreSQL (a schema of its own)."""
    with Archive(archive_target) as a:
        yield a


def test_first_store_is_new(archive):
    assert archive.store_report(*make_record()).status == "new"


def test_same_content_again_is_unchanged_and_adds_no_rows(archive):
    archive.store_report(*make_record())
    before = archive.row_counts()
    assert archive.store_report(*make_record()).status == "unchanged"
    assert archive.row_counts() == before


def test_chrome_only_change_is_unchanged(archive):
    archive.store_report(*make_record(body=b"<html>clicks: 1</html>"))
    assert archive.store_report(*make_record(body=b"<html>clicks: 2</html>")).status == "unchanged"


def test_changed_text_is_new_version_and_old_kept(archive):
    archive.store_report(*make_record())
    outcome = archive.store_report(*make_record(text="一、总体情况\n修订后", body=b"<html>v2</html>"))
    assert (outcome.status, outcome.version) == ("changed", 2)
    assert [v["text"] for v in archive.versions("441300/惠州市应急管理局/2019")] == [
        "一、总体情况\n本年度……",
        "一、总体情况\n修订后",
    ]


def test_raw_bytes_kept_and_match_sha(archive):
    record, body = make_record()
    archive.store_report(record, body)
    sha = archive.latest_records()[0]["provenance"]["body_sha256"]
    assert hashlib.sha256(archive.body(sha)).hexdigest() == sha


def test_second_url_is_recorded_as_source(archive):
    archive.store_report(*make_record())
    archive.store_report(*make_record(url="http://mirror.gov.cn/x.html"))
    assert archive.sources("441300/惠州市应急管理局/2019") == ["http://a.gov.cn/t1.html", "http://mirror.gov.cn/x.html"]


def test_mismatched_body_is_refused_and_nothing_written(archive):
    record, _ = make_record()
    with pytest.raises(ValueError):
        archive.store_report(record, b"other bytes")
    assert archive.row_counts()["reports"] == 0


def test_failed_write_leaves_no_half_report(archive, monkeypatch):
    record, body = make_record()
    record["provenance"]["url"] = None  # NOT NULL in report_versions: the insert fails mid-transaction
    with pytest.raises(integrity_errors()):
        archive.store_report(record, body)
    counts = archive.row_counts()
    assert (counts["bodies"], counts["reports"], counts["report_versions"]) == (0, 0, 0)


def test_same_failure_twice_is_one_row_with_count(archive):
    for job in ("j1", "j2"):
        archive.record_failure(
            url="http://a.gov.cn/x",
            stage="http",
            reason="HTTP 404",
            portal_id="p1",
            http_status=404,
            referer=None,
            at="2026-01-01T00:00:00",
            job_id=job,
        )
    [row] = archive.failures()
    assert (row["count"], row["last_job_id"]) == (2, "j2")


def test_a_failure_stage_outside_the_stage_enum_is_refused(tmp_path):
    with Archive(tmp_path / "a.sqlite3") as archive:
        with pytest.raises(ValueError):
            archive.record_failure(
                url="http://a.gov.cn/x",
                stage="clean",
                reason="?",
                portal_id="p1",
                http_status=None,
                referer=None,
                at="2026-01-01T00:00:00",
                job_id=None,
            )
        assert archive.failures() == []


def test_every_refusal_is_recorded_under_a_declared_stage():
    from govcrawl.contract import errors

    refusals = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.Refused)]
    assert all(isinstance(c.stage, errors.Stage) for c in refusals)
