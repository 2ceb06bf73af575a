"""The publishing body: from the title, then page metadata, then the body (in that order of trust)."""

from __future__ import annotations

import re

from govcrawl.process.parse.identity import REPORT_PHRASE_RE

_SUFFIX_RE = re.compile(
    r"(?:局|办|办公室|委员会|委|厅|部|署|院|政府|中心|所|站|队|馆|会|处|室|社|区|县|市|旗|镇|乡|街道|办事处|管委会|"
    r"分局|支队|大队|集团|公司|银行|法院|检察院|监狱|总队|人防办|州|盟|省)$"
)
_YEAR_PART_RE = re.compile(r"(?:19|20)\d{2}\s*年?度?|[〇○零一二三四五六七八九]{4}年度?|年度")
_META_KEYS = ("ContentSource", "发布机构", "发文机关", "发布单位", "信息来源", "来源", "文章来源", "公开主体", "责任部门")
_ALIAS_RE = re.compile(r"[（(][^()（）]*[)）]")
_INTRO_AGENCY_RE = re.compile(r"现将\s*(?P<a>[^，。,；;：:\s（(]{2,40}?)\s*(?:[（(]以下简称[^)）]*[)）])?\s*(?:19|20)\d{2}\s*年")
_HOST_RE = re.compile(r"主办(?:单位)?[:：]\s*(?P<a>[^\s（(|,，]{2,40})")


def plausible_agency(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s+", "", _ALIAS_RE.sub("", name)).strip("《》【】[]<>“”\"'·-—_:：,，。")
    if not (2 <= len(name) <= 40) or not _SUFFIX_RE.search(name):
        return None
    if re.search(r"网站?$|本站|本网|原创|佚名", name):
        return None
    return name


def agency_from_title(title: str | None) -> str | None:
    if not title:
        return None
    m = REPORT_PHRASE_RE.search(title)
    if not m:
        return None
    prefix = _YEAR_PART_RE.sub("", title[: m.start()])
    prefix = re.sub(r"^关于|关于$|的$|^\s*[【\[].*?[】\]]", "", prefix.strip())
    return plausible_agency(prefix)


def agency_from_meta(meta: dict[str, str]) -> str | None:
    for key in _META_KEYS:
        agency = plausible_agency(meta.get(key))
        if agency:
            return agency
    return None


def agency_from_body(text: str, lines: list[str], signature_line: int | None) -> str | None:
    m = _INTRO_AGENCY_RE.search(text[:1500])
    if m and plausible_agency(m.group("a")):
        return plausible_agency(m.group("a"))
    if signature_line is not None and signature_line > 0:
        agency = plausible_agency(lines[signature_line - 1]) if len(lines[signature_line - 1]) <= 40 else None
        if agency:
            return agency
    m = _HOST_RE.search(text)
    return plausible_agency(m.group("a")) if m else None
