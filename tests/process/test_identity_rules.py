"""Identity and classification rules seen on real pages (issue 10), one shape per test.

The strings are invented in the shape of the real pages (tests/fixtures/real_pages), so a rule
is tested as a rule, not as a match for one page.
"""

from __future__ import annotations

import pytest

from govcrawl.process.document import parse_document
from govcrawl.process.parse.agency import plausible_agency
from govcrawl.process.parse.dates import opening_year, report_period_year, statement_year, url_year
from govcrawl.process.parse.region import credit_code_province, province_from_body
from govcrawl.process.parse.sections import split_sections
from govcrawl.process.parse.title import clean_title, title_from_text, title_kind
from govcrawl.registry.host_lookup import host_info

BODY = (
    "\n一、总体情况\n2022年,我局认真贯彻落实《中华人民共和国政府信息公开条例》,主动公开政府信息120条。"
    "本报告所列数据统计期限为2022年1月1日至2022年12月31日。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
)
URL = "http://fgj.dongyang.gov.cn/art/2023/1/20/art_1.html"


def parse_text(text: str, url: str | None = URL) -> dict:
    return parse_document(text.encode(), url=url or "page.txt", content_type="text/plain").record


# --- host lookup ---------------------------------------------------------------------------------
def test_department_sub_host_resolves_to_city_portal():
    info = host_info("http://xfj.wuhan.gov.cn/zwgk/a.html")
    assert (info.government, info.adcode) == (True, "420100")


@pytest.mark.parametrize(
    ("url", "government"),
    [
        ("https://www.jordynalvidrez.com/gk/zwgk/2021zfxxgknb/1.htm", False),
        ("http://180.76.149.248:88/book/page8.html", None),
        ("http://unknown-county.gov.cn/a.html", True),
        ("page.txt", None),
    ],
)
def test_government_host(url, government):
    assert host_info(url).government is government


def test_non_government_host_in_output():
    record = parse_text(
        "东阳市发展和改革局2022年政府信息公开工作年度报告" + BODY, url="https://mirror.example.com/a.html"
    )
    assert record["source_host"]["government"] is False and record["is_annual_report"] is True


# --- titles ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("某县发改局2022年政府信息公开工作年度报告-某县发改局", "某县发改局2022年政府信息公开工作年度报告"),
        ("某市人民政府_某市2021年政府信息公开工作年度报告", "某市2021年政府信息公开工作年度报告"),
        ("Page 8 - 某区信访局2022年政府信息公开工作年度报告", "某区信访局2022年政府信息公开工作年度报告"),
        ("某苏木2021年政府信息公开工作年度报告.docx", "某苏木2021年政府信息公开工作年度报告"),
        ("【工作总结】某镇2023年度政务公开工作总结", "某镇2023年度政务公开工作总结"),
        ("某局2022年政府信息公开工作年度报告 2023-01-20", "某局2022年政府信息公开工作年度报告"),
        ("某局2022年政府信息公开工作年度报告 某县人民政府门户网站", "某局2022年政府信息公开工作年度报告"),
    ],
)
def test_clean_title(raw, title):
    assert clean_title(raw) == title


def test_title_after_chrome_spam_and_breadcrumb():
    lines = [
        "欧洲杯竞猜官网入口",
        "首页 > 政务公开 > 政府信息公开年报",
        "- 政策解读",
        "某县民政局2022年政府信息公开工作年度报告",
        "一、总体情况",
    ]
    assert title_from_text(lines).text == "某县民政局2022年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "lines",
    [
        ["某市人民政府以工代赈办公室", "2020年度政府信息公开工作年度报告", "按照要求编制。"],
        ["某市人民政府2016年", "政府信息公开工作年度报告", "某市人民政府办公室"],
    ],
)
def test_title_split_over_two_lines(lines):
    assert title_from_text(lines).text == lines[0] + lines[1]


def test_notice_title_split_over_three_lines():
    lines = ["某某办公室", "关于政府信息公开工作年度报告", "有关事项的通知", "各省、自治区:"]
    found = title_from_text(lines)
    assert (found.text, found.kind) == ("某某办公室关于政府信息公开工作年度报告有关事项的通知", "other")


