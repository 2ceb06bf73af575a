"""The availability rules (issue 15) and their recording, on a real archive file."""

from govcrawl.archive.availability import JobFacts, record_availability
from govcrawl.archive.availability_rules import advance, job_state
from govcrawl.archive.availability_views import annotate, by_portal_year
from govcrawl.archive.store import Archive
from govcrawl.crawl.sightings import Sighting, Sightings, failure_state


def run(states, *, after_missing=2, after_days=7.0):
    """Feed (state, iso date) observations through the rules; the availability after each."""
    now, seen = None, []
    for state, at in states:
        now = advance(now, state, at, after_missing=after_missing, after_days=after_days)
        seen.append(now.availability)
    return seen


def test_one_bad_night_is_not_a_withdrawal():
    assert run([("online", "2026-01-01T00:00:00+00:00"), ("gone", "2026-01-02T00:00:00+00:00")]) == [
        "online",
        "gone",
    ]


def test_two_missing_within_the_days_are_not_yet_withdrawn():
    assert run([("gone", "2026-01-01T00:00:00+00:00"), ("soft_404", "2026-01-03T00:00:00+00:00")]) == [
        "gone",
        "soft_404",
    ]


def test_missing_twice_over_seven_days_is_withdrawn():
    assert run([("gone", "2026-01-01T00:00:00+00:00"), ("gone", "2026-01-08T00:00:00+00:00")]) == [
        "gone",
        "withdrawn",
    ]


def test_not_reached_neither_counts_nor_breaks_the_streak():
    assert run(
        [
            ("gone", "2026-01-01T00:00:00+00:00"),
            ("not_reached", "2026-01-05T00:00:00+00:00"),
            ("not_reached", "2026-01-20T00:00:00+00:00"),
            ("gone", "2026-01-21T00:00:00+00:00"),
        ]
    ) == ["gone", "not_reached", "not_reached", "withdrawn"]


def test_never_reached_is_never_withdrawn():
    days = [f"2026-01-{d:02d}T00:00:00+00:00" for d in range(1, 30, 7)]
    assert set(run([("not_reached", d) for d in days] + [("blocked", "2026-03-01T00:00:00+00:00")])) == {
        "not_reached",
        "blocked",
    }


def test_withdrawal_stands_when_the_portal_is_not_reached_later():
    assert run(
        [("gone", "2026-01-01T00:00:00+00:00"), ("gone", "2026-01-09T00:00:00+00:00"), ("not_reached", "2026-02-01")]
    )[-1] == ("withdrawn")


def test_job_state_prefers_online_then_moved_then_gone():
    assert [
        job_state({"a": "online", "b": "gone"}, [], listed=True, lists_read=True, was_missing=False),
        job_state({"a": "online"}, [], listed=False, lists_read=True, was_missing=False),
        job_state({"a": "online"}, [], listed=False, lists_read=False, was_missing=False),
        job_state({"a": "gone"}, ["c"], listed=True, lists_read=True, was_missing=False),
        job_state({"a": "soft_404", "b": "gone"}, [], listed=False, lists_read=True, was_missing=False),
        job_state({"a": "online"}, [], listed=True, lists_read=True, was_missing=True),
        job_state({"a": None}, [], listed=False, lists_read=True, was_missing=False),
    ] == ["online", "unlisted", "online", "moved", "gone", "restored", None]


def test_failure_states():
    assert [
        failure_state("http", 404),
        failure_state("http", 410),
        failure_state("http", 403),
        failure_state("http", 502),
        failure_state("soft_404", 200),
        failure_state("blocked", 521),
        failure_state("download", None),
        failure_state("parse", 200),
    ] == ["gone", "gone", "blocked", "not_reached", "soft_404", "blocked", "not_reached", None]


