"""`govcrawl export`: records valid against the contract, tables flattened row by row, CSV for Excel."""

import csv
import hashlib
import io
import json

import pytest

from govcrawl.archive.export import csv_cell, select_records, table_rows
from govcrawl.archive.store import Archive
from govcrawl.cli import main
from govcrawl.contract.schema import empty_report, validation_errors
from govcrawl.registry import parse_years

APPLICATION_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
REVIEW_COLUMNS = [
    "行政复议.结果维持",
    "行政复议.结果纠正",
    "行政复议.其他结果",
    "行政复议.尚未审结",
    "行政复议.总计",
    "行政诉讼.未经复议直接起诉.结果维持",
    "行政诉讼.未经复议直接起诉.结果纠正",
    "行政诉讼.未经复议直接起诉.其他结果",
    "行政诉讼.未经复议直接起诉.尚未审结",
    "行政诉讼.未经复议直接起诉.总计",
    "行政诉讼.复议后起诉.结果维持",
    "行政诉讼.复议后起诉.结果纠正",
    "行政诉讼.复议后起诉.其他结果",
    "行政诉讼.复议后起诉.尚未审结",
    "行政诉讼.复议后起诉.总计",
]


def synthetic_report(
    agency,
    adcode,
    province,
    year,
    *,
    new_requests=5,
    text=None,
    legacy=False,
    fetched_at="2026-01-01T00:00:00+00:00",
    body=None,
):
    """(record, body): a stored-report-shaped record with 2021-template tables (or a legacy 统计表)."""
    body = body or f"<html>{agency}{year}{new_requests}{text}</html>".encode()
    record = empty_report()
    record.update(
        is_annual_report=True,
        report_key=f"{adcode}/{agency}/{year}",
        title=f"{agency}{year}年政府信息公开工作年度报告",
        agency=agency,
        year=year,
        region={"province": province, "city": None, "county": None, "adcode": adcode},
        template="pre2019" if legacy else "2021",
        text=text or f"一、总体情况\n{year}年，{agency}认真贯彻落实《条例》。\n二、主动公开政府信息情况",
    )
    if legacy:
        record["tables"]["legacy_statistics"] = [
            {"indicator": "（一）主动公开政府信息数", "unit": "条", "value": 120},
            {"indicator": "其中：主动公开规范性文件数", "unit": "条", "value": None},
        ]
    else:
        record["tables"]["active_disclosure"] = [
            {
                "article": "第二十条第（一）项",
                "columns": ["本年制发件数", "本年废止件数", "现行有效件数"],
                "rows": [{"label": "规章", "values": [0, 0, 3]}, {"label": "行政规范性文件", "values": [2, 1, 17]}],
            },
            {
                "article": "第二十条第（八）项",
                "columns": ["本年收费金额（单位：万元）"],
                "rows": [{"label": "行政事业性收费", "values": [12.5]}],
            },
        ]
        record["tables"]["applications"] = {
            "columns": APPLICATION_COLUMNS,
            "rows": [
                {
                    "key": "一",
                    "label": "一、本年新收政府信息公开申请数量",
                    "values": [new_requests, 1, 0, 0, 0, 0, new_requests + 1],
                },
                {"key": "三.三.1", "label": "1.危及“三安全一稳定”", "values": [None, 0, 0, 0, 0, 0, "13宗共113200元"]},
            ],
        }
        record["tables"]["review_litigation"] = {"columns": REVIEW_COLUMNS, "values": list(range(15))}
    record["provenance"] = {
        "url": f"http://www.example.gov.cn/{adcode}/{year}.html",
        "final_url": None,
        "referer": None,
        "portal_id": f"{adcode}-gov",
        "fetched_at": fetched_at,
        "http_status": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "encoding": "utf-8",
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "render": "http",
        "crawler_version": "0",
        "spider": "annual_reports",
        "job_id": "job-1",
    }
    return record, body


