"""Browsing the archive with datasette: a real datasette on loopback, driven by headless Chromium,
finds a report through the full-text search box with a Chinese term.

Needs /usr/bin/chromium (Debian: apt-get install -y chromium), playwright and datasette. When one
is missing the test skips, unless GOVCRAWL_REQUIRE_SERVICES=1, where it fails.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from govcrawl.archive.fts import build_fts
from govcrawl.archive.store import Archive
from tests.archive.test_export import fill_archive

pytestmark = pytest.mark.crawl

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-proxy-server",
]
DATASETTE = Path(sys.executable).parent / "datasette"


def require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (GOVCRAWL_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def responds(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def datasette_url(tmp_path_factory):
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium")
    require(
        DATASETTE.exists() or shutil.which("datasette") is not None, "datasette is not installed: pip install datasette"
    )
    tmp = tmp_path_factory.mktemp("datasette")
    archive = fill_archive(tmp / "archive.sqlite3")
    with Archive(archive) as a:
        build_fts(a.conn)
    port = free_port()
    exe = str(DATASETTE) if DATASETTE.exists() else shutil.which("datasette")
    server = subprocess.Popen(
        [exe, "serve", str(archive), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not responds(url + "/-/versions.json"):
            assert server.poll() is None, server.stderr.read().decode("utf-8", "replace")
            assert time.monotonic() < deadline, "datasette did not start within 30 s"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright import sync_api
    except ImportError:
        require(False, "playwright is not installed: pip install playwright")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def search(browser, base_url: str, term: str) -> list[str]:
    """Type `term` into the search box of the report_search table page; return the listed report keys."""
    page = browser.new_page()
    try:
        page.goto(f"{base_url}/archive/report_search")
        page.fill("input[name=_search]", term)
        page.press("input[name=_search]", "Enter")
        page.wait_for_url("**_search=**")
        cells = page.locator("table.rows-and-columns tbody td.col-report_key")
        return sorted(cells.all_inner_texts())
    finally:
        page.close()


def test_search_box_finds_a_report_by_its_chinese_agency_name(datasette_url, browser):
    assert search(browser, datasette_url, "惠州市应急管理局") == ["441300/惠州市应急管理局/2022"]


def test_search_box_finds_reports_by_a_phrase_in_their_text(datasette_url, browser):
    assert search(browser, datasette_url, "杭州市人民政府认真贯彻") == [
        "330100/杭州市人民政府/2021",
        "330100/杭州市人民政府/2023",
    ]


def test_search_for_an_absent_term_lists_nothing(datasette_url, browser):
    assert search(browser, datasette_url, "不存在的机关名称") == []
