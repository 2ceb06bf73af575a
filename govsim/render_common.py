"""Pieces every CMS flavour shares: navigation pages (nav.py), soft-404 page, attachment links, list items."""

from __future__ import annotations

import zlib
from html import escape

from . import chrome, nav
from .messages import Request, Response
from .portal import Entry, Portal


def views_for(entry: Entry) -> int:
    """A stable fake view counter (chrome, not content)."""
    return 100 + zlib.crc32(entry.path.encode()) % 5000


def attachments_html(portal: Portal, entry: Entry) -> str:
    if not entry.attachments:
        return ""
    links = "".join(
        f'<p><a href="{escape(a.path)}" target="_blank" title="{escape(a.label)}">{escape(a.label)}</a></p>'
        for a in entry.attachments
    )
    return f'<div class="attachments"><p>附件：</p>{links}</div>\n'


class BaseRenderer:
    cms = "generic"

    def column_paths(self, portal: Portal) -> list[str]:
        raise NotImplementedError

    def home_html(self, portal: Portal) -> str:
        return nav.home_html(portal)

    def nav_route(self, portal: Portal, req: Request) -> Response | None:
        """Home page, 政务公开, the 政府信息公开 platform, 部门年报 and the distractor sections."""
        return nav.route(portal, req)

    def soft_404_html(self, portal: Portal, entry: Entry) -> str:
        body = (
            chrome.breadcrumb([("页面不存在", None)])
            + '<div class="error-page"><div class="error-img"><img src="/images/404.png"></div>'
            "<h2>页面不存在</h2><p>抱歉，您访问的页面不存在或已被删除！</p>"
            '<p><span id="sec">5</span>秒后自动返回<a href="/">网站首页</a></p></div>\n'
            '<script>var s=5;setInterval(function(){if(--s<=0){location.href="/";}'
            'document.getElementById("sec").innerHTML=s;},1000);</script>\n'
        )
        return chrome.document(portal.site, portal.charset_label, f"页面不存在 - {portal.site.site_name}", None, body)

    def list_items(self, entries: list[Entry], href) -> str:
        return "\n".join(
            f'<li><a href="{escape(href(e))}" target="_blank" title="{escape(e.title)}">{escape(e.title)}</a>'
            f'<span class="date">{e.date}</span></li>'
            for e in entries
        )
