"""kill -9 in the middle of a JOBDIR crawl, then resume with the same JOBDIR: the crawl goes on and
ends with the same reports as an uninterrupted run (issue 12, "Resume and shared state")."""

import sqlite3
import subprocess
import sys

import pytest

from govsim import Simulator, generated_world
from tests.conftest import REPO, kill_group_when, proxy_env, run_crawl, write_seeds

pytestmark = pytest.mark.crawl

SLOW = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "GOVCRAWL_PARSE_WORKERS=1"]


def report_keys(archive):
    if not archive.exists():
        return set()
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=5)
    try:
        return {row[0] for row in conn.execute("SELECT report_key FROM reports")}
    except sqlite3.OperationalError:
        return set()  # not created yet
    finally:
        conn.close()


def crawl_command(seeds, archive, jobdir):
    return [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "annual_reports",
        "-a",
        f"seeds={seeds}",
        "-s",
        f"GOVCRAWL_ARCHIVE={archive}",
        "-s",
        f"JOBDIR={jobdir}",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
        "-s",
        "DOWNLOAD_TIMEOUT=20",
        *SLOW,
    ]


def test_resume_after_kill_9_ends_with_the_same_reports(tmp_path):
    world = generated_world(portals=12, pages=900, seed=12)
    with Simulator(world, slow_seconds=0.2) as sim:
        seeds = write_seeds(sim, tmp_path)
        whole = tmp_path / "whole.sqlite3"
        run_crawl(seeds, whole, sim.proxy_url, *SLOW, timeout=600)
        expected = report_keys(whole)
        assert len(expected) > 20

        archive, jobdir = tmp_path / "killed.sqlite3", tmp_path / "job"
        proc = subprocess.Popen(
            crawl_command(seeds, archive, jobdir),
            cwd=REPO,
            env=proxy_env(sim.proxy_url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its parse workers are in its process group
        )
        kill_group_when(proc, lambda: len(report_keys(archive)) >= len(expected) // 3, timeout=300)
        before_resume = report_keys(archive)
        assert 0 < len(before_resume) < len(expected)

        sim.request_log.clear()
        resumed = subprocess.run(
            crawl_command(seeds, archive, jobdir),
            cwd=REPO,
            env=proxy_env(sim.proxy_url),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert resumed.returncode == 0, resumed.stderr[-4000:]
        fetched = sim.request_log.snapshot()
    assert len(fetched) > 0  # it did not "finish" with nothing fetched
    assert report_keys(archive) == expected
    stats = resumed.stderr[resumed.stderr.rfind("Dumping Scrapy stats") :]
    assert "'finish_reason': 'finished'" in stats
    # A clean close leaves the JOBDIR trusted for the next resume.
    assert not (jobdir / "govcrawl.running").exists()
    assert "was not closed cleanly" in resumed.stderr  # the lost queue was noticed, not trusted
