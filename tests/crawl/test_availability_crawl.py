"""What disappears (issue 15), in real crawls of the demo world from its home pages.

Between the first and second crawl: two reports are deleted (404), one becomes a soft 404, one
redirects to the home page, one is
published again under a new URL, one leaves its list while its page stays up, one portal's column
is redesigned (moved to a new path, old URLs 404), and one portal goes down (connections reset).
Before the third crawl one deleted report comes back. The third crawl counts a report missing
twice as withdrawn (GOVCRAWL_WITHDRAWN_AFTER_DAYS=0: the days cannot pass in a test).
"""

import json
import subprocess
import sys

import pytest

from govcrawl.archive.reader import ArchiveReader
from govsim import REPORT_KINDS, Simulator, demo_world
from tests.conftest import REPO, run_crawl, write_seeds

pytestmark = pytest.mark.crawl

REDESIGNED = "441300-yjj"
DOWN = "623023-yjj"
NOW_ZERO_DAYS = ("-s", "GOVCRAWL_WITHDRAWN_AFTER_DAYS=0")


def reports_of(manifest, portal_id):
    return sorted(m["url"] for m in manifest if m["portal_id"] == portal_id and m["kind"] in REPORT_KINDS)


def key_by_url(conn):
    return dict(conn.execute("SELECT url, report_key FROM report_sources").fetchall())


def availability(conn):
    return dict(conn.execute("SELECT report_key, availability FROM report_availability").fetchall())


