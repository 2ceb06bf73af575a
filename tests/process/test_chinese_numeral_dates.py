"""Years and dates printed in Chinese numerals (二〇二一年, 二〇二二年一月十五日): some titles,
statements and signature dates are written that way. Every year rule reads them as it reads digits.

The pages are invented in the shape of the real ones (tests/fixtures/real_pages).
"""

from __future__ import annotations

import pytest

from govcrawl.process.document import parse_document
from govcrawl.process.parse.dates import arabic_dates, parse_date, report_period_year, statement_year

INTRO = "根据《中华人民共和国政府信息公开条例》规定，现公布{agency}{year}政府信息公开工作年度报告。"
BODY = (
    "\n一、总体情况\n本年度我局主动公开政府信息120条。\n二、主动公开政府信息情况\n"
    "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
)


def parse_text(text: str) -> dict:
    return parse_document(text.encode(), url="page.txt", content_type="text/plain").record


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("统计期限为二〇二一年一月一日至二〇二一年十二月三十一日", "统计期限为2021年1月1日至2021年12月31日"),
        ("二O二三年度", "2023年度"),  # a Latin O for 〇, as typed
        ("二〇二二年一月十五日", "2022年1月15日"),
        ("一二三四年", "一二三四年"),  # not a year of the reports
        ("十三五规划", "十三五规划"),
    ],
)
def test_arabic_dates(printed, read):
    assert arabic_dates(printed) == read


def test_period_in_chinese_numerals_gives_the_year():
    assert report_period_year("本报告所列数据统计期限为二〇一九年一月一日至二〇一九年十二月三十一日。") == 2019


def test_statement_in_chinese_numerals_gives_the_year():
    assert statement_year(INTRO.format(agency="某县水利局", year="二〇二〇年")) == 2020


def test_signature_date_in_chinese_numerals():
    assert parse_date("二〇二四年一月二十日") == "2024-01-20"


def test_title_year_and_agency_in_chinese_numerals():
    record = parse_text("某市应急管理局二〇二二年度政府信息公开工作年度报告" + BODY)
    assert (record["year"], record["agency"]) == (2022, "某市应急管理局")


def test_title_over_two_lines_with_a_chinese_numeral_year():
    record = parse_text("某县人民政府以工代赈办公室\n二〇二〇年度政府信息公开工作年度报告" + BODY)
    assert record["title"] == "某县人民政府以工代赈办公室二〇二〇年度政府信息公开工作年度报告"
    assert record["agency"] == "某县人民政府以工代赈办公室"


def test_untitled_page_names_agency_and_year_in_its_statement():
    record = parse_text(INTRO.format(agency="某区某某街道办事处", year="二〇二一年") + BODY)
    assert (record["year"], record["agency"]) == (2021, "某区某某街道办事处")
