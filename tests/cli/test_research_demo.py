"""The research commands on the demo archive: a real crawl of the simulator (`govcrawl harvest
--demo`), then cells, compare and scorecard checked against what the archive stores."""

import csv
import io
import json
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest

from govcrawl.archive.reader import ArchiveReader
from govcrawl.cli import main
from tests.archive.test_cells import stored_cell_count

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo")
    path = tmp / "data" / "archive.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-m", "govcrawl", "harvest", "--demo", "--archive", str(path), "--log-level", "WARNING"],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return path


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_cells_export_matches_every_stored_table(demo_archive, capsys):
    assert main(["export", "--format", "cells", "--archive", str(demo_archive)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    per_report = Counter(r["report_key"] for r in rows)
    with ArchiveReader(demo_archive) as reader:
        pairs = reader.latest_with_versions()
    with_tables = [(r, v) for r, v in pairs if stored_cell_count(r)]
    assert len(with_tables) >= 10
    for record, _ in pairs:
        assert per_report.get(record["report_key"], 0) == stored_cell_count(record)
    for record, version in with_tables:
        review = record["tables"]["review_litigation"]
        if not review:
            continue
        got = [r for r in rows if r["report_key"] == record["report_key"] and r["table"] == "review_litigation"]
        assert [r["value"] for r in got] == ["" if v is None else str(v) for v in review["values"]]
        assert {r["version"] for r in got} == {str(version)}


def test_compare_two_years_of_the_demo(demo_archive, capsys):
    data = run_json(
        capsys,
        "compare",
        "惠州市应急管理局",
        "--years",
        "2022,2023",
        "--all",
        "--format",
        "json",
        "--archive",
        str(demo_archive),
    )
    db = sqlite3.connect(demo_archive)
    keys = dict(db.execute("SELECT year, report_key FROM reports WHERE agency = '惠州市应急管理局'").fetchall())
    assert data["a"]["report_key"] == keys[2022]
    assert data["b"]["report_key"] == keys[2023]
    numeric = [c for c in data["cells"] if isinstance(c["a"], int | float) and isinstance(c["b"], int | float)]
    assert numeric
    for c in numeric:
        assert c["delta"] == pytest.approx(c["b"] - c["a"])
        if c["a"]:
            assert c["pct_change"] == pytest.approx(round(100 * (c["b"] - c["a"]) / c["a"], 2))
        else:
            assert c["pct_change"] is None


def test_scorecard_of_the_demo_scores_every_portal(demo_archive, capsys):
    card = run_json(
        capsys, "scorecard", "--province", "广东", "--year", "2023", "--format", "json", "--archive", str(demo_archive)
    )
    db = sqlite3.connect(demo_archive)
    summary = json.loads(db.execute("SELECT summary FROM crawl_runs").fetchone()[0])
    guangdong = {p for p in summary if p.startswith("44")}
    assert {r["portal_id"] for r in card} == guangdong
    stored = {
        key: (version, url)
        for key, version, url in db.execute(
            "SELECT r.report_key, r.latest_version, v.url FROM reports r JOIN report_versions v"
            " ON v.report_key = r.report_key AND v.version = r.latest_version WHERE r.year = 2023"
        )
    }
    for row in card:
        if row["published"] == "yes":
            assert (row["version"], row["url"]) == stored[row["report_key"]]
        else:
            assert row["published"] == (
                "portal not reached" if summary[row["portal_id"]]["not_reached"] else "not found"
            )
