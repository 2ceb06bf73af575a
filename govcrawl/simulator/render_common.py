"""Pieces every CMS flavour shares: home page, soft-404 page, attachment links, list items."""

from __future__ import annotations

import zlib
from html import escape

from . import chrome
from .world import Entry, Portal


def views_for(entry: Entry) -> int:
    """A stable fake view counter (chrome, not content)."""
    return 100 + zlib.crc32(entry.path.encode()) % 5000


def attachments_html(portal: Portal, entry: Entry) -> str:
    if not entry.attachments:
        return ""
    links = "".join(
        f'<p><a href="{escape(a.path)}" target="_blank" title="{escape(a.label)}">{escape(a.label)}</a></p>'
        for a in entry.attachments)
    return f'<div class="attachments"><p>附件：</p>{links}</div>\n'


class BaseRenderer:
    cms = "generic"

    def column_paths(self, portal: Portal) -> list[str]:
        raise NotImplementedError

    def home_html(self, portal: Portal) -> str:
        column = self.column_paths(portal)[0]
        body = (
            '<div class="home-columns">'
            '<div class="col-box"><h3><a href="/zwgk/">政府信息公开</a></h3><ul>'
            '<li><a href="/zwgk/xxgkzn/">政府信息公开指南</a></li>'
            '<li><a href="/zwgk/xxgkzd/">政府信息公开制度</a></li>'
            '<li><a href="/zwgk/fdzdgknr/">法定主动公开内容</a></li>'
            f'<li><a href="{escape(column)}">{escape(portal.column_name)}</a></li>'
            "</ul></div>"
            '<div class="col-box"><h3><a href="/xwdt/">新闻动态</a></h3><ul>'
            '<li><a href="/xwdt/gzdt/">工作动态</a></li><li><a href="/xwdt/tzgg/">通知公告</a></li></ul></div>'
            "</div>\n"
        )
        meta = {"SiteName": portal.site.site_name, "SiteDomain": portal.host, "SiteIDCode": portal.site.site_code}
        return chrome.document(portal.site, portal.charset_label, portal.site.site_name, meta, body)

    def soft_404_html(self, portal: Portal, entry: Entry) -> str:
        body = (
            chrome.breadcrumb([("页面不存在", None)]) +
            '<div class="error-page"><div class="error-img"><img src="/images/404.png"></div>'
            "<h2>页面不存在</h2><p>抱歉，您访问的页面不存在或已被删除！</p>"
            '<p><span id="sec">5</span>秒后自动返回<a href="/">网站首页</a></p></div>\n'
            '<script>var s=5;setInterval(function(){if(--s<=0){location.href="/";}'
            'document.getElementById("sec").innerHTML=s;},1000);</script>\n'
        )
        return chrome.document(portal.site, portal.charset_label, f"页面不存在 - {portal.site.site_name}", None, body)

    def list_items(self, entries: list[Entry], href) -> str:
        return "\n".join(
            f'<li><a href="{escape(href(e))}" target="_blank" title="{escape(e.title)}">{escape(e.title)}</a>'
            f'<span class="date">{e.date}</span></li>' for e in entries)
