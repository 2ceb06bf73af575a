"""A job over a huge JSONL seed file stops promptly when asked, before anything is fetched (issue 12)."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.crawl


def test_sigint_while_a_huge_seed_file_loads_stops_the_job_at_once(tmp_path):
    seeds = tmp_path / "huge.jsonl"
    with seeds.open("w", encoding="utf-8") as out:
        for i in range(400_000):
            host = f"p{i}.county{i % 97}.gov.cn"
            record = {
                "id": f"p{i}",
                "name": f"门户{i}",
                "adcode": "330100",
                "level": "county",
                "start_urls": [f"http://{host}/"],
                "allowed_domains": [host],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "annual_reports",
            "-a",
            f"seeds={seeds}",
            "-s",
            f"GOVCRAWL_ARCHIVE={tmp_path / 'a.sqlite3'}",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(6)  # Scrapy started, the seeds are loading (400,000 portals take far longer)
    assert proc.poll() is None
    asked = time.monotonic()
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - asked < 10
    assert proc.returncode != 0
    assert "seed loading interrupted by SIGINT; nothing was fetched" in err
    assert "downloader/request_count" not in err
