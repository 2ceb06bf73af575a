"""Discovery: from a home page (or any page that is not a report list) toward the annual-report column.

Every link on such a page gets a score from its anchor text, its title attribute and its URL:
words of the disclosure platform (政府信息公开, 政务公开, 信息公开目录) and of the report column
(政府信息公开年报, 年度报告, 部门年报) and their URL slugs (xxgk, zfxxgk, gknb, ndbg, bmnb) score up;
news, interaction and service sections and article-shaped URLs score down. The spider follows the
best links first (the score is the Scrapy priority) within per-portal bounds.

A page that lists departments (a 部门年报 column, or a 部门网站 box) gives department-named links a
bonus, so the crawl reaches departments' own report columns and sub-sites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from govcrawl.contract.documents import is_document_url
from govcrawl.crawl.cms.base import REPORT_LINK, clean_anchor_text

# (pattern over anchor text + title, points). Patterns are tried in order; each adds once.
TEXT_POINTS: tuple[tuple[re.Pattern, int], ...] = (
    (re.compile(r"(政府信息公开|信息公开|政务公开)(工作)?年(度报告|报)|公开年报"), 12),
    (re.compile(r"部门(年报|年度报告)|部门.{0,4}信息公开年报"), 12),
    (re.compile(r"年度报告|年报"), 8),
    (re.compile(r"政府信息公开|信息公开目录|信息公开平台|信息公开专栏|法定主动公开"), 6),
    (re.compile(r"政务公开|信息公开|公开目录"), 4),
    (re.compile(r"部门(网站|信息公开|公开)|部门导航|部门链接"), 3),
)
# Sections that never hold the column: news, interaction, services, media, site tools.
TEXT_PENALTY = re.compile(
    r"新闻|要闻|动态|资讯|图片|视频|专题|互动|留言|信箱|咨询|调查|征集|访谈|办事|服务|招聘|招标|采购|"
    r"网站地图|无障碍|登录|注册|English|关于我们|联系我们|网站声明|长者|手机版|会议|调研|召开|推进会|活动|工作要点|"
    r"通知|通报|统计年报|统计公报",
    re.I,
)

URL_POINTS: tuple[tuple[re.Pattern, int], ...] = (
    (re.compile(r"(zfxxgknb|xxgknb|zwgknb|gknb|ndbg|zfxxgkndbg|nianbao|annualreport)", re.I), 8),
    (re.compile(r"bmnb|bmxxgk", re.I), 6),
    (re.compile(r"(zfxxgk|xxgk|gkml|gkmlpt|xxgkml)", re.I), 4),
    (re.compile(r"(zwgk|govinfo|gk/)", re.I), 2),
)
URL_PENALTY = re.compile(r"/(xwdt|xwzx|news|hdjl|zwfw|bsfw|hudong|ywdt|tpxw|spxw|gzdt|tzgg|wzgl|search)/", re.I)
# An article, not a column: a date folder, tYYYYMMDD_N, art_…, post_N, content_N, uuid pages.
ARTICLE_URL = re.compile(
    r"(/t\d{8}_\d+|/art_\d+_\d+|/post_\d+|/content_\d+|/\d{6,8}/[^/]+\.s?html?$|/i\d+\.html?$|"
    r"ShowArticle|[0-9a-f]{32}\.html)",
    re.I,
)
# A column's own page: a folder, its index file, or a list script.
COLUMN_URL = re.compile(r"(/|/index(_\d+)?\.\w+|/gkmlpt/index|column-index-\d+\.\w+|ShowClass\.asp)$", re.I)
YEAR = re.compile(r"(19|20)\d{2}")
# Anchor text that names an agency or a lower-level government (a department's site or column).
AGENCY_NAME = re.compile(r"(局|委|办|委员会|办公室|中心|厅|院|署|政府|街道|镇|乡|管委会|公署)$")

FOLLOW_THRESHOLD = 4  # a link needs some positive evidence to be followed
LIST_PAGE_THRESHOLD = 8  # from a page that already lists reports: only column-shaped links
DEPARTMENT_BONUS = 7  # on a page that lists departments, per department-named link
SUBSITE_BONUS = 4  # a department-named link to another host within the portal's domains


@dataclass(frozen=True)
class ScoredLink:
    url: str
    text: str
    score: int
    departments: bool = False  # this link leads to a list of departments (部门年报, 部门网站)


def is_column_link(text: str) -> bool:
    """A link to a report column rather than to one report: report words but no year (政府信息公开年报)."""
    return bool(REPORT_LINK.search(text)) and not YEAR.search(text) and len(text) <= 20


def leads_to_departments(text: str, url: str) -> bool:
    return bool(re.search(r"部门(年报|年度报告|网站|信息公开|导航|链接)", text)) or "bmnb" in url.lower()


HOME_PATHS = {
    "",
    "/",
    "/index.html",
    "/index.htm",
    "/index.shtml",
    "/index.jsp",
    "/index.php",
    "/index.asp",
    "/index.aspx",
    "/default.htm",
    "/default.html",
    "/default.asp",
    "/default.aspx",
}


def is_home_url(url: str) -> bool:
    """A site's front page: its root or root index file (no query)."""
    parts = urlsplit(url)
    return parts.path.lower() in HOME_PATHS and not parts.query


