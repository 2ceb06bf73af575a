"""A real crawl (a Scrapy process) of the demo simulator, twice, into a fresh archive."""

import hashlib
import json

import pytest

from govcrawl.archive.store import Archive
from govcrawl.contract.schema import validation_errors
from govsim import Simulator, demo_world
from tests.conftest import run_crawl, write_seeds

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crawl")
    sim = Simulator(demo_world(), slow_seconds=1.0)
    with sim:
        seeds = write_seeds(sim, tmp)
        archive_path = tmp / "archive.sqlite3"
        first = run_crawl(seeds, archive_path, sim.proxy_url, "-O", str(tmp / "first.jsonl"))
        with Archive(archive_path) as archive:
            counts_after_first = archive.row_counts()
        second = run_crawl(seeds, archive_path, sim.proxy_url)
        manifest = sim.manifest()
    archive = Archive(archive_path)
    yield {
        "archive": archive,
        "manifest": manifest,
        "first": first,
        "second": second,
        "counts_after_first": counts_after_first,
        "feed": tmp / "first.jsonl",
    }
    archive.close()


def report_urls(manifest):
    return {m["url"] for m in manifest if m["kind"] in ("report", "flaky_500", "slow")}


def distinct_reports(manifest):
    """Report URLs less the rows that are another copy of a listed report (same_as)."""
    return {u for u in report_urls(manifest) if not next(m for m in manifest if m["url"] == u).get("same_as")}


def stored_by_url(archive):
    out = {}
    for record in archive.latest_records():
        for url in archive.sources(record["report_key"]):
            out[url] = record
    return out


def test_every_report_page_is_stored(crawled):
    assert report_urls(crawled["manifest"]) <= set(stored_by_url(crawled["archive"]))


def test_each_report_is_stored_exactly_once(crawled):
    archive, manifest = crawled["archive"], crawled["manifest"]
    assert archive.row_counts()["reports"] == len(distinct_reports(manifest))


def test_distractors_are_not_stored(crawled):
    distractors = {m["url"] for m in crawled["manifest"] if m["kind"] in ("distractor", "soft_404", "not_found")}
    assert not distractors & set(stored_by_url(crawled["archive"]))


def test_stored_records_validate_against_the_contract(crawled):
    assert [validation_errors(r) for r in crawled["archive"].latest_records()] == [[]] * crawled[
        "archive"
    ].row_counts()["reports"]


@pytest.mark.parametrize(
    "field",
    [
        "url",
        "final_url",
        "referer",
        "portal_id",
        "fetched_at",
        "http_status",
        "encoding",
        "body_sha256",
        "render",
        "crawler_version",
        "spider",
        "job_id",
    ],
)
def test_provenance_is_complete(crawled, field):
    assert all(r["provenance"].get(field) not in (None, "") for r in crawled["archive"].latest_records())


def test_provenance_keeps_content_type(crawled):
    assert all("Content-Type" in r["provenance"]["headers"] for r in crawled["archive"].latest_records())


def test_body_sha256_matches_the_stored_raw_bytes(crawled):
    archive = crawled["archive"]
    for record in archive.latest_records():
        sha = record["provenance"]["body_sha256"]
        assert hashlib.sha256(archive.body(sha)).hexdigest() == sha


def test_gbk_page_decodes_correctly(crawled):
    by_url = stored_by_url(crawled["archive"])
    gbk = [
        m
        for m in crawled["manifest"]
        if m["kind"] == "report" and (m.get("encoding") or "").lower() in ("gbk", "gb2312", "gb18030")
    ]
    assert gbk, "the demo world must have a GBK portal"
    for m in gbk:
        record = by_url[m["url"]]
        assert record["provenance"]["encoding"] == "gb18030"
        assert m["title"] == record["title"]


def test_404_is_recorded_against_url_and_portal(crawled):
    failures = {f["url"]: f for f in crawled["archive"].failures()}
    for m in (m for m in crawled["manifest"] if m["kind"] == "not_found"):
        assert (failures[m["url"]]["http_status"], failures[m["url"]]["portal_id"]) == (404, m["portal_id"])


def test_soft_404_is_recorded(crawled):
    failures = {f["url"]: f for f in crawled["archive"].failures()}
    for m in (m for m in crawled["manifest"] if m["kind"] == "soft_404"):
        assert failures[m["url"]]["stage"] == "soft_404"


def test_500_is_recorded_in_provenance_and_the_page_stored_after_retry(crawled):
    by_url = stored_by_url(crawled["archive"])
    flaky = [m for m in crawled["manifest"] if m["kind"] == "flaky_500"]
    assert flaky
    for m in flaky:
        assert by_url[m["url"]]["provenance"]["retries"][0].startswith("500")


def test_second_run_adds_no_rows(crawled):
    with_runs = dict(crawled["counts_after_first"], crawl_runs=crawled["counts_after_first"]["crawl_runs"] + 1)
    assert crawled["archive"].row_counts() == with_runs


def test_summary_is_printed_per_portal(crawled):
    out = crawled["first"].stdout
    assert "Per-portal summary" in out and all(
        s["id"] in out for s in json.loads((crawled["feed"].parent / "seeds.json").read_text("utf-8"))
    )


def test_feed_has_every_report_without_raw_bytes(crawled):
    lines = [json.loads(text) for text in crawled["feed"].read_text("utf-8").splitlines()]
    assert len(lines) == len(report_urls(crawled["manifest"])) and not any("body" in record for record in lines)


def test_crawl_report_is_stored_with_failures_by_reason_and_deadlines(crawled):
    [row] = crawled["archive"].conn.execute("SELECT summary FROM crawl_runs ORDER BY finished_at LIMIT 1").fetchall()
    summary = json.loads(row[0])
    not_found = next(m for m in crawled["manifest"] if m["kind"] == "not_found")
    portal = summary[not_found["portal_id"]]
    assert (portal["failed_by_reason"].get("http"), portal["not_reached"], bool(portal["deadlines"])) == (
        1,
        False,
        True,
    )


def test_status_command_prints_the_latest_crawl_report(crawled):
    import subprocess
    import sys

    from tests.conftest import REPO

    proc = subprocess.run(
        [sys.executable, "-m", "govcrawl", "status", "--archive", str(crawled["archive"].path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    not_found = next(m for m in crawled["manifest"] if m["kind"] == "not_found")
    line = next(text for text in proc.stdout.splitlines() if text.startswith(not_found["portal_id"]))
    assert "http:1" in line and "previous-year report" in proc.stdout
