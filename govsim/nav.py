"""The way from a portal's home page to its annual-report column, as real portals lay it out.

home (/) ─ 政务公开 (/zwgk/) ─ 政府信息公开 (the platform page) ─ 政府信息公开年报 (the column)
                                                              └ 部门年报 (departments' columns)
The home page also carries what a crawler must not wander into: headline news, 通知公告,
办事服务, 互动交流, 专题专栏, 部门网站 (department sub-sites), 友情链接 to other governments.
Section pages answer 200 with a list of news whose articles are not in the world (404).
Real home pages link to the platform directly in about half the cases (`home_platform_link`).

Portal.options used here:
  platform            path of the 政府信息公开 platform page (default /zwgk/zfxxgk/; the renderer may fix it)
  home_platform_link  the home page links 政府信息公开 directly (default False)
  departments         [(name, column url)]: a 部门年报 page under the platform lists them
  subsites            [(name, home url)]: the home page's 部门网站 box
  departments_path    the home page links 部门信息公开 here, a page listing `departments`
"""

from __future__ import annotations

import zlib
from html import escape

from . import chrome
from .messages import Request, Response
from .portal import Portal

SECTIONS = {
    "/xwdt/": "新闻动态",
    "/xwdt/gzdt/": "工作动态",
    "/xwdt/tzgg/": "通知公告",
    "/zcwj/": "政策文件",
    "/zcjd/": "政策解读",
    "/hdjl/": "互动交流",
    "/hdjl/ldxx/": "领导信箱",
    "/hdjl/zxft/": "在线访谈",
    "/bsfw/": "办事服务",
    "/bsfw/grbs/": "个人办事",
    "/bsfw/frbs/": "法人办事",
    "/ztzl/": "专题专栏",
    "/zwgk/zdly/": "重点领域信息公开",
    "/zwgk/zfgb/": "政府公报",
    "/zwgk/jyta/": "建议提案办理",
    "/zwgk/zwgkgz/": "政务公开工作",
    "/zwgk/rsxx/": "人事信息",
}
PLATFORM_SECTIONS = (
    ("xxgkzn/", "政府信息公开指南"),
    ("xxgkzd/", "政府信息公开制度"),
    ("fdzdgknr/", "法定主动公开内容"),
    ("ysqgk/", "依申请公开"),
)
HEADLINES = (
    "市政府召开第{n}次常务会议",
    "我{w}召开{y}年政务公开工作推进会",
    "{w}领导调研安全生产和应急管理工作",
    "{y}年全{w}经济运行情况新闻发布会",
    "关于开展{y}年政府网站和政务新媒体自查的通知",
    "{w}政府与高校签署战略合作协议",
    "关于公开征集{y}年民生实事项目的公告",
)
DEPARTMENTS_PATH = "bmnb/"


def platform_path(portal: Portal) -> str:
    fixed = getattr(portal.renderer, "platform_path", None)
    return fixed(portal) if fixed else portal.options.get("platform", "/zwgk/zfxxgk/")


def column_url(portal: Portal) -> str:
    return portal.renderer.column_paths(portal)[0]


def _links(items) -> str:
    return "".join(
        f'<li><a href="{escape(h)}" target="_blank" title="{escape(t)}">{escape(t)}</a></li>' for t, h in items
    )


def _box(title: str, href: str, items) -> str:
    return (
        f'<div class="col-box"><div class="col-hd"><h3>{escape(title)}</h3>'
        f'<a class="more" href="{escape(href)}">更多&gt;&gt;</a></div><ul>{_links(items)}</ul></div>'
    )


def _news(portal: Portal, section: str, count: int) -> list[tuple[str, str]]:
    """Headline links into a section; their articles are not in the world."""
    word = "市" if portal.level == "city" else ("省" if portal.level == "province" else "县")
    seed = zlib.crc32(f"{portal.host}{section}".encode())
    out = []
    for i in range(count):
        y = 2024 - (i % 2)
        title = HEADLINES[(seed + i) % len(HEADLINES)].format(n=30 + i, w=word, y=y)
        month = 1 + (seed + i) % 12
        out.append((title, f"{section}{y}{month:02d}/t{y}{month:02d}{10 + i:02d}_{seed % 90000 + 1000 + i}.html"))
    return out


