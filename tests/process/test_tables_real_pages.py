"""Table rules on whole real pages of the dev set (tests/fixtures/real_pages) and the Hongze PDF,
parsed end to end (issue 10)."""

import pytest

from govcrawl.process.document import parse_document
from govcrawl.process.parse.lookup import cell_value
from tests.process.tables_support import HONGZE_PDF, fails, real


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