def snapshot(conn):
    """Every stored row of the archive's own tables, to show nothing was lost or rewritten."""
    tables = {t: set(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in ("bodies", "report_versions", "reports")}
    # A source's last_seen moves on with every crawl that reaches it; the rest never changes.
    tables["report_sources"] = set(
        conn.execute("SELECT report_key, url, portal_id, referer, first_seen FROM report_sources").fetchall()
    )
    return tables


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("availability")
    world = demo_world()
    out: dict = {}
    with Simulator(world, slow_seconds=0.2) as sim:
        seeds = write_seeds(sim, tmp, home_only=True)
        archive_path = tmp / "archive.sqlite3"
        out["archive"] = archive_path
        manifest = sim.manifest()
        run_crawl(seeds, archive_path, sim.proxy_url)
        with ArchiveReader(archive_path) as reader:
            out["keys"] = keys = key_by_url(reader.conn)
            out["before"] = snapshot(reader.conn)
        rfb = reports_of(manifest, "341800-rfb")
        yjj = reports_of(manifest, "440513-yjj")
        jyj = reports_of(manifest, "320813-jyj")
        qz = reports_of(manifest, "330800-yjj")
        changes = {
            "gone": [rfb[0]],
            "soft_404": [rfb[1]],
            "sent_home": [qz[0]],
            "comes_back": [yjj[0]],
            "moved": [yjj[1]],
            "unlisted": [jyj[0]],
        }
        world.delete_report(rfb[0])
        world.delete_report(rfb[1], soft=True)
        world.delete_report(qz[0], home=True)
        world.delete_report(yjj[0])
        out["moved_to"] = world.republish_report(yjj[1])["url"]
        world.unlist_report(jyj[0])
        world.move_column(REDESIGNED, "/zwgk/xxgknb/")
        world.take_offline(DOWN)
        out["changes"] = {k: [keys[u] for u in v] for k, v in changes.items()}
        out["redesigned"] = {keys[u] for u in reports_of(manifest, REDESIGNED)}
        out["down"] = {keys[u] for u in reports_of(manifest, DOWN)}
        changed = {keys[u] for urls in changes.values() for u in urls}
        out["untouched"] = {keys[m["url"]] for m in manifest if m["kind"] in REPORT_KINDS} - changed
        out["untouched"] -= out["redesigned"] | out["down"]
        run_crawl(seeds, archive_path, sim.proxy_url)
        with ArchiveReader(archive_path) as reader:
            out["second"] = availability(reader.conn)
            out["after2"] = snapshot(reader.conn)
        world.restore_report(yjj[0])
        run_crawl(seeds, archive_path, sim.proxy_url, *NOW_ZERO_DAYS)
        with ArchiveReader(archive_path) as reader:
            out["third"] = availability(reader.conn)
            out["after3"] = snapshot(reader.conn)
            out["observations"] = reader.conn.execute(
                "SELECT report_key, job_id, url, url_state, report_state, http_status, warc_file, warc_record_id"
                " FROM availability_observations"
            ).fetchall()
            out["events"] = reader.conn.execute(
                "SELECT portal_id, column_url, event, new_column_url FROM column_events"
            ).fetchall()
            out["moved_row"] = reader.conn.execute(
                "SELECT moved_to FROM report_availability WHERE report_key = ?", (out["changes"]["moved"][0],)
            ).fetchone()
    return out


def states(result, keys):
    return {result.get(k) for k in keys}


def test_second_crawl_states(crawls):
    second, ch = crawls["second"], crawls["changes"]
    assert {name: states(second, keys) for name, keys in ch.items()} == {
        "gone": {"gone"},
        "soft_404": {"soft_404"},
        "sent_home": {"soft_404"},
        "comes_back": {"gone"},
        "moved": {"moved"},
        "unlisted": {"unlisted"},
    }


def test_redesigned_column_reports_are_moved_not_gone(crawls):
    assert states(crawls["second"], crawls["redesigned"]) == {"moved"}


def test_redesign_is_a_column_event(crawls):
    assert [(p, e, new) for p, _, e, new in crawls["events"] if p == REDESIGNED] == [
        (REDESIGNED, "column_moved", "http://yjj.huizhou.gov.cn/zwgk/xxgknb/index.html")
    ]


def test_unreachable_portal_reports_are_not_reached_never_withdrawn(crawls):
    assert (states(crawls["second"], crawls["down"]), states(crawls["third"], crawls["down"])) == (
        {"not_reached"},
        {"not_reached"},
    )


def test_untouched_reports_stay_online(crawls):
    assert states(crawls["second"], crawls["untouched"]) | states(crawls["third"], crawls["untouched"]) == {"online"}


def test_third_crawl_states(crawls):
    third, ch = crawls["third"], crawls["changes"]
    assert {name: states(third, keys) for name, keys in ch.items()} == {
        "gone": {"withdrawn"},
        "soft_404": {"withdrawn"},
        "sent_home": {"withdrawn"},
        "comes_back": {"restored"},
        "moved": {"moved"},
        "unlisted": {"unlisted"},
    }


def test_moved_report_is_linked_to_its_new_url(crawls):
    assert crawls["moved_row"] == (crawls["moved_to"],)


def test_nothing_stored_is_lost_or_rewritten(crawls):
    before, after2, after3 = crawls["before"], crawls["after2"], crawls["after3"]
    lost = {
        t: (before[t] - after2[t]) | (after2[t] - after3[t]) for t in ("bodies", "report_versions", "report_sources")
    }
    # `reports` rows move their last_seen on: compare keys only.
    lost["reports"] = {r[0] for r in before["reports"]} - {r[0] for r in after3["reports"]}
    assert lost == {"bodies": set(), "report_versions": set(), "report_sources": set(), "reports": set()}


def test_a_404_observation_keeps_its_warc_record(crawls):
    gone = crawls["changes"]["gone"][0]
    rows = [r for r in crawls["observations"] if r[0] == gone and r[3] == "gone"]
    assert rows and all(r[5] == 404 and r[6] and r[7] for r in rows)


def govcrawl(*args):
    return subprocess.run(
        [sys.executable, "-m", "govcrawl", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


def test_cli_availability_by_province_counts_each_year(crawls):
    proc = govcrawl("availability", "--province", "安徽", "--archive", str(crawls["archive"]), "--json")
    rows = json.loads(proc.stdout)["portals"]
    # 341800-rfb: the 2017 report deleted (404), the 2020 one a soft 404 (both missing twice:
    # withdrawn), the 2021 PDF untouched.
    assert [
        (r["portal_id"], r["year"], r["archived"], r["online"], r["withdrawn"], r["missing"], r["unknown"])
        for r in rows
    ] == [
        ("341800-rfb", 2017, 1, 0, 1, 0, 0),
        ("341800-rfb", 2020, 1, 0, 1, 0, 0),
        ("341800-rfb", 2021, 1, 1, 0, 0, 0),
    ]


def test_cli_availability_counts_the_unreachable_portal_as_unknown(crawls):
    proc = govcrawl("availability", "--province", "甘肃", "--archive", str(crawls["archive"]))
    lines = [line.split() for line in proc.stdout.splitlines() if line.startswith(DOWN)]
    header = proc.stdout.splitlines()[0].split()
    assert lines and all(
        dict(zip(header, line, strict=False))["unknown"] == dict(zip(header, line, strict=False))["archived"]
        for line in lines
    )


def test_history_shows_the_restored_report_with_its_missing_observation(crawls):
    key = crawls["changes"]["comes_back"][0]
    out = govcrawl("history", key, "--archive", str(crawls["archive"])).stdout
    part = out[out.index("\navailability:") + 1 :]
    assert (part.splitlines()[1:2] != [], "restored" in part.splitlines()[0], " gone HTTP 404" in part) == (
        True,
        True,
        True,
    )


def test_status_shows_availability_and_the_column_event(crawls):
    out = govcrawl("status", "--archive", str(crawls["archive"])).stdout
    assert ("Archived reports by availability" in out, f"column column_moved: {REDESIGNED}" in out) == (True, True)


def test_export_carries_availability_and_dates(crawls, tmp_path):
    out = tmp_path / "reports.jsonl"
    govcrawl("export", "--archive", str(crawls["archive"]), "--out", str(out))
    records = {r["report_key"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    gone = records[crawls["changes"]["gone"][0]]["availability"]
    assert (gone["availability"], bool(gone["first_missing_at"]), bool(gone["withdrawn_at"])) == (
        "withdrawn",
        True,
        True,
    )


def test_rechecks_and_moves_add_no_versions(crawls):
    # Same content at a new URL, or a page fetched by a re-check rather than from a list, is the
    # same version: only sources are added.
    assert crawls["after3"]["report_versions"] == crawls["before"]["report_versions"]
