"""compare: two versions of one report, two years of one agency across templates, a metric ranked
across a province's agencies; real reports parsed and archived."""

import pytest

from govcrawl.archive.compare import CompareError, compare_records, delta, find_reports, find_versions, rank_metric
from govcrawl.archive.store import Archive
from govcrawl.archive.vocabulary import parse_metric
from tests.archive.reports_world import CHAOYANG_2020, CHAOYANG_2022, NANHAI_2022, corrected_nanhai, store


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive.sqlite3") as archive:
        first = store(archive, NANHAI_2022, "440605")
        store(archive, NANHAI_2022, "440605", body=corrected_nanhai(), fetched_at="2025-07-01T08:00:00+00:00")
        store(archive, CHAOYANG_2020, "440513")
        store(archive, CHAOYANG_2022, "440513")
        archive.nanhai_key = first["report_key"]
        yield archive


def test_two_versions_cell_by_cell(archive):
    a, b = find_versions(archive, archive.nanhai_key, [1, 2])
    result = compare_records(a, b)
    changed = [c for c in result.changes if c["a"] != c["b"]]
    assert [(c["row_key"], c["column"]) for c in changed] == [("new", "person"), ("new", "total")]
    person = changed[0]
    assert person["table"] == "applications"
    assert person["a"] == 10
    assert person["b"] == 12
    assert person["delta"] == 2
    assert person["pct_change"] == 20.0
    assert changed[1]["delta"] == 2
    assert changed[1]["pct_change"] == 15.38
    assert result.sections_dropped == ["其他需要报告的事项"]
    assert result.sections_added == []
    assert result.to_json()["b"]["version"] == 2


def test_two_years_of_one_agency_across_templates(archive):
    key_2020 = next(r["report_key"] for r, _ in archive.latest_with_versions() if r["year"] == 2020)
    by_key = find_reports(archive, key_2020, [2020, 2022])
    by_agency = find_reports(archive, "汕头市潮阳区应急管理局", [2020, 2022])
    assert [(s.label, s.record["template"]) for s in by_key] == [("2020", "2019"), ("2022", "2021")]
    assert [s.report_key for s in by_agency] == [s.report_key for s in by_key]
    result = compare_records(*by_key)
    review = {c["row_key"] + "." + c["column"]: c for c in result.changes if c["table"] == "review_litigation"}
    # the 2020 report printed table 四 empty: no value, so no delta, never 0
    assert review["review.total"]["a"] is None
    assert review["review.total"]["b"] == 2
    assert review["review.total"]["delta"] is None
    assert review["review.total"]["in"] == "both"
    only_2020 = {c["table"] for c in result.changes if c["in"] == "a"}
    assert only_2020 == {"active_disclosure", "applications"}
    assert result.sections_added == ["其他需要报告的事项"]
    assert result.sections_dropped == []


def test_missing_year_names_the_archived_years(archive):
    with pytest.raises(
        CompareError, match=r"no 2023 report of 汕头市潮阳区应急管理局 \(archived years: \[2020, 2022\]\)"
    ):
        find_reports(archive, "汕头市潮阳区应急管理局", [2022, 2023])


def test_unknown_agency(archive):
    with pytest.raises(CompareError, match="no report or agency"):
        find_reports(archive, "不存在的局", [2022, 2023])


def test_delta_only_between_numbers():
    assert delta(4, 6) == (2, 50.0)
    assert delta(0, 3) == (3, None)  # no percentage of a zero base
    assert delta(None, 3) == (None, None)
    assert delta(1.5, 1.2) == (-0.3, -20.0)


def test_metric_ranking_across_a_province(archive):
    ranking = rank_metric(archive, "广东", 2022, "review_litigation.review_total")
    assert [(r["rank"], r["agency"], r["value"]) for r in ranking.rows] == [
        (1, "汕头市潮阳区应急管理局", 2),
        (2, "佛山市南海区财政局", 1),
    ]
    assert ranking.rows[1]["version"] == 2


def test_reports_without_the_cell_are_not_ranked(archive):
    ranking = rank_metric(archive, "广东", 2022, "applications.new_total")
    assert [(r["agency"], r["value"]) for r in ranking.rows] == [("佛山市南海区财政局", 15)]
    assert [r["agency"] for r in ranking.not_reported] == ["汕头市潮阳区应急管理局"]


def test_metric_names():
    assert parse_metric("applications.new_total") == ("applications", "new", "total")
    assert parse_metric("active_disclosure.normative_documents_newly_published") == (
        "active_disclosure",
        "normative_documents",
        "newly_published",
    )
    with pytest.raises(ValueError, match="unknown metric"):
        parse_metric("applications.nothing_total")
