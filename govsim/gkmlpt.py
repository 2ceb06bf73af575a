"""Guangdong 政府信息公开目录平台 (gkmlpt) flavour, as the Guangdong sites deploy it:

- a site runs it at `<prefix>/gkmlpt/`: the host root for a government, a path for a department
  sub-site sharing its government's host (`Portal.prefix`, e.g. `/pswjj`), each with its own SID;
- `/gkmlpt/index` is an empty shell: its script sets `window._CONFIG = {SID: '…', TREE: [{id, name,
  children, post_count, jump_url?}…], SERVICE_AREA_ID: …}` and a front-end app renders the lists;
- `/gkmlpt/api/all/{category}?page=N&sid=SID` answers JSON, 100 articles a page: {"classify": {"id",
  "name", "post_count"}, "total" (left out when options["count"] == "post_count"), "articles": [{"id",
  "title", "url", "post_url", "create_time" (epoch seconds), "created_at", "display_publish_time",
  "date", "publisher", "document_number", "identifier", "attachment"}]}; category 0 lists everything;
  a page past the end has no articles; a wrong sid gets an error object;
- articles are /gkmlpt/content/{id // 10**6}/{id // 1000}/post_{id}.html with the 索引号/分类/发布机构/
  成文日期/名称/文号/发布日期 table above the article; with options["body_in_script"] (the default) the
  article container is empty and the article is only in the script's `DETAIL.content` JSON string
  (`<` written `\\u003C`), as the platform's pages ship it.

Entries sit in the report category (`options["category"]`, named `portal.column_name`) unless their
`category` says otherwise; options["report_column"] = False names that category 其他 (a site whose
reports are filed with everything else).
"""

from __future__ import annotations

import calendar
import json
import time
from html import escape

from . import chrome
from .messages import Request, Response
from .portal import Entry, Portal
from .render_common import BaseRenderer, attachments_html, views_for

INDEX = "/gkmlpt/index"
API = "/gkmlpt/api/all/"
API_PAGE_SIZE = 100


def _epoch(date: str) -> int:
    y, m, d = (int(x) for x in date.split("-"))
    return calendar.timegm((y, m, d, 1, 30, 0))


def script_json(value: object) -> str:
    """JSON as the platform writes it into a page script: `<`, `>` and `&` as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


class GkmlptRenderer(BaseRenderer):
    cms = "gkmlpt"

    def column_paths(self, portal: Portal) -> list[str]:
        return [INDEX]

    def platform_path(self, portal: Portal) -> str:
        return INDEX  # the platform is the column's own shell page

    def entry_path(self, portal: Portal, date: str, doc_id: int) -> str:
        return f"/gkmlpt/content/{doc_id // 1000000}/{doc_id // 1000}/post_{doc_id}.html"

    def category_of(self, portal: Portal, entry: Entry) -> int:
        return entry.category if entry.category is not None else portal.options["category"]

    def in_category(self, portal: Portal, category: int) -> list[Entry]:
        listed = portal.listed_entries()
        if category == 0:
            return listed
        return [e for e in listed if self.category_of(portal, e) == category]

    def tree(self, portal: Portal) -> list[dict]:
        o = portal.options
        base = o["category"] - 10

        def node(i: int, name: str, children=(), **extra) -> dict:
            kids = list(children)
            count = sum(k["post_count"] for k in kids) if kids else len(self.in_category(portal, i))
            return {"id": i, "name": name, "parent": 0, "children": kids, "post_count": count, **extra}

        report_name = portal.column_name if o.get("report_column", True) else "其他"
        return [
            node(base + 1, "机构职能", [node(base + 2, "机构概况"), node(base + 3, "领导简介")]),
            node(base + 4, "政策文件", [node(base + 5, "本机关文件"), node(base + 6, "政策解读")]),
            node(base + 7, "规划信息"),
            node(base + 8, "财政预决算", jump_url="/zwgk/czyjs/"),
            node(o["category"], report_name),
            node(base + 9, "人事信息"),
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
        listed = self.in_category(portal, int(category)) if category.isdigit() else []
        try:
            page = max(1, int(form.get("page") or 1))
        except ValueError:
            page = 1
        chosen = listed[(page - 1) * API_PAGE_SIZE : page * API_PAGE_SIZE]
        articles = [self.article(portal, e) for e in chosen]
        cid = int(category) if category.isdigit() else 0
        classify = {"id": cid, "name": portal.column_name if cid == o["category"] else "全部" if cid == 0 else ""}
        answer: dict = {"classify": {**classify, "post_count": len(listed)}}
        if o.get("count", "total") == "total":
            answer["total"] = len(listed)
        answer["articles"] = articles
        return _json(answer)

    def article(self, portal: Portal, e: Entry) -> dict:
        epoch = _epoch(e.date)
        return {
            "id": e.doc_id,
            "title": e.title,
            "url": portal.url(e.path),
            "post_url": portal.prefix + e.path,
            "create_time": epoch,
            "created_at": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch + 8 * 3600)),
            "display_publish_time": epoch,
            "date": epoch,
            "publisher": e.source or portal.name,
            "document_number": "",
            "identifier": self.identifier(portal, e),
            "attachment": [{"name": a.label, "url": portal.url(a.path)} for a in e.attachments],
        }

    def identifier(self, portal: Portal, entry: Entry) -> str:
        return f"{portal.site.site_code[:9]}/{entry.date[:4]}-{entry.doc_id % 100000:05d}"

    def index_html(self, portal: Portal) -> str:
        o = portal.options
        config = (
            f"window._CONFIG = {{\n    SID: '{o['sid']}',\n    DEPT_ID: '{o['sid']}',\n"
            f"    SITE_NAME: '{portal.site.site_name}',\n"
            f"    TREE: {json.dumps(self.tree(portal), ensure_ascii=False)},\n"
            f"    SERVICE_AREA_ID: {o.get('area', 1)},\n"
            f"    IS_DEPT: {'true' if portal.prefix else 'false'}\n}};"
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
        ident = self.identifier(portal, entry)
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
        in_script = portal.options.get("body_in_script", True)
        article = "" if in_script else entry.body()
        script = ""
        if in_script:
            detail = {
                "id": entry.doc_id,
                "title": entry.title,
                "identifier": ident,
                "publisher": entry.source or portal.name,
                "create_time": _epoch(entry.date),
                "content": entry.body(),
                "attachment": [],
            }
            script = (
                f"<script>\nwindow._CONFIG = {{\n    SID: '{portal.options['sid']}',\n"
                f"    DETAIL: {script_json(detail)},\n    IS_DEPT: {'true' if portal.prefix else 'false'}\n}};\n</script>\n"
                '<script src="/gkmlpt/static/js/content.js"></script>\n'
            )
        body = (
            chrome.breadcrumb([("政府信息公开", INDEX), (portal.column_name, INDEX), ("正文", None)])
            + '<div class="content-container">\n'
            + table
            + f'<div class="article-title"><h1 class="title document-number">{escape(entry.title)}</h1></div>\n'
            + chrome.byline(f"{entry.date} 09:30", entry.source or portal.name, views_for(entry))
            + f'<div class="article-content" id="zoom">{article}</div>\n'
            + attachments_html(portal, entry)
            + chrome.article_tools()
            + "</div>\n"
            + script
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
