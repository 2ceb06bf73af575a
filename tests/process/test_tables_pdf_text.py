"""PDF text saved as plain text (issue 10): rows 'label v1 v2 …' separated by spaces, the first
value glued to its label and wrapped group labels glued to the next."""

import pytest

from govcrawl.process.parse.lookup import cell_value
from tests.process.tables_support import fails, parsed_text

# ---------------------------------------------------------------- PDF text saved as plain text
# Rows 'label v1 v2 …' separated by spaces; cleaning glues the first value to the label
# ('规章0 0 0') and a wrapped group label to the next label ('（三）不予公开1.属于国家秘密').
PDF_AS_TEXT = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 2 0 11
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 86
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 3
行政强制 0
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，
等于第三项加第四项之和）
申请人情况
自然人
法人或其他组织
总计
商业 科研 社会公 法律服 其他
企业 机构 益组织 务机构
一、本年新收政府信息公开申请数量 5 1 0 0 0 0 6
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办 （一）予以公开 3 1 0 0 0 0 4
理结果 （二）部分公开（区分处理的，只计这一情 0 0 0 0 0 0 0
形，不计其他情形）
（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
3.其他 0 0 0 0 0 0 0
（七）总计 5 1 0 0 0 0 6
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
"""


@pytest.fixture(scope="module")
def pdf_as_text():
    return parsed_text(PDF_AS_TEXT)


def test_space_separated_row_with_glued_first_value(pdf_as_text):
    assert cell_value(pdf_as_text, "行政规范性文件", "现行有效件数") == 11


def test_single_value_glued_to_its_label(pdf_as_text):
    assert cell_value(pdf_as_text, "行政许可", "本年处理决定数量") == 86


def test_header_glued_into_one_line_is_split_into_columns(pdf_as_text):
    assert pdf_as_text["tables"]["active_disclosure"][0]["columns"] == ["本年制发件数", "本年废止件数", "现行有效件数"]


def test_space_separated_table_three_row(pdf_as_text):
    assert cell_value(pdf_as_text, "一、本年新收政府信息公开申请数量", "总计") == 6


def test_label_glued_to_its_group_label(pdf_as_text):
    assert cell_value(pdf_as_text, "1.属于国家秘密", "自然人") == 0


def test_glued_group_label_is_not_the_row_label(pdf_as_text):
    rows = {r["key"]: r["label"] for r in pdf_as_text["tables"]["applications"]["rows"]}
    assert rows["三.六.1"] == "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"


def test_row_label_wrapped_in_a_group_label_cell(pdf_as_text):
    assert cell_value(pdf_as_text, "(二)部分公开", "总计") == 0


def test_wrapped_label_end_is_not_a_problem(pdf_as_text):
    assert fails(pdf_as_text, "applications.rows") == []


def test_last_row_of_table_three(pdf_as_text):
    assert cell_value(pdf_as_text, "四、结转下年度继续办理", "总计") == 0


def test_prose_with_a_number_is_not_a_row():
    record = parsed_text("二、主动公开政府信息情况\n全年共受理申请5件\n电话:0564 8665530\n")
    assert record["tables"]["active_disclosure"] is None
