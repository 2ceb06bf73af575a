"""Is this page an annual report itself, and what is its title?"""

from __future__ import annotations

import re

REPORT_PHRASE_RE = re.compile(
    r"(?:(?:政府信息|政务|信息)公开(?:工作)?(?:年度报告|年报|年度工作报告))"
    r"|(?:年度(?:政府信息|政务)公开(?:工作)?报告)"
)
# Pages about reports, or other yearly documents, that are not a report themselves.
_NEGATIVE_TITLE_RE = re.compile(
    r"通知|关于做好|关于印发|关于报送|关于开展|编制|统计年报|统计公报|统计年鉴|企业年报|年报公示|"
    r"决算|预算|目录|列表|解读|评估|考核|通报|工作要点|公告|新闻|会议|培训"
)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}")
_INTRO_RE = re.compile(r"现将|现公布|现予公布|予以公布|本报告|本年度报告|编制本报告|发布本报告|报告如下|报告由")
_NOTICE_BODY_RE = re.compile(r"通知如下|特此通知|请于\d|请各")
_REPORT_HEADING_WORDS = ("概述", "总体情况", "基本情况", "主动公开", "依申请公开", "收到和处理", "收费", "减免",
                         "行政复议", "行政诉讼", "存在的", "问题", "改进", "其他需要报告")
_SENTENCE_PUNCT_RE = re.compile(r"[。，,；;！!？?]")


def title_from_text(lines: list[str]) -> str | None:
    """The first line when it reads like a report title (text input has no <title>)."""
    first = next((ln.strip() for ln in lines if ln.strip().strip("|").strip()), None)
    if first is None:
        return None
    first = first.strip("|").strip()
    if len(first) <= 80 and not _SENTENCE_PUNCT_RE.search(first) and REPORT_PHRASE_RE.search(first):
        return first
    return None


def _looks_like_list(lines: list[str]) -> bool:
    """A column page: several short lines each naming a report, and little else."""
    titles = [ln for ln in lines if len(ln.strip()) <= 80 and REPORT_PHRASE_RE.search(ln)
              and not _SENTENCE_PUNCT_RE.search(ln)]
    distinct = {_YEAR_RE.sub("", t).strip() + str(_YEAR_RE.findall(t)) for t in titles}
    return len(distinct) >= 3 and len(titles) * 3 >= len([ln for ln in lines if ln.strip()])


def is_annual_report(title: str | None, text: str, lines: list[str], sections: list[dict], has_tables: bool) -> bool:
    if title and _NEGATIVE_TITLE_RE.search(title):
        return False
    if _looks_like_list(lines):
        return False
    head = text[:800]
    body_says_report = bool(_INTRO_RE.search(head) and ("报告" in head or "年报" in head)) or "统计期限" in text
    report_headings = sum(any(w in s["heading"] for w in _REPORT_HEADING_WORDS) for s in sections)
    structured = has_tables or report_headings >= 2
    if title and REPORT_PHRASE_RE.search(title):
        return bool(_YEAR_RE.search(title)) or (body_says_report or structured)
    if _NOTICE_BODY_RE.search(text):
        return False
    return body_says_report and structured
