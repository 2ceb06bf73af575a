"""Identity rules for page shapes a real portal serves: metadata tables copied as tab-separated
text, label cells set as '[ 索 引 号 ]', 信息名称 in the metadata table, a breadcrumb <title>, a
<title> that leaves out the agency the body prints, a notice published by an office without its
place. Strings are invented in the shape of the real pages (tests/fixtures/real_pages).
"""

from __future__ import annotations

import pytest

from govcrawl.process.clean import clean_html, clean_text
from govcrawl.process.document import parse_document
from govcrawl.process.parse.title import clean_title

BODY = (
    "<p>一、总体情况</p><p>本年度我局主动公开政府信息120条。本报告所列数据统计期限为2022年1月1日至2022年12月31日。</p>"
    "<p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>"
)


def page(title: str, article: str, before: str = "") -> bytes:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<div class='nav'>首页 &gt; 政务公开</div>{before}<div class='article'>{article}</div>"
        "<div class='footer'>主办单位：某县人民政府办公室 网站标识码：1234567890</div></body></html>"
    ).encode()


def parse_html(body: bytes) -> dict:
    return parse_document(
        body, url="http://www.example.gov.cn/art/2023/1/1/art_1.html", content_type="text/html"
    ).record


def test_a_metadata_block_of_tab_separated_cells_is_read():
    text = "索引号\t11330100MB0000000X/2023-00001\t发布机构\t某县商务局\n发文日期\t2023-01-20\t文号\t\n一、总体情况\n正文。"
    assert clean_text(text).meta["发布机构"] == "某县商务局"


def test_letter_spaced_and_bracketed_label_cells_are_read():
    table = (
        "<table><tr><td>[ 索 引 号 ]</td><td>000000/2023-01</td><td>[ 发布机构 ]</td><td>某县经济开发区管委会</td></tr>"
        "<tr><td>[ 有 效 性 ]</td><td>有效</td><td>【成文日期】</td><td>2023-01-20</td></tr></table>"
    )
    meta = clean_html(page("某县经济开发区管委会", BODY, before=table).decode()).meta
    assert (meta["发布机构"], meta["成文日期"]) == ("某县经济开发区管委会", "2023-01-20")


def test_the_title_in_the_metadata_table_is_the_pages_title():
    table = (
        "<table><tr><td>索引号</td><td>000000/2021-01</td><td>发布机构</td><td>某市商务局</td></tr>"
        "<tr><td>信息名称</td><td>某市商务局2021年政府信息公开工作年度报告</td></tr></table>"
    )
    record = parse_html(page("某市人民政府门户网站", BODY, before=table))
    assert record["title"] == "某市商务局2021年政府信息公开工作年度报告"


def test_a_breadcrumb_title_keeps_its_last_crumb():
    assert (
        clean_title("首页 > 政务公开 > 年报 > 某县2021年政府信息公开工作年度报告")
        == "某县2021年政府信息公开工作年度报告"
    )
    assert clean_title("首页>政务公开>某县2021年政府信息公开工作年度报告") == "某县2021年政府信息公开工作年度报告"
    assert clean_title("关于印发<某格式>和<某办法>的通知") == "关于印发<某格式>和<某办法>的通知"  # quotes, not crumbs


def test_the_body_title_that_adds_the_agency_wins_over_the_page_title():
    article = "<p>某市人民政府以工代赈办公室</p><p>2022年度政府信息公开工作年度报告</p>" + BODY
    record = parse_html(page("2022年度政府信息公开工作年度报告", article))
    assert (record["title"], record["agency"]) == (
        "某市人民政府以工代赈办公室2022年度政府信息公开工作年度报告",
        "某市人民政府以工代赈办公室",
    )


def test_a_notice_published_by_an_office_without_its_place_is_its_issuers():
    article = (
        "<p>发布机构: 信息公开办 组配分类: 通知</p>"
        "<p>张掖市人民政府办公室关于做好2025年政府信息公开工作年度报告编制和发布工作的通知</p>"
        "<p>各县区人民政府，市政府各部门：</p><p>为做好年度报告编制工作，现将有关事项通知如下。</p><p>特此通知。</p>"
    )
    title = "张掖市人民政府办公室关于做好2025年政府信息公开工作年度报告编制和发布工作的通知"
    record = parse_html(page(title, article))
    assert (record["is_annual_report"], record["agency"]) == (False, "张掖市人民政府办公室")