def home_html(portal: Portal) -> str:
    o = portal.options
    platform = platform_path(portal)
    gov_items = [
        ("政策文件", "/zcwj/"),
        ("政策解读", "/zcjd/"),
        ("重点领域信息公开", "/zwgk/zdly/"),
        ("政府公报", "/zwgk/zfgb/"),
        ("人事信息", "/zwgk/rsxx/"),
    ]
    if o.get("home_platform_link"):
        gov_items.insert(0, ("政府信息公开", platform))
    if o.get("departments_path"):
        gov_items.append(("部门信息公开", o["departments_path"]))
    boxes = [
        _box("要闻动态", "/xwdt/", _news(portal, "/xwdt/gzdt/", 6)),
        _box("通知公告", "/xwdt/tzgg/", _news(portal, "/xwdt/tzgg/", 4)),
        _box("政务公开", "/zwgk/", gov_items),
        _box(
            "办事服务",
            "/bsfw/",
            [
                ("个人办事", "/bsfw/grbs/"),
                ("法人办事", "/bsfw/frbs/"),
                ("办事指南", "/bsfw/"),
                ("政务服务网", "http://www.gdzwfw.gov.cn/"),
            ],
        ),
        _box(
            "互动交流",
            "/hdjl/",
            [("领导信箱", "/hdjl/ldxx/"), ("在线访谈", "/hdjl/zxft/"), ("征集调查", "/hdjl/"), ("咨询投诉", "/hdjl/")],
        ),
        _box("专题专栏", "/ztzl/", [("优化营商环境", "/ztzl/"), ("安全生产月", "/ztzl/"), ("乡村振兴", "/ztzl/")]),
    ]
    if o.get("subsites"):
        boxes.append(_box("部门网站", "/", o["subsites"]))
    friends = [("中国政府网", "http://www.gov.cn/"), ("国务院部门网站", "http://www.gov.cn/guowuyuan/bumen.htm")]
    body = (
        '<div class="banner"><img src="/images/banner.png"></div>\n<div class="home-columns">'
        + "".join(boxes)
        + '</div>\n<div class="friend-links"><span>友情链接：</span>'
        + "".join(f'<a href="{escape(h)}" target="_blank">{escape(t)}</a>' for t, h in friends)
        + "</div>\n"
    )
    meta = {"SiteName": portal.site.site_name, "SiteDomain": portal.host, "SiteIDCode": portal.site.site_code}
    return chrome.document(portal.site, portal.charset_label, portal.site.site_name, meta, body)


def zwgk_html(portal: Portal) -> str:
    items = [
        ("政府信息公开", platform_path(portal)),
        ("政策文件", "/zcwj/"),
        ("政策解读", "/zcjd/"),
        ("重点领域信息公开", "/zwgk/zdly/"),
        ("政府公报", "/zwgk/zfgb/"),
        ("建议提案办理", "/zwgk/jyta/"),
        ("政务公开工作", "/zwgk/zwgkgz/"),
        ("人事信息", "/zwgk/rsxx/"),
    ]
    body = (
        chrome.breadcrumb([("政务公开", None)])
        + f'<div class="zwgk-index"><h2>政务公开</h2><ul class="zwgk-nav">{_links(items)}</ul></div>\n'
        + _box("政务公开工作动态", "/zwgk/zwgkgz/", _news(portal, "/zwgk/zwgkgz/", 4))
    )
    return chrome.document(portal.site, portal.charset_label, f"政务公开_{portal.site.site_name}", None, body)


def platform_html(portal: Portal) -> str:
    base = platform_path(portal)
    folder = base.rsplit("/", 1)[0] + "/"
    items = [(label, folder + path) for path, label in PLATFORM_SECTIONS[:3]]
    items.append((portal.column_name, column_url(portal)))
    if portal.options.get("departments"):
        items.append(("部门年报", folder + DEPARTMENTS_PATH))
    items.append((PLATFORM_SECTIONS[3][1], folder + PLATFORM_SECTIONS[3][0]))
    body = (
        chrome.breadcrumb([("政务公开", "/zwgk/"), ("政府信息公开", None)])
        + f'<div class="xxgk-platform"><div class="xxgk-left"><h2>政府信息公开</h2><ul>{_links(items)}</ul></div>'
        '<div class="xxgk-right"><p>本平台按照《中华人民共和国政府信息公开条例》要求设置。</p></div></div>\n'
    )
    return chrome.document(portal.site, portal.charset_label, f"政府信息公开_{portal.site.site_name}", None, body)


def departments_html(portal: Portal) -> str:
    body = (
        chrome.breadcrumb([("政府信息公开", platform_path(portal)), ("部门年报", None)])
        + f'<div class="bmnb"><h2>部门年报</h2><ul class="dept-list">{_links(portal.options["departments"])}'
        "</ul></div>\n"
    )
    return chrome.document(portal.site, portal.charset_label, f"部门年报_{portal.site.site_name}", None, body)


def section_html(portal: Portal, path: str, name: str) -> str:
    body = (
        chrome.breadcrumb([(name, None)])
        + f'<div class="list-box"><h2 class="list-title">{escape(name)}</h2><ul class="news-list">'
        f"{_links(_news(portal, path, 8))}</ul></div>\n"
    )
    return chrome.document(portal.site, portal.charset_label, f"{name}_{portal.site.site_name}", None, body)


def route(portal: Portal, req: Request) -> Response | None:
    """The navigation pages of a portal, or None."""
    path = req.path
    platform = platform_path(portal)
    folder = platform.rsplit("/", 1)[0] + "/"
    modified = portal.last_modified()
    if path in ("/", "/index.html", "/index.htm", "/index.shtml"):
        return portal.html_response(home_html(portal), modified=modified)
    if path in ("/zwgk/", "/zwgk/index.html") and platform != "/zwgk/":
        return portal.html_response(zwgk_html(portal), modified=modified)
    if path in (platform, folder, folder + "index.html") and platform != column_url(portal):
        return portal.html_response(platform_html(portal), modified=modified)
    if portal.options.get("departments") and path in (
        folder + DEPARTMENTS_PATH,
        folder + DEPARTMENTS_PATH + "index.html",
        portal.options.get("departments_path"),
    ):
        return portal.html_response(departments_html(portal), modified=modified)
    for sub, label in PLATFORM_SECTIONS:
        if path == folder + sub:
            return portal.html_response(section_html(portal, path, label), modified=modified)
    if path in SECTIONS:
        return portal.html_response(section_html(portal, path, SECTIONS[path]), modified=modified)
    return None
