"""Bad seed input through `scrapy crawl` (and so under scrapyd) ends as through `govcrawl harvest`:
one line naming the file and line, exit status 2, no asyncio traceback."""

import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.crawl


def test_malformed_seed_file_is_one_line_like_govcrawl(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[\n {"id": "a", "name": "x",\n  "adcode": "330100" "level": "city"}\n]\n', "utf-8")
    scrapy = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "annual_reports",
            "-a",
            f"seeds={bad}",
            "-s",
            f"GOVCRAWL_ARCHIVE={tmp_path / 'a.sqlite3'}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    harvest = subprocess.run(
        [sys.executable, "-m", "govcrawl", "harvest", "--seeds", str(bad)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    message = harvest.stderr.strip()
    assert message.startswith(f"govcrawl: error: {bad}:3:")
    assert (scrapy.returncode, scrapy.stderr.rstrip().splitlines()[-1].endswith(message)) == (2, True)
    assert "Traceback" not in scrapy.stderr
