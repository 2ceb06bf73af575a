"""Field tests on the five real samples (through govcrawl.process.clean) and the HTML template fixtures."""

from __future__ import annotations

import pytest

from govcrawl.contract.schema import validation_errors
from govcrawl.process.parse import parse_report
from tests.process.parse_support import fixture_text, page_from_html, page_from_text, raw_page_from_text

_CACHE: dict[str, dict] = {}


def parsed(name: str, raw: bool = False) -> dict:
    key = f"{name}:{raw}"
    if key not in _CACHE:
        if name.endswith(".html"):
            page = page_from_html(fixture_text(name))
        else:
            page = (raw_page_from_text if raw else page_from_text)(fixture_text(name))
        _CACHE[key] = parse_report(page, url=f"http://example.gov.cn/{name}")
    return _CACHE[key]


def field(record: dict, path: str):
    value = record
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


S0, S1, S2, S3, S4 = (
    f"{n}.txt"
    for n in (
        "000_bc7b1b1142d4411e",
        "001_a63ccd5b319b1063",
        "002_7bcad31b0e10dcd8",
        "003_2094a5b1fba3121f",
        "004_e47ad0a698eae0a9",
    )
)
H21, H19 = "nanhai_2022_template2021.html", "gulou_2020_template2019.html"

EXPECTED = [
    # 000 惠州市应急管理局 2019, traditional mirror, free-form eight parts, no tables
    (S0, "is_annual_report", True),
    (S0, "title", "惠州市应急管理局2019年政府信息公开工作年度报告"),
    (S0, "agency", "惠州市应急管理局"),
    (S0, "region.province", "广东省"),
    (S0, "region.city", "惠州市"),
    (S0, "region.county", None),
    (S0, "region.adcode", "441300"),
    (S0, "year", 2019),
    (S0, "published_date", None),
    (S0, "template", "pre2019"),
    (S0, "source_script", "traditional"),
    (S0, "sections.0.heading", "概述"),
    (S0, "sections.7.number", "八"),
    (S0, "sections.7.heading", "2020年工作计划"),
    (S0, "tables.applications", None),
    # 001 宣城市人防办 2017: no title; year from 统计期限
    (S1, "is_annual_report", True),
    (S1, "title", None),
    (S1, "year", 2017),
    (S1, "template", "pre2019"),
    (S1, "source_script", "traditional"),
    (S1, "sections.0.heading", "概述"),
    (S1, "sections.2.heading", "存在的问题与对策信息"),
    # agency: only the site footer (主办) names it; clean keeps that as page metadata
    (S1, "agency", "宣城市国防动员办公室"),
    (S1, "region.adcode", "341800"),
    # 002 衢州市安监局 2018: agency from the opening sentence, 统计表 as pipe rows
    (S2, "is_annual_report", True),
    (S2, "title", None),
    (S2, "agency", "衢州市安全生产监督管理局"),
    (S2, "region.adcode", "330800"),
    (S2, "region.province", "浙江省"),
    (S2, "year", 2018),
    (S2, "published_date", "2019-01-07"),
    (S2, "template", "pre2019"),
    (S2, "sections.6.heading", "下一步工作建议和改进情况"),
    (S2, "tables.legacy_statistics.0.indicator", "一、主动公开情况"),
    (S2, "tables.legacy_statistics.0.unit", None),
    (S2, "tables.legacy_statistics.0.value", 502),
    (S2, "tables.legacy_statistics.2.value", None),
    (S2, "tables.legacy_statistics.2.unit", "条"),
    (S2, "tables.legacy_statistics.6.value", 361),
    (S2, "tables.legacy_statistics.-1.indicator", "(三)接受培训人员数"),
    (S2, "tables.legacy_statistics.-1.unit", "人次"),
    (S2, "tables.legacy_statistics.-1.value", 13),
    (S2, "tables.applications", None),
    # 003 汕头市潮阳区应急管理局 2020: 2019 template
    (S3, "is_annual_report", True),
    (S3, "agency", "汕头市潮阳区应急管理局"),
    (S3, "region.county", "潮阳区"),
    (S3, "region.city", "汕头市"),
    (S3, "region.adcode", "440513"),
    (S3, "year", 2020),
    (S3, "template", "2019"),
    (S3, "sections.4.heading", "存在的主要问题及改进情况"),
    # 004 舟曲县应急管理局 2025: page dump, tables were images
    (S4, "is_annual_report", True),
    (S4, "title", "舟曲县应急管理局2025年政府信息公开工作年度报告"),
    (S4, "agency", "舟曲县应急管理局"),
    (S4, "published_date", "2026-01-20"),
    (S4, "region.adcode", "623023"),
    (S4, "region.city", "甘南藏族自治州"),
    (S4, "region.province", "甘肃省"),
    (S4, "year", 2025),
    (S4, "template", "2021"),
    (S4, "sections.5.heading", "其他需要报告的事项"),
    (S4, "tables.active_disclosure", None),
    (S4, "tables.applications", None),
    (S4, "tables.review_litigation", None),
    # HTML, 2021 template, rowspan=22 on 三, three header rows, a blank padding column
    (H21, "is_annual_report", True),
    (H21, "agency", "佛山市南海区财政局"),
    (H21, "region.adcode", "440605"),
    (H21, "year", 2022),
    (H21, "published_date", "2023-01-18"),
    (H21, "template", "2021"),
    (H21, "tables.active_disclosure.0.columns", ["本年制发件数", "本年废止件数", "现行有效件数"]),
    (H21, "tables.active_disclosure.0.rows.1.values", [2, 1, 15]),
    (H21, "tables.active_disclosure.3.rows.0.values", [1234.5]),
    (H21, "tables.applications.rows.0.values", [10, 2, 0, 0, 1, 0, 13]),
    (H21, "tables.applications.rows.22.key", "三.六.3"),
    (H21, "tables.applications.rows.22.values", [0, 0, 0, 0, 1, 0, 1]),
    (H21, "tables.applications.rows.23.key", "三.七"),
    (H21, "tables.applications.rows.23.values", [10, 2, 0, 0, 1, 0, 13]),
    (H21, "tables.applications.rows.24.key", "四"),
    (H21, "tables.review_litigation.values", [0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1]),
    # HTML, 2019 template, two header rows, metadata table, ambiguous 鼓楼区 settled by 南京市
    (H19, "agency", "南京市鼓楼区教育局"),
    (H19, "region.adcode", "320106"),
    (H19, "region.city", "南京市"),
    (H19, "year", 2020),
    (H19, "published_date", "2021-01-25"),
    (H19, "template", "2019"),
    (H19, "tables.active_disclosure.4.article", "第二十条第（九）项"),
    (H19, "tables.active_disclosure.4.rows.0.values", [14, "356.8万元"]),
    (H19, "tables.active_disclosure.1.rows.1.values", [2, -1, 30]),
    (H19, "tables.applications.rows.20.key", "三.六"),
    (H19, "tables.applications.rows.22.values", [4, 0, 0, 0, 0, 0, 3]),
    (H19, "tables.review_litigation.values", [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, None, None, None, None, None]),
]


