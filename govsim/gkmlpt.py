"""Guangdong 政府信息公开目录平台 (gkmlpt) flavour, as the Guangdong city and county sites run it:

- /gkmlpt/index is an empty shell: its script sets `window._CONFIG = {SID: '…', TREE: [...]}` and a
  front-end app renders the lists (so the HTML itself holds no article links);
- /gkmlpt/api/all/{category}?page=N&sid=SID answers JSON: {"articles": [{"id", "title", "url",
  "date" (epoch seconds), "publisher", "identifier", "document_number", "first_publish_time"}],
  "classify": {"id", "name"}, "total", "page", "size"}; a page past the end has no articles; a wrong
  sid gets an error object;
- articles are /gkmlpt/content/{id // 10**6}/{id // 1000}/post_{id}.html with the 索引号/分类/发布机构/
  成文日期/名称/文号/发布日期 table above the article.
"""

from __future__ import annotations

import calendar
import json
from html import escape

from . import chrome
from .messages import Request, Response
from .portal import Entry, Portal
from .render_common import BaseRenderer, attachments_html, views_for

INDEX = "/gkmlpt/index"
API = "/gkmlpt/api/all/"


def _epoch(date: str) -> int:
    y, m, d = (int(x) for x in date.split("-"))
    return calendar.timegm((y, m, d, 1, 30, 0))


class GkmlptRenderer(BaseRenderer):
    cms = "gkmlpt"

    def column_paths(self, portal: Portal) -> list[str]:
        return [INDEX]

    def platform_path(self, portal: Portal) -> str:
        return INDEX  # the platform is the column's own shell page

    def entry_path(self, portal: Portal, date: str, doc_id: int) -> str:
        return f"/gkmlpt/content/{doc_id // 1000000}/{doc_id // 1000}/post_{doc_id}.html"

    def tree(self, portal: Portal) -> list[dict]:
        o = portal.options
        node = lambda i, name, children=(): {"id": i, "name": name, "parent": 0, "children": list(children)}  # noqa: E731
        base = o["category"] - 10
        return [
            node(base + 1, "机构职能", [node(base + 2, "机构概况"), node(base + 3, "领导简介")]),
            node(base + 4, "政策文件", [node(base + 5, "本机关文件"), node(base + 6, "政策解读")]),
            node(base + 7, "规划信息"),
            node(base + 8, "财政预决算"),
            node(o["category"], portal.column_name),
            node(base + 9, "其他"),
        ]

    def route(self, portal: Portal, req: Request) -> Response | None:
        if req.path in (INDEX, INDEX + "/"):
            return portal.html_response(self.index_html(portal), modified=portal.last_modified())
        if req.path.startswith(API):
            return self.api(portal, req)
        return None

    def api(self, portal: Portal, req: Request) -> Response:
        o = portal.options
        form = req.form()
        if form.get("sid") != str(o["sid"]):
            return _json({"code": 400, "msg": "参数错误"})
        category = req.path[len(API) :].strip("/")
        listed = portal.listed_entries() if category == str(o["category"]) else []
        try:
            page = max(1, int(form.get("page") or 1))
        except ValueError:
            page = 1
        size = portal.page_size
        chosen = listed[(page - 1) * size : page * size]
        articles = [
            {
                "id": e.doc_id,
                "title": e.title,
                "url": portal.url(e.path),
                "date": _epoch(e.date),
                "first_publish_time": _epoch(e.date),
                "publisher": e.source or portal.name,
                "identifier": f"{portal.site.site_code[:9]}/{e.date[:4]}-{e.doc_id % 100000:05d}",
                "document_number": "",
                "keywords": "",
            }
            for e in chosen
        ]
        return _json(
            {
                "articles": articles,
                "classify": {"id": o["category"], "name": portal.column_name},
                "total": len(listed),
                "page": page,
                "size": size,
            }
        )

    def index_html(self, portal: Portal) -> str:
        o = portal.options
        config = (
            f"window._CONFIG = {{\n    SID: '{o['sid']}',\n    DEPT_ID: '{o['sid']}',\n"
            f"    SITE_NAME: '{portal.site.site_name}',\n"
            f"    TREE: {json.dumps(self.tree(portal), ensure_ascii=False)},\n"
            f"    IS_DEPT: false\n}};"
        )
        body = (
            chrome.breadcrumb([("政府信息公开", INDEX)])
            + '<div id="app" class="gkmlpt"><div class="gkml-left"><div class="tree"></div></div>'
            '<div class="gkml-right"><div class="list"><p class="loading">加载中…</p></div></div></div>\n'
            f"<script>\n{config}\n</script>\n"
            '<script src="/gkmlpt/static/js/manifest.js"></script>\n'
            '<script src="/gkmlpt/static/js/vendor.js"></script>\n<script src="/gkmlpt/static/js/app.js"></script>\n'
        )
        meta = {"SiteName": portal.site.site_name, "SiteDomain": portal.host, "SiteIDCode": portal.site.site_code}
        return chrome.document(portal.site, portal.charset_label, f"政府信息公开_{portal.site.site_name}", meta, body)

    def detail_html(self, portal: Portal, entry: Entry) -> str:
        ident = f"{portal.site.site_code[:9]}/{entry.date[:4]}-{entry.doc_id % 100000:05d}"
        table = (
            '<div class="classify"><table class="introduce">'
            f'<tr><td class="first">索引号：</td><td class="second">{ident}</td>'
            f'<td class="first">分类：</td><td class="second">{escape(portal.column_name)}</td></tr>'
            f'<tr><td class="first">发布机构：</td><td class="second">{escape(entry.source or portal.name)}</td>'
            f'<td class="first">成文日期：</td><td class="second">{entry.date}</td></tr>'
            f'<tr><td class="first">名称：</td><td class="second" colspan="3">{escape(entry.title)}</td></tr>'
            '<tr><td class="first">文号：</td><td class="second"></td>'
            f'<td class="first">发布日期：</td><td class="second">{entry.date}</td></tr>'
            "</table></div>\n"
        )
        body = (
            chrome.breadcrumb([("政府信息公开", INDEX), (portal.column_name, INDEX), ("正文", None)])
            + '<div class="content-container">\n'
            + table
            + f'<div class="article-title"><h1 class="title document-number">{escape(entry.title)}</h1></div>\n'
            + chrome.byline(f"{entry.date} 09:30", entry.source or portal.name, views_for(entry))
            + f'<div class="article-content" id="zoom">{entry.body()}</div>\n'
            + attachments_html(portal, entry)
            + chrome.article_tools()
            + "</div>\n"
            + entry.after_body
        )
        meta = {
            "SiteName": portal.site.site_name,
            "ArticleTitle": entry.title,
            "PubDate": f"{entry.date} 09:30",
            "ContentSource": entry.source or portal.name,
            "ColumnName": portal.column_name,
        }
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{entry.title}_{portal.site.site_name}",
            meta,
            body,
            "",
            entry.dumped_footer,
        )


def _json(data: dict) -> Response:
    return Response(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json;charset=UTF-8")
