"""`govcrawl history` (versions and diffs), `govcrawl status` (per-portal runs), `govcrawl fts`."""

import json
import sqlite3

import pytest

from govcrawl.archive.fts import build_fts, search
from govcrawl.archive.history import changed_cells, history, text_line_changes
from govcrawl.archive.status import latest_per_portal, load_runs
from govcrawl.archive.store import Archive
from govcrawl.cli import main
from tests.archive.test_export import fill_archive, synthetic_report

KEY = "330100/杭州市人民政府/2021"
V1_TEXT = "一、总体情况\n本年度共收到申请5件。\n二、主动公开政府信息情况"
V2_TEXT = "一、总体情况\n本年度共收到申请6件。\n二、主动公开政府信息情况\n三、存在的问题"


@pytest.fixture
def versioned(tmp_path):
    path = tmp_path / "archive.sqlite3"
    with Archive(path) as archive:
        archive.store_report(
            *synthetic_report(
                "杭州市人民政府", "330100", "浙江省", 2021, text=V1_TEXT, fetched_at="2026-01-01T00:00:00+00:00"
            )
        )
        archive.store_report(
            *synthetic_report(
                "杭州市人民政府",
                "330100",
                "浙江省",
                2021,
                text=V2_TEXT,
                new_requests=6,
                fetched_at="2026-02-01T00:00:00+00:00",
            )
        )
    return path


# --- history -----------------------------------------------------------------------------------
def test_text_line_changes_counts_added_and_removed():
    assert text_line_changes(V1_TEXT, V2_TEXT) == (2, 1)


def test_changed_cells_names_the_cell_and_both_values():
    old = synthetic_report("甲", "330100", "浙江省", 2021, new_requests=5)[0]["tables"]
    new = synthetic_report("甲", "330100", "浙江省", 2021, new_requests=6)[0]["tables"]
    assert changed_cells(old, new) == [("applications[一].自然人", 5, 6), ("applications[一].总计", 6, 7)]


def test_changed_cells_reports_a_cell_that_appeared():
    old = synthetic_report("甲", "330100", "浙江省", 2021)[0]["tables"]
    new = json.loads(json.dumps(old))
    new["applications"]["rows"].append({"key": "二", "label": "二、上年结转", "values": [1, 0, 0, 0, 0, 0, 1]})
    assert changed_cells(old, new)[0] == ("applications[二].自然人", None, 1)


def test_history_lists_versions_in_order(versioned):
    conn = sqlite3.connect(versioned)
    versions, changes = history(conn, KEY)
    assert [(v.version, v.fetched_at) for v in versions] == [
        (1, "2026-01-01T00:00:00+00:00"),
        (2, "2026-02-01T00:00:00+00:00"),
    ]


def test_history_change_between_consecutive_versions(versioned):
    conn = sqlite3.connect(versioned)
    _, (change,) = history(conn, KEY)
    assert (change.before, change.after, change.lines_added, change.lines_removed, len(change.cells)) == (1, 2, 2, 1, 2)


def test_history_command_prints_urls_and_summary(versioned, capsys):
    assert main(["history", KEY, "--archive", str(versioned)]) == 0
    out = capsys.readouterr().out
    assert "http://www.example.gov.cn/330100/2021.html" in out
    assert "text +2/-1 lines, 2 table cell(s) changed" in out
    assert "applications[一].自然人: 5 → 6" in out


