"""A real crawl (a Scrapy process, Chromium included) of the hostile simulator world:
script-built lists, an anti-bot wall, broken and good TLS, redirect loops, off-domain redirects,
home-page redirects, calendar / query-string / session-id traps."""

import hashlib
import os
import re
import shutil

import pytest

from govcrawl.archive.store import Archive
from govsim import Simulator, hostile_world
from tests.conftest import run_crawl, write_seeds

pytestmark = pytest.mark.crawl

CHROMIUM = "/usr/bin/chromium"
CHALLENGE_RETRIES = 2


def _require_chromium():
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
            pytest.fail(f"Chromium is required (GOVCRAWL_REQUIRE_SERVICES=1) but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is not installed; the browser-rendered portals need it")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    _require_chromium()
    tmp = tmp_path_factory.mktemp("hostile")
    with Simulator(hostile_world()) as sim:
        seeds = write_seeds(sim, tmp)
        archive_path = tmp / "archive.sqlite3"
        proc = run_crawl(
            seeds,
            archive_path,
            sim.proxy_url,
            "-s",
            f"GOVCRAWL_TLS_CA_FILE={sim.ca_file}",
            "-s",
            "GOVCRAWL_MAX_LIST_PAGES=6",
            "-s",
            "GOVCRAWL_MAX_QUERY_PARAMS=3",
            "-s",
            f"GOVCRAWL_CHALLENGE_RETRIES={CHALLENGE_RETRIES}",
            "-s",
            "GOVCRAWL_PARSE_WORKERS=0",
        )
        log = sim.request_log.snapshot()
        manifest = sim.manifest()
    archive = Archive(archive_path)
    yield {"archive": archive, "log": log, "manifest": manifest, "stdout": proc.stdout}
    archive.close()


def stored(archive):
    return {r["provenance"]["url"]: r for r in archive.latest_records()}


def failures(archive, portal_id):
    return [f for f in archive.failures() if f["portal_id"] == portal_id]


def report_urls(manifest, portal_id):
    return [m["url"] for m in manifest if m["portal_id"] == portal_id and m["kind"] == "report"]


def requests_for(log, url):
    return [r for r in log if r[1] == url and r[0] == "GET"]


# ---- JavaScript-only pages ------------------------------------------------------------------


def test_browser_portal_reports_are_all_stored(crawled):
    assert set(report_urls(crawled["manifest"], "340200-yjj")) <= set(stored(crawled["archive"]))


def test_browser_portal_reports_are_rendered(crawled):
    records = stored(crawled["archive"])
    assert {records[u]["provenance"]["render"] for u in report_urls(crawled["manifest"], "340200-yjj")} == {"browser"}


def test_rendered_body_is_the_dom_after_scripts_ran(crawled):
    # The shell served over HTTP has an empty #zoom; the archived bytes carry the text the script put there.
    archive, url = crawled["archive"], report_urls(crawled["manifest"], "340200-yjj")[0]
    record = stored(archive)[url]
    body = archive.body(record["provenance"]["body_sha256"]).decode("utf-8")
    assert record["text"][:40] in re.sub(r"<[^>]+>", "", body)


def test_rendered_body_sha256_matches_the_archived_bytes(crawled):
    archive, url = crawled["archive"], report_urls(crawled["manifest"], "340200-yjj")[0]
    sha = stored(archive)[url]["provenance"]["body_sha256"]
    assert hashlib.sha256(archive.body(sha)).hexdigest() == sha


def test_script_built_list_is_detected_and_its_report_stored(crawled):
    assert set(report_urls(crawled["manifest"], "340300-rfb")) <= set(stored(crawled["archive"]))


def test_script_built_list_is_rendered_once_only(crawled):
    # Once over HTTP, once in the browser; never again.
    assert len(requests_for(crawled["log"], "http://rfb.bengbu.gov.cn/xxgk/ndbg/index.html")) == 2


def test_detail_pages_of_an_auto_detected_portal_stay_on_http(crawled):
    records = stored(crawled["archive"])
    assert {records[u]["provenance"]["render"] for u in report_urls(crawled["manifest"], "340300-rfb")} == {"http"}


def test_browser_does_not_call_google_services(crawled):
    assert [r for r in crawled["log"] if "google" in r[1]] == []


# ---- anti-bot wall ----------------------------------------------------------------------------


def test_walled_portal_is_reported_blocked(crawled):
    assert [f["stage"] for f in failures(crawled["archive"], "341300-yjj")] == ["blocked"]


