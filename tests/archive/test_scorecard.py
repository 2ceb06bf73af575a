"""The transparency scorecard on worlds whose answers are known: on time, late, not found, portal
not reached, failing checks, a date estimated from first_seen, unreadable attachments."""

from datetime import date

import pytest

from govcrawl.archive.scorecard import NOT_FOUND, NOT_REACHED, PUBLISHED, score_report, scorecard
from govcrawl.archive.store import Archive
from tests.archive.reports_world import (
    CHAOYANG_2022,
    GULOU_2020,
    HONGZE_2023,
    HUIZHOU_2023,
    NANHAI_2022,
    record_run,
    store,
    stored_record,
)

TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """广东 2022: Nanhai on time, Chaoyang late (listed 2023-02-20) with one table, Huizhou reached
    but with no 2022 report, Shenzhen not reached; 江苏 2023: Hongze without a printed date,
    first seen before its deadline, failing two checks; a Fujian portal outside both."""
    path = tmp_path_factory.mktemp("scorecard") / "archive.sqlite3"
    with Archive(path) as archive:
        store(archive, NANHAI_2022, "440605")
        store(archive, CHAOYANG_2022, "440513", published_hint="2023-02-20")
        store(archive, HUIZHOU_2023, "441300")
        store(archive, HONGZE_2023, "320813", fetched_at="2024-03-01T02:00:00+00:00")
        store(archive, GULOU_2020, "320106")
        record_run(archive, "job-1", "2025-05-01T00:00:00+00:00", {"440605": 3, "440300": 5, "441300": 4})
        # the latest run decides: Shenzhen was not reached this time
        record_run(archive, "job-2", "2025-05-20T00:00:00+00:00", {"440513": 2, "440300": 0, "350000": 0})
        record_run(archive, "job-3", "2025-05-21T00:00:00+00:00", {"320813": 6, "320106": 2})
    return path


def rows(path, province, year):
    with Archive(path) as archive:
        return {(s.row["portal_id"], s.row["agency"]): s for s in scorecard(archive, province, year, TODAY)}


def test_guangdong_portals(world):
    assert sorted(rows(world, "广东", 2022)) == [
        ("440300", None),
        ("440513", "汕头市潮阳区应急管理局"),
        ("440605", "佛山市南海区财政局"),
        ("441300", None),
    ]


def test_on_time_report(world):
    s = rows(world, "广东", 2022)[("440605", "佛山市南海区财政局")]
    assert s.row["published"] == PUBLISHED
    assert s.row["on_time"] == "on_time"
    assert s.row["published_date"] == "2023-01-18"
    assert s.row["deadline"] == "2023-01-31"
    assert s.row["template_current"] == "yes"
    assert s.row["sections_complete"] == "yes"
    assert s.row["tables_parsed"] == "3/3"
    assert s.row["checks_passed"] == 43
    assert s.row["checks_failed"] == 0
    assert s.row["attachments_unreadable"] == 0
    assert s.row["version"] == 1
    assert s.row["url"] == "http://www.440605.gov.cn/xxgk/ndbg/nanhai_2022_template2021.html"
    assert s.evidence["estimated"] is False
    assert "department" in s.evidence["deadline_basis"]
    assert s.evidence["body_sha256"]


def test_late_report_with_missing_tables(world):
    s = rows(world, "广东", 2022)[("440513", "汕头市潮阳区应急管理局")]
    assert s.row["published"] == PUBLISHED
    assert s.row["on_time"] == "late"
    assert s.row["published_date"] == "2023-02-20"
    assert s.row["deadline"] == "2023-01-31"
    assert s.row["template_current"] == "yes"
    assert s.row["sections_complete"] == "yes"
    assert s.row["tables_parsed"] == "1/3"
    assert s.evidence["tables_missing"] == ["active_disclosure (二)", "applications (三)"]


def test_reached_portal_without_the_report_is_not_found(world):
    s = rows(world, "广东", 2022)[("441300", None)]
    assert s.row["published"] == NOT_FOUND
    assert s.row["on_time"] is None
    assert s.row["report_key"] is None
    assert s.evidence["portal_reached"] is True
    assert s.evidence["crawl_job"] == "job-1"


def test_unreached_portal_is_unknown_not_missing(world):
    s = rows(world, "广东", 2022)[("440300", None)]
    assert s.row["published"] == NOT_REACHED
    assert s.row["on_time"] is None
    assert s.evidence["portal_reached"] is False
    assert s.evidence["crawl_job"] == "job-2"
    assert s.evidence["main_cause"] == "DNS lookup failed"


def test_government_without_a_date_failing_checks(world):
    card = rows(world, "江苏", 2023)
    assert sorted(card) == [("320106", None), ("320813", "洪泽区人民政府")]
    s = card[("320813", "洪泽区人民政府")]
    assert s.row["on_time"] == "found_before_deadline"
    assert s.row["published_date"] is None
    assert s.row["deadline"] == "2024-03-31"
    assert s.evidence["estimated"] is True
    assert s.evidence["first_seen"] == "2024-03-01T02:00:00+00:00"
    assert "government" in s.evidence["deadline_basis"]
    assert s.row["checks_failed"] == 2
    assert [c["rule"] for c in s.evidence["checks_failed"]] == [
        "review_litigation.total:行政复议",
        "review_litigation.total:行政诉讼.复议后起诉",
    ]
    assert card[("320106", None)].row["published"] == NOT_FOUND


def test_2019_template_is_current_for_2020(world):
    s = rows(world, "江苏", 2020)[("320106", "南京市鼓楼区教育局")]
    assert s.row["template_current"] == "yes"
    assert s.row["on_time"] == "on_time"
    assert s.row["checks_failed"] == 2


def test_unreadable_attachments_are_counted():
    record, _ = stored_record(NANHAI_2022, "440605")
    record["attachments"] = [
        {"url": "http://www.440605.gov.cn/a.pdf", "filename": "a.pdf", "error": "HttpError: 404"},
        {"url": "http://www.440605.gov.cn/b.xls", "filename": "b.xls", "sha256": "ab" * 32},
    ]
    s = score_report(record, 1, None, 2022, TODAY)
    assert s.row["attachments_unreadable"] == 1
    assert s.evidence["attachments_unreadable"] == [
        {"url": "http://www.440605.gov.cn/a.pdf", "error": "HttpError: 404"}
    ]


def test_outdated_template_and_missing_sections():
    record, _ = stored_record(GULOU_2020, "320106")
    record["sections"] = [s for s in record["sections"] if s["number"] != "五"]
    s = score_report(record, 1, None, 2021, TODAY)  # a 2019-form report for 2021
    assert s.row["template_current"] == "no (2019)"
    assert s.row["sections_complete"] == "no (missing 五)"


def test_a_report_without_a_region_counts_for_its_portal(tmp_path):
    with Archive(tmp_path / "archive.sqlite3") as archive:
        record, body = stored_record(NANHAI_2022, "440605")
        record["region"] = {"province": None, "city": None, "county": None, "adcode": None}
        archive.store_report(record, body)
        record_run(archive, "job-1", "2025-05-01T00:00:00+00:00", {"440605": 3})
        card = scorecard(archive, "广东", 2022, TODAY)
    assert [(s.row["portal_id"], s.row["published"]) for s in card] == [("440605", PUBLISHED)]
