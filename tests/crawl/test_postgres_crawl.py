"""`govcrawl harvest --demo` into a postgresql:// archive stores what it stores into SQLite: the same
report keys, versions and raw bytes; a re-crawl adds no version; three harvests at once into one
database store each report once. A database connection
lost mid-crawl stops the crawl with exit 5, as a full disk does."""

import re
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
    proc = harvest(postgres_archive, tmp_path, "-s", "DOWNLOAD_DELAY=1", "-s", "AUTOTHROTTLE_ENABLED=False", wait=False)
    cut = []
    with psycopg.connect(postgres_archive, autocommit=True) as db:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and not cut:
            try:
                stored_any = db.execute("SELECT COUNT(*) FROM report_versions").fetchone()[0] > 0
            except psycopg.errors.UndefinedTable:
                stored_any = False
            if stored_any:  # mid-crawl: what a server restart or a network cut does to its connection
                cut = db.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND application_name = 'govcrawl'",
                    (name,),
                ).fetchall()
            time.sleep(0.02)
        assert cut, "the harvest ended before the connection could be cut"
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 5, out[-2000:] + err[-3000:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govcrawl: error: storage failed: "), err
    said = "lost the connection to PostgreSQL|terminating connection due to administrator command|server closed the connection"
    assert re.search(said, lines[0]), lines[0]
    assert "Traceback" not in out + err and " finished (" not in out and "stopped (storage_failed)" in out


def counts_line(stdout):
    """{'new': n, 'changed': n, 'unchanged': n, 'linked': n} from harvest's last lines."""
    match = re.search(r"New: (\d+), changed: (\d+), unchanged: (\d+), linked: (\d+)", stdout)
    assert match, stdout[-1500:]
    return dict(zip(("new", "changed", "unchanged", "linked"), map(int, match.groups()), strict=True))


def test_three_harvests_writing_one_postgres_archive_at_once_lose_and_duplicate_nothing(tmp_path, postgres_archive):
    sqlite_path = tmp_path / "lite" / "archive.sqlite3"
    sqlite_path.parent.mkdir()
    names = ("one", "two", "three")
    for name in names:
        (tmp_path / name).mkdir()
    # The same portals crawled by three workers at the same time: every report is stored three
    # times, at once.
    workers = [harvest(postgres_archive, tmp_path / name, wait=False) for name in names]
    results = [w.communicate(timeout=600) for w in workers]
    assert [w.returncode for w in workers] == [0, 0, 0], [r[1][-2000:] for r in results]
    reference = harvest(sqlite_path, sqlite_path.parent)
    assert reference.returncode == 0
    pg_versions, _ = stored(postgres_archive)
    lite_versions, _ = stored(sqlite_path)
    assert {k: len(v) for k, v in pg_versions.items()} == {k: len(v) for k, v in lite_versions.items()}
    for versions in pg_versions.values():
        assert [v[0] for v in versions] == list(range(1, len(versions) + 1))
    # Every version written was reported by exactly one worker as new, changed or linked.
    made = [counts_line(out) for out, _ in results]
    written = sum(m["new"] + m["changed"] + m["linked"] for m in made)
    assert written == sum(len(v) for v in pg_versions.values())
    assert sum(m["new"] for m in made) == len(pg_versions)  # each report new once, never twice