def test_undated_page_title_gives_way_to_dated_text_title():
    html = (
        "<html><head><meta name='ArticleTitle' content='政府信息公开年报'><title>政府信息公开年报</title></head>"
        "<body><div class='article'><p>某县民政局2022年政府信息公开工作年度报告</p><p>一、总体情况</p>"
        "<p>2022年,我局主动公开政府信息120条。</p><p>二、主动公开政府信息情况</p></div></body></html>"
    )
    record = parse_document(html.encode(), url=URL).record
    assert (record["title"], record["year"]) == ("某县民政局2022年政府信息公开工作年度报告", 2022)


def test_title_quoted_in_first_sentence():
    record = parse_text("根据《条例》要求,现发布《某县民政局2022年政府信息公开工作年度报告》。" + BODY)
    assert record["title"] == "某县民政局2022年政府信息公开工作年度报告"
    assert record["identity_evidence"]["title"] == "first_sentence"


def test_title_quoted_at_the_start_of_the_first_sentence():
    record = parse_text("《某县民政局2022年政府信息公开工作年度报告》已编制完成,现予公布。" + BODY)
    assert record["title"] == "某县民政局2022年政府信息公开工作年度报告"


def test_quoted_compile_notice_is_no_title():
    record = parse_text("根据《关于做好2022年度政府信息公开工作年度报告编制工作的通知》要求,编制本报告。" + BODY)
    assert record["title"] is None and record["is_annual_report"] is True


def test_title_from_wiki_url_slug():
    record = parse_text(
        "根据要求,现将我局2020年度政府信息公开情况报告如下。" + BODY,
        url="https://wiki.example.com/wiki/%E6%9F%90%E5%B8%82%E6%B0%91%E6%94%BF%E5%B1%802020"
        "%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C"
        "%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A",
    )
    assert record["title"] == "某市民政局2020年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("某县2022年政府信息公开工作年度报告", "report"),
        ("某局2020年度政务公开工作报告", "report"),
        ("某局2022年政府***工作年度报告", "report"),
        ("2023年某市政务公开工作要点", "other"),
        ("某镇2023年度政务公开工作总结", "other"),
        ("某县审计局2020年部门决算", "other"),
        ("政府工作报告", "other"),
        ("某市2022年法治政府建设年度报告", "other"),
        ("政府信息公开工作年度报告格式模板", "other"),
        ("某省人民政府办公厅政府信息公开年度报告制度(试行)", "other"),
        ("某市政府信息公开情况统计报表", "other"),
        # words of the agency's own name do not make the report another document
        ("某市新闻出版局2022年政府信息公开工作年度报告", "report"),
        ("某县职业技能培训中心2022年政府信息公开工作年度报告", "report"),
    ],
)
def test_title_kind(title, kind):
    assert title_kind(title) == kind


# --- classification -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "第一条为促进政府信息公开,制定本制度内容如下。\n第二条本制度由镇政府信息公开领导小组负责组织实施。\n"
        "第三条各部门负责编制本部门的政府信息公开年度报告。\n一、主动公开政府信息的情况\n二、依申请公开情况",
        "各县(区)人民政府,市政府各部门:\n为做好2022年政府信息公开工作年度报告编制工作,现就有关事项通知如下:\n一、规范年报内容",
        "一、总体情况\n(文字描述)\n二、主动公开政府信息情况\n第二十条第(一)项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\n",
        "一、收到申请情况\n2022年,全区共收到政府信息依申请公开1499件。\n二、申请答复情况\n予以公开966件。",
        "为进一步深化政务公开工作,制定本要点。\n一、总体要求\n主动公开政府信息,做好依申请公开和政策解读。",
        "政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n第二十条第(一)项\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\n行政规范性文件\n三、收到和处理政府信息公开申请情况",
    ],
)
def test_look_alikes_are_not_reports(text):
    assert parse_text(text)["is_annual_report"] is False


def test_untitled_report_with_intro_is_a_report():
    record = parse_text("依据《条例》第五十条规定,编制本报告。" + BODY)
    assert record["is_annual_report"] is True and record["title"] is None


# --- year -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "period",
    [
        "报告数据统计期限为2025111231日。",  # 年/月/日 and 至 lost, the year printed once
        "本报告所列数据的统计期限从202511日起到20251231日止。",  # the year printed twice
        "本报告统计期限为20251120251231。",  # every glyph lost
    ],
)
def test_period_that_lost_its_glyphs(period):
    assert report_period_year(period) == 2025


def test_a_number_after_the_statistics_word_is_no_period():
    assert report_period_year("统计数据为2025112条。") is None


