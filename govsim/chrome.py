"""Site chrome shared by the simulated portals: head/meta, top bar, navigation, breadcrumb,
article tools (字体 大 中 小 / 打印本页 / 关闭窗口 / 分享到), byline and the footer with 主办/承办,
网站标识码, ICP备案, 公网安备, 地址/邮编/电话 — modelled on the real pages kept in tests/fixtures/clean.

Everything a cleaner must strip lives here, so every simulated page carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class SiteInfo:
    """Footer facts of one portal."""

    site_name: str
    organizer: str  # 主办
    operator: str  # 承办
    site_code: str  # 网站标识码 (10 digits)
    icp: str  # e.g. 粤ICP备05012345号
    beian: str  # e.g. 粤公网安备 44130202000123号
    address: str
    postcode: str
    phone: str
    nav: tuple[tuple[str, str], ...] = ()  # (label, href) of the main navigation


def head(title: str, charset: str, meta: dict[str, str] | None = None, extra: str = "") -> str:
    metas = "".join(f'\n<meta name="{escape(k)}" content="{escape(v)}">' for k, v in (meta or {}).items())
    return (
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        f'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f'<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">\n'
        f'<meta name="renderer" content="webkit">{metas}\n'
        f"<title>{escape(title)}</title>\n"
        f'<link href="/images/base.css" rel="stylesheet" type="text/css">\n'
        f'<script type="text/javascript" src="/images/jquery.min.js"></script>\n'
        f'<script type="text/javascript" src="/images/common.js"></script>\n{extra}</head>\n'
    )


def topbar_and_nav(site: SiteInfo) -> str:
    nav = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in site.nav)
    return (
        '<!-- TopBar -->\n<div class="topbar"><div class="topbar-inner">'
        '<span class="left"><a href="http://www.gov.cn/" target="_blank">中国政府网</a>'
        '<a href="javascript:void(0)" onclick="SetHome(this,window.location)">设为首页</a>'
        '<a href="javascript:void(0)" onclick="AddFavorite(window.location,document.title)">加入收藏</a></span>'
        '<span class="right"><a href="javascript:StranBody()" id="StranLink">繁體</a> | '
        '<a href="javascript:void(0)" id="toolbarCtrl">无障碍浏览</a> | <a href="/wap/">手机版</a></span>'
        "</div></div>\n"
        f'<!-- Header -->\n<div class="header"><div class="logo"><a href="/"><h1>{escape(site.site_name)}</h1></a></div>'
        '<div class="search"><form action="/search/search.jsp" method="get" target="_blank">'
        '<input type="text" name="q" value="请输入关键字"><input type="submit" value="搜索"></form></div></div>\n'
        f'<!-- MainNav -->\n<div class="main-nav"><ul><li><a href="/">首页</a></li>{nav}</ul></div>\n'
    )


def breadcrumb(crumbs: Sequence[tuple[str, str | None]]) -> str:
    parts = ['<a href="/">首页</a>']
    for label, href in crumbs:
        parts.append(f'<a href="{escape(href)}">{escape(label)}</a>' if href else f"<span>{escape(label)}</span>")
    return '<div class="breadcrumb"><span class="pos-label">当前位置：</span>' + " &gt; ".join(parts) + "</div>\n"


def byline(date_time: str, source: str, views: int) -> str:
    return (
        '<div class="article-infos">'
        f'<span class="pubdate">发布时间：{escape(date_time)}</span>'
        f'<span class="source">来源：{escape(source)}</span>'
        f'<span class="views">浏览次数：<script>document.write("{views}")</script><noscript>{views}</noscript></span>'
        '<span class="font-size">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a>】</span>'
        "</div>\n"
    )


def article_tools() -> str:
    return (
        '<div class="article-tools">'
        '<div class="share">分享到：<a href="javascript:share.weibo();" title="分享到新浪微博">微博</a>'
        '<a href="javascript:void(0);" class="share-weixin" title="分享到微信">微信</a>'
        '<a href="javascript:share.qzone();" title="分享到QQ空间">QQ空间</a></div>'
        '<div class="tools"><a href="javascript:window.print()">【打印本页】</a> '
        '<a href="javascript:window.close()">【关闭窗口】</a></div>'
        "</div>\n"
    )


def footer(site: SiteInfo, dumped_lines: tuple[str, ...] = ()) -> str:
    """The footer; `dumped_lines` replaces the generated text when a sample carried its own footer."""
    if dumped_lines:
        inner = "".join(f"<p>{escape(line)}</p>" for line in dumped_lines)
    else:
        inner = (
            '<p><a href="/wzgl/gywm/">关于我们</a> | <a href="/wzgl/wzdt/">网站地图</a> | '
            '<a href="/wzgl/lxwm/">联系我们</a> | <a href="/wzgl/wzsm/">网站声明</a></p>'
            f"<p>主办：{escape(site.organizer)}&nbsp;&nbsp;承办：{escape(site.operator)}&nbsp;&nbsp;"
            f"网站标识码：{escape(site.site_code)}</p>"
            f'<p><a href="https://beian.miit.gov.cn/" target="_blank">{escape(site.icp)}</a>&nbsp;&nbsp;'
            f'<a href="http://www.beian.gov.cn/portal/registerSystemInfo" target="_blank">'
            f'<img src="/images/ga.png">{escape(site.beian)}</a></p>'
            f"<p>地址：{escape(site.address)}&nbsp;&nbsp;邮编：{escape(site.postcode)}&nbsp;&nbsp;"
            f"电话：{escape(site.phone)}</p>"
        )
    return (
        '<!-- Footer -->\n<div class="footer"><div class="conac">'
        '<a href="http://bszs.conac.cn/sitename?method=show" target="_blank"><img src="/images/red.png"></a></div>'
        f'<div class="copyright">{inner}</div>'
        f'<script id="_jiucuo_" sitecode="{escape(site.site_code)}" src="http://pucha.kaipuyun.cn/exposure/jiucuo.js">'
        "</script></div>\n"
        '<script id="_trs_ta_js" src="//ta.trs.cn/c/js/ta.js?mpid=695" async="" defer=""></script>\n'
    )


def document(
    site: SiteInfo,
    charset: str,
    title: str,
    meta: dict[str, str] | None,
    body: str,
    head_extra: str = "",
    dumped_footer: tuple[str, ...] = (),
) -> str:
    return (
        head(title, charset, meta, head_extra)
        + "<body>\n"
        + topbar_and_nav(site)
        + '<div class="main-content">\n'
        + body
        + "</div>\n"
        + footer(site, dumped_footer)
        + "</body></html>\n"
    )
