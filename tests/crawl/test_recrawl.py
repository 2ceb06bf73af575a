"""Incremental re-crawls against the demo simulator: conditional requests, versions, history."""

import subprocess
import sys

import pytest

from govcrawl.archive.store import Archive
from govsim import Simulator, demo_world
from tests.conftest import REPO, run_crawl, write_seeds

pytestmark = pytest.mark.crawl


def body_bytes(log):
    return sum(entry[3] for entry in log)


@pytest.fixture(scope="module")
def recrawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("recrawl")
    sim = Simulator(demo_world(), slow_seconds=0.5)
    with sim:
        seeds = write_seeds(sim, tmp)
        archive_path = tmp / "archive.sqlite3"

        run_crawl(seeds, archive_path, sim.proxy_url)
        first = sim.request_log.snapshot()
        with Archive(archive_path) as archive:
            counts_first = archive.row_counts()

        sim.request_log.clear()
        unchanged = run_crawl(seeds, archive_path, sim.proxy_url)
        second = sim.request_log.snapshot()
        with Archive(archive_path) as archive:
            counts_second = archive.row_counts()
            before = {r["provenance"]["url"]: r for r in archive.latest_records()}

        report_pages = sum(1 for m in sim.manifest() if m["kind"] in ("report", "flaky_500", "slow"))
        changed_url = next(m["url"] for m in sim.manifest() if m["kind"] == "report" and m["portal_id"] == "440513-yjj")
        old = before[changed_url]
        sim.world.update_report(changed_url, old["title"] + "\n" + old["text"].replace("一、", "一、（修订）", 1))
        added = sim.world.add_report("440513-yjj", year=2024)
        run_crawl(seeds, archive_path, sim.proxy_url)
    archive = Archive(archive_path)
    yield {
        "archive": archive,
        "first": first,
        "second": second,
        "counts_first": counts_first,
        "counts_second": counts_second,
        "changed_url": changed_url,
        "old": old,
        "added": added,
        "unchanged_out": unchanged.stdout,
        "report_pages": report_pages,
    }
    archive.close()


def test_unchanged_recrawl_transfers_under_a_tenth_of_the_first_crawls_bytes(recrawled):
    assert body_bytes(recrawled["second"]) < 0.10 * body_bytes(recrawled["first"])


def test_unchanged_recrawl_revalidates_every_report_page(recrawled):
    not_modified = {entry[1] for entry in recrawled["second"] if entry[2] == 304}
    stored = {
        url for r in recrawled["archive"].latest_records() for url in recrawled["archive"].sources(r["report_key"])
    }
    assert stored - {recrawled["added"]["url"]} <= not_modified


def test_unchanged_recrawl_adds_no_report_rows(recrawled):
    first = {k: v for k, v in recrawled["counts_first"].items() if k != "crawl_runs"}
    second = {k: v for k, v in recrawled["counts_second"].items() if k != "crawl_runs"}
    assert second == first


def summary_totals(stdout):
    lines = stdout[stdout.index("Per-portal summary") :].splitlines()
    header = lines[1].split()
    total = next(line for line in lines if line.startswith("total")).split()
    # portal, reached (n/total), the counters, then the main failure cause (words, no total)
    return {name: int(value) for name, value in zip(header[1:], total[1:], strict=False) if value.isdigit()}


def test_unchanged_recrawl_counts_every_report_as_unchanged(recrawled):
    # One count per report page fetched: a report listed both as a page and as its PDF counts twice.
    totals = summary_totals(recrawled["unchanged_out"])
    assert (totals["unchanged"], totals["new"], totals["changed"]) == (recrawled["report_pages"], 0, 0)


def test_changed_report_gets_exactly_one_new_version(recrawled):
    versions = recrawled["archive"].versions(recrawled["old"]["report_key"])
    assert [v["archive_status"] for v in versions] == ["new", "changed"]


def test_old_version_is_kept_unchanged(recrawled):
    versions = recrawled["archive"].versions(recrawled["old"]["report_key"])
    assert versions[0]["text"] == recrawled["old"]["text"]


def test_added_report_is_exactly_one_new_report(recrawled):
    archive = recrawled["archive"]
    assert archive.row_counts()["reports"] == recrawled["counts_first"]["reports"] + 1


def test_added_report_is_stored_from_its_url(recrawled):
    archive = recrawled["archive"]
    assert any(recrawled["added"]["url"] in archive.sources(r["report_key"]) for r in archive.latest_records())


def test_history_shows_both_versions_with_a_diff_summary(recrawled):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govcrawl",
            "history",
            recrawled["old"]["report_key"],
            "--archive",
            str(recrawled["archive"].path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        proc.returncode,
        "2 version(s)" in proc.stdout,
        "vs v1: text +" in proc.stdout,
        # once per version; the availability part after the versions lists the URL per observation
        proc.stdout.split("\navailability:")[0].count(recrawled["changed_url"]),
        "\navailability: online" in proc.stdout,
    ) == (0, True, True, 2, True)
