"""Tables printed one cell per line (issue 10): per line, per blank-line-separated block, and with
a slash line between every two cells."""

from govcrawl.process.parse.lookup import cell_value
from tests.process.tables_support import fails, parsed_text

# ---------------------------------------------------------------- one cell per line
CELL_PER_LINE = """第二十条第（一）项
信息内容
本年新制作数量
本年新公开数量
对外公开总数量
规章（设区的市应提供）
0
0
0
规范性文件
30
30
- 5 -
30
其他主动公开文件
186
86
255
第二十条第（九）项
信息内容
采购项目数量
采购总金额
政府集中采购
8
/
"""


def test_cell_per_line_hint_label():
    assert cell_value(parsed_text(CELL_PER_LINE), "规章", "本年新制作数量") == 0


def test_cell_per_line_page_number_inside_table_is_skipped():
    assert cell_value(parsed_text(CELL_PER_LINE), "规范性文件", "对外公开总数量") == 30


def test_cell_per_line_regional_extra_row():
    assert cell_value(parsed_text(CELL_PER_LINE), "其他主动公开文件", "对外公开总数量") == 255


def test_cell_per_line_slash_is_null():
    assert cell_value(parsed_text(CELL_PER_LINE), "政府集中采购", "采购总金额") is None


def test_cell_per_line_value_before_slash():
    assert cell_value(parsed_text(CELL_PER_LINE), "政府集中采购", "采购项目数量") == 8


BLANK_LINE_CELLS = """第二十条第（一）项

信息内容

本年制发件数

本年废止件数

现行有效件数

规章

0

0

0

行政规范性文件

2

0

14
"""


def test_one_cell_per_blank_line_separated_block():
    assert cell_value(parsed_text(BLANK_LINE_CELLS), "行政规范性文件", "现行有效件数") == 14


PARTIAL_ROW = """第二十条第（一）项
信息内容
本年新制作数量
本年新公开数量
对外公开总数量
规章
0
规范性文件
"""


def test_row_with_some_cells_missing_is_null_not_guessed():
    assert cell_value(parsed_text(PARTIAL_ROW), "规章", "本年新制作数量") is None


def test_row_with_some_cells_missing_is_recorded():
    assert len(fails(parsed_text(PARTIAL_ROW), "active_disclosure.cell_positions")) == 1


SEPARATOR_LINES = (
    "\n/\n".join(
        [
            "第二十条第（一）项",
            "信息内容",
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "规章",
            "0",
            "/",
            "0",
            "规范性文件",
            "30",
            "30",
            "30",
        ]
    )
    + "\n"
)


def test_cells_separated_by_slash_lines():
    assert cell_value(parsed_text(SEPARATOR_LINES), "规范性文件", "对外公开总数量") == 30


def test_empty_cell_between_slash_separators_is_null():
    assert cell_value(parsed_text(SEPARATOR_LINES), "规章", "本年新公开数量") is None


def test_empty_cell_between_slash_separators_keeps_positions():
    assert cell_value(parsed_text(SEPARATOR_LINES), "规章", "对外公开总数量") == 0


def test_blank_form_of_slashes_is_not_taken_for_separators():
    from govcrawl.process.parse.celllines import without_separator_lines

    lines = ["规章", "/", "/", "/", "规范性文件", "/", "/", "/", "其他", "/", "/", "/"] * 2
    assert without_separator_lines(lines) == lines


APPS_CELL_PER_LINE = """一、本年新收政府信息公开申请数量
3
/
0
0
0
0
3
二、上年结转政府信息公开申请数量
0
0
0
0
0
0
0
"""


def test_slash_in_cell_per_line_table_three_is_null():
    assert cell_value(parsed_text(APPS_CELL_PER_LINE), "一、本年新收政府信息公开申请数量", "商业企业") is None


def test_cell_per_line_table_three_keeps_positions_after_slash():
    assert cell_value(parsed_text(APPS_CELL_PER_LINE), "一、本年新收政府信息公开申请数量", "总计") == 3
