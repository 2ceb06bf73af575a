"""`govcrawl harvest --demo` into a postgresql:// archive stores what it stores into SQLite: the same
report keys, versions and raw bytes; a re-crawl adds no version on either. A database connection
lost mid-crawl stops the crawl with exit 5, as a full disk does."""

import subprocess
import sys
import time

import psycopg
import pytest

from govcrawl.archive.reader import ArchiveReader
from tests.conftest import REPO

pytestmark = pytest.mark.crawl


def harvest(archive, cwd, *extra, timeout=600, wait=True):
    cmd = [sys.executable, "-m", "govcrawl", "harvest", "--demo", "--archive", str(archive), *extra]
    env = {**__import__("os").environ, "PYTHONPATH": str(REPO)}
    if not wait:
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def stored(target):
    """{report_key: [(version, content hash, body hash, url)]}, and the body bytes by hash."""
    with ArchiveReader(target) as reader:
        rows = reader.conn.execute(
            "SELECT report_key, version, content_sha256, body_sha256, url FROM report_versions"
            " ORDER BY report_key, version"
        ).fetchall()
        bodies = {r[3]: reader.body(r[3]) for r in rows}
    versions: dict[str, list[tuple]] = {}
    for key, *rest in rows:
        versions.setdefault(key, []).append(tuple(rest))
    return versions, bodies


def test_a_demo_harvest_into_postgres_stores_what_sqlite_stores(tmp_path, postgres_db):
    sqlite_path = tmp_path / "lite" / "archive.sqlite3"
    sqlite_path.parent.mkdir()
    (tmp_path / "pg").mkdir()
    lite = harvest(sqlite_path, sqlite_path.parent)
    pg = harvest(postgres_db, tmp_path / "pg")
    assert (lite.returncode, pg.returncode) == (0, 0), pg.stdout[-2000:] + pg.stderr[-3000:]
    assert f"Archive (PostgreSQL): {postgres_db}" in pg.stdout
    assert list((tmp_path / "pg" / "data").glob("reports-*.jsonl"))  # the feed and logs go to ./data
    lite_versions, lite_bodies = stored(sqlite_path)
    pg_versions, pg_bodies = stored(postgres_db)
    # Same reports, same version numbers; each version's content per URL is the same. (Fetch
    # times differ, so content hashes are compared as the set per report, not by position.)
    assert {k: len(v) for k, v in pg_versions.items()} == {k: len(v) for k, v in lite_versions.items()}
    assert len(pg_versions) > 10
    for key, versions in pg_versions.items():
        assert [v[0] for v in versions] == list(range(1, len(versions) + 1))
        assert sorted((v[1], v[3]) for v in versions) == sorted((v[1], v[3]) for v in lite_versions[key])
    assert {s: b for s, b in pg_bodies.items()} == {s: lite_bodies[s] for s in pg_bodies}
    # A second harvest finds nothing new: no version added.
    again = harvest(postgres_db, tmp_path / "pg")
    assert again.returncode == 0 and "New: 0, changed: 0" in again.stdout, again.stdout[-1500:]
    assert stored(postgres_db)[0] == pg_versions


def test_losing_the_database_mid_crawl_stops_the_crawl_with_exit_5(tmp_path, postgres_db, postgres_archive):
    name = postgres_db.rsplit("/", 1)[1]
    proc = harvest(postgres_archive, tmp_path, "-s", "DOWNLOAD_DELAY=0.2", wait=False)
    with psycopg.connect(postgres_archive, autocommit=True) as db:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if db.execute("SELECT COUNT(*) FROM report_versions").fetchone()[0] > 0:
                    break
            except psycopg.errors.UndefinedTable:
                pass
            time.sleep(0.05)
        assert proc.poll() is None, "the harvest ended before the connection could be cut"
        # What a server restart or a network cut does to the crawl's connection.
        cut = db.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND application_name = 'govcrawl'",
            (name,),
        ).fetchall()
    out, err = proc.communicate(timeout=300)
    assert cut and proc.returncode == 5, out[-2000:] + err[-3000:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govcrawl: error: storage failed: "), err
    assert "Traceback" not in out + err and " finished (" not in out and "stopped (storage_failed)" in out
