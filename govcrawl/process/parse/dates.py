"""Years and dates: the year a report covers, and the date it was published."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "〇○零ＯO一二三四五六七八九十"
# A year as printed: 2021, or in Chinese numerals 二〇二一 (some titles and signature dates).
YEAR = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})"
_CN_YEAR_RE = re.compile(r"([〇○零OＯ一二三四五六七八九]{4})(?=\s*年)")
_CN_MONTH_DAY_RE = re.compile(
    r"(?<=年)(\s*)([一二三四五六七八九十]{1,2})(\s*月\s*)([一二三四五六七八九十]{1,3})(?=\s*日)"
)

# 2019年度 / 2019年 followed (maybe after the agency name) by the report words.
_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*度?")
_PERIOD_RES = [
    re.compile(r"统计期限.{0,6}?((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日"),
    re.compile(
        r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|—|-|－|~)\s*(?:((?:19|20)\d{2})\s*年)?\s*12\s*月\s*31\s*日"
    ),
    # numeric dates: 2023.1.1-2023.12.31, 2023/01/01至2023/12/31
    re.compile(
        r"((?:19|20)\d{2})\s*([./-])\s*0?1\s*\2\s*0?1\s*(?:起)?\s*(?:至|到|—|－|~|-)\s*"
        r"(?:(?:19|20)\d{2}\s*\2\s*)?12\s*\2\s*31(?!\d)"
    ),
]
_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_CN_DATE_RE = re.compile(rf"([{_CN}]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日")
_BYLINE_WORDS = ("作者", "来源", "点击", "浏览", "发布时间", "发布日期", "日期", "时间", "阅读")
_META_DATE_KEYS = (
    "PubDate",
    "pubdate",
    "发布日期",
    "公开日期",
    "发布时间",
    "发文日期",
    "publishdate",
    "firstpublishedtime",
    "成文日期",
)


def _norm(text: str) -> str:
    """Width folded, and years (and their months and days) in Chinese numerals as digits:
    二〇二一年一月一日 reads as 2021年1月1日 for every year and date rule below."""
    return arabic_dates(unicodedata.normalize("NFKC", text))


def arabic_dates(text: str) -> str:
    """二〇二一年十二月三十一日 → 2021年12月31日 (a year outside 1900–2099 is left as printed)."""
    if not _CN_YEAR_RE.search(text):
        return text

    def year(m: re.Match[str]) -> str:
        value = _cn_number(m.group(1), positional=True)
        return str(value) if value is not None and 1900 <= value <= 2099 else m.group(1)

    def month_day(m: re.Match[str]) -> str:
        month, day = _cn_number(m.group(2)), _cn_number(m.group(4))
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return m.group(0)
        return f"{m.group(1)}{month}{m.group(3)}{day}"

    return _CN_MONTH_DAY_RE.sub(month_day, _CN_YEAR_RE.sub(year, text))


def title_year(title: str | None) -> int | None:
    if not title:
        return None
    m = _TITLE_YEAR_RE.search(_norm(title))
    if m:
        return int(m.group(1))
    m = re.search(rf"([{_CN}]{{4}})\s*年", title)
    return _cn_number(m.group(1), positional=True) if m else None


def period_year(text: str) -> int | None:
    """Year of the 统计期限 (or any 1月1日至12月31日 span) stated in the text."""
    head = _norm(text)
    for rx in _PERIOD_RES:
        m = rx.search(head)
        if m:
            return int(m.group(1))
    return None


def body_report_year(text: str) -> int | None:
    """Year named in the opening statement, e.g. 现将…2018年政府信息公开工作年度报告予以公布."""
    m = re.search(
        r"((?:19|20)\d{2})\s*年\s*度?\s*(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)", _norm(text[:1500])
    )
    return int(m.group(1)) if m else None


def _cn_number(s: str, positional: bool = False) -> int | None:
    if positional:
        digits = [_CN_DIGITS.get(ch) for ch in s]
        return None if None in digits else int("".join(map(str, digits)))
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return _CN_DIGITS.get(s) if len(s) == 1 else None


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    if not text:
        return None
    s = _norm(text)
    m = _DATE_RE.search(s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _CN_DATE_RE.search(s)
    if m:
        return _iso(_cn_number(m.group(1), True), _cn_number(m.group(2)), _cn_number(m.group(3)))
    return None


def meta_date(meta: dict[str, str]) -> str | None:
    lowered = {k.strip().lower(): v for k, v in meta.items()}
    for key in _META_DATE_KEYS:
        value = meta.get(key) or lowered.get(key.lower())
        date = parse_date(value)
        if date:
            return date
    return None


def byline_date(lines: list[str]) -> str | None:
    """A date on one of the first lines next to 作者/来源/点击数 style byline words."""
    for line in lines[:8]:
        line = line.strip(" |\t\u3000")  # page dumps wrap the byline in table pipes
        if len(line) <= 120 and any(w in line for w in _BYLINE_WORDS):
            date = parse_date(line)
            if date:
                return date
    return None


def signature_date(lines: list[str]) -> str | None:
    """The last line that is only a date: the date under the signature (callers drop table lines)."""
    for line in reversed(lines):
        compact = re.sub(r"\s+", "", _norm(line))
        if len(compact) <= 14 and (_DATE_RE.fullmatch(compact) or _CN_DATE_RE.fullmatch(compact)):
            return parse_date(compact)
    return None


# --- the report year and where it comes from --------------------------------------------------
# A period line whose 年/月/日 glyphs were lost: '统计期限为2025111231日', '2025 1 1 日至 2025 12 31'.
_BROKEN_PERIOD_RE = re.compile(
    r"统计.{0,12}?((?:19|20)\d{2})\s*0?1\s*0?1\s*日?\s*起?\s*(?:至|到|—|-|~)?\s*(?:\1\s*)?12\s*31(?:\s*日|(?!\d))"
)
_STATEMENT_RES = [
    re.compile(
        r"((?:19|20)\d{2})\s*年\s*度?\s*[^。，,；;《》]{0,25}?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:情况)?(?:年度)?"
        r"(?:报告|年报)"
    ),
    re.compile(r"现将\s*[^。；;，,]{0,20}?((?:19|20)\d{2})\s*年\s*度?[^。；;]{0,25}?(?:情况|工作)?\s*报告如下"),
    re.compile(r"(?:^|[。\n])\s*((?:19|20)\d{2})\s*年度报告(?:根据|依据|是|由)"),
]
_QUOTE_RE = re.compile(r"《[^《》]{0,80}》|<[^<>]{0,80}>")
_OPENING_YEAR_RE = re.compile(
    r"(?:^|[。\n])\s*(?:[(（][一二三四五六七八九十]+[)）])?\s*(?:[^。\n，,]{0,14}[:：])?\s*((?:19|20)\d{2})\s*年\s*度?\s*(?:以来)?\s*[,，是]"
)


def statement_year(text: str) -> int | None:
    """Year of the report named by the opening statement (quoted titles of other documents skipped)."""
    head = _QUOTE_RE.sub("", _norm(text[:1500]))
    found = []
    for rx in _STATEMENT_RES:
        m = rx.search(head)
        if m:
            found.append((m.start(), int(m.group(1))))
    return min(found)[1] if found else None


def opening_year(text: str) -> int | None:
    """Year that opens the first dated sentence (2022年,我县…; (一)数量:2020年,…)."""
    m = _OPENING_YEAR_RE.search(_norm(text[:3000]))
    return int(m.group(1)) if m else None


def report_period_year(text: str) -> int | None:
    year = period_year(text)
    if year:
        return year
    m = _BROKEN_PERIOD_RE.search(_norm(text[:5000]))
    return int(m.group(1)) if m else None


def date_line_year(lines: list[str], after: int | None, span: int = 3) -> int | None:
    """Year of a date printed right under the title (a speech's or notice's own date)."""
    if after is None:
        return None
    for line in lines[after + 1 : after + 1 + span]:
        m = re.search(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?", _norm(line))
        if m and len(line) <= 60:
            return int(m.group(1))
    return None


# A URL slug in pinyin initials that names the report: '2013nd' (年度) + zfxxgk/xxgk (政府信息公开)
# + gzbg/ndbg/nb (工作报告/年度报告/年报). A bare year directory (/2021/, /2021zfxxgknb/) says only
# where the page was filed, often the publication year or a column, and is not used.
_URL_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})nd(?:zf|zw)?(?:xxgk|gk)(?:gz)?(?:nb|bg|ndbg|ndbb)", re.I)


def url_year(url: str | None) -> int | None:
    if not url:
        return None
    m = _URL_YEAR_RE.search(url)
    return int(m.group(1)) if m else None


def resolve_year(
    *,
    title: str | None,
    title_source: str | None,
    text: str,
    lines: list[str],
    title_line: int | None,
    is_report: bool,
    url: str | None = None,
) -> tuple[int | None, str | None]:
    """(year, evidence): the title's year; for a report the 统计期限, the opening statement, the
    first dated sentence; for another document its own date under the title."""
    year = title_year(title)
    if year:
        return year, "title" if title_source in (None, "meta", "page", "text") else title_source
    if is_report:
        for value, source in (
            (report_period_year(text), "statistics_period"),
            (statement_year(text), "body"),
            (opening_year(text), "body"),
            (url_year(url), "url"),
        ):
            if value:
                return value, source
        return None, None
    for value, source in ((date_line_year(lines, title_line), "date"), (opening_year(text), "body")):
        if value:
            return value, source
    return None, None
