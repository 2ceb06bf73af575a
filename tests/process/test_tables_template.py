"""Template era rules (issue 10): the format notice cited, the report year, the old structure,
the table structure."""

from govcrawl.process.parse.template import detect_template
from tests.process.tables_support import SPLIT_HEADER_TEXT, parsed_text


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
