"""Table and template rules for the forms real pages print (issue 10), one assert per field.

Snippets are cut from the shapes seen on real pages (tests/fixtures/real_pages, the dev set);
a few whole real pages are parsed end to end at the bottom."""

from dataclasses import replace

import pytest

from govcrawl.process.clean import clean_text
from govcrawl.process.document import parse_document
from govcrawl.process.extract.pdfrows import lay_out_tables
from govcrawl.process.parse import parse_report
from govcrawl.process.parse.cells import parse_value
from govcrawl.process.parse.lookup import MISSING, cell_value, find_cell, normalise_label
from govcrawl.process.parse.template import detect_template
from govcrawl.process.parse.textrows import is_page_footer
from tests.conftest import FIXTURES

REAL = FIXTURES / "real_pages"
HONGZE_PDF = FIXTURES / "attachments" / "hongze_district_2023_annual_report.pdf"
TITLE = "某县农业农村局2021年政府信息公开工作年度报告"


def parsed_text(text: str, title: str = TITLE) -> dict:
    """A plain-text dump as `govcrawl parse` cleans it, under a report title."""
    return parse_report(replace(clean_text(text), title=title))


def parsed_pdf_lines(text: str, title: str = TITLE) -> dict:
    """PDF text lines as the PDF extractor lays out their tables."""
    lines, tables = lay_out_tables(text.split("\n"))
    return parse_report(replace(clean_text("\n".join(lines)), title=title, tables=tables))


def real(name: str, url: str | None = None) -> dict:
    path = REAL / name
    return parse_document(path.read_bytes(), url=url or name, content_type="text/plain").record


def fails(record: dict, rule_prefix: str) -> list[dict]:
    return [c for c in record["checks"] if c["rule"].startswith(rule_prefix) and c["status"] == "fail"]


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


# ---------------------------------------------------------------- table 四
SPLIT_HEADER_TEXT = """四、因政府信息公开工作被申请行政复议提起行政诉讼情况
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 维持 纠正 结果 审结 计
2 1 0 / 3 0 0 0 0 0 1 0 0 0 1
五、政府信息公开工作存在的主要问题及改进情况
"""


def test_table_four_under_split_header_in_text():
    assert cell_value(parsed_text(SPLIT_HEADER_TEXT), "行政复议", "结果维持") == 2


def test_table_four_slash_is_null():
    assert cell_value(parsed_text(SPLIT_HEADER_TEXT), "行政复议", "尚未审结") is None


def test_table_four_last_group_total():
    assert cell_value(parsed_text(SPLIT_HEADER_TEXT), "行政诉讼 复议后起诉", "总计") == 1


def test_table_four_under_split_header_in_pdf_lines():
    assert cell_value(parsed_pdf_lines(SPLIT_HEADER_TEXT), "行政诉讼 未经复议直接起诉", "总计") == 0


def test_table_four_in_pdf_lines_first_value():
    assert cell_value(parsed_pdf_lines(SPLIT_HEADER_TEXT), "行政复议", "总计") == 3


ONE_PER_LINE_REVIEW = (
    "行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n未经复议直接起诉\n复议后起诉\n"
    + "\n".join(["1", "0", "0", "0", "1"] + ["0"] * 9 + ["2"])
    + "\n"
)


def test_table_four_values_one_per_line():
    assert cell_value(parsed_text(ONE_PER_LINE_REVIEW), "行政诉讼 复议后起诉", "总计") == 2


WRAPPED_ROW = """四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结 果 维持 结 果 纠正 其他 结果 尚未 审结 总计 结 果 维持 结 果 纠正 其他 结果 尚未 审结 总计
4 0 0 0 4 0 0 0 0 0
1 0 0 0 1
五、存在的主要问题及改进情况
"""


def test_table_four_row_wrapped_after_a_group_of_five():
    assert cell_value(parsed_pdf_lines(WRAPPED_ROW), "行政诉讼 复议后起诉", "结果维持") == 1


