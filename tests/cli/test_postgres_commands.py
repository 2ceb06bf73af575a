"""The reader commands give the same answers on a PostgreSQL archive as on a SQLite one holding the
same stored reports (real pages, tests/archive/reports_world.py); commands that stay SQLite-only
refuse a postgresql:// archive with exit 2; an unreachable server is one clear line."""

import json
from pathlib import Path

import pytest

from govcrawl.archive.store import Archive
from govcrawl.cli import main
from tests.archive.reports_world import fill_research_archive

pytestmark = pytest.mark.crawl  # needs the PostgreSQL server: an integration test

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/nothing"  # no server listens on port 1


@pytest.fixture(scope="module")
def archives(tmp_path_factory, postgres_db):
    """(SQLite path, PostgreSQL URL, report keys): the same reports stored in both."""
    path = str(tmp_path_factory.mktemp("both") / "archive.sqlite3")
    keys = fill_research_archive(path)
    assert fill_research_archive(postgres_db) == keys
    return path, postgres_db, keys


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def on_both(capsys, archives, *argv):
    """(status, stdout) of one command on each archive."""
    sqlite_path, url, _ = archives
    first = run(capsys, *argv, "--archive", sqlite_path)
    second = run(capsys, *argv, "--archive", url)
    return first[:2], second[:2]


@pytest.mark.parametrize(
    "argv",
    [
        ("export",),
        ("export", "--format", "csv"),
        ("export", "--province", "广东", "--years", "2022"),
        ("export", "--format", "cells"),
        ("status", "--json"),
        ("status",),
        ("compare", "汕头市潮阳区应急管理局", "--years", "2020,2022", "--format", "json"),
        ("compare", "--province", "广东", "--year", "2022", "--metric", "review_litigation.review_total"),
        ("scorecard", "--province", "广东", "--year", "2022", "--format", "json", "--today", "2025-06-01"),
    ],
    ids=lambda argv: " ".join(argv),
)
def test_the_same_answer_from_both_backends(capsys, archives, argv):
    sqlite_answer, postgres_answer = on_both(capsys, archives, *argv)
    assert sqlite_answer[0] == 0 and sqlite_answer[1].strip()
    assert postgres_answer == sqlite_answer


def test_history_of_every_report_is_the_same(capsys, archives):
    for key in archives[2]:
        sqlite_answer, postgres_answer = on_both(capsys, archives, "history", key, "--json")
        assert sqlite_answer[0] == 0 and postgres_answer == sqlite_answer
    versions = [v["version"] for v in json.loads(postgres_answer[1])["versions"]]
    assert versions and versions == list(range(1, len(versions) + 1))


def test_raw_bytes_come_back_identical(archives):
    from govcrawl.archive.reader import ArchiveReader

    sqlite_path, url, _ = archives
    with ArchiveReader(sqlite_path) as lite, ArchiveReader(url) as pg:
        shas = [r["provenance"]["body_sha256"] for r in lite.latest_records()]
        assert [pg.body(s) for s in shas] == [lite.body(s) for s in shas] and all(pg.body(s) for s in shas)


@pytest.mark.parametrize("term", ["应急管理局", "南海区", "复议", "行政复议", "没有这样的词语"])
def test_fts_finds_the_same_reports(capsys, archives, term):
    sqlite_answer, postgres_answer = on_both(capsys, archives, "fts", "--search", term)
    assert sqlite_answer[0] == postgres_answer[0] == 0
    # The same hits; the order differs (FTS5's bm25 in SQLite, title hits first in PostgreSQL).
    assert sorted(postgres_answer[1].splitlines()) == sorted(sqlite_answer[1].splitlines())


def test_cells_table_builds_on_postgres_but_datasette_metadata_is_sqlite_only(capsys, archives, tmp_path):
    sqlite_path, url, _ = archives
    lite = run(capsys, "cells", "--archive", sqlite_path)
    pg = run(capsys, "cells", "--archive", url)
    assert (lite[0], pg[0], pg[2]) == (0, 0, lite[2])  # "N cell(s) in table cells"
    status, _, err = run(capsys, "cells", "--archive", url, "--metadata", str(tmp_path / "meta.json"))
    assert (status, err.strip()) == (
        2,
        "govcrawl: error: datasette metadata (cells --metadata) works on SQLite archives only, not " + url,
    )
    assert not (tmp_path / "meta.json").exists()


@pytest.mark.parametrize("command", ["export", "status", "fts", "cells", "scorecard --province 广东 --year 2022"])
def test_an_unreachable_server_is_one_clear_line(capsys, command):
    status, out, err = run(capsys, *command.split(), "--archive", UNREACHABLE)
    assert (status, out) == (1, "")
    assert err.startswith(f"govcrawl: error: {UNREACHABLE}: cannot connect (") and len(err.strip().splitlines()) == 1


def test_harvest_into_an_unreachable_server_stops_before_crawling_with_exit_5(tmp_path, monkeypatch):
    import subprocess
    import sys

    from tests.conftest import REPO

    proc = subprocess.run(
        [sys.executable, "-m", "govcrawl", "harvest", "--demo", "--archive", UNREACHABLE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO)},
    )
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 5, proc.stderr
    assert len(lines) == 1 and lines[0].startswith(f"govcrawl: error: {UNREACHABLE}: cannot connect: "), lines
    assert "Connection refused" in lines[0] and "Traceback" not in proc.stdout + proc.stderr
    assert not Path(tmp_path / "data" / "logs").exists()  # nothing crawled, no log started


def test_the_scorecard_page_is_drawn_from_postgres_too(capsys, archives, tmp_path):
    page = tmp_path / "scorecard.html"
    status, _, _ = run(
        capsys, "scorecard", "--province", "广东", "--year", "2022", "--html", str(page), "--archive", archives[1]
    )
    assert status == 0 and "<table" in page.read_text("utf-8")


def test_the_archive_url_can_come_from_the_environment(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {**os.environ, "GOVCRAWL_ARCHIVE": UNREACHABLE, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "govcrawl", "status"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1 and proc.stderr.startswith(f"govcrawl: error: {UNREACHABLE}: cannot connect ("), (
        proc.stderr
    )


def test_a_server_failing_mid_command_is_one_line_not_a_traceback(capsys):
    import psycopg

    from tests.conftest import postgres_database

    with postgres_database() as url:  # a database of its own: no other archive on its search path
        Archive(url).close()
        with psycopg.connect(url, autocommit=True) as db:  # a table gone behind govcrawl's back
            db.execute("ALTER TABLE report_versions RENAME TO report_versions_moved")
        status, out, err = run(capsys, "fts", "--search", "复议", "--archive", url)
    assert (status, out) == (1, "")
    assert err.startswith("govcrawl: error: the PostgreSQL archive failed: relation") and len(err.splitlines()) == 1
