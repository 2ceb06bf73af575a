"""hostile_world(): portals that behave the way real crawls find them at their worst.

| portal | what it does |
|---|---|
| yjj.wuhu.gov.cn | Vue-style page: the column and the articles are empty shells filled by scripts from JSON; seed `render: browser` |
| rfb.bengbu.gov.cn | old CMS whose list is written by `document.write` from an inline array; seed `render: http` (auto-detected) |
| yjj.ahsz.gov.cn | every URL answers 521 with a JavaScript cookie challenge (加速乐-style WAF) |
| yjj.chizhou.gov.cn | https only, with an expired certificate; http is redirected to https |
| www.tongling.gov.cn | https with a certificate signed by the simulator's CA (verifies when that CA is trusted) |
| yjj.huangshan.gov.cn | traps: redirect loop, off-domain redirect, report moved to the home page, endless calendar paging, ever-growing query strings |
| www.mas.gov.cn | Java CMS rewriting every link with a fresh `;jsessionid=` |
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from html import escape
from urllib.parse import parse_qsl

from . import chrome
from .chrome import SiteInfo
from .demo import _NAV, _other, _paras, _synth_entry
from .generic import GenericRenderer
from .world import Entry, Portal, Request, Response, World

OFFSITE_LANDING = "http://www.daohang-tuijian.com/landing.html"


def _site(name: str, code: str, icp: str, beian: str, address: str, postcode: str, phone: str) -> SiteInfo:
    return SiteInfo(name, name, f"{name}办公室", code, icp, beian, address, postcode, phone, _NAV)


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


# ---- the portals ---------------------------------------------------------------------------


def _wuhu() -> Portal:
    p = Portal(
        "340200-yjj",
        "芜湖市应急管理局",
        "340200",
        "department",
        "yjj.wuhu.gov.cn",
        SpaRenderer(),
        _site(
            "芜湖市应急管理局",
            "3402000021",
            "皖ICP备05001652号",
            "皖公网安备 34020202000211号",
            "芜湖市鸠江区中江大道188号",
            "241000",
            "0553-3111234",
        ),
        "/zwgk/ndbg/",
        page_size=2,
        render="browser",
        options={"article": "{col}{ym}/t{ymd}_{id}.html"},
    )
    p.entries = [
        _synth_entry(p, "芜湖市应急管理局", 2023, "2021", "2024-01-22", 7301),
        _synth_entry(p, "芜湖市应急管理局", 2022, "2021", "2023-01-19", 6802),
        _other(
            p,
            "distractor",
            "市应急管理局开展安全生产大检查",
            "2023-06-02",
            7011,
            _paras("6月2日，市应急管理局对重点企业开展安全生产大检查。"),
            "开展安全生产大检查",
        ),
    ]
    return p


def _bengbu() -> Portal:
    p = Portal(
        "340300-rfb",
        "蚌埠市人民防空办公室",
        "340300",
        "department",
        "rfb.bengbu.gov.cn",
        DocumentWriteRenderer(),
        _site(
            "蚌埠市人民防空办公室",
            "3403000018",
            "皖ICP备05012377号",
            "皖公网安备 34030202000089号",
            "蚌埠市龙子湖区东海大道4588号",
            "233000",
            "0552-2041234",
        ),
        "/xxgk/ndbg/",
        page_size=5,
        options={"article": "{col}{ym}/t{ymd}_{id}.html"},
    )
    p.entries = [
        _synth_entry(p, "蚌埠市人民防空办公室", 2023, "2021", "2024-01-26", 4403),
        _other(
            p,
            "distractor",
            "蚌埠市开展防空警报试鸣活动",
            "2023-09-16",
            4201,
            _paras("9月16日，全市开展防空警报试鸣活动。"),
            "防空警报试鸣",
        ),
    ]
    return p


def _suzhou_waf() -> Portal:
    p = Portal(
        "341300-yjj",
        "宿州市应急管理局",
        "341300",
        "department",
        "yjj.ahsz.gov.cn",
        GenericRenderer(),
        _site(
            "宿州市应急管理局",
            "3413000027",
            "皖ICP备05015331号",
            "皖公网安备 34130202000112号",
            "宿州市埇桥区银河一路188号",
            "234000",
            "0557-3021234",
        ),
        "/xxgk/ndbg/",
        page_size=5,
        gate=jsl_challenge_gate,
    )
    p.entries = [_synth_entry(p, "宿州市应急管理局", 2023, "2021", "2024-01-24", 5501, kind="blocked")]
    return p


def _chizhou_expired() -> Portal:
    p = Portal(
        "341700-yjj",
        "池州市应急管理局",
        "341700",
        "department",
        "yjj.chizhou.gov.cn",
        GenericRenderer(),
        _site(
            "池州市应急管理局",
            "3417000012",
            "皖ICP备05018842号",
            "皖公网安备 34170202000033号",
            "池州市贵池区长江南路1号",
            "247100",
            "0566-2021234",
        ),
        "/zwgk/gknb/",
        page_size=5,
        scheme="https",
        tls_cert="expired",
        options={"article": "{col}{ymd}/i{id}.html"},
    )
    p.entries = [_synth_entry(p, "池州市应急管理局", 2023, "2021", "2024-01-30", 3307)]
    return p


def _tongling_valid() -> Portal:
    p = Portal(
        "340700-zf",
        "铜陵市人民政府",
        "340700",
        "city",
        "www.tongling.gov.cn",
        GenericRenderer(),
        _site(
            "铜陵市人民政府",
            "3407000001",
            "皖ICP备05003821号",
            "皖公网安备 34070202000001号",
            "铜陵市铜官区长江中路1号",
            "244000",
            "0562-2821234",
        ),
        "/zwgk/zfxxgknb/",
        page_size=5,
        scheme="https",
        tls_cert="valid",
        options={"article": "{col}{ymd}/i{id}.html"},
    )
    p.entries = [_synth_entry(p, "铜陵市人民政府", 2023, "2021", "2024-03-20", 9101)]
    return p


def _huangshan_traps() -> Portal:
    calendar, filters = "/zwgk/ndbg/", "/zwgk/gknb/"
    p = Portal(
        "341000-yjj",
        "黄山市应急管理局",
        "341000",
        "department",
        "yjj.huangshan.gov.cn",
        TrapRenderer(),
        _site(
            "黄山市应急管理局",
            "3410000019",
            "皖ICP备05010018号",
            "皖公网安备 34100202000052号",
            "黄山市屯溪区戴震路1号",
            "245000",
            "0559-2351234",
        ),
        calendar,
        page_size=20,
        start_paths=[calendar + "index.html", filters + "index.html"],
        options={"calendar_dir": calendar, "filter_dir": filters, "article": "{col}{ymd}/i{id}.html"},
    )
    loop_a, loop_b = calendar + "20230125/i2201.html", calendar + "20230125/i2201_1.html"
    p.options["redirects"] = {loop_b: loop_a}  # the second half of the loop is not linked anywhere
    p.entries = [
        _synth_entry(p, "黄山市应急管理局", 2023, "2021", "2024-01-23", 2301),
        Entry(
            loop_a,
            "redirect_loop",
            "黄山市应急管理局2022年政府信息公开工作年度报告",
            "2023-01-25",
            lambda: "",
            doc_id=2201,
            answer=lambda portal, e, r: _redirect(loop_b),
        ),
        Entry(
            calendar + "20220120/i2101.html",
            "offsite_redirect",
            "黄山市应急管理局2021年政府信息公开工作年度报告",
            "2022-01-20",
            lambda: "",
            doc_id=2101,
            answer=lambda portal, e, r: _redirect(OFFSITE_LANDING),
        ),
        Entry(
            calendar + "20210128/i2001.html",
            "soft_404",
            "黄山市应急管理局2020年政府信息公开工作年度报告",
            "2021-01-28",
            lambda: "",
            doc_id=2001,
            answer=lambda portal, e, r: _redirect("/"),
        ),
    ]
    p.entries.append(_synth_entry(p, "黄山市应急管理局", 2019, "2019", "2020-01-21", 1901))
    p.entries[-1].path = filters + "20200121/i1901.html"
    return p


def _maanshan_sessions() -> Portal:
    p = Portal(
        "340500-zf",
        "马鞍山市人民政府",
        "340500",
        "city",
        "www.mas.gov.cn",
        SessionIdRenderer(),
        _site(
            "马鞍山市人民政府",
            "3405000001",
            "皖ICP备05002981号",
            "皖公网安备 34050202000001号",
            "马鞍山市雨山区湖东中路1号",
            "243000",
            "0555-2341234",
        ),
        "/zwgk/zfxxgknb/",
        page_size=2,
        options={"article": "{col}{ymd}/i{id}.html"},
    )
    p.entries = [
        _synth_entry(p, "马鞍山市人民政府", 2023, "2021", "2024-03-28", 8803),
        _synth_entry(p, "马鞍山市人民政府", 2022, "2021", "2023-03-27", 8702),
        _synth_entry(p, "马鞍山市人民政府", 2021, "2021", "2022-03-25", 8601),
    ]
    return p


def hostile_world() -> World:
    """A fresh hostile world (fresh per-URL state each call)."""
    return World(
        [
            _wuhu(),
            _bengbu(),
            _suzhou_waf(),
            _chizhou_expired(),
            _tongling_valid(),
            _huangshan_traps(),
            _maanshan_sessions(),
        ],
        name="hostile",
    )