def test_a_traditional_script_metadata_table_is_read():
    table = (
        "<table><tr><td>索引號:</td><td>11330000000000000X/2015-00001</td><td>發布機構:</td><td>某某鎮</td></tr>"
        "<tr><td>公開日期： 2015-07-27</td></tr></table>"
    )
    article = (
        "<p>2009年度某某鎮政府信息公開年度報告</p><p>根據《中華人民共和國政府信息公開條例》規定，現將年度報告如下。</p>"
    )
    meta = clean_html(page("某某鎮", article, before=table).decode()).meta
    assert (meta["索引号"], meta["发布机构"], meta["公开日期"]) == (
        "11330000000000000X/2015-00001",
        "某某镇",
        "2015-07-27",
    )


def test_a_notice_title_printed_again_below_is_not_joined_to_itself():
    text = (
        "某市人民政府办公室关于做好2024年度政府信息公开工作年度报告编制发布工作的通知\n"
        "2024年度政府信息公开工作年度报告编制发布工作的通知\n"
        "各县区人民政府，市政府各部门：\n为做好年度报告编制工作，现将有关事项通知如下。\n特此通知。\n"
    )
    record = parse_document(text.encode(), url="page.txt", content_type="text/plain").record
    assert record["title"] == "某市人民政府办公室关于做好2024年度政府信息公开工作年度报告编制发布工作的通知"


def test_a_notice_title_split_before_its_last_words_is_joined():
    text = (
        "某市人民政府办公室关于做好2024年度政府信息公开工作年度报告\n有关事项的通知\n"
        "各县区人民政府，市政府各部门：\n现将有关事项通知如下。\n特此通知。\n"
    )
    record = parse_document(text.encode(), url="page.txt", content_type="text/plain").record
    assert record["title"] == "某市人民政府办公室关于做好2024年度政府信息公开工作年度报告有关事项的通知"


def parse_text(text: str) -> dict:
    return parse_document(text.encode(), url="page.txt", content_type="text/plain").record


def test_a_title_that_runs_on_into_the_first_sentence():
    record = parse_text(
        "某县水利局2022年政府信息公开工作年度报告根据《中华人民共和国政府信息公开条例》规定，现公布本报告。\n"
        "一、总体情况\n本年度主动公开政府信息120条。\n二、主动公开政府信息情况\n"
    )
    assert (record["title"], record["year"], record["agency"]) == (
        "某县水利局2022年政府信息公开工作年度报告",
        2022,
        "某县水利局",
    )


def test_a_split_title_whose_second_line_runs_on():
    record = parse_text(
        "某市人民政府以工代赈办公室\n2020年度政府信息公开工作年度报告按照《条例》要求，编制本报告。\n"
        "一、总体情况\n本年度主动公开政府信息120条。\n"
    )
    assert record["title"] == "某市人民政府以工代赈办公室2020年度政府信息公开工作年度报告"


@pytest.mark.parametrize("opening", ["本年度报告", "2015年度报告"])
def test_a_first_sentence_about_this_report_is_no_title(opening):
    record = parse_text(
        f"{opening}根据《中华人民共和国政府信息公开条例》要求，由市政府办公厅编制。\n"
        "第一部分 政府信息公开工作概述\n2015年，我市主动公开政府信息。\n"
    )
    assert record["title"] is None


@pytest.mark.parametrize("words", ["政务信息公开年度报告", "政府信息公开工作情况年度报告"])
def test_other_words_for_the_report_in_its_title(words):
    record = parse_text(
        f"某县人民政府2022年{words}\n一、总体情况\n本年度主动公开政府信息120条。"
        "本报告所列数据统计期限为2022年1月1日至2022年12月31日。\n二、主动公开政府信息情况\n"
        "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    assert (record["is_annual_report"], record["agency"], record["year"]) == (True, "某县人民政府", 2022)


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        ("某县2022年政府信息公开工作年度报告 县政办发〔2023〕1号", "某县2022年政府信息公开工作年度报告"),
        (
            "某州人民政府办公室关于做好年度报告编制工作的通知（某府办函〔2018〕21号）",
            "某州人民政府办公室关于做好年度报告编制工作的通知",
        ),
        (
            "关于转发国办发〔2019〕60号文件的通知",
            "关于转发国办发〔2019〕60号文件的通知",
        ),  # a number inside the title stays
    ],
)
def test_a_document_number_after_the_title_is_not_part_of_it(printed, title):
    assert clean_title(printed) == title
