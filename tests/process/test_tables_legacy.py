"""The pre-2019 统计表 as real pages print it (issue 10): the report year's value, the cumulative
column kept apart, units split off, row codes."""

import pytest

from govcrawl.process.parse.lookup import cell_value
from tests.process.tables_support import parsed_pdf_lines, parsed_text

# ---------------------------------------------------------------- pre-2019 统计表
LEGACY_CUMULATIVE = """七、附表
指标名称 | 计量单位 | 2012年度 | 历年累计 |
主动公开信息数 | 条 | 1520 | 9876 |
受理依申请公开信息总数 | 件 | 12 | 85 |
行政复议数 | 件 | / | 3 |
"""


def test_legacy_value_is_the_report_years():
    assert (
        cell_value(parsed_text(LEGACY_CUMULATIVE, "某市2012年政府信息公开工作年度报告"), "主动公开信息数", "2012年度")
        == 1520
    )


def test_legacy_cumulative_is_kept_apart():
    rows = parsed_text(LEGACY_CUMULATIVE, "某市2012年政府信息公开工作年度报告")["tables"]["legacy_statistics"]
    assert rows[0]["cumulative"] == 9876


def test_legacy_slash_is_null():
    assert (
        cell_value(parsed_text(LEGACY_CUMULATIVE, "某市2012年政府信息公开工作年度报告"), "行政复议数", "2012年度")
        is None
    )


def test_legacy_unit():
    rows = parsed_text(LEGACY_CUMULATIVE, "某市2012年政府信息公开工作年度报告")["tables"]["legacy_statistics"]
    assert rows[1]["unit"] == "件"


def test_legacy_table_template():
    assert parsed_text(LEGACY_CUMULATIVE, "某市2012年政府信息公开工作年度报告")["template"] == "pre2019"


PDF_LEGACY = """附表
政府信息公开情况统计表
统计指标 单位 统计数
一、主动公开情况 — —
（一）主动公开政府信息数 条 502
其中：主动公开规范性文件数 条 12
二、依申请公开情况
（一）收到申请数 件 3
1.当面申请数 件 1
三、行政复议数量 件 0
"""


@pytest.fixture(scope="module")
def pdf_legacy():
    return parsed_pdf_lines(PDF_LEGACY, "某县安监局2018年政府信息公开工作年度报告")


def test_pdf_legacy_unit_read_into_the_indicator_is_split_off(pdf_legacy):
    assert pdf_legacy["tables"]["legacy_statistics"][1]["unit"] == "条"


def test_pdf_legacy_value_after_a_split_unit(pdf_legacy):
    assert cell_value(pdf_legacy, "（一）主动公开政府信息数", "统计数") == 502


def test_pdf_legacy_numbered_group_row_inside_the_table(pdf_legacy):
    assert cell_value(pdf_legacy, "1.当面申请数", "统计数") == 1


def test_pdf_legacy_dash_cells_are_null(pdf_legacy):
    assert pdf_legacy["tables"]["legacy_statistics"][0]["value"] is None


LEGACY_CELL_PER_LINE = """指   标  名  称

计量 单位

2010  年度

历年 累计

主动公开信息数

条

350

1200

行政复议数

件

0

2
"""


def test_legacy_one_cell_per_line_value():
    record = parsed_text(LEGACY_CELL_PER_LINE, "某县2010年政府信息公开工作年度报告")
    assert cell_value(record, "主动公开信息数", "2010年度") == 350


def test_legacy_one_cell_per_line_cumulative():
    record = parsed_text(LEGACY_CELL_PER_LINE, "某县2010年政府信息公开工作年度报告")
    assert record["tables"]["legacy_statistics"][1]["cumulative"] == 2


LEGACY_WITH_CODES = """指标名称
计量
单位
代码
本期实际
本年累计
甲
乙
丙
1
2
主动公开信息数
条
01
申请总数
条
10
"""


def test_legacy_row_code_is_not_a_value():
    record = parsed_text(LEGACY_WITH_CODES, "某市2013年政府信息公开工作年度报告")
    assert record["tables"]["legacy_statistics"][1]["value"] is None


def test_legacy_split_unit_header():
    record = parsed_text(LEGACY_WITH_CODES, "某市2013年政府信息公开工作年度报告")
    assert record["tables"]["legacy_statistics"][0]["unit"] == "条"
