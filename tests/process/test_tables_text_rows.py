"""Text tables as real pages print them (issue 10): pipe and markdown rows (table 二), headers a PDF
split over lines, slash-separated rows, and table 三 flattened with its spans lost."""

import pytest

from govcrawl.process.parse.lookup import MISSING, cell_value, find_cell
from tests.process.tables_support import fails, parsed_pdf_lines, parsed_text

# ---------------------------------------------------------------- pipe tables (table 二)
PIPE_ACTIVE = """二、主动公开政府信息情况
第二十条第(一)项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章(县级无此项) | 0 | 0 | 0 |
行政规范性文件 | 3 | 1 | 25 |
第二十条第(五)项
信息内容 | 本年处理决定数量 | ||
行政许可
第二十条第(六)项
信息内容 | 本年处理决定数量 | ||
行政处罚 | 5 | ||
行政强制 | 0 | ||
第二十条第(八)项
信息内容 | 本年收费金额(单位:万元) | ||
行政事业性收费 | 0 |
三、收到和处理政府信息公开申请情况
"""


@pytest.fixture(scope="module")
def pipe_active():
    return parsed_text(PIPE_ACTIVE)


def test_caption_line_outside_the_pipes_starts_a_sub_table(pipe_active):
    assert [s["article"] for s in pipe_active["tables"]["active_disclosure"]] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]


def test_label_with_fill_in_hint_is_found(pipe_active):
    assert cell_value(pipe_active, "规章", "本年制发件数") == 0


def test_pipe_row_values_by_column(pipe_active):
    assert cell_value(pipe_active, "行政规范性文件", "现行有效件数") == 25


def test_label_alone_is_a_row_of_empty_cells(pipe_active):
    assert cell_value(pipe_active, "行政许可", "本年处理决定数量") is None


def test_label_alone_row_is_kept(pipe_active):
    assert find_cell(pipe_active, "行政许可", "本年处理决定数量") is not MISSING


def test_trailing_empty_pipes_are_padding(pipe_active):
    assert cell_value(pipe_active, "行政处罚", "本年处理决定数量") == 5


def test_column_with_unit_hint(pipe_active):
    assert cell_value(pipe_active, "行政事业性收费", "本年收费金额(单位:万元)") == 0


def test_label_alone_is_not_a_shape_problem(pipe_active):
    assert fails(pipe_active, "active_disclosure.shape") == []


def test_pipe_table_gives_the_template(pipe_active):
    assert pipe_active["template"] == "2021"


def test_short_line_between_menu_pipe_rows_stays_prose():
    from govcrawl.process.parse.textrows import table_line_numbers

    lines = [
        "首页 | 政务公开 | 信息公开年报 |",
        "某县应急管理局2021年政府信息公开工作年度报告",
        "发布机构 | 某县应急管理局 |",
    ]
    assert 1 not in table_line_numbers(lines)


def test_prose_starting_with_the_header_word_is_not_a_header():
    from govcrawl.process.parse.textrows import header_cells

    assert header_cells("信息内容更加丰富，公开质量不断提升") is None


DASH_CELL = """第二十条第(六)项
信息内容 | 上一年项目数量(指2019年事项数) | 本年增/减 | 处理决定数量(指2020年办件量) | ||
行政处罚 | 90 | 0 | 22 | ||
行政强制 | 4 | 4 | - | ||
"""


def test_dash_in_a_pipe_table_is_null():
    assert cell_value(parsed_text(DASH_CELL), "行政强制", "处理决定数量") is None


def test_column_header_with_hint_matches_plain_column():
    assert cell_value(parsed_text(DASH_CELL), "行政处罚", "处理决定数量") == 22


MARKDOWN = """第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| --- | --- | --- | --- |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 7 | 2 | 31 |
"""


def test_markdown_rule_is_not_a_row():
    rows = parsed_text(MARKDOWN)["tables"]["active_disclosure"][0]["rows"]
    assert [r["label"] for r in rows] == ["规章", "行政规范性文件"]


def test_markdown_table_values():
    assert cell_value(parsed_text(MARKDOWN), "行政规范性文件", "本年制发件数") == 7


