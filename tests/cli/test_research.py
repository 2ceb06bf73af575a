"""`govcrawl compare | scorecard | cells | export --format cells` on archives of real reports."""

import csv
import io
import json
import re

import pytest

from govcrawl.cli import main
from tests.archive.reports_world import fill_research_archive


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("research") / "archive.sqlite3"
    fill_research_archive(path)
    return path


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_compare_years_as_json(archive_path, capsys):
    status, out, _ = run(
        capsys,
        "compare",
        "汕头市潮阳区应急管理局",
        "--years",
        "2020,2022",
        "--format",
        "json",
        "--archive",
        str(archive_path),
    )
    assert status == 0
    data = json.loads(out)
    assert data["a"]["label"] == "2020"
    assert data["b"]["label"] == "2022"
    assert data["a"]["template"] == "2019"
    assert data["b"]["template"] == "2021"
    assert data["sections_added"] == ["其他需要报告的事项"]
    review_total = next(
        c
        for c in data["cells"]
        if c["table"] == "review_litigation" and c["row_key"] == "review" and c["column"] == "total"
    )
    assert review_total["b"] == 2
    assert review_total["delta"] is None


def test_compare_versions_as_csv(archive_path, capsys):
    status, out, _ = run(
        capsys, "compare", "佛山市南海区财政局", "--years", "2022,2022", "--archive", str(archive_path)
    )
    assert status == 0  # the same report twice: nothing changed
    assert "0 changed cells" in out
    key = re.search(r"a = 2022: (\S+) v2", out).group(1)
    status, out, _ = run(capsys, "compare", key, "--versions", "1,2", "--format", "csv", "--archive", str(archive_path))
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["row_key"], r["column"], r["a"], r["b"], r["delta"], r["pct_change"]) for r in rows] == [
        ("new", "person", "10", "12", "2", "20"),
        ("new", "total", "13", "15", "2", "15.38"),
    ]


def test_compare_text_names_sections(archive_path, capsys):
    key_line = run(capsys, "compare", "佛山市南海区财政局", "--years", "2022,2022", "--archive", str(archive_path))[1]
    key = re.search(r"a = 2022: (\S+) v2", key_line).group(1)
    status, out, _ = run(capsys, "compare", key, "--versions", "1,2", "--archive", str(archive_path))
    assert status == 0
    assert "sections dropped: 其他需要报告的事项" in out
    assert "2 changed cells of 200" in out


def test_compare_ranking(archive_path, capsys):
    status, out, _ = run(
        capsys,
        "compare",
        "--province",
        "广东",
        "--year",
        "2022",
        "--metric",
        "review_litigation.review_total",
        "--format",
        "json",
        "--archive",
        str(archive_path),
    )
    assert status == 0
    data = json.loads(out)
    assert [(r["rank"], r["agency"], r["value"]) for r in data["ranked"]] == [
        (1, "汕头市潮阳区应急管理局", 2),
        (2, "佛山市南海区财政局", 1),
    ]


def test_compare_errors(archive_path, capsys):
    status, _, err = run(
        capsys, "compare", "--province", "广东", "--year", "2022", "--metric", "nope", "--archive", str(archive_path)
    )
    assert status == 2
    assert "unknown metric 'nope'" in err
    status, _, err = run(
        capsys, "compare", "佛山市南海区财政局", "--years", "2021,2022", "--archive", str(archive_path)
    )
    assert status == 1
    assert "no 2021 report of 佛山市南海区财政局" in err
    status, _, err = run(capsys, "compare", "佛山市南海区财政局", "--years", "2022", "--archive", str(archive_path))
    assert status == 2


def test_scorecard_json_and_text(archive_path, capsys):
    status, out, _ = run(
        capsys,
        "scorecard",
        "--province",
        "广东",
        "--year",
        "2022",
        "--format",
        "json",
        "--today",
        "2025-06-01",
        "--archive",
        str(archive_path),
    )
    assert status == 0
    by_portal = {r["portal_id"]: r for r in json.loads(out)}
    assert sorted(by_portal) == ["440300", "440513", "440605", "441300"]
    assert by_portal["440605"]["on_time"] == "on_time"
    assert by_portal["440605"]["version"] == 2
    assert by_portal["440513"]["on_time"] == "late"
    assert by_portal["441300"]["published"] == "not found"
    assert by_portal["440300"]["published"] == "portal not reached"
    assert by_portal["440513"]["evidence"]["tables_missing"] == ["active_disclosure (二)", "applications (三)"]
    status, out, _ = run(capsys, "scorecard", "--province", "广东", "--year", "2022", "--archive", str(archive_path))
    assert status == 0
    assert "scorecard 广东 2022: 4 row(s)" in out
    assert "portal not reached" in out


def test_scorecard_html_is_self_contained(archive_path, tmp_path, capsys):
    page = tmp_path / "scorecard.html"
    status, _, err = run(
        capsys, "scorecard", "--province", "广东", "--year", "2022", "--html", str(page), "--archive", str(archive_path)
    )
    assert status == 0
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", text)
    assert 'href="#evidence-' in text
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "matplotlib is not installed" in err
        assert "<svg" not in text
    else:
        assert text.count('<figure class="plot"><svg') == 4


def test_cells_command_and_export(archive_path, tmp_path, capsys):
    meta = tmp_path / "metadata.json"
    status, _, err = run(capsys, "cells", "--archive", str(archive_path), "--metadata", str(meta))
    assert status == 0
    assert "cell(s) in table cells" in err
    data = json.loads(meta.read_text(encoding="utf-8"))
    db = data["databases"]["archive"]
    assert "metric_ranking" in db["queries"]
    assert "table" in db["tables"]["cells"]["facets"]
    status, out, err = run(
        capsys, "export", "--format", "cells", "--province", "广东", "--years", "2023", "--archive", str(archive_path)
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["agency"] for r in rows} == {"惠州市应急管理局"}
    assert "of 1 report(s)" in err
