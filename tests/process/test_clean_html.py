"""Unit tests for clean_html: body finding, chrome, title, meta, tables, attachments."""

from __future__ import annotations

import pytest

from govcrawl.contract.cleaned_page import TableCell
from govcrawl.process.clean import clean_html
from govcrawl.process.clean.meta import strip_site_suffix

REPORT = "<p>一、总体情况</p><p>2021年，我局认真贯彻落实《条例》，扎实推进政务公开工作，全年主动公开信息156条。</p>"


def page(body: str, head: str = "", around: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'>{head}</head><body>"
        f"<div class='nav'><a href='/'>首页</a><a href='/x'>信息公开</a></div>{around}{body}"
        f"<div class='footer'>主办：某市人民政府办公室 网站标识码：1234567890 京ICP备123号</div></body></html>"
    )


@pytest.mark.parametrize(
    "title, expected",
    [
        ("某局2021年报告_中国政府网", "某局2021年报告"),
        ("某局2021年报告 - 山西省人民政府门户网站 ", "某局2021年报告"),
        ("某局2021年报告-舟曲县人民政府", "某局2021年报告"),
        ("决议__2007年第23号国务院公报_中国政府网", "决议"),
        ("1-10月德清县固定资产投资结构趋稳趋优", "1-10月德清县固定资产投资结构趋稳趋优"),
        ("某局2021年报告|某局", "某局2021年报告"),
    ],
)
def test_title_site_suffix_removed(title, expected):
    assert strip_site_suffix(title, ["某局"]) == expected


@pytest.mark.parametrize(
    "container",
    [
        "<div class='TRS_Editor'>{}</div>",
        "<div class='trs_editor_view'>{}</div>",
        "<div id='zoom'>{}</div>",
        "<div id='zoomcon'>{}</div>",
        "<ucapcontent>{}</ucapcontent>",
        "<div id='UCAP-CONTENT'>{}</div>",
        "<div class='bt_content'>{}</div>",
        "<div id='c'>{}</div>",
    ],
)
def test_known_containers_give_the_body_only(container):
    cleaned = clean_html(
        page(
            container.format(REPORT),
            around="<p>当前位置：首页 &gt; 年报</p><p>侧栏一段很长的无关文字，不属于报告正文内容。</p>",
        )
    )
    assert (
        cleaned.text == "一、总体情况\n2021年，我局认真贯彻落实《条例》，扎实推进政务公开工作，全年主动公开信息156条。"
    )


def test_hanweb_markers_delimit_the_body():
    html = page(
        "<div id='zoom'><span>【字体：大 中 小】</span><!--ZJEG_RSS.content.begin-->"
        + REPORT
        + "<!--ZJEG_RSS.content.end--><div>打印本页 关闭窗口</div></div>"
    )
    assert clean_html(html).text.startswith("一、总体情况")
    assert "字体" not in clean_html(html).text


def test_unknown_template_falls_back_to_density():
    links = "".join(f"<li><a href='/l{i}'>栏目链接{i}</a></li>" for i in range(30))
    html = page(
        f"<div class='main'><div class='left'><ul>{links}</ul></div><div class='right'>{REPORT * 3}</div></div>"
    )
    text = clean_html(html).text
    assert text.startswith("一、总体情况") and "栏目链接" not in text


def test_chrome_inside_the_body_is_removed():
    body = (
        "<div class='TRS_Editor'><div class='fontsize'>【字体：大 中 小】</div>"
        + REPORT
        + "<p>分享到：微信 微博</p><p>上一篇：某某通知</p><div class='bdsharebuttonbox'>分享</div>"
        + "<p>【打印本页】【关闭窗口】</p><p>2026-01-20 作者:佚名 点击数:</p><script>var a=1;</script></div>"
    )
    text = clean_html(page(body)).text
    for residue in ("字体", "分享", "上一篇", "打印", "关闭", "作者", "var a"):
        assert residue not in text


def test_meta_tags_and_metadata_table():
    head = (
        "<meta name='ArticleTitle' content='某局2021年報告'><meta name='PubDate' content='2022-01-20'>"
        "<meta name='ContentSource' content='某局'><meta name='ColumnName' content='年报'><meta name='SiteName' content='某市'>"
    )
    around = (
        "<table><tr><td>索引号：</td><td>0144/2022-03</td><td>发布机构：</td><td>县应急局</td></tr>"
        "<tr><td>公开日期：</td><td>2022-01-20</td><td>成文日期：</td><td>2022-01-19</td></tr></table>"
    )
    cleaned = clean_html(page("<div id='zoom'>" + REPORT + "</div>", head=head, around=around))
    assert cleaned.meta["PubDate"] == "2022-01-20"
    assert cleaned.meta["ContentSource"] == "某局"
    assert cleaned.meta["ColumnName"] == "年报"
    assert cleaned.meta["SiteName"] == "某市"
    assert cleaned.meta["索引号"] == "0144/2022-03"
    assert cleaned.meta["发布机构"] == "县应急局"
    assert cleaned.meta["公开日期"] == "2022-01-20"
    assert cleaned.meta["成文日期"] == "2022-01-19"
    assert cleaned.title == "某局2021年报告"


