"""Is this page an annual report itself?

A title naming another kind of document (notice, rules, work plan, work summary, 统计公报, 决算,
政府工作报告, blank form/template …) or a body that is a notice, a set of rules or a blank form is
not a report. Otherwise a report title, or a body that calls itself the report, or report-shaped
content (the template's headings, a 统计期限 line, the disclosure vocabulary of a report) makes it
one. The title comes from title.py.
"""

from __future__ import annotations

import re

from govcrawl.process.parse.dates import YEAR
from govcrawl.process.parse.title import _SENTENCE_PUNCT_RE, _YEAR_RE, NO_TITLE, REPORT_PHRASE_RE, Title, title_kind

_INTRO_RE = re.compile(
    r"本报告|本年度报告|本年报|本年度政府信息公开|编制本报告|编制此报告|发布本报告|报告如下|报告由|年度报告如下|"
    r"(?:现将|现公布|现予公布|现发布|特向社会公布|向社会公布|特编制|编写|编制)[^。]{0,40}?(?:年度报告|年报|情况报告)|"
    rf"{YEAR}年度报告(?:根据|依据|是)"
)
_NOTICE_BODY_RE = re.compile(
    r"通知如下|特此通知|现印发给你们|请结合实际认真贯彻|请认真贯彻执行|现就[^。]{0,30}通知|"
    r"请于\s*\d|请各[县市区地单部]|有关事项通知"
)
# A body that names itself as another kind of document: a plan, rules. ('总结如下' is not one:
# reports say 现将2017年度政府信息公开工作总结如下 too.)
_OTHER_DOC_BODY_RE = re.compile(
    r"(?:制定|编制|印发)本(?:要点|方案|计划|办法|制度|规定|细则|指南|目录)|本(?:要点|方案|制度|细则|指南)(?:所称|自|由|适用)"
)
_RULE_LINE_RE = re.compile(r"^\s*第[一二三四五六七八九十]{1,3}条\s*(?![第（(\s]|$)[^项]{8}")
_SALUTATION_RE = re.compile(
    r"^[^。]{2,60}(?:人民政府|各部门|各单位|办公厅|办公室|各直属机构|管委会)[^。]{0,30}[:：]\s*$"
)
_REPORT_FIRST_HEADING_RE = re.compile(r"总体.{0,4}情况|概述|基本情况|工作情况")
_REPORT_HEADING_WORDS = (
    "概述",
    "总体情况",
    "基本情况",
    "主动公开",
    "依申请公开",
    "收到和处理",
    "收费",
    "减免",
    "行政复议",
    "行政诉讼",
    "存在的",
    "问题",
    "改进",
    "其他需要报告",
)
_PERIOD_RE = re.compile(r"统计(?:期限|时限|时间|期|区间|数据)")
# Words only a disclosure report (or a fragment of one) uses together.
_VOCABULARY = (
    "政府信息公开",
    "主动公开",
    "依申请公开",
    "查阅场所",
    "查阅点",
    "政府信息查阅",
    "公开申请",
    "政府公报",
    "新闻发言人",
    "新闻发布会",
    "政府门户网站",
    "政府信息公开网",
    "公开指南",
    "公开目录",
    "行政复议",
    "不予公开",
    "政务新媒体",
    "政务微博",
    "政务微信",
    "政策解读",
    "回应关切",
    "依申请",
    "政务公开",
    "信息公开工作",
)
_BLANK_FORM_RE = re.compile(r"[(（]\s*(?:文字描述|文字说明|填写|此处填写)\s*[)）]|□{3,}")


def is_rules_text(lines: list[str]) -> bool:
    return sum(1 for ln in lines[:80] if _RULE_LINE_RE.match(ln)) >= 3


def is_notice_text(text: str, lines: list[str]) -> bool:
    head = text[:2500]
    if _NOTICE_BODY_RE.search(head):
        return True
    return any(_SALUTATION_RE.match(ln.strip()) for ln in lines[:12])


_COUNT_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:条|件|个|次|项|人|万元|元|%|期|场|篇|家|户|份)")


def is_blank_form(text: str, has_values: bool, sections: list[dict] | None = None) -> bool:
    """A form or template: its labels and headings, placeholders, and no values — no year and
    no count anywhere, though it has the report's parts."""
    if has_values:
        return False
    if _BLANK_FORM_RE.search(text):
        return True
    return len(sections or []) >= 2 and not _COUNT_RE.search(text) and not _YEAR_RE.search(text)


def vocabulary(text: str) -> int:
    head = text[:6000]
    return sum(1 for w in _VOCABULARY if w in head)


def _looks_like_list(lines: list[str]) -> bool:
    """A column page: several short lines each naming a report, and little else."""
    titles = [
        ln
        for ln in lines
        if len(ln.strip()) <= 80 and REPORT_PHRASE_RE.search(ln) and not _SENTENCE_PUNCT_RE.search(ln)
    ]
    distinct = {_YEAR_RE.sub("", t).strip() + str(_YEAR_RE.findall(t)) for t in titles}
    return len(distinct) >= 3 and len(titles) * 3 >= len([ln for ln in lines if ln.strip()])


def is_annual_report(
    title: Title | str | None,
    text: str,
    lines: list[str],
    sections: list[dict],
    has_tables: bool,
    has_values: bool | None = None,
) -> bool:
    if not isinstance(title, Title):
        title = Title(title, "page", title_kind(title)) if title else NO_TITLE
    if has_values is None:
        has_values = has_tables
    if title.kind == "other":
        return False
    if _looks_like_list(lines):
        return False
    if is_rules_text(lines) or is_blank_form(text, has_values, sections):
        return False
    head = text[:1500]
    intro = bool(_INTRO_RE.search(head))
    if _NOTICE_BODY_RE.search(text[:2500]) or (is_notice_text(text, lines) and not intro):
        return False
    if _OTHER_DOC_BODY_RE.search(text[:2000]) and title.kind != "report":
        return False
    if title.kind == "report" and title.source in ("meta", "page", "text"):
        return True
    # no title, or one found only in a sentence or the URL: the body must read like a report
    return report_score(title, text, sections, has_values, intro) >= 3


def report_score(title: Title, text: str, sections: list[dict], has_values: bool, intro: bool) -> int:
    """How much the body reads like a report: it calls itself the report (3), opens with a
    report's first part (2) and has more report parts (1 each, at most 3 in all), a 统计期限 (1),
    values in its tables (2), the disclosure vocabulary (1 or 3), a report title (2); a complete
    document whose first part is no report part loses 2."""
    headings = [s["heading"] for s in sections]
    report_headings = sum(any(w in h for w in _REPORT_HEADING_WORDS) for h in headings)
    first_is_report = bool(headings) and bool(_REPORT_FIRST_HEADING_RE.search(headings[0]))
    score = 3 if intro else 0
    if first_is_report:
        score += 2
    elif headings and not intro and not any(w in headings[0] for w in _REPORT_HEADING_WORDS):
        score -= 2
    score += min(report_headings, 3) - (1 if first_is_report else 0)
    if _PERIOD_RE.search(text[:3000]) and re.search(r"12\s*月\s*31\s*日|12\s*31日", text[:3000]):
        score += 1
    if has_values:
        score += 2
    vocab = vocabulary(text)
    score += 3 if vocab >= 6 else 1 if vocab >= 4 else 0
    if title.kind == "report":
        score += 2
    return score
