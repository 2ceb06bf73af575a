"""Attachments behind redirects, query-style download links, off-portal files, and another
portal's page claiming a report: a real crawl against a small hostile server on loopback, seeded
with --allow-private-hosts (issue 12, "Crawl budget and attachments")."""

import json
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govcrawl.archive.store import Archive
from tests.conftest import REPO, SIM_DATA

pytestmark = pytest.mark.crawl

PDF = (SIM_DATA / "hongze_district_2023_annual_report.pdf").read_bytes()
TITLE = "某县人民政府2021年政府信息公开工作年度报告"


def page(body):
    return f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>{body}</body></html>".encode()


ROUTES = {
    "/col/index.html": (200, {}, page(f'<ul><li><a href="/art/1.html">{TITLE}</a></li></ul>')),
    "/art/1.html": (
        200,
        {},
        page(
            f"<div class='content'><h1>{TITLE}</h1><p>本报告已编制完成，现予以公布，详见附件。</p></div>"
            "<div class='attachments'>附件："
            "<a href='/redirect.pdf'>报告（跳转）</a>"
            "<a href='/download.jsp?id=1&amp;filename=report.pdf'>报告下载</a>"
            "<a href='/DownloadServlet?fileid=9'>统计表</a>"
            "<a href='/offsite.pdf'>外链</a>"
            "<a href='http://www.other.gov.cn/copy.pdf'>其他门户</a>"
            "</div>"
        ),
    ),
    "/redirect.pdf": (302, {"Location": "/files/a.pdf"}, b""),
    "/files/a.pdf": (200, {"Content-Type": "application/pdf"}, PDF),
    "/download.jsp": (
        200,
        {"Content-Type": "application/octet-stream", "Content-Disposition": 'attachment; filename="report.pdf"'},
        PDF,
    ),
    "/DownloadServlet": (200, {"Content-Type": "text/html; charset=utf-8"}, page("<p>文件不存在或已删除</p>")),
    "/offsite.pdf": (302, {"Location": "http://www.other.gov.cn/stolen.pdf"}, b""),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        status, headers, body = ROUTES.get(self.path.split("?")[0], (404, {}, b"not found"))
        self.send_response(status)
        for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    import subprocess
    import sys

    tmp = tmp_path_factory.mktemp("hostile-attachments")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    seeds = tmp / "seeds.json"
    seeds.write_text(
        json.dumps(
            [
                {
                    "id": "p1",
                    "name": "某县人民政府",
                    "adcode": "330100",
                    "level": "county",
                    "start_urls": [f"{base}/col/index.html"],
                    "allowed_domains": ["127.0.0.1"],
                    "obey_robots": False,
                }
            ],
            ensure_ascii=False,
        ),
        "utf-8",
    )
    archive = tmp / "archive.sqlite3"
    refused = subprocess.run(
        [sys.executable, "-m", "govcrawl", "harvest", "--seeds", str(seeds), "--archive", str(archive)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
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
            "--allow-private-hosts",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "GOVCRAWL_PARSE_WORKERS=0",
            "-s",
            "RETRY_TIMES=0",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in __import__("os").environ.items() if k.lower() not in ("http_proxy", "https_proxy")},
    )
    server.shutdown()
    conn = sqlite3.connect(archive)
    failures = {row[0]: row[1] for row in conn.execute("SELECT url, reason FROM failures WHERE stage='attachment'")}
    conn.close()
    with Archive(archive) as store:
        records = store.latest_records() if hasattr(store, "latest_records") else []
    return {"refused": refused, "proc": proc, "failures": failures, "records": records, "base": base}


def test_a_private_seed_is_refused_without_the_flag(crawled):
    assert crawled["refused"].returncode == 2
    assert "allow-private-hosts" in crawled["refused"].stderr + crawled["refused"].stdout


def test_the_stub_report_is_stored_with_its_attachments(crawled):
    assert crawled["proc"].returncode == 0, crawled["proc"].stderr[-3000:]
    [record] = crawled["records"]
    by_url = {a["url"].removeprefix(crawled["base"]): a for a in record["attachments"]}
    assert by_url["/redirect.pdf"].get("sha256")  # same-host 302 followed
    assert by_url["/download.jsp?id=1&filename=report.pdf"]["path"].endswith(".pdf")  # query-style link
    assert record["content_source"] == "attachment"
    assert record["content_url"].startswith(crawled["base"])  # never the other portal's file


def test_every_attachment_not_fetched_is_recorded_with_its_reason(crawled):
    failures = {url.removeprefix(crawled["base"]): reason for url, reason in crawled["failures"].items()}
    assert "not a document" in failures["/DownloadServlet?fileid=9"]
    assert "/offsite.pdf" in failures  # a redirect off the portal is refused, and said so
    assert "outside portal p1" in failures["http://www.other.gov.cn/copy.pdf"]
