"""Cell values, label normalising for lookups, and page footer lines inside tables (issue 10)."""

import pytest

from govcrawl.process.parse.cells import parse_value
from govcrawl.process.parse.lookup import normalise_label
from govcrawl.process.parse.textrows import is_page_footer


# ---------------------------------------------------------------- cells
@pytest.mark.parametrize("text", ["/", "-", "—", "——", "－", "／"])
def test_dash_or_slash_cell_is_null_not_zero(text):
    assert parse_value(text) is None


def test_zero_cell_stays_zero():
    assert parse_value("0") == 0


def test_money_cell_with_unit_stays_text():
    assert parse_value("160.5964万元") == "160.5964万元"


# ---------------------------------------------------------------- label lookup
def test_normalise_label_drops_numbering_hints_and_width():
    assert normalise_label("一、本年新收政府信息公开申请数量") == "本年新收政府信息公开申请数量"


def test_normalise_label_folds_traditional_script():
    assert normalise_label("規範性檔案") == "规范性文件"


def test_normalise_label_drops_fill_in_hint():
    assert normalise_label("规章(县级无此项)") == "规章"


def test_normalise_label_drops_spaces():
    assert normalise_label("本年新 製作數量") == "本年新制作数量"


# ---------------------------------------------------------------- page footers
@pytest.mark.parametrize("line", ["- 5 -", "— 4 —", "-2-", "第 3 页", "第3页 共5页"])
def test_page_footer_lines(line):
    assert is_page_footer(line)


@pytest.mark.parametrize("line", ["2019", "30", "行政许可"])
def test_not_page_footer_lines(line):
    assert not is_page_footer(line)
