"""The verdict is kept with each run in `crawl_runs`; archives written before it get the column."""

import sqlite3

from govcrawl.archive.status import latest_per_portal, load_runs
from govcrawl.archive.store import Archive
from govcrawl.cli.status_table import format_status

OLD_CRAWL_RUNS = (
    "CREATE TABLE crawl_runs (job_id TEXT PRIMARY KEY, spider TEXT, started_at TEXT, "
    "finished_at TEXT, reason TEXT, summary TEXT)"
)


def test_an_archive_from_before_verdicts_reads_and_gets_the_column(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(OLD_CRAWL_RUNS)
        db.execute("INSERT INTO crawl_runs VALUES ('j0', 'annual_reports', NULL, '2025-01-01', 'finished', '{}')")
    before = load_runs(sqlite3.connect(path))
    with Archive(path) as archive:
        archive.record_run(
            job_id="j1",
            spider="annual_reports",
            started_at=None,
            finished_at="2026-01-01",
            reason="finished",
            summary={
                "p": {
                    "pages": 0,
                    "not_reached": True,
                    "main_cause": "dns",
                    "deadlines": [
                        {"year": 2025, "deadline": "2026-03-31", "status": "unknown", "why": "portal not reached"}
                    ],
                }
            },
            verdict={"word": "unreached", "message": "unreached: 1 of 1 portal(s) not reached: p (dns)"},
        )
    runs = load_runs(sqlite3.connect(path))
    text = format_status(latest_per_portal(runs), runs)
    assert [r["verdict"] for r in before] == [None]
    assert [r["verdict"] and r["verdict"]["word"] for r in runs] == [None, "unreached"]
    assert "verdict: unreached: 1 of 1 portal(s) not reached: p (dns)" in text
    assert "2025 unknown: portal not reached" in text and "dns" in text
