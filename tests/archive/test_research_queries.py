"""The research metrics as SQL: datasette's canned queries run against an archive of real reports
and agree with the Python scorecard and cells; the province series behind the plots."""

import sqlite3

import pytest

from govcrawl.archive.cells import build_cells
from govcrawl.archive.datasette import QUERIES, datasette_metadata
from govcrawl.archive.plots import province_series
from govcrawl.archive.store import Archive
from tests.archive.reports_world import CHAOYANG_2022, HONGZE_2023, HUIZHOU_2023, NANHAI_2022, record_run, store


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("queries") / "archive.sqlite3"
    with Archive(path) as a:
        store(a, NANHAI_2022, "440605")
        store(a, CHAOYANG_2022, "440513", published_hint="2023-02-20")
        store(a, HUIZHOU_2023, "441300")
        store(a, HONGZE_2023, "320813", published_hint="2024-04-15")
        # 440605 and 440513 crawled (the older run did not reach 440513); 999999 never reached; 888888
        # reached without a report for 2022.
        record_run(a, "job-old", "2025-05-01T00:00:00+00:00", {"440513": 0, "999999": 0})
        record_run(a, "job-new", "2025-06-01T00:00:00+00:00", {"440605": 3, "440513": 2, "888888": 4})
        build_cells(a.conn)
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def query(conn, name, **params):
    cur = conn.execute(QUERIES[name]["sql"], params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur]


def test_metric_ranking(archive):
    rows = query(
        archive, "metric_ranking", table="review_litigation", row_key="review", column="total", year=2022, province="44"
    )
    assert [(r["agency"], r["value"]) for r in rows] == [("汕头市潮阳区应急管理局", 2), ("佛山市南海区财政局", 1)]


def test_published(archive):
    rows = {r["portal_id"]: r["published"] for r in query(archive, "published", year=2022)}
    assert rows == {"440513": "yes", "440605": "yes", "888888": "not found", "999999": "portal not reached"}


def test_on_time(archive):
    rows = {r["agency"]: r for r in query(archive, "on_time", year=2022, province="44")}
    assert rows["佛山市南海区财政局"]["on_time"] == "on_time"
    assert rows["汕头市潮阳区应急管理局"]["on_time"] == "late"
    assert rows["汕头市潮阳区应急管理局"]["deadline"] == "2023-01-31"
    hongze = query(archive, "on_time", year=2023, province="32")[0]
    assert hongze["deadline"] == "2024-03-31"  # a government
    assert hongze["on_time"] == "late"


def test_checks_failed(archive):
    hongze = query(archive, "checks_failed", year=2023, province="32")[0]
    assert hongze["failed"] == 2
    assert hongze["passed"] == 39
    assert hongze["failed_rules"] == "review_litigation.total:行政复议,review_litigation.total:行政诉讼.复议后起诉"


def test_failing_check_rates(archive):
    rows = query(archive, "failing_check_rates", province="32")
    total = next(r for r in rows if r["rule"] == "review_litigation.total:行政复议")
    assert total["checked"] == 1
    assert total["failed_pct"] == 100.0


def test_tables_parsed(archive):
    rows = {r["agency"]: r["tables_parsed"] for r in query(archive, "tables_parsed", year=2022, province="44")}
    assert rows == {"佛山市南海区财政局": 3, "汕头市潮阳区应急管理局": 1}


def test_review_litigation(archive):
    rows = query(archive, "review_litigation", province="44")
    assert {(r["agency"], r["year"], r["row_key"]) for r in rows} >= {("惠州市应急管理局", 2023, "review")}


def test_metadata_names_the_database_and_facets():
    meta = datasette_metadata("archive")
    assert meta["databases"]["archive"]["tables"]["report_search"]["facets"] == ["province", "year", "city"]
    assert set(meta["databases"]["archive"]["queries"]) == set(QUERIES)


def test_province_series_sums_outcome_groups_from_sub_rows(archive):
    from govcrawl.archive.reader import ArchiveReads

    series = province_series(ArchiveReads.over(archive), "广东")
    nanhai_total = query(
        archive,
        "metric_ranking",
        table="applications",
        row_key="result.total",
        column="total",
        year=2022,
        province="44",
    )
    assert sum(series["outcomes"][2022].values()) == nanhai_total[0]["value"]
    assert series["received"][2022] == 13
    assert series["checked"] == {2022: [2, 0], 2023: [1, 0]}
