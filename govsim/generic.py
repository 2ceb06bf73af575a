"""Generic portals: plain HTML lists paged with 首页/上一页/下一页/尾页 anchors, and the URL shapes
seen on smaller CMSs (content/{uuid}.html, /YYYYMMDD/iNNNN.html, old ASP ShowArticle.asp?ArticleID=).

Options (Portal.options):
  list_first  first list page, relative to column_dir ("index.html", "ShowClass.asp?ClassID=12")
  list_nth    later pages with {n} = 2, 3, … ("index_{n}.html", "ShowClass.asp?ClassID=12&page={n}")
  article     detail path format with {col} {ymd} {ym} {id} {uuid}
  style       "modern" (div layout) or "classic" (table layout of old ASP sites)
"""

from __future__ import annotations

import hashlib
import uuid
from html import escape

from . import chrome
from .messages import Request, Response
from .portal import Entry, Portal
from .render_common import BaseRenderer, attachments_html, views_for


class GenericRenderer(BaseRenderer):
    cms = "generic"

    def column_paths(self, portal: Portal) -> list[str]:
        o = portal.options
        first = portal.column_dir + o.get("list_first", "index.html")
        nth = o.get("list_nth", "index_{n}.html")
        return [first] + [portal.column_dir + nth.format(n=n) for n in range(2, len(portal.pages()) + 1)]

    def entry_path(self, portal: Portal, date: str, doc_id: int) -> str:
        ymd = date.replace("-", "")
        fmt = portal.options.get("article", "{col}content/post_{id}.html")
        uid = uuid.UUID(bytes=hashlib.md5(f"{portal.host}/{doc_id}".encode()).digest()).hex
        return fmt.format(col=portal.column_dir, ymd=ymd, ym=ymd[:6], id=doc_id, uuid=uid)

    def route(self, portal: Portal, req: Request) -> Response | None:
        paths = self.column_paths(portal)
        target = req.target
        if req.path == portal.column_dir and not req.query:
            target = paths[0]
        if target not in paths:
            return None
        index = paths.index(target)
        return portal.html_response(self.list_html(portal, index, paths), modified=portal.last_modified())

    def _href(self, portal: Portal, path: str) -> str:
        """Links relative to the column directory when possible, as these sites write them."""
        return path[len(portal.column_dir) :] if path.startswith(portal.column_dir) else path

    def list_html(self, portal: Portal, index: int, paths: list[str]) -> str:
        entries = portal.pages()[index]
        count = len(paths)
        items = self.list_items(entries, lambda e: self._href(portal, e.path))
        links = [f"共{count}页 当前第{index + 1}页"]
        links.append(f'<a href="{escape(self._href(portal, paths[0]))}">首页</a>')
        if index > 0:
            links.append(f'<a href="{escape(self._href(portal, paths[index - 1]))}">上一页</a>')
        if index + 1 < count:
            links.append(f'<a href="{escape(self._href(portal, paths[index + 1]))}">下一页</a>')
        links.append(f'<a href="{escape(self._href(portal, paths[-1]))}">尾页</a>')
        pager = '<div class="pagination">' + " ".join(links) + "</div>\n"
        crumbs = [("信息公开", "/zwgk/"), (portal.column_name, paths[0])]
        if portal.options.get("style") == "classic":
            rows = "\n".join(
                f'<tr><td width="85%">·<a href="{escape(self._href(portal, e.path))}" target="_blank">'
                f'{escape(e.title)}</a></td><td align="right">{e.date}</td></tr>'
                for e in entries
            )
            main = (
                f'<table width="960" align="center" cellpadding="0" cellspacing="0"><tr><td class="lm-title">'
                f'{escape(portal.column_name)}</td></tr><tr><td><table width="100%">{rows}</table></td></tr>'
                f"<tr><td>{pager}</td></tr></table>\n"
            )
        else:
            main = (
                f'<div class="list-box"><h2 class="list-title">{escape(portal.column_name)}</h2>'
                f'<ul class="news-list">\n{items}\n</ul>\n{pager}</div>\n'
            )
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{portal.column_name}_{portal.site.site_name}",
            {"SiteName": portal.site.site_name, "ColumnName": portal.column_name},
            chrome.breadcrumb(crumbs) + main,
        )

    def detail_html(self, portal: Portal, entry: Entry) -> str:
        crumbs = [("信息公开", "/zwgk/"), (portal.column_name, self.column_paths(portal)[0]), ("正文", None)]
        meta = {
            "SiteName": portal.site.site_name,
            "ColumnName": portal.column_name,
            "ArticleTitle": entry.title,
            "PubDate": entry.date,
            "ContentSource": entry.source,
        }
        if portal.options.get("style") == "classic":
            byline = entry.byline or f"{entry.date} 作者:佚名 点击数:"
            main = (
                '<table width="960" align="center" cellpadding="0" cellspacing="0" class="article-table">'
                f'<tr><td class="title" align="center"><h1>{escape(entry.title)}</h1></td></tr>'
                f'<tr><td align="center" class="byline">{escape(byline)}'
                '<script src="/Article/GetHits.asp?ArticleID=0"></script></td></tr>'
                '<tr><td class="tools">【字体：<a href="javascript:fontZoom(16)">大</a> '
                '<a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</td></tr>'
                f'<tr><td id="fontzoom" class="content">{entry.body()}</td></tr>'
                f"<tr><td>{attachments_html(portal, entry)}</td></tr>"
                '<tr><td align="center">【<a href="javascript:window.print()">打印本页</a>】 '
                '【<a href="javascript:window.close();">关闭窗口</a>】</td></tr></table>\n'
                '<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a></div>\n'
            )
        else:
            main = (
                f'<div class="article"><h1 class="article-title">{escape(entry.title)}</h1>\n'
                + chrome.byline(f"{entry.date} 10:00", entry.source, views_for(entry))
                + f'<div id="zoom" class="article-content">{entry.body()}</div>\n'
                + attachments_html(portal, entry)
                + chrome.article_tools()
                + "</div>\n"
            )
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{entry.title}_{portal.site.site_name}",
            meta,
            chrome.breadcrumb(crumbs) + main + entry.after_body,
            "",
            entry.dumped_footer,
        )