def test_history_json(versioned, capsys):
    main(["history", KEY, "--archive", str(versioned), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["changes"][0]["cells"][0] == {"path": "applications[一].自然人", "old": 5, "new": 6}


def test_history_of_unknown_report_is_an_error(versioned, capsys):
    assert main(["history", "no/such/key", "--archive", str(versioned)]) == 1
    assert "no report" in capsys.readouterr().err


# --- status ------------------------------------------------------------------------------------
def record_runs(path):
    with Archive(path) as archive:
        archive.record_run(
            job_id="job-a",
            spider="annual_reports",
            started_at="2026-01-01T00:00:00",
            finished_at="2026-01-01T01:00:00",
            reason="finished",
            summary={
                "330100-gov": {"pages": 10, "reports": 2, "new": 2, "changed": 0, "unchanged": 0, "failed": 1},
                "441300-gov": {"pages": 4, "reports": 1, "new": 1, "changed": 0, "unchanged": 0, "failed": 0},
            },
        )
        archive.record_run(
            job_id="job-b",
            spider="annual_reports",
            started_at="2026-02-01T00:00:00",
            finished_at="2026-02-01T01:00:00",
            reason="finished",
            summary={"330100-gov": {"pages": 12, "reports": 2, "new": 0, "changed": 1, "unchanged": 1, "failed": 0}},
        )


def test_status_takes_each_portals_latest_run(tmp_path):
    path = tmp_path / "a.sqlite3"
    record_runs(path)
    rows = latest_per_portal(load_runs(sqlite3.connect(path)))
    assert [(r.portal_id, r.job_id, r.counts["pages"]) for r in rows] == [
        ("330100-gov", "job-b", 12),
        ("441300-gov", "job-a", 4),
    ]


def test_status_command_prints_a_table_with_totals(tmp_path, capsys):
    path = tmp_path / "a.sqlite3"
    record_runs(path)
    assert main(["status", "--archive", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2 run(s); latest: job-b")
    # pages reports new changed unchanged linked failed blocked no_tool, then portals reached
    assert lines[-1].split() == ["total", "16", "3", "1", "1", "1", "0", "0", "0", "0", "2"]


def test_status_of_an_archive_without_runs(tmp_path, capsys):
    fill_archive(tmp_path / "a.sqlite3")
    main(["status", "--archive", str(tmp_path / "a.sqlite3")])
    assert "No crawl runs" in capsys.readouterr().out


# --- fts ---------------------------------------------------------------------------------------
@pytest.fixture
def indexed(tmp_path):
    path = fill_archive(tmp_path / "a.sqlite3")
    with Archive(path) as archive:
        build_fts(archive.conn)
    return path


def test_fts_finds_a_report_by_a_chinese_agency_name(indexed):
    assert [k for k, _ in search(sqlite3.connect(indexed), "应急管理局")] == ["441300/惠州市应急管理局/2022"]


def test_fts_finds_by_text(indexed):
    assert len(search(sqlite3.connect(indexed), "认真贯彻落实")) == 4


def test_fts_short_term_falls_back_to_like(indexed):
    assert {k for k, _ in search(sqlite3.connect(indexed), "宁波")} == {"330200/宁波市人民政府/2018"}


def test_fts_indexes_only_latest_versions(versioned):
    with Archive(versioned) as archive:
        build_fts(archive.conn)
        assert (search(archive.conn, "本年度共收到申请5件"), len(search(archive.conn, "本年度共收到申请6件"))) == (
            [],
            1,
        )


def test_fts_rebuild_is_idempotent(indexed):
    with Archive(indexed) as archive:
        first = build_fts(archive.conn)
        second = build_fts(archive.conn)
        rows = archive.conn.execute("SELECT COUNT(*) FROM report_search").fetchone()[0]
    assert (first, second, rows) == (4, 4, 4)


def test_fts_picks_up_new_reports_on_refresh(indexed):
    with Archive(indexed) as archive:
        archive.store_report(*synthetic_report("舟曲县应急管理局", "623023", "甘肃省", 2022))
        build_fts(archive.conn)
        assert len(search(archive.conn, "应急管理局")) == 2


def test_fts_command(indexed, capsys):
    assert main(["fts", "--archive", str(indexed), "--search", "惠州市"]) == 0
    assert capsys.readouterr().out.startswith("441300/惠州市应急管理局/2022\t")


def test_fts_tables_leave_the_archive_usable(indexed):
    with Archive(indexed) as archive:
        assert archive.row_counts()["reports"] == 4