def test_pdf_prose_spaced_out_by_character_is_not_a_header_row():
    from govcrawl.process.extract.pdfrows import _header_words

    assert not _header_words("本 报 告 依 据 中 华 人 民 共 和 国 政 府 信 息 公 开 条 例 编 制")


def test_inconsistent_total_is_recorded_not_corrected():
    text = SPLIT_HEADER_TEXT.replace("2 1 0 / 3", "2 1 0 0 0")
    assert cell_value(parsed_text(text), "行政复议", "总计") == 0


def test_inconsistent_total_fails_its_check():
    text = SPLIT_HEADER_TEXT.replace("2 1 0 / 3", "2 1 0 0 0")
    assert len(fails(parsed_text(text), "review_litigation.total:行政复议")) == 1


# ---------------------------------------------------------------- page footers
@pytest.mark.parametrize("line", ["- 5 -", "— 4 —", "-2-", "第 3 页", "第3页 共5页"])
def test_page_footer_lines(line):
    assert is_page_footer(line)


@pytest.mark.parametrize("line", ["2019", "30", "行政许可"])
def test_not_page_footer_lines(line):
    assert not is_page_footer(line)


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


# ---------------------------------------------------------------- template
def _template(text: str, year=None, is_report=True, tables=None, table_text="") -> str:
    tables = tables or dict.fromkeys(("active_disclosure", "applications", "review_litigation", "legacy_statistics"))
    return detect_template(table_text, tables, [], year, text=text, is_report=is_report)


def test_template_from_the_2021_format_notice_cited():
    assert (
        _template("本报告依据《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30 号)要求编制", 2025)
        == "2021"
    )


def test_template_from_the_2019_format_notice_cited():
    assert _template("根据国办公开办函〔2019〕60号的要求,现将本年度报告公布如下", 2020) == "2019"


def test_format_named_without_its_number_is_no_evidence():
    assert _template("根据《中华人民共和国政府信息公开工作年度报告格式》要求编制本报告", 2025) == "unknown"


def test_template_of_a_report_for_2018_or_earlier():
    assert _template("一、总体情况", 2016) == "pre2019"


def test_template_of_a_report_with_the_old_structure_and_no_year():
    assert _template("本年度报告包括概述,主动公开政府信息状况,依申请公开政府信息状况等五个部分", None) == "pre2019"


def test_old_reading_room_wording_counts_only_without_a_year():
    assert _template("政府信息查阅场所建设情况", 2021) == "unknown"


def test_reading_room_wording_without_a_year():
    assert _template("(四)政府信息查阅场所建设情况", None) == "pre2019"


def test_no_template_from_a_later_year_alone():
    assert _template("一、总体情况\n2022年,我县深入推进政务公开", 2022) == "unknown"


SIX_HEADINGS = (
    "一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 "
    "四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项"
)


def test_six_headings_and_a_year_are_no_evidence():
    assert _template(SIX_HEADINGS, 2020) == "unknown"


def test_fee_rules_of_2020_109_in_a_later_report():
    text = SIX_HEADINGS + "按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》(国办函〔2020〕109号)"
    assert _template(text, 2023) == "2021"


def test_fee_rules_in_a_2020_report_are_no_evidence():
    text = "六、其他需要报告的事项 国办函〔2020〕109号自2021年1月1日起施行"
    assert _template(text, 2020) == "unknown"


def test_template_from_table_structure_beats_the_year():
    assert (
        _template("", 2022, table_text="第二十条第(一)项信息内容本年新制作数量本年新公开数量对外公开总数量") == "2019"
    )


def test_table_four_alone_is_no_evidence():
    assert parsed_text(SPLIT_HEADER_TEXT, "某区信访局2022年政府信息公开工作年度报告")["template"] == "unknown"


def test_notice_naming_the_columns_is_no_form():
    assert _template("本年制发件数、本年废止件数、现行有效件数", 2025, is_report=False) == "unknown"


def test_blank_form_with_table_three_shows_its_era():
    tables = {
        "active_disclosure": None,
        "review_litigation": None,
        "legacy_statistics": None,
        "applications": {"rows": [{"key": "三.六.1", "label": "1.申请人无正当理由逾期不补正", "values": [None] * 7}]},
    }
    assert _template("", None, is_report=False, tables=tables) == "2021"


