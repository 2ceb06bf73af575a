"""CMS adapters on list pages as the portals send them."""

from scrapy.http import HtmlResponse, XmlResponse

from govcrawl.cms import adapter_for
from govcrawl.cms.base import ListLink, looks_like_report_link
from govcrawl.cms.hanweb import parse_datastore

TRS_LIST = """<html><body><ul class="list">
<li><a href="./202101/t20210120_1001.html" target="_blank">某某市应急管理局2020年政府信息公开工作年度报告</a><span>2021-01-20</span></li>
<li><a href="./202001/t20200119_1002.html" title="某某市应急管理局2019年政府信息公开工作年度报告">某某市应急管理局2019年政府…</a></li>
</ul>
<script>var currentPage = 0;var countPage = 3
createPageHTML(3, 0, "index", "html");</script></body></html>"""

HANWEB_LIST = """<html><body><div id="41867"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3185&path=/&columnid=1229&unitid=4892867&webname=x&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2021/1/20/art_1229_55.html" title="2020年政府信息公开工作年度报告">2020年…</a><span>2021-01-20</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2021/1/5/art_1229_54.html" title="召开会议">召开会议</a></li>]]></record>
</recordset></datastore></script></div>
<script>$('#41867').jpage({perPage: 15});</script></body></html>"""


def html(url, body):
    return HtmlResponse(url, body=body.encode("utf-8"), encoding="utf-8")


def test_trs_page_is_recognised():
    assert adapter_for(html("http://a.gov.cn/xxgk/ndbg/index.html", TRS_LIST)).name == "trs"


def test_trs_list_pages_come_from_create_page_html():
    response = html("http://a.gov.cn/xxgk/ndbg/index.html", TRS_LIST)
    urls = [r.url for r in adapter_for(response).next_pages(response)]
    assert urls == ["http://a.gov.cn/xxgk/ndbg/index_1.html", "http://a.gov.cn/xxgk/ndbg/index_2.html"]


def test_trs_links_are_absolute_with_title_text():
    response = html("http://a.gov.cn/xxgk/ndbg/index.html", TRS_LIST)
    links = list(adapter_for(response).list_links(response))
    assert links[1] == ListLink("http://a.gov.cn/xxgk/ndbg/202001/t20200119_1002.html",
                                "某某市应急管理局2019年政府信息公开工作年度报告")


def test_hanweb_inline_datastore_links():
    response = html("http://b.gov.cn/col/col1229/index.html", HANWEB_LIST)
    links = list(adapter_for(response).list_links(response))
    assert [l.url for l in links] == ["http://b.gov.cn/art/2021/1/20/art_1229_55.html",
                                      "http://b.gov.cn/art/2021/1/5/art_1229_54.html"]


def test_hanweb_first_group_is_asked_from_dataproxy_with_page_params():
    response = html("http://b.gov.cn/col/col1229/index.html", HANWEB_LIST)
    [request] = list(adapter_for(response).next_pages(response))
    assert request.method == "POST"
    assert request.url == "http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
    assert b"columnid=1229" in request.body and b"unitid=4892867" in request.body and b"webid=3185" in request.body


def test_hanweb_dataproxy_answer_plans_remaining_groups():
    xml = ("<datastore><totalrecord>100</totalrecord><recordset>"
           "<record><![CDATA[<li><a href='/art/2020/1/1/art_1229_1.html'>x</a></li>]]></record>"
           "</recordset></datastore>")
    response = XmlResponse("http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15",
                           body=xml.encode(), encoding="utf-8")
    urls = [r.url for r in adapter_for(response).next_pages(response)]
    assert urls == ["http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15",
                    "http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=91&endrecord=100&perpage=15"]


def test_hanweb_xml_entities_are_not_expanded():
    xml = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           "<datastore><recordset><record>&x;</record></recordset></datastore>")
    records, _, _ = parse_datastore(xml)
    assert not any("root:" in (r or "") for r in records)


def test_generic_pagination_by_next_page_text():
    body = '<html><body><a href="list.html?page=2">下一页</a><a href="/about.html">关于我们</a></body></html>'
    response = html("http://c.gov.cn/list.html", body)
    assert [r.url for r in adapter_for(response).next_pages(response)] == ["http://c.gov.cn/list.html?page=2"]


def test_report_link_filter_takes_reports_and_leaves_news():
    assert looks_like_report_link(ListLink("http://a/1.html", "2023年政府信息公开工作年度报告"))
    assert not looks_like_report_link(ListLink("http://a/2.html", "市领导调研安全生产工作"))