@pytest.mark.parametrize(("name", "path", "expected"), EXPECTED, ids=[f"{n[:3]}-{p}" for n, p, _ in EXPECTED])
def test_field(name, path, expected):
    assert field(parsed(name), path) == expected


SECTION_COUNTS = {S0: 8, S1: 3, S2: 7, S3: 5, S4: 6, H21: 6, H19: 6}


@pytest.mark.parametrize(("name", "count"), SECTION_COUNTS.items())
def test_section_count(name, count):
    assert len(parsed(name)["sections"]) == count


@pytest.mark.parametrize("name", [S0, S1, S2, S3, S4, H21, H19])
def test_valid_against_schema(name):
    assert validation_errors(parsed(name)) == []


def _check(record: dict, rule: str) -> dict:
    return next(c for c in record["checks"] if c["rule"] == rule)


def test_2021_balance_passes():
    assert _check(parsed(H21), "applications.balance:自然人")["status"] == "pass"


def test_2021_outcome_total_passes():
    assert _check(parsed(H21), "applications.outcome_total:总计")["status"] == "pass"


def test_2021_review_total_passes():
    assert _check(parsed(H21), "review_litigation.total:行政复议")["status"] == "pass"


def test_2019_broken_balance_recorded_not_fixed():
    assert _check(parsed(H19), "applications.balance:总计")["status"] == "fail"


