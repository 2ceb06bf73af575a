"""Tidy cells: every stored table cell as one long-format row, canonical keys across templates."""

import csv

import pytest

from govcrawl.archive import vocabulary as vocab
from govcrawl.archive.cells import CELL_COLUMNS, CELLS_TABLE, build_cells, record_cells, write_cells
from govcrawl.archive.reader import ArchiveReads
from govcrawl.archive.store import Archive
from govcrawl.cli import main
from tests.archive.reports_world import GULOU_2020, HONGZE_2023, NANHAI_2022, store


@pytest.fixture
def archive_path(tmp_path):
    path = tmp_path / "archive.sqlite3"
    with Archive(path) as archive:
        store(archive, GULOU_2020, "320106")
        store(archive, NANHAI_2022, "440605")
        store(archive, HONGZE_2023, "320813")
    return path


def stored_cell_count(record):
    """Cells the stored tables hold: each row's values paired with its table's columns."""
    tables = record["tables"]
    n = sum(
        min(len(sub["columns"]), len(row["values"])) for sub in tables["active_disclosure"] or [] for row in sub["rows"]
    )
    if tables["applications"]:
        n += sum(
            min(len(tables["applications"]["columns"]), len(row["values"])) for row in tables["applications"]["rows"]
        )
    if tables["review_litigation"]:
        n += min(len(tables["review_litigation"]["columns"]), len(tables["review_litigation"]["values"]))
    return n + len(tables["legacy_statistics"] or [])


def read_cells_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_every_stored_cell_is_one_row(archive_path):
    with Archive(archive_path) as archive:
        for record, version in archive.latest_with_versions():
            assert len(list(record_cells(record, version))) == stored_cell_count(record)


def test_cells_export_matches_the_stored_tables(archive_path, tmp_path):
    out = tmp_path / "cells.csv"
    assert main(["export", "--format", "cells", "--archive", str(archive_path), "--out", str(out)]) == 0
    rows = read_cells_csv(out)
    with Archive(archive_path) as archive:
        pairs = archive.latest_with_versions()
    assert list(rows[0]) == list(CELL_COLUMNS)
    assert len(rows) == sum(stored_cell_count(r) for r, _ in pairs)
    for record, _ in pairs:
        apps = record["tables"]["applications"]
        for row in apps["rows"]:
            for column, value in zip(apps["columns"], row["values"], strict=True):
                got = [
                    c
                    for c in rows
                    if c["report_key"] == record["report_key"]
                    and c["table"] == "applications"
                    and c["row_label"] == row["label"]
                    and c["column"] == vocab.APPLICATION_COLUMNS[column]
                ]
                assert len(got) == 1
                assert got[0]["value"] == ("" if value is None else str(value))


def test_a_2019_row_and_its_2021_successor_share_keys(archive_path):
    with Archive(archive_path) as archive:
        by_agency = {r["agency"]: list(record_cells(r, v)) for r, v in archive.latest_with_versions()}
    gulou = {
        (c["row_key"], c["column"]): c for c in by_agency["南京市鼓楼区教育局"] if c["table"] == "active_disclosure"
    }
    nanhai = {
        (c["row_key"], c["column"]): c for c in by_agency["佛山市南海区财政局"] if c["table"] == "active_disclosure"
    }
    # 2019 规范性文件 本年新制作数量 and 2021 行政规范性文件 本年制发件数 are one cell
    assert gulou[("normative_documents", "issued")]["row_label"] == "规范性文件"
    assert gulou[("normative_documents", "issued")]["value"] == 1
    assert nanhai[("normative_documents", "issued")]["row_label"] == "行政规范性文件"
    assert nanhai[("normative_documents", "issued")]["value"] == 2
    # columns only one form prints keep their own key
    assert ("normative_documents", "published_total") in gulou
    assert ("normative_documents", "published_total") not in nanhai
    assert ("normative_documents", "in_force") in nanhai
    assert "active_disclosure.published_total" in vocab.NO_SUCCESSOR


