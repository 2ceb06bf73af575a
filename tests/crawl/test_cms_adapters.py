"""CMS adapters on list pages as the portals send them."""

import json

from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from govcrawl.crawl.cms import adapter_for
from govcrawl.crawl.cms.base import ListLink, looks_like_report_link
from govcrawl.crawl.cms.gkmlpt import config_tree
from govcrawl.crawl.cms.hanweb import parse_datastore

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
    assert links[1] == ListLink(
        "http://a.gov.cn/xxgk/ndbg/202001/t20200119_1002.html", "某某市应急管理局2019年政府信息公开工作年度报告"
    )


def test_hanweb_inline_datastore_links():
    response = html("http://b.gov.cn/col/col1229/index.html", HANWEB_LIST)
    links = list(adapter_for(response).list_links(response))
    assert [link.url for link in links] == [
        "http://b.gov.cn/art/2021/1/20/art_1229_55.html",
        "http://b.gov.cn/art/2021/1/5/art_1229_54.html",
    ]


def test_hanweb_first_group_is_asked_from_dataproxy_with_page_params():
    response = html("http://b.gov.cn/col/col1229/index.html", HANWEB_LIST)
    [request] = list(adapter_for(response).next_pages(response))
    assert request.method == "POST"
    assert request.url == "http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
    assert b"columnid=1229" in request.body and b"unitid=4892867" in request.body and b"webid=3185" in request.body


def test_hanweb_dataproxy_answer_plans_remaining_groups():
    xml = (
        "<datastore><totalrecord>100</totalrecord><recordset>"
        "<record><![CDATA[<li><a href='/art/2020/1/1/art_1229_1.html'>x</a></li>]]></record>"
        "</recordset></datastore>"
    )
    response = XmlResponse(
        "http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15",
        body=xml.encode(),
        encoding="utf-8",
    )
    urls = [r.url for r in adapter_for(response).next_pages(response)]
    assert urls == [
        "http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15",
        "http://b.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=91&endrecord=100&perpage=15",
    ]


def test_hanweb_xml_entities_are_not_expanded():
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<datastore><recordset><record>&x;</record></recordset></datastore>"
    )
    records, _, _ = parse_datastore(xml)
    assert not any("root:" in (r or "") for r in records)


def test_generic_pagination_by_next_page_text():
    body = '<html><body><a href="list.html?page=2">下一页</a><a href="/about.html">关于我们</a></body></html>'
    response = html("http://c.gov.cn/list.html", body)
    assert [r.url for r in adapter_for(response).next_pages(response)] == ["http://c.gov.cn/list.html?page=2"]


def test_report_link_filter_takes_reports_and_leaves_news():
    assert looks_like_report_link(ListLink("http://a/1.html", "2023年政府信息公开工作年度报告"))
    assert not looks_like_report_link(ListLink("http://a/2.html", "市领导调研安全生产工作"))


# ---- gkmlpt (Guangdong 政府信息公开目录平台) ----------------------------------------------------------

GKMLPT_SHELL = """<html><head><title>政府信息公开</title></head><body><div id="app"></div>
<script>
window._CONFIG = {
    SID: '755033',
    DEPT_ID: '755033',
    TREE: [{"id": 2881, "name": "机构职能", "children": [{"id": 2882, "name": "机构概况", "children": []}]},
           {"id": 2884, "name": "政策文件", "children": []},
           {"id": 2890, "name": "政府信息公开年报", "children": []}],
    IS_DEPT: false
};
</script><script src="/gkmlpt/static/js/app.js"></script></body></html>"""


def gkmlpt_api(url, data):
    return TextResponse(url, body=json.dumps(data, ensure_ascii=False).encode(), encoding="utf-8")


def test_gkmlpt_shell_is_recognised_as_a_list_without_links():
    response = html("http://www.hy.gov.cn/gkmlpt/index", GKMLPT_SHELL)
    adapter = adapter_for(response)
    assert (adapter.name, adapter.is_list(response)) == ("gkmlpt", True)


def test_gkmlpt_shell_asks_the_api_for_the_report_category_only():
    response = html("http://www.hy.gov.cn/gkmlpt/index", GKMLPT_SHELL)
    assert [r.url for r in adapter_for(response).next_pages(response)] == [
        "http://www.hy.gov.cn/gkmlpt/api/all/2890?page=1&sid=755033"
    ]


def test_gkmlpt_tree_categories_are_read_at_every_level():
    assert [n["id"] for n in config_tree(GKMLPT_SHELL)] == [2881, 2884, 2890, 2882]


def test_gkmlpt_shell_without_config_is_not_gkmlpt():
    response = html("http://www.hy.gov.cn/gkmlpt/index", "<html><body>维护中</body></html>")
    assert adapter_for(response).name == "generic"


GKMLPT_PAGE_1 = {
    "articles": [
        {
            "id": 5361207,
            "title": "惠阳区2023年政府信息公开工作年度报告",
            "date": 1710898200,
            "url": "http://www.hy.gov.cn/gkmlpt/content/5/5361/post_5361207.html",
        },
        {
            "id": 5433019,
            "title": "惠阳区2024年政务公开工作要点",
            "date": 1715131800,
            "url": "http://www.hy.gov.cn/gkmlpt/content/5/5433/post_5433019.html",
        },
    ],
    "classify": {"id": 2890, "name": "政府信息公开年报"},
    "total": 5,
    "page": 1,
    "size": 2,
}


def test_gkmlpt_api_articles_are_list_links():
    response = gkmlpt_api("http://www.hy.gov.cn/gkmlpt/api/all/2890?page=1&sid=755033", GKMLPT_PAGE_1)
    assert list(adapter_for(response).list_links(response))[0] == ListLink(
        "http://www.hy.gov.cn/gkmlpt/content/5/5361/post_5361207.html", "惠阳区2023年政府信息公开工作年度报告"
    )


def test_gkmlpt_first_api_page_plans_the_rest_from_total_and_size():
    response = gkmlpt_api("http://www.hy.gov.cn/gkmlpt/api/all/2890?page=1&sid=755033", GKMLPT_PAGE_1)
    assert [r.url for r in adapter_for(response).next_pages(response)] == [
        "http://www.hy.gov.cn/gkmlpt/api/all/2890?page=2&sid=755033",
        "http://www.hy.gov.cn/gkmlpt/api/all/2890?page=3&sid=755033",
    ]


def test_gkmlpt_later_api_pages_plan_nothing():
    response = gkmlpt_api("http://www.hy.gov.cn/gkmlpt/api/all/2890?page=2&sid=755033", {**GKMLPT_PAGE_1, "page": 2})
    assert list(adapter_for(response).next_pages(response)) == []


def test_gkmlpt_page_size_falls_back_to_the_first_page_length():
    data = {k: v for k, v in GKMLPT_PAGE_1.items() if k != "size"}
    response = gkmlpt_api("http://www.hy.gov.cn/gkmlpt/api/all/2890?page=1&sid=755033", data)
    assert len(list(adapter_for(response).next_pages(response))) == 2


def test_gkmlpt_error_answer_gives_no_links():
    response = TextResponse(
        "http://www.hy.gov.cn/gkmlpt/api/all/2890?page=1&sid=1", body=b"<html>502</html>", encoding="utf-8"
    )
    adapter = adapter_for(response)
    assert (list(adapter.list_links(response)), list(adapter.next_pages(response))) == ([], [])