def test_statement_year_skips_quoted_notice():
    assert (
        statement_year(
            "根据《关于做好2019年度政府信息公开工作年度报告的通知》要求,现公布某局2020年政府信息公开工作年度报告。"
        )
        == 2020
    )


def test_statement_year_with_agency_before_the_year():
    assert statement_year("根据有关要求,现将云县2022年度政府信息公开工作情况报告如下。") == 2022


def test_opening_year_after_label():
    assert opening_year("(一)主动公开的数量:2020年,中心网站发布信息635条。") == 2020


def test_url_year_only_from_a_report_slug():
    assert url_year("https://m.example.com/baike/lys2013ndzfxxgkgzbgbgnr7246083") == 2013
    assert url_year("https://www.example.com/gk/zwgk/2021zfxxgknb/2022/xzf/1575683.htm") is None


def test_report_year_not_publication_year():
    record = parse_text("2009年度某镇政府信息公开年度报告\n某镇\n2015年7月27日\n" + BODY.replace("2022", "2009"))
    assert record["year"] == 2009


# --- agency and region ----------------------------------------------------------------------------
def test_issuer_line_under_title():
    record = parse_text("某市人民政府2016年\n政府信息公开工作年度报告\n某市人民政府办公室\n2017年3月\n" + BODY)
    assert (record["agency"], record["identity_evidence"]["agency"]) == ("某市人民政府办公室", "issuer_line")


def test_agency_from_statement_when_title_names_a_place():
    record = parse_text(
        "福州市晋安区2016年政府信息公开工作年度报告\n本报告由福州市晋安区人民政府信息公开办编制。" + BODY
    )
    assert record["agency"] == "福州市晋安区人民政府信息公开办"


def test_place_title_takes_the_government_named_in_contact_line():
    record = parse_text(
        "合江县2022年政府信息公开工作年度报告\n如有疑问,请与合江县人民政府信息公开办公室联系(电话:1)。" + BODY
    )
    assert record["agency"] == "合江县人民政府"


def test_agency_from_contact_strips_internal_office():
    record = parse_text(
        "本报告根据《条例》编制。如有疑问请与某某经济开发区综合办公室联系(地址:某路1号)。" + BODY, url=None
    )
    assert record["agency"] == "某某经济开发区"


@pytest.mark.parametrize("name", ["政府", "人民政府", "我局", "本机关", "政府信息公开"])
def test_no_agency_from_generic_words(name):
    assert plausible_agency(name) is None


def test_region_from_credit_code_in_index_number():
    assert credit_code_province("11330682002590850X/2015-28256") == "330000"
    assert credit_code_province("tanchenggkjdzcyy/2019-0000013") is None


def test_region_from_body_place_names():
    assert province_from_body("根据《上海市政府信息公开规定》,上海市各级行政机关…") == "310000"
    assert province_from_body("我局认真贯彻落实条例。") is None


def test_region_from_registry_for_untitled_town_report():
    record = parse_text(
        "根据《条例》规定编制本报告。\n一、总体情况\n2023年,我镇高度重视政府信息公开工作。\n二、主动公开政府信息情况\n",
        url="https://www.lingyuan.gov.cn/html/LYSZF/202601/1.html",
    )
    assert (record["region"]["province"], record["identity_evidence"]["region"]) == ("辽宁省", "registry")


# --- sections and missing tables ------------------------------------------------------------------
def test_heading_glued_to_its_paragraph():
    text = "现将报告如下: 一、政府信息主动公开情况2009年度我镇主动公开信息。二、政府依申请公开政府信息情况2009年我镇未收到申请。"
    assert [s["heading"] for s in split_sections(text, set())] == ["政府信息主动公开情况", "政府依申请公开政府信息情况"]


def test_page_starting_inside_a_report():
    text = "四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n0 0 0\n五、政府信息公开工作存在的主要问题及改进情况\n一是…"
    assert [s["number"] for s in split_sections(text, set())] == ["四", "五"]


def test_missing_tables_say_why():
    record = parse_text(
        "某局2020年政府信息公开工作年度报告\n一、总体情况\n2020年,我局主动公开信息。\n"
        "二、主动公开政府信息情况\n(见附件图片)\n三、收到和处理政府信息公开申请情况\n略"
    )
    missing = record["tables_missing"]
    assert missing["active_disclosure"]["reason"] == "image_only"
    assert missing["review_litigation"]["reason"] == "not_in_text"
    assert missing["applications"]["reason"] == "truncated"