def score_link(text: str, title: str, url: str, *, on_department_list: bool = False, other_host: bool = False) -> int:
    """How promising a link is as a step toward an annual-report column (higher is better)."""
    path = urlsplit(url).path
    if is_document_url(url):
        return -100  # a file, never a step toward a column
    words = " ".join(t for t in (text, title) if t)
    score = sum(points for pattern, points in TEXT_POINTS if pattern.search(words))
    score += sum(points for pattern, points in URL_POINTS if pattern.search(url))
    if TEXT_PENALTY.search(words):
        score -= 8
    if URL_PENALTY.search(url):
        score -= 6
    if ARTICLE_URL.search(url) and not COLUMN_URL.search(path):
        score -= 6
    if YEAR.search(words) and REPORT_LINK.search(words):
        score -= 4  # one report (the list handling takes it), not a column
    department = bool(AGENCY_NAME.search(text.strip()))
    if on_department_list and department:
        score += DEPARTMENT_BONUS
    if other_host and department:
        score += SUBSITE_BONUS
    return score


def page_anchors(response) -> Iterable[tuple[str, str, str]]:
    """(absolute url, anchor text, title attribute) for every followable <a href> of a page."""
    for a in response.css("a[href]"):
        href = (a.attrib.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:", "tel:")):
            continue
        text = clean_anchor_text(" ".join(a.css("::text").getall()))
        title = clean_anchor_text(a.attrib.get("title") or "")
        yield response.urljoin(href), text, title


def rank_links(
    response, *, same_portal, on_department_list: bool = False, threshold: int = FOLLOW_THRESHOLD
) -> list[ScoredLink]:
    """The page's links worth following toward the report column, best first, one per URL.

    `same_portal(url)` says whether a URL is within the portal (its allowed_domains).
    """
    host = urlsplit(response.url).hostname
    best: dict[str, ScoredLink] = {}
    for url, text, title in page_anchors(response):
        if not url.startswith(("http://", "https://")) or not same_portal(url):
            continue
        url = url.split("#", 1)[0]
        if url == response.url.split("#", 1)[0]:
            continue
        score = score_link(
            text, title, url, on_department_list=on_department_list, other_host=urlsplit(url).hostname != host
        )
        if score < threshold:
            continue
        link = ScoredLink(url, text or title, score, leads_to_departments(f"{text} {title}", url))
        if url not in best or best[url].score < score:
            best[url] = link
    return sorted(best.values(), key=lambda link: (-link.score, link.url))