PDF_SPLIT_HEADERS = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制 本年废 现行有
发件数 止件数 效件数
规章 0 0 0
行政规范性文件 4 1 20
第二十条第（八）项
信息内容 本年收费金额 （单位：万元）
行政事业性收费 3.5
三、收到和处理政府信息公开申请情况
"""


def test_pdf_header_cells_wrapped_over_two_lines():
    assert cell_value(parsed_pdf_lines(PDF_SPLIT_HEADERS), "行政规范性文件", "现行有效件数") == 20


def test_pdf_header_word_and_its_unit_note_split_by_a_space():
    assert cell_value(parsed_pdf_lines(PDF_SPLIT_HEADERS), "行政事业性收费", "本年收费金额(单位:万元)") == 3.5


def test_pdf_split_headers_leave_no_shape_problem():
    assert fails(parsed_pdf_lines(PDF_SPLIT_HEADERS), "active_disclosure.shape") == []


PDF_VERTICAL_LABEL = """三、收到和处理政府信息公开申请情况
自然人 法人或其他组织 总计
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
（七）总计 3 0 0 0 0 0 3
四
、
结
转
下
年
度
继
续
办
理 1 0 0 0 0 0 1
四、政府信息公开行政复议、行政诉讼情况
"""


def test_pdf_label_printed_one_character_per_line():
    assert cell_value(parsed_pdf_lines(PDF_VERTICAL_LABEL), "四、结转下年度继续办理", "总计") == 1


SLASH_ROWS = """二、主动公开政府信息情况
第二十条第（一）项 /
信息内容 / 本年制发件数 / 本年废止件数 / 现行有效件数 /
规章 / 0 / 0 / 0 /
行政规范性文件 / 5 / 1 / 25 /
第二十条第（六）项 /
信息内容 / 本年处理决定数量 /
行政处罚 / /
行政强制 / 2 /
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） / 申请人情况 /
自然人 / 法人或其他组织 / 总计 /
商业 企业 / 科研 机构 / 社会公益组织 / 法律服务机构 / 其他 /
一、本年新收政府信息公开申请数量 / 58 / 7 / 0 / 0 / 1 / 0 / 66 /
三、本年度办理结果 / (一)予以公开 / 2 / 1 / 0 / 0 / 0 / 0 / 3 /
"""


@pytest.fixture(scope="module")
def slash_rows():
    return parsed_text(SLASH_ROWS)


def test_slash_separated_row(slash_rows):
    assert cell_value(slash_rows, "行政规范性文件", "现行有效件数") == 25


def test_slash_separated_empty_cell_is_null(slash_rows):
    assert cell_value(slash_rows, "行政处罚", "本年处理决定数量") is None


def test_slash_separated_table_three_with_merged_labels(slash_rows):
    assert cell_value(slash_rows, "(一)予以公开", "总计") == 3


def test_slash_inside_a_header_word_is_not_a_separator():
    from govcrawl.process.parse.textrows import slash_cells

    assert slash_cells("信息内容 / 上一年项目数量 / 本年增/减 / 处理决定数量 /") == [
        "信息内容",
        "上一年项目数量",
        "本年增/减",
        "处理决定数量",
    ]


def test_prose_with_slashes_is_not_a_row():
    from govcrawl.process.parse.textrows import slash_cells

    assert slash_cells("主动公开 / 依申请公开 / 其他") is None


# ---------------------------------------------------------------- table 三 flattened with spans lost
FLAT_APPS = """三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |
一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |
二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
三、本年度办理结果 | (一)予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |
(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""


def test_flattened_table_three_first_row():
    assert cell_value(parsed_text(FLAT_APPS), "一、本年新收政府信息公开申请数量", "自然人") == 58


def test_flattened_table_three_total_column():
    assert cell_value(parsed_text(FLAT_APPS), "一、本年新收政府信息公开申请数量", "总计") == 66


def test_row_label_merged_with_its_group_label():
    assert cell_value(parsed_text(FLAT_APPS), "(一)予以公开", "商业企业") == 1


def test_lookup_column_under_its_group_header():
    assert cell_value(parsed_text(FLAT_APPS), "一、本年新收政府信息公开申请数量", "法人或其他组织 其他") == 0


def test_lookup_group_header_alone_is_no_column():
    assert find_cell(parsed_text(FLAT_APPS), "一、本年新收政府信息公开申请数量", "法人或其他组织") is MISSING


def test_leaf_row_after_merged_group_label():
    assert cell_value(parsed_text(FLAT_APPS), "1.属于国家秘密", "总计") == 0
