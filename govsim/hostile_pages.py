"""What the hostile portals serve (see hostile.py for the world): script-built lists and articles
(a Vue-style shell over JSON, a document.write list), the 加速乐-style 521 cookie challenge, paging
traps (endless calendar, ever-growing query strings) and links rewritten with a fresh ;jsessionid=."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from html import escape
from urllib.parse import parse_qsl

from . import chrome
from .generic import GenericRenderer
from .messages import Request, Response
from .portal import Entry, Portal


def _redirect(location: str, status: int = 302) -> Response:
    return Response(status, b"", "text/html", {"Location": location})


# ---- script-built pages ------------------------------------------------------------------

_SPA_LIST_JS = """
(function () {
  var m = /[?&]page=(\\d+)/.exec(location.search), page = m ? parseInt(m[1], 10) : 1;
  var xhr = new XMLHttpRequest();
  xhr.open("GET", "%(api)s?page=" + page);
  xhr.onload = function () {
    var data = JSON.parse(xhr.responseText), html = "";
    for (var i = 0; i < data.items.length; i++) {
      var it = data.items[i];
      html += '<li><a href="' + it.url + '" target="_blank" title="' + it.title + '">' + it.title +
              '</a><span class="date">' + it.date + '</span></li>';
    }
    document.getElementById("list").innerHTML = html;
    var pager = "共" + data.pages + "页 当前第" + page + "页";
    if (page < data.pages) { pager += ' <a href="?page=' + (page + 1) + '">下一页</a>'; }
    document.getElementById("pager").innerHTML = pager;
  };
  xhr.send();
})();
"""

_SPA_ARTICLE_JS = """
(function () {
  fetch("%(api)s").then(function (r) { return r.json(); }).then(function (doc) {
    document.getElementById("zoom").innerHTML = doc.content;
    document.getElementById("pubdate").textContent = "发布时间：" + doc.date;
  });
})();
"""


class SpaRenderer(GenericRenderer):
    """The HTML carries the chrome only; lists and article bodies come from /api/… JSON."""

    api_prefix = "/api/ndbg/"

    def column_paths(self, portal: Portal) -> list[str]:
        return [portal.column_dir + "index.html"]

    def route(self, portal: Portal, req: Request) -> Response | None:
        if req.path == portal.column_dir + "index.html" or (req.path == portal.column_dir and not req.query):
            return portal.html_response(self.shell_list(portal), modified=portal.last_modified())
        if req.path == self.api_prefix + "list.json":
            page = int(dict(parse_qsl(req.query)).get("page", "1") or 1)
            pages = portal.pages()
            entries = pages[page - 1] if 0 < page <= len(pages) else []
            data = {"pages": len(pages), "items": [{"url": e.path, "title": e.title, "date": e.date} for e in entries]}
            return Response(200, json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8")
        m = re.fullmatch(re.escape(self.api_prefix) + r"article/(\d+)\.json", req.path)
        if m:
            entry = next((e for e in portal.entries if e.doc_id == int(m.group(1))), None)
            if entry is None:
                return None
            data = {"title": entry.title, "date": entry.date, "content": entry.body()}
            return Response(200, json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8")
        return None

    def shell_list(self, portal: Portal) -> str:
        body = (
            chrome.breadcrumb([("信息公开", "/zwgk/"), (portal.column_name, None)])
            + f'<div id="app" class="list-box"><h2 class="list-title">{escape(portal.column_name)}</h2>'
            '<ul class="news-list" id="list"></ul><div class="pagination" id="pager"></div></div>\n'
            f"<script>{_SPA_LIST_JS % {'api': self.api_prefix + 'list.json'}}</script>\n"
        )
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{portal.column_name}_{portal.site.site_name}",
            {"SiteName": portal.site.site_name, "ColumnName": portal.column_name},
            body,
        )

    def detail_html(self, portal: Portal, entry: Entry) -> str:
        meta = {
            "SiteName": portal.site.site_name,
            "ColumnName": portal.column_name,
            "ArticleTitle": entry.title,
            "ContentSource": entry.source,
        }
        api = f"{self.api_prefix}article/{entry.doc_id}.json"
        main = (
            f'<div class="article"><h1 class="article-title">{escape(entry.title)}</h1>\n'
            f'<div class="article-infos"><span id="pubdate"></span><span class="source">来源：{escape(entry.source)}'
            '</span></div>\n<div id="zoom" class="article-content"></div>\n'
            + chrome.article_tools()
            + f"</div>\n<script>{_SPA_ARTICLE_JS % {'api': api}}</script>\n"
        )
        crumbs = [("信息公开", "/zwgk/"), (portal.column_name, self.column_paths(portal)[0]), ("正文", None)]
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{entry.title}_{portal.site.site_name}",
            meta,
            chrome.breadcrumb(crumbs) + main,
        )


class DocumentWriteRenderer(GenericRenderer):
    """An old CMS template: the list rows are an inline JS array written out by document.write."""

    def list_html(self, portal: Portal, index: int, paths: list[str]) -> str:
        rows = [[e.path, e.title, e.date] for e in portal.pages()[index]]
        script = (
            '<script type="text/javascript">\nvar docs = ' + json.dumps(rows, ensure_ascii=False) + ";\n"
            "for (var i = 0; i < docs.length; i++) {\n"
            "  document.write('<li><a href=\"' + docs[i][0] + '\" target=\"_blank\">' + docs[i][1] +"
            " '</a><span class=\"date\">' + docs[i][2] + '</span></li>');\n}\n</script>"
        )
        main = (
            f'<div class="list-box"><h2 class="list-title">{escape(portal.column_name)}</h2>'
            f'<ul class="news-list">\n{script}\n</ul></div>\n'
        )
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{portal.column_name}_{portal.site.site_name}",
            {"SiteName": portal.site.site_name, "ColumnName": portal.column_name},
            chrome.breadcrumb([("信息公开", "/zwgk/"), (portal.column_name, None)]) + main,
        )


# ---- anti-bot wall -------------------------------------------------------------------------


def _clearance(host: str) -> str:
    return hashlib.sha1(f"jsl|{host}".encode()).hexdigest()[:24]


def jsl_challenge_gate(portal: Portal, req: Request) -> Response | None:
    """加速乐-style: 521 plus a script that sets __jsl_clearance_s and reloads; a browser that runs it
    comes back with the cookie and is let through. Plain HTTP clients never are."""
    token = _clearance(portal.host)
    if f"__jsl_clearance_s={token}" in req.headers.get("cookie", ""):
        return None
    parts = "+".join(f"('{c}')" for c in f"__jsl_clearance_s={token}")
    body = (
        f"<script>document.cookie={parts}+';Max-Age=3600;path=/';"
        "location.href=location.pathname+location.search</script>"
    )
    return Response(
        521,
        body.encode(),
        "text/html",
        {
            "Set-Cookie": f"__jsluid_s={token[:16]}; max-age=31536000; path=/; HttpOnly",
            "Server": "jsl",
            "Cache-Control": "no-cache",
        },
    )


# ---- traps ---------------------------------------------------------------------------------


class TrapRenderer(GenericRenderer):
    """Column lists whose paging never ends: a month calendar (?date=YYYY-MM, 下一页 is always next
    month) and a filter list whose 下一页 adds one more query parameter each time."""

    def route(self, portal: Portal, req: Request) -> Response | None:
        calendar, filters = portal.options["calendar_dir"], portal.options["filter_dir"]
        if req.path in portal.options["redirects"]:
            return _redirect(portal.options["redirects"][req.path])
        if req.path == calendar + "index.html":
            query = dict(parse_qsl(req.query))
            month = query.get("date", "2025-01")
            return portal.html_response(self._calendar_page(portal, month))
        if req.path == filters + "index.html":
            return portal.html_response(self._filter_page(portal, req.query))
        return None

    def _list(self, portal: Portal, entries: list[Entry], pager: str, name: str) -> str:
        items = self.list_items(entries, lambda e: e.path) or "<li>本月暂无信息</li>"
        main = (
            f'<div class="list-box"><h2 class="list-title">{escape(name)}</h2>'
            f'<ul class="news-list">\n{items}\n</ul>\n<div class="pagination">{pager}</div></div>\n'
        )
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{name}_{portal.site.site_name}",
            {"SiteName": portal.site.site_name, "ColumnName": name},
            main,
        )

    def _calendar_page(self, portal: Portal, month: str) -> str:
        y, m = (int(x) for x in month.split("-")[:2]) if re.fullmatch(r"\d{4}-\d{1,2}", month) else (2025, 1)
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        entries = (
            [e for e in portal.listed_entries() if e.path.startswith(portal.column_dir)] if month == "2025-01" else []
        )
        pager = (
            f'{y}年{m}月 <a href="index.html?date={y - (m == 1)}-{12 if m == 1 else m - 1:02d}">上一月</a> '
            f'<a href="index.html?date={ny}-{nm:02d}">下一页</a>'
        )
        return self._list(portal, entries, pager, portal.column_name)

    def _filter_page(self, portal: Portal, query: str) -> str:
        n = len(parse_qsl(query)) + 1
        nxt = (query + "&" if query else "") + f"f{n}={n}"
        entries = [e for e in portal.listed_entries() if e.path.startswith(portal.options["filter_dir"])]
        return self._list(portal, entries, f'<a href="index.html?{escape(nxt)}">下一页</a>', "公开年报")


class SessionIdRenderer(GenericRenderer):
    """A Java CMS that rewrites every link with ;jsessionid=… and starts a new session on each answer
    (the servlet container ignores the path parameter when routing; see World.respond)."""

    def __init__(self) -> None:
        self._sessions = itertools.count(1)

    def list_html(self, portal: Portal, index: int, paths: list[str]) -> str:
        html = super().list_html(portal, index, paths)
        sid = hashlib.md5(f"{portal.host}|{next(self._sessions)}".encode()).hexdigest().upper()
        return re.sub(
            r'href="(?!https?:|//|javascript:|#)([^"]+)"', lambda m: f'href="{m.group(1)};jsessionid={sid}"', html
        )
