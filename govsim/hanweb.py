"""大汉 Hanweb JCMS flavour: columns /col/col{ID}/index.html whose list arrives as <datastore> XML,
inline in a <script type="text/xml"> (first records only) and from
POST /module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage= ; articles
/art/YYYY/M/D/art_{col}_{doc}.html. Modelled on the real page tests/fixtures/clean/fgw.zj.gov.cn__detail.html."""

from __future__ import annotations

from html import escape

from . import chrome
from .messages import Request, Response
from .portal import Entry, Portal
from .render_common import BaseRenderer, attachments_html, views_for

DATAPROXY = "/module/web/jpage/dataproxy.jsp"


def _record(e: Entry) -> str:
    return (
        f'<record><![CDATA[<li><a href="{escape(e.path)}" target="_blank" title="{escape(e.title)}">'
        f"{escape(e.title)}</a><span>{e.date}</span></li>]]></record>"
    )


class HanwebRenderer(BaseRenderer):
    cms = "hanweb"

    def column_paths(self, portal: Portal) -> list[str]:
        return [f"/col/col{portal.options['col_id']}/index.html"]

    def entry_path(self, portal: Portal, date: str, doc_id: int) -> str:
        y, m, d = (int(x) for x in date.split("-"))
        return f"/art/{y}/{m}/{d}/art_{portal.options['col_id']}_{doc_id}.html"

    def _ajax_params(self, portal: Portal) -> dict[str, str]:
        o = portal.options
        return {
            "col": "1",
            "appid": "1",
            "webid": str(o["web_id"]),
            "path": "/",
            "columnid": str(o["col_id"]),
            "sourceContentType": "1",
            "unitid": str(o["unit_id"]),
            "webname": portal.site.site_name,
            "permissiontype": "0",
        }

    def route(self, portal: Portal, req: Request) -> Response | None:
        if req.path == DATAPROXY:
            return self.dataproxy(portal, req)
        col = f"/col/col{portal.options['col_id']}/"
        if req.path in (col, col + "index.html"):
            return portal.html_response(self.list_html(portal), modified=portal.last_modified())
        return None

    def dataproxy(self, portal: Portal, req: Request) -> Response:
        form = req.form()
        listed = portal.listed_entries() if form.get("columnid") == str(portal.options["col_id"]) else []
        perpage = _int(form.get("perpage"), portal.options["perpage"])
        start = max(1, _int(form.get("startrecord"), 1))
        end = _int(form.get("endrecord"), start + perpage - 1)
        chosen = listed[start - 1 : end]
        total = len(listed)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
            f"<totalrecord>{total}</totalrecord>\n<totalpage>{-(-total // perpage) if perpage else 0}</totalpage>\n"
            "<recordset>\n" + "\n".join(_record(e) for e in chosen) + "\n</recordset>\n</datastore>\n"
        )
        return Response(200, xml.encode("utf-8"), "text/xml;charset=UTF-8")

    def list_html(self, portal: Portal) -> str:
        o = portal.options
        listed = portal.listed_entries()
        inline = listed[: o["inline_count"]]
        params = self._ajax_params(portal)
        nextgroup = (
            f'<a href="{DATAPROXY}?page=1&amp;webid={params["webid"]}&amp;path=/&amp;'
            f"columnid={params['columnid']}&amp;unitid={params['unitid']}&amp;"
            f'webname={escape(params["webname"])}&amp;permissiontype=0"></a>'
        )
        ajax = ",".join(f"{k}:'{v}'" if not v.isdigit() else f"{k}:{v}" for k, v in params.items())
        datastore = (
            f'<div id="{o["unit_id"]}"><script type="text/xml"><datastore>\n'
            f"<nextgroup><![CDATA[{nextgroup}]]></nextgroup>\n<recordset>\n"
            + "\n".join(_record(e) for e in inline)
            + "\n</recordset>\n</datastore></script>\n"
            '<script language="javascript" src="/module/jslib/jquery/jpage/jquery.jpage.js"></script>\n'
            f"<script>$(function(){{$('#{o['unit_id']}').jpage({{dataStore:dataStore,barPosition:'bottom',"
            f"perPage:{o['perpage']},totalRecord:{len(listed)},proxyUrl:'{DATAPROXY}',groupSize:1,"
            f"ajaxParam:{{{ajax}}}}});}});</script></div>\n"
        )
        body = (
            f'<div id="hiddenLocation" style="display:none;"><span id="ss_webid">{o["web_id"]}</span>'
            f'<span id="col1_name">{escape(portal.column_name)}</span>'
            f'<span id="col1_url">/col/col{o["col_id"]}/index.html</span></div>\n'
            + chrome.breadcrumb(
                [
                    ("政府信息公开", "/col/col1229000001/index.html"),
                    (portal.column_name, f"/col/col{o['col_id']}/index.html"),
                ]
            )
            + f'<div class="bt-box"><div class="bt-title">{escape(portal.column_name)}</div>'
            f'<div class="default_pgContainer"><ul class="list">\n{datastore}</ul></div></div>\n'
        )
        meta = {
            "SiteName": portal.site.site_name,
            "SiteDomain": portal.host,
            "SiteIDCode": portal.site.site_code,
            "ColumnName": portal.column_name,
            "ColumnType": "",
        }
        return chrome.document(
            portal.site,
            portal.charset_label,
            portal.column_name,
            meta,
            body,
            '<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>\n',
        )

    def detail_html(self, portal: Portal, entry: Entry) -> str:
        o = portal.options
        meta = {
            "Maketime": f"{entry.date} 09:12:37",
            "SiteName": portal.site.site_name,
            "SiteDomain": portal.host,
            "SiteIDCode": portal.site.site_code,
            "ColumnName": portal.column_name,
            "ColumnType": "",
            "ArticleTitle": entry.title,
            "PubDate": f"{entry.date} 09:30",
            "author": "",
            "contentSource": entry.source,
            "url": portal.url(entry.path),
            "guid": f"2020{entry.doc_id}",
        }
        body = (
            f'<div id="hiddenLocation" style="display:none;"><span id="ss_webid">{o["web_id"]}</span>'
            f'<span id="col1_name">{escape(portal.column_name)}</span>'
            f'<span id="col1_url">/col/col{o["col_id"]}/index.html</span></div>\n'
            + chrome.breadcrumb(
                [
                    ("政府信息公开", "/col/col1229000001/index.html"),
                    (portal.column_name, f"/col/col{o['col_id']}/index.html"),
                ]
            )
            + f'<div class="con"><p class="con-title"><!--<$[标题]>begin-->{escape(entry.title)}<!--<$[标题]>end--></p>\n'
            '<div class="small-title clearfix">'
            f"<span>发布时间：{entry.date}</span><span>浏览次数：{views_for(entry)}</span>"
            f"<span>信息来源：<!--<$[信息来源]>begin-->{escape(entry.source)}<!--<$[信息来源]>end--></span>"
            '<span class="font-size">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a>'
            ' <a href="javascript:doZoom(14)">小</a>】</span></div>\n'
            '<div class="main-txt" id="zoom"><!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin-->'
            f'<meta name="ContentStart">{entry.body()}<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->'
            "<!--<$[信息内容]>end--></div>\n"
            + attachments_html(portal, entry)
            + chrome.article_tools()
            + "</div>\n"
            + entry.after_body
            + '<a href="http://www.hanweb.com" style="display:none">Produced By 大汉网络 大汉版通发布系统</a>\n'
        )
        return chrome.document(
            portal.site,
            portal.charset_label,
            entry.title,
            meta,
            body,
            '<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>\n',
            entry.dumped_footer,
        )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default
