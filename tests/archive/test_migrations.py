"""Versioned schema migrations, run on open: older archives upgrade in place and keep their data,
newer ones are refused with a clear message, on SQLite (PRAGMA user_version) and PostgreSQL
(the govcrawl_schema table)."""

import sqlite3

import psycopg
import pytest

from govcrawl.archive.backend import ArchiveError, ForeignArchive
from govcrawl.archive.migrations import MIGRATIONS, SCHEMA_VERSION
from govcrawl.archive.reader import ArchiveReader
from govcrawl.archive.store import Archive
from govcrawl.cli import main
from tests.archive.test_store import make_record

KEY = "441300/惠州市应急管理局/2019"
V2_INDEXES = ("reports_portal", "report_versions_content")


def test_the_migrations_are_numbered_one_by_one():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1)) and SCHEMA_VERSION == len(MIGRATIONS)


def filled(target):
    """An archive with one report in two versions and one finished run."""
    with Archive(target) as archive:
        archive.store_report(*make_record())
        archive.store_report(*make_record(text="一、总体情况\n修订后", body=b"<html>v2</html>"))
        archive.record_run(
            job_id="old", spider="annual_reports", started_at="t0", finished_at="t1", reason="finished", summary={}
        )


def sqlite_indexes(path):
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


# --- SQLite ---------------------------------------------------------------------------------
def test_an_archive_from_before_versions_and_verdicts_upgrades_in_place(tmp_path):
    path = tmp_path / "archive.sqlite3"
    filled(path)
    db = sqlite3.connect(path)  # as archives were written before verdicts, owners and schema versions
    for index in V2_INDEXES:
        db.execute(f"DROP INDEX {index}")
    db.execute("ALTER TABLE crawl_runs DROP COLUMN owner")
    db.execute("ALTER TABLE crawl_runs DROP COLUMN verdict")
    db.execute("PRAGMA user_version = 0")
    db.execute("PRAGMA application_id = 0")
    db.commit()
    db.close()
    with Archive(path) as archive:
        version = archive.conn.execute("PRAGMA user_version").fetchone()[0]
        columns = {r[1] for r in archive.conn.execute("PRAGMA table_info(crawl_runs)")}
        texts = [v["text"] for v in archive.versions(KEY)]
        runs = [r[0] for r in archive.conn.execute("SELECT job_id FROM crawl_runs")]
        third = archive.store_report(*make_record(text="一、总体情况\n第三版", body=b"<html>v3</html>"))
    assert (version, {"verdict", "owner"} <= columns, set(V2_INDEXES) <= sqlite_indexes(path)) == (
        SCHEMA_VERSION,
        True,
        True,
    )
    assert (texts, runs, third.version) == (["一、总体情况\n本年度……", "一、总体情况\n修订后"], ["old"], 3)


def test_a_version_1_archive_gets_the_later_steps_only(tmp_path):
    path = tmp_path / "archive.sqlite3"
    filled(path)
    with sqlite3.connect(path) as db:
        for index in V2_INDEXES:
            db.execute(f"DROP INDEX {index}")
        db.execute("PRAGMA user_version = 1")
    db.close()
    Archive(path).close()
    with sqlite3.connect(path) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
    assert (version, set(V2_INDEXES) <= sqlite_indexes(path)) == (SCHEMA_VERSION, True)


def test_a_newer_sqlite_archive_is_refused_by_writer_and_reader(tmp_path, capsys):
    path = tmp_path / "archive.sqlite3"
    filled(path)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(ForeignArchive, match=f"schema version {SCHEMA_VERSION + 1} is newer"):
        Archive(path)
    with pytest.raises(ArchiveError, match="newer than this govcrawl's"):
        ArchiveReader(path)
    assert main(["status", "--archive", str(path)]) == 1
    assert "newer than this govcrawl's" in capsys.readouterr().err


# --- PostgreSQL -----------------------------------------------------------------------------
def applied(url):
    with psycopg.connect(url) as db:
        return [r[0] for r in db.execute("SELECT version FROM govcrawl_schema ORDER BY version")]


def postgres_indexes(url):
    with psycopg.connect(url) as db:
        return {r[0] for r in db.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}


def test_a_new_postgres_archive_records_every_step(postgres_archive):
    filled(postgres_archive)
    assert (applied(postgres_archive), set(V2_INDEXES) <= postgres_indexes(postgres_archive)) == (
        list(range(1, SCHEMA_VERSION + 1)),
        True,
    )


def test_a_version_1_postgres_archive_upgrades_in_place_and_keeps_its_data(postgres_archive):
    filled(postgres_archive)
    with psycopg.connect(postgres_archive) as db:
        for index in V2_INDEXES:
            db.execute(f"DROP INDEX {index}")
        db.execute("DELETE FROM govcrawl_schema WHERE version > 1")
    with Archive(postgres_archive) as archive:
        texts = [v["text"] for v in archive.versions(KEY)]
    assert (applied(postgres_archive), set(V2_INDEXES) <= postgres_indexes(postgres_archive)) == (
        list(range(1, SCHEMA_VERSION + 1)),
        True,
    )
    assert texts == ["一、总体情况\n本年度……", "一、总体情况\n修订后"]


def test_a_newer_postgres_archive_is_refused_by_writer_reader_and_cli(postgres_archive, capsys):
    filled(postgres_archive)
    with psycopg.connect(postgres_archive) as db:
        db.execute("INSERT INTO govcrawl_schema VALUES (%s, 'from the future', 't')", (SCHEMA_VERSION + 1,))
    with pytest.raises(ForeignArchive, match=f"schema version {SCHEMA_VERSION + 1} is newer"):
        Archive(postgres_archive)
    with pytest.raises(ArchiveError, match="newer than this govcrawl's"):
        ArchiveReader(postgres_archive)
    assert main(["export", "--archive", postgres_archive]) == 1
    assert "newer than this govcrawl's" in capsys.readouterr().err
    assert applied(postgres_archive)[-1] == SCHEMA_VERSION + 1  # untouched


def test_a_database_of_another_application_is_refused_untouched(postgres_archive):
    with psycopg.connect(postgres_archive) as db:
        db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    with pytest.raises(ForeignArchive, match=r"not a govcrawl archive's \(contacts\)"):
        Archive(postgres_archive)
    with psycopg.connect(postgres_archive) as db:
        tables = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
    assert tables == ["contacts"]


def test_passwords_never_show_in_messages():
    from govcrawl.archive.backend import shown

    assert shown("postgresql://crawler:s3cret@db.example.org:5432/gov?sslmode=require&password=x2") == (
        "postgresql://crawler:***@db.example.org:5432/gov?sslmode=require&password=***"
    )
    assert shown("postgresql://crawler@db/gov") == "postgresql://crawler@db/gov"
    assert shown("data/archive.sqlite3") == "data/archive.sqlite3"
