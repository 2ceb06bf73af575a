"""Is this page an annual report itself, and what is its title?

Title: the page's own title (metadata, <title>, a document's title) when it names a document,
else the first title-like line of the text (skipping chrome, breadcrumbs, spam and metadata
lines; joining a title split over two or three lines), else the report named in 《…》 or after
现公布/特向社会公布 in the first sentence, else a report title spelled out in the URL path (wiki
copies). Every title says where it came from (`Title.source`).

Classification: a title naming another kind of document (notice, rules, work plan, work summary,
统计公报, 决算, 政府工作报告, blank form/template …) or a body that is a notice, a set of rules or
a blank form is not a report. Otherwise a report title, or a body that calls itself the report,
or report-shaped content (the template's headings, a 统计期限 line, the disclosure vocabulary of
a report) makes it one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

REPORT_PHRASE_RE = re.compile(
    r"(?:(?:政府信息|政务|信息)公开(?:工作)?(?:年度报告|年报|年度工作报告))"
    r"|(?:年度(?:政府信息|政务)公开(?:工作)?报告)"
    r"|(?:(?:政府信息|政务)公开工作(?:情况)?报告)"
)
# Pages about reports, or other yearly documents, that are not a report themselves.
_NEGATIVE_TITLE_RE = re.compile(
    r"通知|关于做好|关于印发|关于报送|关于开展|编制|统计年报|统计公报|统计年鉴|企业年报|年报公示|"
    r"决算|预算|目录|列表|解读|评估|考核|通报|工作要点|公告|新闻|会议|培训|"
    r"制度|办法|规定|细则|格式|模板|样本|范本|报表|工作总结|政府工作报告|工作计划|实施方案|指南"
)
# What names a document at all (a title line carries one of these, a spam or chrome line does not).
_DOC_TYPE_RE = re.compile(
    r"年度报告|年报|工作报告|通知$|通报$|公告$|工作要点|要点$|工作总结|总结$|决算|预算|统计公报|公报$|"
    r"统计报表|报表$|制度(?:[(（]试行[)）])?$|办法(?:[(（]试行[)）])?$|规定$|细则$|格式$|模板$|计划$|方案$|"
    r"指南$|目录$|的报告$"
)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}")
_SENTENCE_PUNCT_RE = re.compile(r"[。，,；;！!？?：:]")
_TAG_PREFIX_RE = re.compile(r"^\s*[【\[][^】\]]{1,10}[】\]]\s*")
_PAGE_PREFIX_RE = re.compile(r"^\s*(?:Page|第)\s*\d+\s*(?:页)?\s*[-–—:：]\s*", re.I)
_TRAILING_DATE_RE = re.compile(
    r"\s*[\[(（]?(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[\])）]?$"
)
_TRAILING_SITE_RE = re.compile(r"\s+\S{2,30}(?:门户网站|网站|官网|官方网站|政府网|信息网|平台)$")
_FILE_EXT_RE = re.compile(r"\.(?:docx?|pdf|wps|xlsx?|ofd|html?)$", re.I)
_SEPARATORS_RE = re.compile(r"\s*(?:_{1,2}|\s[-–—|｜]\s|--|——|-(?=[^\d]))\s*")
_HEADING_LINE_RE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]")
_META_TITLE_KEYS = ("ArticleTitle", "信息名称", "文件名称", "标题", "名称")


@dataclass(frozen=True)
class Title:
    text: str | None
    source: str | None  # meta | page | text | first_sentence | url
    kind: str | None  # report | other
    line: int | None = None  # index of the (last) title line in the text lines, for text titles


NO_TITLE = Title(None, None, None)


_OTHER_DOC_END_RE = re.compile(r"(?:要点|总结|公报|计划|方案|报表|意见|条例|工作报告)$")


def title_kind(title: str | None) -> str | None:
    """'report' for a report title, 'other' for a title naming another kind of document, else None."""
    if not title:
        return None
    if _NEGATIVE_TITLE_RE.search(_without_issuer(title)):
        return "other"
    if REPORT_PHRASE_RE.search(title) or ("**" in title and re.search(r"\*{2,}[^*]{0,6}(?:年度报告|年报)", title)):
        return "report"  # a censor mask may hide the 政府信息公开 words
    if _OTHER_DOC_END_RE.search(title) or re.search(r"年度报告|年报|年度报表|工作报告", title):
        return "other"  # another kind of yearly report: 法治政府建设年度报告, 网站年度报表, 企业年报
    if re.search(r"报告$", title) and "公开" not in title:
        return "other"  # a report on another subject: 关于2023年法治政府建设情况的报告
    return None


_BODY_END_RE = re.compile(
    r"(?:局|办|办公室|委员会|委|厅|院|政府|中心|所|站|队|馆|会|处|社|区|县|市|旗|镇|乡|街道|办事处|"
    r"管委会|苏木|盟|州|省|公司|集团)$"
)


def _without_issuer(title: str) -> str:
    """The title less the body that issues the report ('XX新闻出版局2022年…年度报告': the negative
    words of an agency's name — 新闻, 培训, 预算 — say nothing about the document)."""
    m = REPORT_PHRASE_RE.search(title)
    if not m or m.start() == 0:
        return title
    prefix = re.sub(r"\s*(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*度?\s*$", "", title[: m.start()])
    if re.search(r"关于|做好|印发|报送|开展|[，,。]", prefix) or not _BODY_END_RE.search(prefix):
        return title
    return title[len(prefix) :]


def clean_title(text: str | None) -> str | None:
    """Strip site names, file extensions, page prefixes, bracket tags and border pipes."""
    if not text:
        return None
    text = " ".join(text.replace("|", " ").split())
    text = _PAGE_PREFIX_RE.sub("", text)
    text = _TAG_PREFIX_RE.sub("", text)
    text = _FILE_EXT_RE.sub("", text).strip()
    text = _TRAILING_DATE_RE.sub("", text).strip()
    text = _TRAILING_SITE_RE.sub("", text).strip()
    parts = [p for p in _SEPARATORS_RE.split(text) if p and p.strip()]
    if len(parts) > 1:
        # keep the part naming the document: '…年度报告-XX县发改局', 'XX市人民政府_…年度报告'
        named = [p for p in parts if REPORT_PHRASE_RE.search(p) or _DOC_TYPE_RE.search(p)]
        if len(named) == 1:
            text = named[0]
    text = text.strip(' 《》“”"')
    return text or None


def _names_document(line: str) -> bool:
    return bool(REPORT_PHRASE_RE.search(line) or _DOC_TYPE_RE.search(line))


# A title ends with the name of the document (and maybe a bracketed note: (试行), (全文)).
_TITLE_END_RE = re.compile(
    r"(?:报告|年报|通知|通报|公告|要点|总结|决算|预算|公报|报表|制度|办法|规定|细则|格式|模板|"
    r"计划|方案|意见|条例|指南|目录)(?:\s*[(（][^()（）]{1,8}[)）])?$"
)


def _title_like(line: str) -> bool:
    return (
        4 <= len(line) <= 90
        and not _SENTENCE_PUNCT_RE.search(line)
        and _names_document(line)
        and bool(_TITLE_END_RE.search(line))
        and not re.search(r"[>»›/]|^[-•·*]|^第[一二三四五六七八九十百]+条", line)
    )  # breadcrumbs, menus, rules


def _plain(line: str) -> str:
    return " ".join(line.replace("|", " ").split())


def _joinable_head(line: str) -> bool:
    """A first title line that needs the next one: an agency or 'agency+year' without a document word."""
    return (
        2 <= len(line) <= 40
        and not _SENTENCE_PUNCT_RE.search(line)
        and not _names_document(line)
        and not _HEADING_LINE_RE.match(line)
        and not re.search(r"\d{1,2}月|\d{1,2}日|[|/]", line)
        and bool(
            re.search(r"(?:局|办|室|厅|委|会|院|府|政府|中心|处|街道|镇|乡|区|县|市|州|盟|旗|苏木|年度?|关于)$", line)
        )
    )


def title_from_text(lines: list[str], head: int = 40) -> Title:
    """The first title-like line among the first lines, joined with its split parts."""
    plain = [_plain(ln) for ln in lines[:head]]
    idx = [i for i, ln in enumerate(plain) if ln]
    generic: Title | None = None
    for k, i in enumerate(idx):
        line = plain[i]
        if _HEADING_LINE_RE.match(line):
            break  # the body has started
        candidate = clean_title(line) or ""
        if not _title_like(candidate):
            continue
        last = i
        # split title: 'agency' / '2020年度…年度报告', or '宿州市人民政府2016年' / '政府信息公开工作年度报告'
        prev = plain[idx[k - 1]] if k > 0 else ""
        if (
            prev
            and _joinable_head(prev)
            and (
                re.match(r"(?:(?:19|20)\d{2}|关于|政府信息|政务|信息公开|年度)", candidate)
                or re.fullmatch(r"(?:19|20)\d{2}\s*年\s*度?", prev)
            )
        ):
            candidate = prev + candidate
        # and forward: '…关于政府信息公开工作年度报告' / '有关事项的通知'
        if "关于" in candidate and k + 1 < len(idx):
            nxt = plain[idx[k + 1]]
            if (
                len(nxt) <= 30
                and not _SENTENCE_PUNCT_RE.search(nxt)
                and not _HEADING_LINE_RE.match(nxt)
                and re.search(r"(?:通知|通报|公告|意见|办法)$", nxt)
                and not nxt.startswith("关于")
            ):
                candidate += nxt
                last = idx[k + 1]
        if candidate.startswith("关于") and k > 0 and _joinable_head(plain[idx[k - 1]]):
            candidate = plain[idx[k - 1]] + candidate
        found = Title(candidate, "text", title_kind(candidate), last)
        if found.kind != "other" and _generic(candidate):
            generic = generic or found  # a column name (政府信息公开年报): look for a fuller title first
            continue
        return found
    return generic or NO_TITLE


def _generic(title: str) -> bool:
    """A title without a year ('政府信息公开工作年度报告', 'XX县人民政府信息公开年报'): maybe only a
    column name; a dated title further down is preferred."""
    return not _YEAR_RE.search(title)


_FIRST_SENTENCE_RE = re.compile(
    r"(?:现将|现发布|现予发布|现公布|现予公布|特向社会公布|向社会公布|特发布|特编制|编制了)\s*"
    r"[《〈<]\s*(?P<q>[^《》〈〉<>]{6,60}?)\s*[》〉>]"
)


def _own_title(page_title: str | None, meta: dict[str, str]) -> Title | None:
    """The page's own title (metadata, <title>) when it names a document."""
    for key in _META_TITLE_KEYS:
        value = clean_title(meta.get(key))
        if value and _names_document(value):
            return Title(value, "meta", title_kind(value))
    if page_title:
        value = clean_title(page_title)
        if value and _names_document(value):
            return Title(value, "page", title_kind(value))
    return None


def title_from_first_sentence(text: str) -> Title:
    """'现发布《XX2022年政府信息公开工作年度报告》': a report title quoted in the first sentence."""
    head = text[:600]
    end = head.find("。")
    first = head[: end + 1] if end >= 0 else head[:300]
    quoted = [m.group("q") for m in _FIRST_SENTENCE_RE.finditer(head)]
    quoted += [m.group(1) for m in re.finditer(r"[《〈<]\s*([^《》〈〉<>]{6,60}?)\s*[》〉>]", first)]
    for name in (q.strip() for q in quoted):
        if REPORT_PHRASE_RE.search(name) and _YEAR_RE.search(name) and title_kind(name) == "report":
            return Title(name, "first_sentence", "report")
    return NO_TITLE


def title_from_url(url: str | None) -> Title:
    """A report title spelled out in the URL path (wiki and aggregator copies name pages by title)."""
    if not url or "://" not in url:
        return NO_TITLE
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return NO_TITLE
    for seg in reversed([s for s in path.split("/") if s]):
        if re.search(r"[\u4e00-\u9fff]", seg) and REPORT_PHRASE_RE.search(_simplify(seg)) and _YEAR_RE.search(seg):
            name = _simplify(clean_title(seg) or seg)
            if title_kind(name) == "report":
                return Title(name, "url", "report")
    return NO_TITLE


def _simplify(text: str) -> str:
    from govcrawl.process.clean.normalise import normalise

    return normalise(text)[0]


def find_title(page_title: str | None, meta: dict[str, str], lines: list[str], text: str, url: str | None) -> Title:
    own = _own_title(page_title, meta)
    if own and not (own.kind != "other" and _generic(own.text or "")):
        return own
    found = title_from_text(lines)
    if own and not (found.text and found.kind == "report" and not _generic(found.text)):
        return own  # an undated page title, unless the text prints a dated report title
    if found.text:
        return found
    found = title_from_first_sentence(text)
    if found.text:
        return found
    found = title_from_url(url)
    if found.text:
        return found
    if page_title:  # a page title that names no document is still the page's title
        value = clean_title(page_title)
        return Title(value, "page", title_kind(value))
    return NO_TITLE


# --- classification ---------------------------------------------------------------------------
_INTRO_RE = re.compile(
    r"本报告|本年度报告|本年报|本年度政府信息公开|编制本报告|编制此报告|发布本报告|报告如下|报告由|年度报告如下|"
    r"(?:现将|现公布|现予公布|现发布|特向社会公布|向社会公布|特编制|编写|编制)[^。]{0,40}?(?:年度报告|年报|情况报告)|"
    r"(?:19|20)\d{2}年度报告(?:根据|依据|是)"
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
