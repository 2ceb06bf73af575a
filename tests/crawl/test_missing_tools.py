"""A harvest on a machine without Chromium: warned once up front, the pages that needed it are
counted as lost to a missing tool (`browser missing`), and the verdict says the crawl was incomplete.

The hostile world has one portal whose seed says render: browser and one whose list is built by
scripts; the launch options point at a Chromium that does not exist.
"""

import json
import os
import subprocess
import sys

import pytest

from govcrawl.cli.errors import EXIT_INCOMPLETE
from govsim import Simulator, hostile_world

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("no-chromium")
    with Simulator(hostile_world()) as sim:
        seeds = tmp / "seeds.json"
        seeds.write_text(json.dumps(sim.seeds(), ensure_ascii=False), "utf-8")
        env = dict(os.environ, http_proxy=sim.proxy_url, https_proxy=sim.proxy_url, no_proxy="", NO_PROXY="")
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "govcrawl",
                "harvest",
                "--seeds",
                str(seeds),
                "--archive",
                str(tmp / "archive.sqlite3"),
                "--contact",
                "https://example.org/contact",
                "-s",
                f"GOVCRAWL_TLS_CA_FILE={sim.ca_file}",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "GOVCRAWL_RETRY_BACKOFF_BASE=0.05",
                "-s",
                'PLAYWRIGHT_LAUNCH_OPTIONS={"executable_path": "/nonexistent/chromium", "headless": true}',
            ],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        browser_portals = [s["id"] for s in sim.seeds() if s.get("render") == "browser"]
    return proc, browser_portals


def test_warned_once_up_front_with_the_install_command(harvested):
    proc, browser_portals = harvested
    warnings = [line for line in proc.stderr.splitlines() if "need Chromium" in line]
    assert (len(warnings), browser_portals[0] in warnings[0], "sudo apt-get install -y chromium" in warnings[0]) == (
        1,
        True,
        True,
    )


def test_pages_lost_to_the_missing_browser_are_counted(harvested):
    proc, browser_portals = harvested
    lines = proc.stdout[proc.stdout.index("Per-portal summary") :].splitlines()
    header = lines[1].split()
    row = next(line.split() for line in lines if line.startswith(browser_portals[0]))
    assert (row[1], int(row[header.index("no_tool")]) > 0, " ".join(row[-2:])) == ("NO", True, "browser missing")


def test_the_verdict_is_incomplete(harvested):
    proc, _ = harvested
    assert proc.returncode == EXIT_INCOMPLETE and "Traceback" not in proc.stderr
