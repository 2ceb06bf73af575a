"""Non-reports are recognised from title, headings and body; helpers for years, dates and regions."""

from __future__ import annotations

import pytest

from govcrawl.contract.cleaned_page import CleanedPage
from govcrawl.contract.schema import validation_errors
from govcrawl.process.parse import parse_report
from govcrawl.process.parse.dates import parse_date, period_year
from govcrawl.process.parse.region import region_for
from tests.process.parse_support import fixture_text, page_from_html

DISTRACTORS = [
    "notice_prepare_reports.html",
    "statistical_annual_report.html",
    "statistical_bulletin.html",
    "enterprise_annual_report_notice.html",
    "final_accounts.html",
    "news_item.html",
    "report_list_page.html",
]


@pytest.mark.parametrize("name", DISTRACTORS)
def test_distractor_is_not_a_report(name):
    assert parse_report(page_from_html(fixture_text(name)))["is_annual_report"] is False


@pytest.mark.parametrize("name", DISTRACTORS)
def test_distractor_valid_against_schema(name):
    assert validation_errors(parse_report(page_from_html(fixture_text(name)), url="http://x.gov.cn/a.html")) == []


@pytest.mark.parametrize("name", DISTRACTORS)
def test_distractor_has_no_tables(name):
    assert parse_report(page_from_html(fixture_text(name)))["tables"]["applications"] is None


def test_distractor_key_comes_from_url():
    record = parse_report(page_from_html(fixture_text("news_item.html")), url="http://x.gov.cn/a.html")
    assert record["report_key"].startswith("u-")


def test_report_variant_title_政务公开():
    page = CleanedPage(title="某县人民政府2020年度政务公开工作报告", text="一、总体情况\n略。")
    assert parse_report(page)["is_annual_report"] is True


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("二〇二〇年一月二十日", "2020-01-20"),
        ("2020年1月20日", "2020-01-20"),
        ("2023-01-18 09:30", "2023-01-18"),
        ("２０２１年１月２５日", "2021-01-25"),
        ("二〇一九年十二月三十一日", "2019-12-31"),
        ("2020年2月30日", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("报告中所列数据统计期限为2024年1月1日至2024年12月31日。", 2024),
        ("本报告所列数据统计期限自2017年1月1日起至2017年12月31日止。", 2017),
        ("2025年3月发布。", None),
    ],
)
def test_period_year(text, year):
    assert period_year(text) == year


def test_ambiguous_county_alone_not_resolved():
    assert region_for(None, ["鼓楼区教育局"]).adcode is None


def test_ambiguous_county_settled_by_province():
    assert region_for(None, ["福建省福州市鼓楼区教育局"]).adcode == "350102"


def test_unique_county_resolved():
    assert region_for(None, ["舟曲县应急管理局"]).province == "甘肃省"


def test_adcode_fills_names():
    assert region_for("440513", []).city == "汕头市"


def test_municipal_district_city_is_municipality():
    assert region_for("110105", []).city == "北京市"