def _archive_with_one_report(target):
    """One archived report of portal p1, in a SQLite file or a PostgreSQL schema (`archive_target`)."""
    archive = Archive(target)
    archive.conn.execute(
        "INSERT INTO reports VALUES ('k1', 'p1', '某局', '350100', 2020, 't', 1, '2026-01-01T00:00:00+00:00',"
        " '2026-01-01T00:00:00+00:00')"
    )
    archive.conn.execute(
        "INSERT INTO report_sources VALUES ('k1', 'http://p1/a.html', 'p1', 'http://p1/list/index.html',"
        " '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    archive.conn.execute("INSERT INTO bodies VALUES ('b', ?, 1, '2026-01-01T00:00:00+00:00')", (b"\x00",))
    archive.conn.execute(
        "INSERT INTO report_versions VALUES ('k1', 1, 'c', 'b', 'http://p1/a.html', '2026-01-01T00:00:00+00:00',"
        ' \'j0\', \'{"report_key": "k1", "published_date": "2021-01-20"}\')'
    )
    return archive


def _facts(job, day, reached=("p1",)):
    return JobFacts(job, f"2026-{day}T00:00:00+00:00", f"2026-{day}T01:00:00+00:00", set(reached), set(), ["p1"])


def _gone(day):
    s = Sightings()
    s.by_url["http://p1/a.html"] = Sighting(
        "http://p1/a.html", "gone", day, 404, "http: HTTP 404", {"warc_file": "w.warc.gz", "warc_record_id": "<r>"}
    )
    return s


def test_recording_keeps_every_observation_and_withdraws_after_the_rule(archive_target):
    archive = _archive_with_one_report(archive_target)
    conn = archive.conn
    record_availability(conn, _gone("x"), _facts("j1", "02-01"))
    record_availability(conn, Sightings(), _facts("j2", "02-05", reached=()))  # portal down
    record_availability(conn, _gone("y"), _facts("j3", "02-10"))
    rows = conn.execute(
        "SELECT job_id, url_state, report_state, http_status, warc_record_id FROM availability_observations"
        " ORDER BY job_id"
    ).fetchall()
    assert rows == [
        ("j1", "gone", "gone", 404, "<r>"),
        ("j2", "not_reached", "not_reached", None, None),
        ("j3", "gone", "withdrawn", 404, "<r>"),
    ]
    [row] = by_portal_year(conn, "35")
    assert (row["withdrawn"], row["median_days_to_withdrawal"]) == (1, 1847.0)
    assert annotate(conn, [{"report_key": "k1"}])[0]["availability"]["availability"] == "withdrawn"
    archive.close()


def test_recording_a_job_twice_counts_it_once(archive_target):
    archive = _archive_with_one_report(archive_target)
    conn = archive.conn
    record_availability(conn, _gone("x"), _facts("j1", "02-01"))
    record_availability(conn, _gone("x"), _facts("j1", "02-01"))  # the end-of-job write retried after a lock
    row = conn.execute("SELECT missing_count, availability FROM report_availability").fetchone()
    n = conn.execute("SELECT COUNT(*) FROM availability_observations").fetchone()[0]
    assert (row, n) == ((1, "gone"), 1)
    archive.close()


def test_a_report_seen_at_a_new_url_is_moved_and_linked(archive_target):
    archive = _archive_with_one_report(archive_target)
    conn = archive.conn
    conn.execute(
        "INSERT INTO report_sources VALUES ('k1', 'http://p1/new.html', 'p1', 'http://p1/list/index.html',"
        " '2026-02-01T00:30:00+00:00', '2026-02-01T00:30:00+00:00')"
    )
    seen = _gone("x")
    seen.by_url["http://p1/new.html"] = Sighting(
        "http://p1/new.html", "online", "x", 200, report_key="k1", content_sha256="c"
    )
    seen.listed["http://p1/new.html"] = "http://p1/list/index.html"
    seen.columns[("p1", "http://p1/list/index.html")] = "ok"
    record_availability(conn, seen, _facts("j1", "02-01"))
    row = conn.execute("SELECT availability, moved_to FROM report_availability").fetchone()
    notes = {r[0]: r[1] for r in conn.execute("SELECT url, evidence FROM availability_observations")}
    assert (row, notes["http://p1/new.html"].startswith("new URL, same content")) == (
        ("moved", "http://p1/new.html"),
        True,
    )
    archive.close()


def test_an_archive_from_before_availability_reads_as_not_checked(tmp_path):
    import sqlite3

    from govcrawl.archive.schema import SCHEMA

    conn = sqlite3.connect(tmp_path / "old.sqlite3")
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO reports VALUES ('k', 'p', 'a', '350100', 2020, 't', 1, 'x', 'x')")
    conn.execute("INSERT INTO bodies VALUES ('b', x'00', 1, 'x')")
    conn.execute("INSERT INTO report_versions VALUES ('k', 1, 'c', 'b', 'u', 'x', 'j', '{}')")
    rows = by_portal_year(conn, None)
    assert (
        [(r["archived"], r["not_checked"]) for r in rows],
        annotate(conn, [{"report_key": "k"}])[0]["availability"]["availability"],
    ) == ([(1, 1)], "not_checked")


def test_a_blocked_portal_gives_blocked_never_missing(archive_target):
    archive = _archive_with_one_report(archive_target)
    facts = JobFacts("j1", "2026-02-01T00:00:00+00:00", "2026-02-01T01:00:00+00:00", set(), {"p1"}, ["p1"])
    record_availability(archive.conn, _gone("x"), facts)  # whatever its URLs seemed to do
    assert archive.conn.execute("SELECT availability, missing_count FROM report_availability").fetchone() == (
        "blocked",
        0,
    )
    archive.close()


def _stale_column(list_again: str | None):
    s = Sightings()
    s.columns[("p1", "http://p1/list/index.html")] = "stale: HTTP 404"
    if list_again:
        s.columns[("p1", "http://p1/new/index.html")] = "ok"
        s.listed[list_again] = "http://p1/new/index_1.html"
    return s


def test_a_stale_column_whose_reports_are_listed_elsewhere_moved(archive_target):
    archive = _archive_with_one_report(archive_target)
    record_availability(archive.conn, _stale_column("http://p1/a.html"), _facts("j1", "02-01"))
    assert archive.conn.execute("SELECT event, new_column_url, reports, reappeared FROM column_events").fetchall() == [
        ("column_moved", "http://p1/new/index.html", 1, 1)
    ]
    archive.close()


def test_a_stale_column_whose_reports_are_nowhere_is_gone(archive_target):
    archive = _archive_with_one_report(archive_target)
    record_availability(archive.conn, _stale_column(None), _facts("j1", "02-01"))
    assert archive.conn.execute("SELECT event, new_column_url, reports, reappeared FROM column_events").fetchall() == [
        ("column_gone", None, 1, 0)
    ]
    archive.close()


def test_the_same_content_under_another_key_is_a_move(archive_target):
    archive = _archive_with_one_report(archive_target)
    seen = _gone("x")
    seen.by_url["http://p1/u.html"] = Sighting(
        "http://p1/u.html", "online", "x", 200, report_key="u-1", content_sha256="c"
    )
    record_availability(archive.conn, seen, _facts("j1", "02-01"))
    row = archive.conn.execute("SELECT availability, moved_to FROM report_availability").fetchone()
    assert row == ("moved", "http://p1/u.html")
    archive.close()


def test_export_csv_row_carries_availability_and_dates():
    from govcrawl.archive.export import report_row

    row = report_row(
        {
            "report_key": "k",
            "availability": {"availability": "withdrawn", "withdrawn_at": "2026-02-10", "moved_to": None},
        }
    )
    assert (row["availability"], row["withdrawn_at"], "restored_at" in row) == ("withdrawn", "2026-02-10", False)
