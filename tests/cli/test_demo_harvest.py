"""The README's main command: `govcrawl harvest --demo`, run from outside the repository."""

import sqlite3
import subprocess
import sys

import pytest

from govsim import REPORT_KINDS, Simulator, demo_world

pytestmark = pytest.mark.crawl


def test_demo_harvest_fills_the_archive_and_says_where(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govcrawl",
            "harvest",
            "--demo",
            "--archive",
            str(tmp_path / "data" / "archive.sqlite3"),
            "--log-level",
            "WARNING",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    with sqlite3.connect(tmp_path / "data" / "archive.sqlite3") as db:
        reports = db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    pages = [m for m in Simulator(demo_world()).manifest() if m["kind"] in REPORT_KINDS]
    present = sum(1 for m in pages if not m["same_as"])  # a second link to a listed report is not another report
    feed = next((tmp_path / "data").glob("reports-*.jsonl"))
    assert (
        proc.returncode,
        reports,
        len(feed.read_text("utf-8").splitlines()),
        f"Archive (SQLite): {tmp_path / 'data' / 'archive.sqlite3'}" in proc.stdout,
    ) == (0, present, len(pages), True)


def test_demo_harvest_is_quiet_on_stderr_and_logs_everything_to_the_file(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govcrawl",
            "harvest",
            "--demo",
            "--archive",
            str(tmp_path / "data" / "archive.sqlite3"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (log,) = (tmp_path / "data" / "logs").glob("*.log")
    text = log.read_text("utf-8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(proc.stderr.splitlines()) < 40, proc.stderr
    assert (
        "Scrapy 2." in text,
        "Dumping Scrapy stats" in text,
        "Per-portal summary (finished)" in text,
        "Traceback" in proc.stderr,
        "Dropped: column recorded" in text,
    ) == (True, True, True, False, False)
    assert "govcrawl verdict: ok" in text.rstrip().splitlines()[-1]
    assert f"Log: {log}" in proc.stdout and proc.stdout.rstrip().splitlines()[-1].startswith("Verdict: ok")
