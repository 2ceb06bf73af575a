"""The per-portal crawl report: failures by reason, portals not reached, the legal deadline check."""

from datetime import date
from types import SimpleNamespace

import pytest

from govcrawl.archive.crawl_report import crawl_report, deadline_check, deadline_for


def test_department_deadline_is_31_january():
    assert deadline_for("department", 2024) == date(2025, 1, 31)


def test_government_deadline_is_31_march():
    assert deadline_for("county", 2024) == date(2025, 3, 31)


@pytest.mark.parametrize(
    "level,found,today,status",
    [
        ("department", {"published_date": "2025-01-20"}, date(2025, 6, 1), "on_time"),
        ("department", {"published_date": "2025-02-03"}, date(2025, 6, 1), "late"),
        ("city", {"published_date": "2025-02-03"}, date(2025, 6, 1), "on_time"),
        ("city", None, date(2025, 4, 1), "missing"),
        ("city", None, date(2025, 3, 1), "not_yet_due"),
        (
            "department",
            {"published_date": None, "first_seen": "2025-01-10T00:00:00"},
            date(2025, 6, 1),
            "found_before_deadline",
        ),
        ("department", {"published_date": None, "first_seen": "2025-05-10T00:00:00"}, date(2025, 6, 1), "no_date"),
    ],
)
def test_deadline_status(level, found, today, status):
    assert deadline_check(level, 2024, found, today)["status"] == status


def crawl(stats, reports=None, today=date(2026, 2, 10)):
    portals = {"a": SimpleNamespace(level="department"), "b": SimpleNamespace(level="county")}
    return crawl_report(stats, portals, reports or {}, today)


def test_failures_are_counted_by_reason():
    report = crawl({"govcrawl/portals": {"a": {"pages": 3}}, "govcrawl/failed_by": {"a": {"http": 2, "soft_404": 1}}})
    assert report["a"]["failed_by_reason"] == {"http": 2, "soft_404": 1}


def test_portal_without_any_page_is_not_reached():
    assert (
        crawl({"govcrawl/portals": {"a": {"pages": 3}}})["b"]["not_reached"],
        crawl({"govcrawl/portals": {"a": {"pages": 3}}})["a"]["not_reached"],
    ) == (True, False)


def test_previous_year_is_always_checked():
    report = crawl({"govcrawl/portals": {"a": {"pages": 3}}}, {"a": {2023: {"published_date": "2024-01-05"}}})
    assert [(d["year"], d["status"]) for d in report["a"]["deadlines"]] == [(2023, "on_time"), (2025, "missing")]


def test_a_portal_not_reached_is_unknown_never_missing():
    report = crawl({"govcrawl/portals": {"a": {"pages": 3}}}, {"b": {2023: {"published_date": "2024-03-05"}}})
    assert [(d["year"], d["status"], d.get("why")) for d in report["b"]["deadlines"]] == [
        (2023, "on_time", None),
        (2025, "unknown", "portal not reached"),
    ]


def test_main_cause_is_the_most_frequent_cause_in_words():
    report = crawl(
        {
            "govcrawl/portals": {"a": {"pages": 1}},
            "govcrawl/causes": {"a": {"http 404": 2, "timeout": 1}, "b": {"dns": 1}},
        }
    )
    assert (report["a"]["main_cause"], report["b"]["main_cause"], report["b"]["not_reached"]) == (
        "http 404",
        "dns",
        True,
    )
