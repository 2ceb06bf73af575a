"""Text rules for the page chrome that structure-based removal leaves behind.

Works on normalised, simplified lines. Every rule matches a whole line (anchored), never a
word inside a paragraph, because reports legitimately say 网站, 地址 or 主办. Footer-style
lines (主办/地址/邮编/电话…) are only removed as part of the trailing run of chrome lines at
the end of the text: sample 002 has "地址:衢州市江郎中路2号;邮编:324000" inside its body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SEP = r"[\s|丨｜/·•>»›\-—_]*"

# Lines that are chrome wherever they stand.
_ALWAYS = [
    re.compile(p)
    for p in (
        # breadcrumbs
        r"^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置|当前的位置)[:：].*$",
        r"^首页(?:\s*[>»›/]\s*[^\s>»›/]{1,20}){1,6}$",
        # font size switches and print/close/share tools (any mix of them on one line)
        r"^[【\[(（]?\s*(?:字体|字号|文字)\s*[:：]?.{0,3}(?:大|放大)\s*.{0,3}(?:中|正常|默认)\s*.{0,3}(?:小|缩小).*$",
        r"^(?:[【\[(（]?\s*(?:大|中|小|打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|回到顶部|返回|收藏|加入收藏|"
        r"保存|下载|分享|纠错|我要纠错|字体|字号|放大|缩小|正常|默认|繁体|简体|无障碍|扫一扫|"
        r"上一页|下一页|读取|分享到)\s*[】\]）)]?[\s:：|丨]*)+$",
        r"^分享到[:：]?.*$",
        r"^(?:扫一扫|用手机扫描|手机扫描|扫描二维码|微信扫一扫|扫码).{0,30}$",
        r"^.{0,20}(?:在手机打开当前页|分享到微信朋友圈|手机阅读).{0,20}$",
        # bylines: dates, authors, counters, sources (short lines only)
        r"^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*)?"
        r"(?:(?:发布时间|发布日期|时间|日期|来源|信息来源|文章来源|稿件来源|作者|撰稿|编辑|责任编辑|审核|点击数|点击量|点击|"
        r"浏览次数|浏览量|浏览|阅读次数|阅读量|阅读|访问量|访问次数|发布机构|发布者|文字)\s*[:：]\s*[^\n]{0,40}?\s*){1,6}$",
        r"^[(（]?\s*(?:责任编辑|编辑|校对|审核|来源|作者)\s*[:：][^\n]{0,20}[)）]?$",
        # previous/next and related blocks
        r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]?.*$",
        r"^[【\[]?(?:相关链接|相关词条|热门词条|联络我们|联系我们|相关文章|相关阅读|相关新闻|相关信息|相关稿件|"
        r"友情链接|网站地图|热点推荐|推荐阅读|猜你喜欢|热门文章|最新文章)[】\]]?\s*[:：]?$",
        # footer lines with markers no report paragraph carries
        r"^.{0,80}(?:[\u4e00-\u9fff]ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|本站已支持IPv6|"
        r"技术支持[:：]|网站标识[:：]).{0,120}$",
        # runs of table-border pipes left by page dumps
        r"^[\s|｜]*$",
    )
]

# Lines that are chrome only inside the trailing footer run.
_FOOTER = [
    re.compile(p)
    for p in (
        r"^(?:主办|承办|主管|协办|运营|运维|维护|技术支持|建设|管理)(?:单位)?\s*[:：]?.{0,80}$",
        r"^(?:地址|通讯地址|联系地址|邮编|邮政编码|电话|联系电话|运维电话|服务电话|传真|邮箱|电子邮箱|E-?mail)\s*[:：].{0,120}$",
        r"^(?:网站声明|隐私声明|安全隐私|版权保护|版权声明|关于我们|联系我们|网站地图|使用帮助|建议使用|推荐分辨率|"
        r"访问统计|返回首页|设为首页|意见建议|网站纠错|无障碍浏览).{0,80}$",
        r"^(?:相关链接|相关词条|热门词条|联络我们|友情链接)\b.{0,80}$",
        r"^(?:[^\s|丨]{1,10}\s*[|丨]\s*){2,}[^\s|丨]{1,10}$",  # "安全隐私 丨 版权保护 丨 联系我们"
        r"^(?:政府网站|党政机关|找错|纠错|网站找错|政府网站找错|党政机关\s*网站)$",
    )
]

_PIPE_RUN_RE = re.compile(r"\|{3,}")
_WRAPPER_PIPES_RE = re.compile(r"^\|\s+(.*?)(?:\s+\|)?$|^(.*?)\s+\|$")


_BYLINE_DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def byline_date(lines: list[str]) -> str | None:
    """The date on the first byline-like chrome line (e.g. `2026-01-20 作者:佚名 点击数:`),
    as YYYY-MM-DD. The line itself is chrome and goes; its date is page metadata and stays."""
    for line in lines:
        line = strip_pipes(line)
        if line and is_chrome_line(line) and (m := _BYLINE_DATE_RE.search(line)):
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None


_NEXT_FOOTER_LABEL_RE = re.compile(
    r"(?:承办|主管|协办|运维|维护|技术支持|地址|联系电话|电话|邮编|网站标识码|版权所有)(?:单位)?[:：]?"
)
_SITE_OWNER_RE = re.compile(r"^主办(?:单位)?\s*[:：]\s*(?P<owner>[^\s|丨,，;；]{2,40})")


def site_owner(lines: list[str]) -> str | None:
    """The 主办 named in a page dump's footer (`主办：宣城市国防动员办公室`). The footer goes; who
    runs the site is page metadata and stays (the parser's last resort for the agency)."""
    for line in lines:
        m = _SITE_OWNER_RE.match(strip_pipes(line))
        if m and is_footer_line(strip_pipes(line)):
            # spacing normalisation glues the next label on: '主办:X承办:Y' -> X
            return _NEXT_FOOTER_LABEL_RE.split(m.group("owner"), maxsplit=1)[0] or None
    return None


def is_chrome_line(line: str) -> bool:
    return any(rule.match(line) for rule in _ALWAYS)


def is_footer_line(line: str) -> bool:
    return is_chrome_line(line) or any(rule.match(line) for rule in _FOOTER)


def strip_pipes(line: str) -> str:
    """Remove border-pipe runs and the single pipes a page dump wraps around a cell."""
    line = _PIPE_RUN_RE.sub(" ", line).strip()
    inner = line.strip("|").strip()
    if " | " in inner:  # a pipe-separated table row: keep its separators
        return line
    return inner


def remove_chrome_lines(lines: list[str], protected: Callable[[str], bool] = lambda line: False) -> list[str]:
    """Drop chrome lines anywhere, then the trailing run of footer lines.

    `protected` lines (rendered table rows) are never touched and end a footer run.
    """
    kept = []
    for raw in lines:
        if protected(raw):
            kept.append(raw)
            continue
        line = strip_pipes(raw)
        if line and not is_chrome_line(line):
            kept.append(line)
    end = len(kept)
    while end and not protected(kept[end - 1]) and is_footer_line(kept[end - 1]):
        end -= 1
    return kept[:end]