def test_metadata_table_inside_body_is_not_body_text():
    meta = "<table><tr><td>索引号：</td><td>0144</td></tr><tr><td>发布机构：</td><td>县应急局</td></tr></table>"
    cleaned = clean_html(page("<div id='zoom'>" + meta + REPORT + "</div>"))
    assert "索引号" not in cleaned.text and cleaned.meta["索引号"] == "0144"


TABLE = """<div class='TRS_Editor'><p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">結果糾正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td>
<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td><p>结果</p><p>纠正</p></td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>０</td><td>1</td><td>&nbsp;</td><td></td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table><p>五、存在的主要问题及改进情况</p></div>"""


def test_table_structure_and_spans_are_kept():
    cleaned = clean_html(page(TABLE))
    table = cleaned.tables[0]
    assert len(cleaned.tables) == 1
    assert table[0] == [TableCell("行政复议", 1, 5), TableCell("行政诉讼", 1, 10)]
    assert table[1][0] == TableCell("结果维持", 2, 1)
    assert table[1][5] == TableCell("未经复议直接起诉", 1, 5)
    assert table[2][1] == TableCell("结果纠正", 1, 1)  # <p>结果</p><p>纠正</p> in one cell


def test_table_cells_are_normalised_and_empty_cells_are_empty_strings():
    row = clean_html(page(TABLE)).tables[0][3]
    assert [cell.text for cell in row[:5]] == ["0", "1", "", "", "1"]


def test_table_rows_appear_in_text_in_place():
    lines = clean_html(page(TABLE)).text.split("\n")
    assert lines[0] == "四、政府信息公开行政复议、行政诉讼情况"
    assert lines[1] == "行政复议\t行政诉讼"
    assert lines[4] == "0\t1\t\t\t1\t" + "\t".join(["0"] * 10)
    assert lines[5] == "五、存在的主要问题及改进情况"


def test_layout_tables_are_not_data_tables():
    html = page("<div id='zoom'><table><tr><td>" + REPORT + "</td></tr></table></div>")
    cleaned = clean_html(html)
    assert cleaned.tables == [] and cleaned.text.startswith("一、总体情况\n")


def test_attachment_links_inside_body():
    body = (
        "<div id='zoom'>"
        + REPORT
        + "<p>附件：<a href='/files/nb2021.pdf'>年报.pdf</a> <a href='tjb.DOCX?v=2'>统计表</a>"
        " <a href='a.wps'>W</a> <a href='b.ofd'>O</a> <a href='c.et'>E</a> <a href='/art/1.html'>新闻</a></p></div>"
    )
    html = page(body, around="<a href='/other/outside.pdf'>页外文件</a>")
    assert clean_html(html).attachment_links == [
        ("/files/nb2021.pdf", "年报.pdf"),
        ("tjb.DOCX?v=2", "统计表"),
        ("a.wps", "W"),
        ("b.ofd", "O"),
        ("c.et", "E"),
    ]


def test_traditional_page_is_simplified_everywhere():
    html = page(
        "<div id='zoom'><p>一、總體情況</p><p>本機關認真執行《條例》，推進網路問政和資訊公開工作。</p>"
        "<table><tr><td>收到申請數</td><td>2</td></tr><tr><td>辦結數</td><td>2</td></tr></table></div>",
        head="<title>某局年度報告_某市政府網</title>",
    )
    cleaned = clean_html(html)
    assert cleaned.source_script == "traditional"
    assert cleaned.title == "某局年度报告"
    assert cleaned.text.split("\n")[1] == "本机关认真执行《条例》，推进网络问政和信息公开工作。"
    assert cleaned.tables[0][0][0].text == "收到申请数"


def test_ruby_readings_are_dropped():
    cleaned = clean_html(
        page(
            "<div id='zoom'><p><ruby>報<rt>bào</rt></ruby>告正文內容的第一段文字比較長一些，用來確認注音標記已被刪除。</p></div>"
        )
    )
    assert cleaned.text == "报告正文内容的第一段文字比较长一些，用来确认注音标记已被删除。"


def test_text_dump_footer_owner_is_kept_as_meta_not_text():
    from govcrawl.process.clean import clean_text

    cleaned = clean_text(
        "一、概述\n本办2017年政府信息公开工作情况如下。\n主办：宣城市国防动员办公室\n网站标识码：3418000015"
    )
    assert (cleaned.meta.get("主办"), "主办" in cleaned.text) == ("宣城市国防动员办公室", False)


def test_text_rows_keep_their_cells_apart():
    from govcrawl.process.clean import clean_text

    cleaned = clean_text("二、主动公开政府信息情况\n信息内容\t本年处理决定数量\n行政许可\t550\n行政处罚\t\t12")
    assert cleaned.text.split("\n")[1:] == ["信息内容\t本年处理决定数量", "行政许可\t550", "行政处罚\t\t12"]


def test_one_cell_per_line_tables_stay_lines_for_the_parser():
    from govcrawl.process.clean import clean_text

    assert clean_text("\t行政许可\n\t120\n\t6\n").text.split("\n") == ["行政许可", "120", "6"]
