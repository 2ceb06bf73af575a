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


# ---- gkmlpt as deployed: sub-sites under a path prefix, leaf categories, post_count ---------------

DEPT_SHELL = """<html><head><title>政府信息公开</title></head><body><div id="app"></div>
<script>
window._CONFIG = {
    SID: '757032',
    TREE: [{"id": 3511, "name": "机构职能", "post_count": 3, "children": [{"id": 3512, "name": "机构概况", "children": [], "post_count": 3}]},
           {"id": 3518, "name": "财政预决算", "children": [], "jump_url": "/zwgk/czyjs/", "post_count": 0},
           {"id": 3520, "name": "政府信息公开年报", "post_count": 9, "children": [
               {"id": 3521, "name": "2023年", "children": [], "post_count": 5},
               {"id": 3522, "name": "2022年", "children": [], "post_count": 0},
               {"id": 3523, "name": "2021年", "children": [], "post_count": 4}]}],
    SERVICE_AREA_ID: 1,
    IS_DEPT: true
};
</script></body></html>"""

NO_REPORT_COLUMN = DEPT_SHELL.replace("政府信息公开年报", "其他")


def test_gkmlpt_sub_site_api_is_asked_under_its_prefix():
    response = html("http://www.szpsq.gov.cn/pswjj/gkmlpt/index", GKMLPT_SHELL)
    assert [r.url for r in adapter_for(response).next_pages(response)] == [
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/2890?page=1&sid=755033"
    ]


def test_gkmlpt_report_leaves_are_listed_without_empty_ones():
    response = html("http://www.szpsq.gov.cn/pswjj/gkmlpt/index", DEPT_SHELL)
    assert [r.url for r in adapter_for(response).next_pages(response)] == [
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/3521?page=1&sid=757032",
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/3523?page=1&sid=757032",
    ]


def test_gkmlpt_tree_without_a_report_category_is_listed_through_category_0():
    response = html("http://www.szpsq.gov.cn/pswjj/gkmlpt/index", NO_REPORT_COLUMN)
    assert [r.url for r in adapter_for(response).next_pages(response)] == [
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0?page=1&sid=757032"
    ]


def test_gkmlpt_jump_url_node_is_not_a_leaf():
    assert [n["id"] for n in config_tree(DEPT_SHELL) if n["leaf"]] == [3512, 3521, 3522, 3523]


def test_gkmlpt_tree_keeps_post_count():
    assert {n["id"]: n["post_count"] for n in config_tree(DEPT_SHELL)}[3523] == 4


def test_gkmlpt_sub_site_shell_is_recognised():
    response = html("http://www.szpsq.gov.cn/pswjj/gkmlpt/index", DEPT_SHELL)
    assert adapter_for(response).name == "gkmlpt"


def deployed_answer(count_key, articles=100, count=230):
    data = {
        "classify": {"id": 0, "name": "全部", "post_count": count},
        "articles": [
            {
                "id": 11400000 + n,
                "title": f"通知{n}",
                "post_url": f"/pswjj/gkmlpt/content/11/11400/post_{11400000 + n}.html",
                "create_time": 1707701400,
            }
            for n in range(articles)
        ],
    }
    if count_key == "total":
        data["total"] = count
    return data


def test_gkmlpt_pages_are_planned_from_post_count_when_total_is_absent():
    response = gkmlpt_api(
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0?page=1&sid=757032", deployed_answer("post_count")
    )
    assert [r.url for r in adapter_for(response).next_pages(response)] == [
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0?page=2&sid=757032",
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0?page=3&sid=757032",
    ]


def test_gkmlpt_total_wins_over_post_count():
    data = {**deployed_answer("total"), "total": 150}
    response = gkmlpt_api("http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0?page=1&sid=757032", data)
    assert len(list(adapter_for(response).next_pages(response))) == 1


def test_gkmlpt_post_url_is_the_link_when_url_is_absent():
    response = gkmlpt_api(
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/api/all/0?page=1&sid=757032", deployed_answer("post_count", 1)
    )
    assert [link.url for link in adapter_for(response).list_links(response)] == [
        "http://www.szpsq.gov.cn/pswjj/gkmlpt/content/11/11400/post_11400000.html"
    ]