def test_2019_broken_row_total_recorded():
    assert _check(parsed(H19), "applications.row_total:四")["status"] == "fail"


def test_2019_empty_review_cells_skip_the_check():
    assert _check(parsed(H19), "review_litigation.total:行政诉讼.复议后起诉")["status"] == "skipped"


def test_missing_tables_flagged_as_skipped():
    assert _check(parsed(S4), "tables.applications")["status"] == "skipped"


def test_year_agrees_with_period():
    assert _check(parsed(S0), "year.title_vs_period")["status"] == "pass"


def test_same_report_two_urls_same_key():
    page = page_from_html(fixture_text(H21))
    assert (
        parse_report(page, url="http://a.gov.cn/1.html")["report_key"]
        == parse_report(page, url="http://mirror.example.com/x.html")["report_key"]
    )


def test_adcode_argument_names_region():
    assert parse_report(page_from_text(fixture_text(S1)), adcode="341800")["region"]["city"] == "宣城市"


def test_adcode_argument_refined_by_agency():
    assert parse_report(page_from_text(fixture_text(S3)), adcode="440500")["region"]["adcode"] == "440513"


# The stand-in cleaner keeps what govcrawl.process.clean currently drops (tab-indented empty cells, byline, footer).
def test_raw_003_text_cells_kept():
    assert field(parsed(S3, raw=True), "tables.active_disclosure.2.rows.0.values") == [
        "13宗共113200元",
        "7宗共312800元",
        "7宗共312800元",
    ]


def test_raw_003_empty_cells_are_null():
    assert field(parsed(S3, raw=True), "tables.applications.rows.0.values") == [None] * 7


def test_raw_003_applications_row_keys():
    assert [r["key"] for r in parsed(S3, raw=True)["tables"]["applications"]["rows"]][-3:] == ["三.六", "三.七", "四"]


def test_raw_003_review_all_null():
    assert parsed(S3, raw=True)["tables"]["review_litigation"]["values"] == [None] * 15


def test_raw_003_checks_skipped_on_empty_cells():
    assert _check(parsed(S3, raw=True), "applications.balance:总计")["status"] == "skipped"


def test_raw_004_byline_date():
    assert parsed(S4, raw=True)["published_date"] == "2026-01-20"


def test_raw_001_agency_from_site_host_line():
    assert parsed(S1, raw=True)["agency"] == "宣城市国防动员办公室"


# Through govcrawl.process.clean the one-cell-per-line tables of 003 lose their empty cells: rows whose
# cells all survive (or none do) are still placed; the others would be null with a check.
def test_003_rows_with_all_cells_printed_are_placed():
    assert field(parsed(S3), "tables.active_disclosure.1.rows.0.values") == [120, 6, 6]


def test_003_text_cells_kept():
    assert field(parsed(S3), "tables.active_disclosure.2.rows.0.values") == [
        "13宗共113200元",
        "7宗共312800元",
        "7宗共312800元",
    ]


def test_003_rows_with_no_cell_printed_are_null():
    assert field(parsed(S3), "tables.active_disclosure.0.rows.0.values") == [None, None, None]


def test_003_application_rows_all_mapped():
    assert len(parsed(S3)["tables"]["applications"]["rows"]) == 23


def test_003_review_row_null():
    assert parsed(S3)["tables"]["review_litigation"]["values"] == [None] * 15


def test_partly_printed_cell_line_row_left_null_with_check():
    from govcrawl.contract.cleaned_page import CleanedPage

    text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数\n规章\n5\n规范性文件"
    record = parse_report(CleanedPage(title="某县应急管理局2020年政府信息公开工作年度报告", text=text))
    assert (
        record["tables"]["active_disclosure"][0]["rows"][0]["values"],
        _check(record, "active_disclosure.cell_positions")["status"],
    ) == ([None, None, None], "fail")