def test_blank_annual_appendix_with_cumulative_column_is_pre2019():
    tables = {
        "active_disclosure": None,
        "review_litigation": None,
        "applications": None,
        "legacy_statistics": [{"indicator": "主动公开信息数", "unit": None, "value": None, "cumulative": None}],
    }
    assert _template("", None, is_report=False, tables=tables) == "pre2019"


def test_periodic_statistics_form_is_no_template_evidence_for_a_non_report():
    tables = {
        "active_disclosure": None,
        "review_litigation": None,
        "applications": None,
        "legacy_statistics": [{"indicator": "主动公开信息数", "unit": "条", "value": None}],
    }
    assert _template("", None, is_report=False, tables=tables) == "unknown"


# ---------------------------------------------------------------- real pages end to end
@pytest.fixture(scope="module")
def shenzhen():
    return real("txt_shenzhen_longgang_dept_2024_pipetables.txt")


def test_real_pipe_tables_regulations(shenzhen):
    assert cell_value(shenzhen, "行政规范性文件", "本年制发件数") == 5


def test_real_pipe_tables_in_force(shenzhen):
    assert cell_value(shenzhen, "行政规范性文件", "现行有效件数") == 25


def test_real_pipe_tables_natural_persons(shenzhen):
    assert cell_value(shenzhen, "一、本年新收政府信息公开申请数量", "自然人") == 58


def test_real_pipe_tables_truncated_row_is_recorded(shenzhen):
    assert len(fails(shenzhen, "applications.rows")) == 1


def test_real_section_heading_between_two_pipe_tables_stays_a_section(shenzhen):
    assert "收到和处理政府信息公开申请情况" in [s["heading"] for s in shenzhen["sections"]]


def test_real_flipbook_table_four():
    record = real("txt_flipbook_wendeng_xinfang_2022_p8_table4.txt")
    assert cell_value(record, "行政诉讼 复议后起诉", "总计") == 0


def test_real_regional_template_traditional_labels():
    record = real("txt_wiki_wuhan_ecoenv_bureau_2020_traditional_annotated_rows.txt")
    assert cell_value(record, "規範性檔案", "對外公開總數量") == 19


def test_real_regional_template_template():
    record = real("txt_wiki_wuhan_ecoenv_bureau_2020_traditional_annotated_rows.txt")
    assert record["template"] == "2019"


def test_real_blank_line_cells():
    record = real("txt_xian_lianhu_taoyuan_devzone_2023_blankline_cells.txt")
    assert cell_value(record, "行政许可", "本年处理决定数量") == 0


def test_real_annotated_label():
    record = real("txt_baokang_agri_bureau_2021_annotated_label.txt")
    assert cell_value(record, "规章", "本年制发件数") == 0


def test_real_blank_compile_notice_appendix_template():
    assert real("txt_neg_putian_2009_compile_notice_blank_table.txt")["template"] == "pre2019"


def test_real_blank_periodic_statistics_form_template():
    assert real("txt_neg_dingxi_blank_statistics_form.txt")["template"] == "unknown"


@pytest.fixture(scope="module")
def hongze():
    return parse_document(HONGZE_PDF.read_bytes(), url="pdf_huaian_hongze_district_2023.pdf").record


def test_real_pdf_every_sub_table(hongze):
    assert len(hongze["tables"]["active_disclosure"]) == 4


def test_real_pdf_fee_cell(hongze):
    assert cell_value(hongze, "行政事业性收费", "本年收费金额(单位:万元)") == 7730.28


def test_real_pdf_review_row_as_printed(hongze):
    assert cell_value(hongze, "行政复议", "结果维持") == 10


def test_real_pdf_inconsistent_review_total_is_recorded(hongze):
    assert len(fails(hongze, "review_litigation.total")) == 2


def test_real_pdf_wrapped_label_row(hongze):
    assert cell_value(hongze, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "总计") == 4
