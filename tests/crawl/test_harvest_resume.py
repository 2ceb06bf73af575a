"""`govcrawl harvest` killed with -9 midway, then `govcrawl harvest --resume JOB`: the archive and the
JSON Lines output end as an uninterrupted harvest's of the same world (issue 13, "Crash-safe,
resumable")."""

import json
import sqlite3
import subprocess
import sys

import pytest

from govsim import Simulator, generated_world
from tests.conftest import REPO, kill_group_when, proxy_env, write_seeds

pytestmark = pytest.mark.crawl

SETTINGS = [
    "DOWNLOAD_DELAY=0.05",
    "CONCURRENT_REQUESTS_PER_DOMAIN=1",
    "GOVCRAWL_PARSE_WORKERS=1",
    "AUTOTHROTTLE_ENABLED=False",
    "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
    "DOWNLOAD_TIMEOUT=20",
]


def harvest(*args):
    command = [sys.executable, "-m", "govcrawl.cli.main", "harvest", *args]
    for pair in SETTINGS:
        command += ["-s", pair]
    return command


def query(archive, sql):
    if not archive.exists():
        return []
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []  # not created yet
    finally:
        conn.close()


def versions(archive):
    return set(query(archive, "SELECT report_key, version, content_sha256 FROM report_versions"))


def output_lines(folder):
    """(report_key, url) of every line of the job's JSON Lines output; each line must be whole JSON."""
    [path] = folder.glob("reports-*.jsonl")
    lines = path.read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # a half-written line fails here
    return [(r["report_key"], r["provenance"]["url"]) for r in records]


def test_a_harvest_killed_with_9_resumes_to_the_same_archive_and_output(tmp_path):
    world = generated_world(portals=12, pages=900, seed=13)
    with Simulator(world, slow_seconds=0.2) as sim:
        seeds = write_seeds(sim, tmp_path)
        env = proxy_env(sim.proxy_url)
        whole = tmp_path / "whole"
        done = subprocess.run(
            harvest("--seeds", str(seeds), "--archive", str(whole / "archive.sqlite3")),
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        expected = versions(whole / "archive.sqlite3")
        assert len(expected) > 20, done.stdout[-2000:] + done.stderr[-2000:]

        killed = tmp_path / "killed"
        archive = killed / "archive.sqlite3"
        proc = subprocess.Popen(
            harvest("--seeds", str(seeds), "--archive", str(archive)),
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its parse workers are in its process group
        )
        kill_group_when(
            proc, lambda: len(versions(archive)) >= len(expected) // 3, timeout=600, what="the harvest", poll=0.05
        )
        assert 0 < len(versions(archive)) < len(expected)
        [job] = [p.name for p in (killed / "jobs").iterdir()]

        resumed = subprocess.run(
            harvest("--resume", job, "--archive", str(archive)),
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert resumed.returncode == done.returncode, resumed.stdout[-3000:] + resumed.stderr[-3000:]
        assert f"Job {job} finished (finished)." in resumed.stdout

        again = subprocess.run(
            harvest("--resume", job, "--archive", str(archive)), cwd=REPO, env=env, capture_output=True, text=True
        )
    assert again.returncode == 2 and "already finished" in again.stderr

    # Same reports and versions as the uninterrupted harvest, each once.
    assert versions(archive) == expected
    assert query(archive, "PRAGMA integrity_check") == [("ok",)]
    # One run row for the job, finished, not a second job.
    assert query(archive, "SELECT job_id, reason FROM crawl_runs") == [(job, "finished")]
    # The output: whole lines, no report twice, the same reports as the uninterrupted harvest's.
    lines = output_lines(killed)
    assert len(lines) == len(set(lines))
    assert set(lines) == set(output_lines(whole))
    assert {key for key, _ in lines} == {key for key, _, _ in expected}
    record = json.loads((killed / "jobs" / job / "harvest.json").read_text("utf-8"))
    assert record["state"] == "finished" and record["runs"] == 2