def test_one_cell_row_field_by_field(archive_path):
    with Archive(archive_path) as archive:
        record, version = next((r, v) for r, v in archive.latest_with_versions() if r["agency"] == "佛山市南海区财政局")
    cell = next(c for c in record_cells(record, version) if c["row_key"] == "new" and c["column"] == "total")
    assert cell["report_key"] == record["report_key"]
    assert cell["version"] == 1
    assert cell["agency"] == "佛山市南海区财政局"
    assert cell["adcode"] == "440605"
    assert cell["year"] == 2022
    assert cell["template"] == "2021"
    assert cell["table"] == "applications"
    assert cell["row_label"] == "一、本年新收政府信息公开申请数量"
    assert cell["value"] == 13
    assert cell["unit"] == "件"


def test_text_cells_are_null_never_guessed():
    record = {
        "report_key": "k",
        "region": {},
        "tables": {
            "applications": {
                "columns": ["自然人", "总计"],
                "rows": [{"key": "一", "label": "一", "values": ["13宗", None]}],
            },
            "active_disclosure": None,
            "review_litigation": None,
            "legacy_statistics": [{"indicator": "（一）主动公开政府信息数", "unit": "条", "value": 120}],
        },
    }
    cells = list(record_cells(record))
    assert [c["value"] for c in cells] == [None, None, 120]
    assert cells[2]["row_key"] is None
    assert cells[2]["row_label"] == "（一）主动公开政府信息数"
    assert cells[2]["unit"] == "条"


def test_build_cells_writes_the_archive_view(archive_path):
    with Archive(archive_path) as archive:
        n = build_cells(archive.conn)
        expected = sum(stored_cell_count(r) for r, _ in archive.latest_with_versions())
        assert n == expected
        assert archive.conn.execute(f"SELECT COUNT(*) FROM {CELLS_TABLE}").fetchone()[0] == expected
        assert build_cells(archive.conn) == expected  # a rebuild replaces, never appends
        row = archive.conn.execute(
            f'SELECT value FROM {CELLS_TABLE} WHERE agency = ? AND "table" = ? AND row_key = ? AND "column" = ?',
            ("洪泽区人民政府", "applications", "new", "total"),
        ).fetchone()
        hongze = next(r for r, _ in archive.latest_with_versions() if r["agency"] == "洪泽区人民政府")
        assert row[0] == hongze["tables"]["applications"]["rows"][0]["values"][-1]


def test_parquet_without_pyarrow_writes_csv_and_says_so(archive_path, tmp_path, capsys):
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyarrow is installed: Parquet is written")
    out = tmp_path / "cells.parquet"
    assert main(["export", "--format", "cells", "--archive", str(archive_path), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "pyarrow is not installed" in err
    assert not out.exists()
    assert read_cells_csv(tmp_path / "cells.csv")[0]["report_key"]


def test_write_cells_to_csv_counts_rows(tmp_path):
    path, n, note = write_cells(
        [{"report_key": "k", "table": "applications", "column": "total", "value": 2.0}], tmp_path / "c.csv"
    )
    assert n == 1
    assert note is None
    assert read_cells_csv(path)[0]["value"] == "2"


def test_reads_give_each_latest_version_number(archive_path):
    with Archive(archive_path) as archive:
        pairs = ArchiveReads.over(archive.conn).latest_with_versions()
    assert [v for _, v in pairs] == [1, 1, 1]


def test_the_vocabulary_doc_names_every_key():
    from tests.archive.reports_world import ROOT

    doc = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    keys = {k for k, _ in vocab.ACTIVE_ROWS} | {c[0] for c in vocab.ACTIVE_COLUMNS}
    keys |= (
        set(vocab.APPLICATION_COLUMNS.values()) | set(vocab.REVIEW_ROWS.values()) | set(vocab.REVIEW_COLUMNS.values())
    )
    keys |= {k.rsplit(".", 1)[-1] for k in vocab.APPLICATION_ROWS.values()}
    missing = sorted(k for k in keys if f"`{k}`" not in doc and k not in doc)
    assert missing == []
    for metric in vocab.NO_SUCCESSOR:
        assert metric.rsplit(".", 1)[-1].split("_")[0] in doc