def test_walled_portal_retries_are_bounded(crawled):
    url = "http://yjj.ahsz.gov.cn/xxgk/ndbg/index.html"
    assert len(requests_for(crawled["log"], url)) == 1 + CHALLENGE_RETRIES


def test_summary_has_the_blocked_portal_by_name(crawled):
    lines = crawled["stdout"].splitlines()
    header = next(ln for ln in lines if ln.startswith("portal") and "blocked" in ln).split()
    row = next(ln for ln in lines if ln.startswith("341300-yjj")).split()
    assert row[header.index("blocked")] == "1"


# ---- TLS ------------------------------------------------------------------------------------


def test_expired_certificate_portal_is_crawled(crawled):
    assert set(report_urls(crawled["manifest"], "341700-yjj")) <= set(stored(crawled["archive"]))


def test_expired_certificate_is_recorded_in_provenance(crawled):
    record = stored(crawled["archive"])[report_urls(crawled["manifest"], "341700-yjj")[0]]
    assert record["provenance"]["tls"] == {"verified": False, "error": "certificate has expired"}


def test_trusted_certificate_is_recorded_as_verified(crawled):
    record = stored(crawled["archive"])[report_urls(crawled["manifest"], "340700-zf")[0]]
    assert record["provenance"]["tls"] == {"verified": True, "error": None}


def test_https_went_through_connect_tunnels(crawled):
    assert ("CONNECT", "yjj.chizhou.gov.cn:443", 200, 0) in crawled["log"]


# ---- traps --------------------------------------------------------------------------------------


def by_stage(crawled, portal_id="341000-yjj"):
    out = {}
    for f in failures(crawled["archive"], portal_id):
        out.setdefault(f["stage"], []).append(f)
    return out


def test_redirect_loop_is_recorded_against_the_linked_url(crawled):
    loop = [m["url"] for m in crawled["manifest"] if m["kind"] == "redirect_loop"]
    assert [f["url"] for f in by_stage(crawled)["redirect_loop"]] == loop


def test_offsite_redirect_is_recorded(crawled):
    offsite = [m["url"] for m in crawled["manifest"] if m["kind"] == "offsite_redirect"]
    assert [f["url"] for f in by_stage(crawled)["offsite_redirect"]] == offsite


def test_offsite_redirect_target_is_never_fetched(crawled):
    assert [r for r in crawled["log"] if "daohang-tuijian" in r[1]] == []


def test_redirect_to_home_page_is_a_soft_404(crawled):
    gone = [m["url"] for m in crawled["manifest"] if m["kind"] == "soft_404" and m["portal_id"] == "341000-yjj"]
    assert [f["url"] for f in by_stage(crawled)["soft_404"]] == gone


def test_calendar_trap_is_bounded_and_recorded(crawled):
    calendar = [r for r in crawled["log"] if "/zwgk/ndbg/index.html" in r[1] and "huangshan" in r[1]]
    reasons = [f["reason"] for f in by_stage(crawled)["trap"] if "ndbg" in f["reason"]]
    assert (len(calendar), len(reasons)) == (6, 1)


def test_query_string_trap_is_bounded_and_recorded(crawled):
    fetched = [r[1] for r in crawled["log"] if "/zwgk/gknb/index.html" in r[1]]
    reasons = [f["reason"] for f in by_stage(crawled)["trap"] if f["reason"].startswith("query-string trap")]
    assert (max(u.count("=") for u in fetched), len(reasons)) == (3, 1)


def test_trap_portal_reports_are_still_stored(crawled):
    assert set(report_urls(crawled["manifest"], "341000-yjj")) <= set(stored(crawled["archive"]))


def test_session_id_links_fetch_each_report_once(crawled):
    fetched = [r[1].split(";")[0] for r in crawled["log"] if "www.mas.gov.cn" in r[1] and "/i8" in r[1]]
    assert sorted(fetched) == sorted(set(u.split(";")[0] for u in report_urls(crawled["manifest"], "340500-zf")))


def test_session_id_variants_never_fetch_a_page_twice(crawled):
    # Lists link back to themselves under fresh session ids; those are the same pages (dropped by
    # the spider's per-column dedup, or by TrapMiddleware, which records the first one).
    pages = [r[1].split(";")[0] for r in crawled["log"] if "www.mas.gov.cn" in r[1] and "robots" not in r[1]]
    assert len(pages) == len(set(pages))


def test_crawl_finishes(crawled):
    assert "Per-portal summary (finished)" in crawled["stdout"]
