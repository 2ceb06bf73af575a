"""A whole-province harvest from home pages only: every adapter, GBK, script-built lists,
attachment-only, blocked and dead portals in one crawl."""

import json
import subprocess
import sys

import pytest

from govcrawl.archive.store import Archive
from govsim import REPORT_KINDS, Simulator
from govsim.province import DEAD_PORTALS, province_world
from tests.conftest import REPO, require_chromium, run_crawl

pytestmark = pytest.mark.crawl

DISTRACTOR_KINDS = ("distractor", "soft_404", "not_found", "redirect_loop", "offsite_redirect", "blocked")


@pytest.fixture(scope="module")
def harvest(tmp_path_factory):
    require_chromium()
    tmp = tmp_path_factory.mktemp("province")
    with Simulator(province_world(), slow_seconds=0.5) as sim:
        seeds = sim.seeds(home_only=True)
        seeds_path = tmp / "seeds.json"
        seeds_path.write_text(json.dumps(seeds, ensure_ascii=False), "utf-8")
        archive_path = tmp / "archive.sqlite3"
        proc = run_crawl(
            seeds_path, archive_path, sim.proxy_url, "-s", f"GOVCRAWL_TLS_CA_FILE={sim.ca_file}", timeout=600
        )
        manifest = sim.manifest()
    status = subprocess.run(
        [sys.executable, "-m", "govcrawl", "status", "--archive", str(archive_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    archive = Archive(archive_path)
    yield {"archive": archive, "manifest": manifest, "seeds": seeds, "stdout": proc.stdout, "status": status}
    archive.close()


def stored_urls(archive):
    return {url for r in archive.latest_records() for url in archive.sources(r["report_key"])}


def test_the_province_has_at_least_30_portals(harvest):
    assert len(harvest["seeds"]) >= 30


def test_every_seed_starts_at_a_home_page(harvest):
    assert all(url.rstrip("/").count("/") == 2 for s in harvest["seeds"] for url in s["start_urls"])


def test_every_report_is_found(harvest):
    reports = {m["url"] for m in harvest["manifest"] if m["kind"] in REPORT_KINDS}
    assert reports - stored_urls(harvest["archive"]) == set()


def test_every_report_is_stored_once(harvest):
    # A report listed twice (its page and its PDF: `same_as`) is one report.
    reports = {m["url"] for m in harvest["manifest"] if m["kind"] in REPORT_KINDS and not m.get("same_as")}
    assert harvest["archive"].row_counts()["reports"] == len(reports)


def test_no_distractor_is_stored(harvest):
    distractors = {m["url"] for m in harvest["manifest"] if m["kind"] in DISTRACTOR_KINDS}
    assert distractors & stored_urls(harvest["archive"]) == set()


def status_line(harvest, portal_id):
    return next(line for line in harvest["status"].splitlines() if line.startswith(portal_id + " "))


@pytest.mark.parametrize("portal_id", [d["id"] for d in DEAD_PORTALS])
def test_dead_portal_is_reported_by_name_as_not_reached(harvest, portal_id):
    assert " NO " in status_line(harvest, portal_id)


def test_blocked_portal_is_reported_by_name(harvest):
    blocked = {m["portal_id"] for m in harvest["manifest"] if m["kind"] == "blocked"}
    assert blocked and all("blocked:" in status_line(harvest, p) for p in blocked)
