"""Soft 404s: a 200 answer whose page only says the page does not exist, or a page that sends
the reader to the portal's home page instead (3xx, meta refresh)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from govcrawl.contract.cleaned_page import CleanedPage

_NOT_FOUND = re.compile(
    r"(页面不存在|网页不存在|页面未找到|找不到(该|此|您要访问的)?页面|页面已删除|信息不存在|文章不存在"
    r"|您访问的页面|404\s*(not\s*found|错误)|page\s+not\s+found)",
    re.I,
)


def looks_like_soft_404(page: CleanedPage, max_chars: int = 400) -> bool:
    """True when the page is short and says, in its title or text, that nothing is there."""
    text = page.text or ""
    if len(text) > max_chars:
        return False
    return bool(_NOT_FOUND.search((page.title or "") + "\n" + text))


_HOME_PATHS = {
    "",
    "/",
    "/index.html",
    "/index.htm",
    "/index.shtml",
    "/index.jsp",
    "/index.php",
    "/default.html",
    "/default.htm",
    "/default.aspx",
    "/default.asp",
    "/index.asp",
    "/index.aspx",
}


def redirected_to_home(url: str, final_url: str | None) -> bool:
    """True when a request for a deeper page ended on the site's home page (a removed page)."""
    if not final_url or final_url == url:
        return False
    asked, landed = urlsplit(url), urlsplit(final_url)
    return (
        landed.path.split(";")[0].lower() in _HOME_PATHS
        and not landed.query
        and asked.path.split(";")[0].lower() not in _HOME_PATHS
    )
