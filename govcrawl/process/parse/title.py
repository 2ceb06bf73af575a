"""What is this page's title?

The page's own title (metadata, <title>, a document's title) when it names a document, else the
first title-like line of the text (skipping chrome, breadcrumbs, spam and metadata lines; joining a
title split over two or three lines), else the report named in 《…》 or after 现公布/特向社会公布 in
the first sentence, else a report title spelled out in the URL path (wiki copies). Every title says
where it came from (`Title.source`) and what kind of document it names (`Title.kind`); whether the
page is a report is classify.py's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from govcrawl.process.parse.dates import YEAR

REPORT_PHRASE_RE = re.compile(
    r"(?:(?:政府信息|政务信息|政务|信息)公开(?:工作)?(?:情况)?(?:年度报告|年报|年度工作报告))"
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
_YEAR_RE = re.compile(YEAR)
_SENTENCE_PUNCT_RE = re.compile(r"[。，,；;！!？?：:]")
_TAG_PREFIX_RE = re.compile(r"^\s*[【\[][^】\]]{1,10}[】\]]\s*")
_PAGE_PREFIX_RE = re.compile(r"^\s*(?:Page|第)\s*\d+\s*(?:页)?\s*[-–—:：]\s*", re.I)
_TRAILING_DATE_RE = re.compile(
    r"\s*[\[(（]?(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[\])）]?$"
)
_TRAILING_SITE_RE = re.compile(r"\s+\S{2,30}(?:门户网站|网站|官网|官方网站|政府网|信息网|平台)$")
# A document number printed after the title: '… 县政办发〔2023〕1号', '…（x府办函〔2018〕21号）'.
_TRAILING_DOC_NO_RE = re.compile(
    r"(?<=报告|年报|通知|要点|总结|决算|制度|办法|意见)\s*[（(]?[\u4e00-\u9fff]{1,8}[发函字]\s*"
    r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号\s*[)）]?$"
)
_FILE_EXT_RE = re.compile(r"\.(?:docx?|pdf|wps|xlsx?|ofd|html?)$", re.I)
_SEPARATORS_RE = re.compile(r"\s*(?:_{1,2}|\s[-–—|｜]\s|--|——|-(?=[^\d]))\s*")
# A notice's own title ends with what it is; a '…关于…年度报告' line may need the next line for it.
_NOTICE_END_RE = re.compile(r"(?:通知|通报|公告|意见|办法)$")
# '首页 > 政务公开 > 年报': spaced arrows, or any arrows on a line that starts like a breadcrumb
# (a '<格式>' quote in a title is not one).
_BREADCRUMB_RE = re.compile(r"\s+[>»›]\s+")
_CRUMB_START_RE = re.compile(r"^(?:首页|网站首页|主页|(?:当前|您的|你的|所在)位置[:：])")
_ANY_ARROW_RE = re.compile(r"\s*[>»›]\s*")
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
    text = _TRAILING_DOC_NO_RE.sub("", text).strip()
    crumbs = (_ANY_ARROW_RE if _CRUMB_START_RE.match(text) else _BREADCRUMB_RE).split(text)
    if len(crumbs) >= 3:  # '首页 > 政务公开 > 年报 > 某某年度报告': the page is the last crumb
        text = crumbs[-1]
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
                re.match(rf"(?:{YEAR}|关于|政府信息|政务|信息公开|年度)", candidate)
                or re.fullmatch(rf"{YEAR}\s*年\s*度?", prev)
            )
        ):
            candidate = prev + candidate
        # and forward: '…关于政府信息公开工作年度报告' / '有关事项的通知'
        if "关于" in candidate and k + 1 < len(idx) and not _NOTICE_END_RE.search(candidate):
            nxt = plain[idx[k + 1]]
            if (
                len(nxt) <= 30
                and not _SENTENCE_PUNCT_RE.search(nxt)
                and not _HEADING_LINE_RE.match(nxt)
                and _NOTICE_END_RE.search(nxt)
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
    return generic or _run_on_title(plain, idx) or NO_TITLE


# What a report's first sentence starts with, right after a title the page printed on the same
# line ('…年度报告根据《条例》…': a body collapsed into one line, a document-sharing copy).
_BODY_START_RE = re.compile(
    r"(?:根据|按照|依据|依照|为(?:进一步|深入|全面|切实|认真)|本报告|本年度|现将|现就|各[县市区乡镇部单]|"
    rf"[一二三四五六七八九十]、|[(（]一[)）]|{YEAR}\s*年\s*度?\s*(?:[,，]|以来))"
)
_RUN_ON_END_RE = re.compile(r"(?:报告|年报|要点|总结|决算|通知|制度|办法)(?:\s*[(（][^()（）]{1,8}[)）])?")


def _run_on_title(plain: list[str], idx: list[int]) -> Title | None:
    """A title at the head of a long first line that runs on into the body."""
    for k, i in enumerate(idx[:3]):
        line = plain[i]
        if _HEADING_LINE_RE.match(line):
            return None
        end = _RUN_ON_END_RE.search(line, 0, 90)
        if end is None or not _BODY_START_RE.match(line, end.end()):
            continue
        candidate = clean_title(line[: end.end()]) or ""
        named = REPORT_PHRASE_RE.search(candidate) or "关于" in candidate  # not a bare 2012年度报告
        if _title_like(candidate) and named and not re.match(r"[本该此我]", candidate):  # not '本年度报告根据…'
            prev = plain[idx[k - 1]] if k > 0 else ""
            if prev and _joinable_head(prev) and re.match(YEAR, candidate):  # 'agency' / '2020年度…报告根据…'
                candidate = prev + candidate
            return Title(candidate, "text", title_kind(candidate), i)
    return None


def _extends(body: Title, own: Title) -> bool:
    """The body prints the page title with more in front: the agency a department's CMS leaves out
    of <title> ('2020年度政府信息公开工作年度报告' above '广元市…办公室2020年度…年度报告')."""
    if not body.text or not own.text or body.kind != own.kind:
        return False
    body_text, own_text = re.sub(r"\s+", "", body.text), re.sub(r"\s+", "", own.text)
    return len(body_text) > len(own_text) and body_text.endswith(own_text)


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
        fuller = title_from_text(lines)
        return fuller if _extends(fuller, own) else own
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
