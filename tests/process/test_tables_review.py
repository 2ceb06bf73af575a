"""Table 四 (行政复议、行政诉讼) as real pages print it (issue 10): split headers, one value per line,
rows wrapped after a group of five, inconsistent totals recorded."""

from govcrawl.process.parse.lookup import cell_value
from tests.process.tables_support import SPLIT_HEADER_TEXT, fails, parsed_pdf_lines, parsed_text

# ---------------------------------------------------------------- table 四


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
