"""The govcrawl command line: clear one-line errors for bad input, valid JSON out of `parse`."""

import json
import subprocess
import sys

import pytest

from govcrawl.contract.schema import validation_errors
from tests.conftest import REPO


def test_a_real_process_prints_one_line():
    proc = subprocess.run(
        [sys.executable, "-m", "govcrawl", "harvest", "--province", "火星"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (proc.returncode, proc.stderr.count("\n")) == (2, 1) and "火星" in proc.stderr


def test_harvest_unknown_province_fails_before_fetching(govcrawl):
    proc = govcrawl("harvest", "--province", "火星")
    assert (proc.returncode, proc.stderr.count("\n")) == (2, 1) and "火星" in proc.stderr


def test_harvest_malformed_seed_file_names_file_and_line(govcrawl, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[\n {"id": "a", "name": "x",\n  "adcode": "330100" "level": "city"}\n]\n', "utf-8")
    proc = govcrawl("harvest", "--seeds", str(bad))
    assert proc.returncode == 2 and f"{bad}:3:" in proc.stderr


def test_harvest_duplicate_id_names_file_and_line(govcrawl, tmp_path):
    portal = {
        "id": "p1",
        "name": "某市",
        "adcode": "330100",
        "level": "city",
        "start_urls": ["http://www.hz.gov.cn/"],
        "allowed_domains": ["www.hz.gov.cn"],
    }
    bad = tmp_path / "dup.json"
    bad.write_text(
        "[\n" + json.dumps(portal, ensure_ascii=False) + ",\n" + json.dumps(portal, ensure_ascii=False) + "\n]\n",
        "utf-8",
    )
    proc = govcrawl("harvest", "--seeds", str(bad))
    assert proc.returncode == 2 and f"{bad}:3:" in proc.stderr and "duplicate" in proc.stderr


def test_harvest_bad_years_is_a_clear_error(govcrawl):
    proc = govcrawl("harvest", "--province", "33", "--years", "20x9")
    assert proc.returncode == 2 and "20x9" in proc.stderr


@pytest.mark.crawl  # a real Scrapy process
def test_scrapy_crawl_with_unknown_portal_fetches_nothing(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "annual_reports",
            "-a",
            "portal=no-such-portal",
            "-s",
            f"GOVCRAWL_ARCHIVE={tmp_path / 'a.sqlite3'}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "no-such-portal" in proc.stderr and "downloader/request_count" not in proc.stderr


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("missing.html", None, "no such file"),
        ("empty.html", b"", "empty"),
        ("damaged.pdf", b"%PDF-1.7\n\x00\x01\x02binary", "unreadable pdf"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
        ("garbage.html", bytes(range(128, 256)) * 50, "decode"),
    ],
)
def test_parse_rejects_unreadable_files_with_one_line(govcrawl, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    proc = govcrawl("parse", str(path))
    assert (proc.returncode, proc.stderr.count("\n"), message in proc.stderr) == (1, 1, True)


def test_parse_prints_a_valid_record_for_a_gbk_page(govcrawl, tmp_path):
    html = (
        "<html><head><meta charset='gb2312'><title>某县应急管理局2021年政府信息公开工作年度报告</title></head>"
        "<body><div class='TRS_Editor'><p>一、总体情况</p><p>2021年，我局负责人朱镕基同志……</p></div></body></html>"
    )
    path = tmp_path / "gbk.html"
    path.write_bytes(html.encode("gbk"))
    proc = govcrawl("parse", str(path))
    record = json.loads(proc.stdout)
    assert validation_errors(record) == [] and "朱镕基" in record["text"]