def fill_archive(path):
    with Archive(path) as archive:
        archive.store_report(*synthetic_report("杭州市人民政府", "330100", "浙江省", 2021))
        archive.store_report(*synthetic_report("宁波市人民政府", "330200", "浙江省", 2018, legacy=True))
        archive.store_report(*synthetic_report("惠州市应急管理局", "441300", "广东省", 2022, new_requests=9))
        archive.store_report(*synthetic_report("杭州市人民政府", "330100", "浙江省", 2023, new_requests=7))
    return path


@pytest.fixture
def archive_path(tmp_path):
    return fill_archive(tmp_path / "archive.sqlite3")


def export(archive_path, *args):
    return main(["export", "--archive", str(archive_path), *args])


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# --- selection ---------------------------------------------------------------------------------
def test_province_by_short_name_keeps_only_that_province(archive_path, tmp_path):
    export(archive_path, "--province", "浙江", "--out", str(tmp_path / "r.jsonl"))
    assert {r["region"]["adcode"][:2] for r in read_jsonl(tmp_path / "r.jsonl")} == {"33"}


def test_province_and_years_select_exactly_the_matching_reports(archive_path, tmp_path):
    export(archive_path, "--province", "33", "--years", "2020-2023", "--out", str(tmp_path / "r.jsonl"))
    assert sorted(r["report_key"] for r in read_jsonl(tmp_path / "r.jsonl")) == [
        "330100/杭州市人民政府/2021",
        "330100/杭州市人民政府/2023",
    ]


def test_no_filter_exports_every_report(archive_path, tmp_path):
    export(archive_path, "--out", str(tmp_path / "r.jsonl"))
    assert len(read_jsonl(tmp_path / "r.jsonl")) == 4


def test_select_records_with_a_year_set():
    records = [synthetic_report("甲市人民政府", "330100", "浙江省", y)[0] for y in (2019, 2020, 2021)]
    assert [r["year"] for r in select_records(records, years=parse_years("2019,2021"))] == [2019, 2021]


def test_unknown_province_is_a_usage_error(archive_path, capsys):
    assert export(archive_path, "--province", "火星") == 2
    assert "unknown province" in capsys.readouterr().err


def test_missing_archive_is_an_error_not_a_new_file(tmp_path):
    assert export(tmp_path / "nope.sqlite3") == 1
    assert not (tmp_path / "nope.sqlite3").exists()


# --- reports -----------------------------------------------------------------------------------
def test_exported_records_validate_against_the_contract(archive_path, tmp_path):
    export(archive_path, "--out", str(tmp_path / "r.jsonl"))
    assert [validation_errors(r) for r in read_jsonl(tmp_path / "r.jsonl")] == [[]] * 4


def test_exported_records_keep_provenance(archive_path, tmp_path):
    export(archive_path, "--province", "广东", "--out", str(tmp_path / "r.jsonl"))
    (record,) = read_jsonl(tmp_path / "r.jsonl")
    assert record["provenance"]["url"] == "http://www.example.gov.cn/441300/2022.html"


def test_jsonl_to_stdout(archive_path, capsys):
    export(archive_path, "--province", "广东")
    assert json.loads(capsys.readouterr().out)["agency"] == "惠州市应急管理局"


def test_reports_csv_has_one_row_per_report(archive_path, tmp_path):
    export(archive_path, "--format", "csv", "--out", str(tmp_path / "r.csv"))
    assert sorted(r["report_key"] for r in read_csv(tmp_path / "r.csv")) == sorted(
        [
            "330100/杭州市人民政府/2021",
            "330100/杭州市人民政府/2023",
            "330200/宁波市人民政府/2018",
            "441300/惠州市应急管理局/2022",
        ]
    )


def test_csv_starts_with_a_utf8_bom_for_excel(archive_path, tmp_path):
    export(archive_path, "--format", "csv", "--out", str(tmp_path / "r.csv"))
    assert (tmp_path / "r.csv").read_bytes()[:3] == b"\xef\xbb\xbf"


