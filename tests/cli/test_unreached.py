"""A harvest that reaches nothing says so: the issue's "done when" for unreachable portals.

The seed file names hosts under .invalid (RFC 6761: never resolves) and the crawl runs without a
proxy, so every request ends in a DNS failure, robots.txt first.
"""

import json
import os
import subprocess
import sys

import pytest

from govcrawl.cli.errors import EXIT_UNREACHED

pytestmark = pytest.mark.crawl

PORTALS = [
    {
        "id": "990001",
        "name": "甲市",
        "adcode": "330100",
        "level": "city",
        "start_urls": ["http://www.dead-one.invalid/"],
        "allowed_domains": ["dead-one.invalid"],
    },
    {
        "id": "990002",
        "name": "乙县应急管理局",
        "adcode": "330102",
        "level": "department",
        "start_urls": ["http://www.dead-two.invalid/col/index.html"],
        "allowed_domains": ["dead-two.invalid"],
    },
]


def no_proxy_env():
    return {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("unreached")
    seeds = tmp / "dead.json"
    seeds.write_text(json.dumps(PORTALS, ensure_ascii=False), "utf-8")
    archive = tmp / "data" / "archive.sqlite3"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govcrawl",
            "harvest",
            "--seeds",
            str(seeds),
            "--archive",
            str(archive),
            "--contact",
            "https://example.org/contact",
            "-s",
            "GOVCRAWL_RETRY_BACKOFF_BASE=0.05",
            "-s",
            "GOVCRAWL_PROGRESS_INTERVAL=1",
        ],
        cwd=tmp,
        env=no_proxy_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    status = subprocess.run(
        [sys.executable, "-m", "govcrawl", "status", "--archive", str(archive), "--json"],
        cwd=tmp,
        env=no_proxy_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    status_text = subprocess.run(
        [sys.executable, "-m", "govcrawl", "status", "--archive", str(archive)],
        cwd=tmp,
        env=no_proxy_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return {
        "proc": proc,
        "status": json.loads(status.stdout),
        "status_text": status_text.stdout,
        "data": archive.parent,
    }


def summary_rows(stdout):
    lines = stdout[stdout.index("Per-portal summary") :].splitlines()
    return {line.split()[0]: line.split() for line in lines if line.split() and line.split()[0] in ("990001", "990002")}


def test_exit_status_says_no_portal_was_reached(harvested):
    assert harvested["proc"].returncode == EXIT_UNREACHED != 0


def test_every_portal_is_not_reached_because_of_dns(harvested):
    rows = summary_rows(harvested["proc"].stdout)
    assert {p: (row[1], row[-1]) for p, row in rows.items()} == {"990001": ("NO", "dns"), "990002": ("NO", "dns")}


def test_the_verdict_names_the_cause(harvested):
    assert "Verdict: unreached: 2 of 2 portal(s) not reached: 990001 (dns), 990002 (dns)" in harvested["proc"].stdout


def test_no_traceback_on_stderr(harvested):
    stderr = harvested["proc"].stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr


def test_the_log_file_has_one_line_per_failed_url_and_no_traceback(harvested):
    (log,) = (harvested["data"] / "logs").glob("*.log")
    text = log.read_text("utf-8")
    failed = [line for line in text.splitlines() if "[annual_reports] WARNING: Failed" in line]
    assert ("Traceback" not in text, len(failed) >= 2, all(": dns; " in line for line in failed)) == (True, True, True)


def test_deadline_status_is_unknown_never_missing(harvested):
    checks = {row["portal_id"]: row["deadlines"][-1] for row in harvested["status"]}
    assert {p: (c["status"], c["why"]) for p, c in checks.items()} == {
        "990001": ("unknown", "portal not reached"),
        "990002": ("unknown", "portal not reached"),
    }
    assert "unknown: portal not reached" in harvested["status_text"] and "missing" not in harvested["status_text"]


def test_no_empty_feed_is_left_behind(harvested):
    assert (list(harvested["data"].glob("reports-*.jsonl")), "none written" in harvested["proc"].stdout) == ([], True)


def test_progress_is_plain_lines_when_stderr_is_not_a_terminal(harvested):
    stderr = harvested["proc"].stderr
    lines = [line for line in stderr.splitlines() if line.startswith("portals ")]
    assert lines and "\r" not in stderr and all("/2  pages 0  reports 0  failures" in line for line in lines), stderr