def test_csv_chinese_round_trips(archive_path, tmp_path):
    export(archive_path, "--format", "csv", "--province", "广东", "--out", str(tmp_path / "r.csv"))
    assert read_csv(tmp_path / "r.csv")[0]["agency"] == "惠州市应急管理局"


# --- tables ------------------------------------------------------------------------------------
@pytest.fixture
def tables_dir(archive_path, tmp_path):
    out = tmp_path / "tables"
    assert export(archive_path, "--format", "csv", "--tables", "--out", str(out)) == 0
    return out


def test_one_csv_per_statistics_table(tables_dir):
    assert sorted(p.name for p in tables_dir.iterdir()) == [
        "active_disclosure.csv",
        "applications.csv",
        "legacy_statistics.csv",
        "review_litigation.csv",
    ]


def test_applications_has_one_row_per_report_and_table_row(tables_dir):
    assert len(read_csv(tables_dir / "applications.csv")) == 3 * 2


def test_applications_columns_are_identity_row_and_value_columns(tables_dir):
    with open(tables_dir / "applications.csv", encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header == ["report_key", "agency", "province", "adcode", "year", "key", "label", *APPLICATION_COLUMNS]


def test_applications_number_cell(tables_dir):
    rows = read_csv(tables_dir / "applications.csv")
    row = next(r for r in rows if r["report_key"] == "441300/惠州市应急管理局/2022" and r["key"] == "一")
    assert row["自然人"] == "9"


def test_text_cell_is_kept_as_text(tables_dir):
    row = next(r for r in read_csv(tables_dir / "applications.csv") if r["key"] == "三.三.1")
    assert row["总计"] == "13宗共113200元"


def test_null_cell_is_empty(tables_dir):
    row = next(r for r in read_csv(tables_dir / "applications.csv") if r["key"] == "三.三.1")
    assert row["自然人"] == ""


def test_review_litigation_has_one_row_per_report_with_15_values(tables_dir):
    rows = read_csv(tables_dir / "review_litigation.csv")
    assert [len([c for c in REVIEW_COLUMNS if r[c] != ""]) for r in rows] == [15, 15, 15]


def test_active_disclosure_union_of_subtable_columns(tables_dir):
    row = next(r for r in read_csv(tables_dir / "active_disclosure.csv") if r["label"] == "行政事业性收费")
    assert (row["本年收费金额（单位：万元）"], row["现行有效件数"]) == ("12.5", "")


def test_legacy_statistics_rows(tables_dir):
    rows = read_csv(tables_dir / "legacy_statistics.csv")
    assert [(r["indicator"], r["unit"], r["value"]) for r in rows] == [
        ("（一）主动公开政府信息数", "条", "120"),
        ("其中：主动公开规范性文件数", "条", ""),
    ]


def test_tables_as_jsonl_keep_numbers_as_numbers(archive_path, tmp_path):
    export(archive_path, "--tables", "--out", str(tmp_path / "t"))
    rows = read_jsonl(tmp_path / "t" / "review_litigation.jsonl")
    assert rows[0]["行政诉讼.复议后起诉.总计"] == 14


def test_tables_without_out_is_a_usage_error(archive_path):
    assert export(archive_path, "--tables") == 2


def test_table_rows_of_reports_without_tables_is_empty():
    record, _ = synthetic_report("甲市人民政府", "330100", "浙江省", 2021)
    record["tables"]["applications"] = None
    assert table_rows([record], "applications")[1] == []


@pytest.mark.parametrize("value, text", [(None, ""), (3, "3"), (3.0, "3"), (2.5, "2.5"), ("共3件", "共3件")])
def test_csv_cell(value, text):
    assert csv_cell(value) == text


def test_pandas_style_reading_with_utf8_sig(tables_dir):
    text = (tables_dir / "applications.csv").read_text("utf-8-sig")
    assert next(csv.reader(io.StringIO(text)))[0] == "report_key"
