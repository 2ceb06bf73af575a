"""The publishing body, and where the parser read it.

Sources, strongest first for a report: the issuer line printed under the title; the title (when
it names a body, not only a place); the body's own statement (由X编制, 现公布X2022年…报告, 特向社
会公布2020年X…报告); for a title naming only a place (合江县), the place's government when the
contact line names it (请与合江县人民政府…联系), else the place; the contact body; the subject of
the opening sentence (2025年,X以…); page metadata (发布机构); the signature; the site owner. For
other documents the page metadata comes first, then the title's issuer (X关于…), the signature
block (agency line over a date line), then the title's place.

A fuller name of the same body found in the text (哈尔滨市道里区通江街道办事处 for the title's
道里区通江街道办事处) replaces the shorter one.
"""

from __future__ import annotations

import re

from govcrawl.process.parse.agency_names import (
    consistent_with_self_reference,
    is_bare_place,
    plausible_agency,
    self_reference,
    starts_with_place,
)
from govcrawl.process.parse.dates import YEAR
from govcrawl.process.parse.title import _DOC_TYPE_RE, REPORT_PHRASE_RE

_YEAR_PART_RE = re.compile(rf"(?:19|20)\d{{2}}\s*年?度?|{YEAR}\s*年度?|年度")
_META_KEYS = (
    "ContentSource",
    "发布机构",
    "发文机关",
    "发布单位",
    "发文单位",
    "发布部门",
    "信息来源",
    "来源",
    "文章来源",
    "公开主体",
    "责任部门",
    "来源单位",
)
_NAME = r"[^，。,；;：:\s（(《》“”\"、|]{2,40}?"
_HOST_RE = re.compile(r"主办(?:单位)?[:：]\s*(?P<a>[^\s（(|,，]{2,40})")
_BODY_RES = [
    re.compile(
        rf"由\s*(?P<a>{_NAME})\s*(?:(?:根据|依据|按照)[^。]{{0,60}}?)?(?:组织|负责|牵头|综合)?\s*(?:编制|编写|撰写|起草|制作)"
    ),
    re.compile(
        rf"(?:现公布|现予公布|现发布|现将|特向社会公布|向社会公布|特编制|编制|编写|公布)\s*(?P<a>{_NAME})\s*"
        rf"(?:[（(]以下简称[^)）]*[)）])?\s*(?:{YEAR}\s*年|本年度?)"
    ),
    re.compile(
        rf"(?:现公布|现予公布|现发布|现将|特向社会公布|向社会公布|特编制|编制|编写|公布)\s*(?:{YEAR}\s*年\s*度?|本年度?)\s*"
        rf"(?P<a>{_NAME})\s*(?:政府信息|政务|信息)公开"
    ),
]
_CONTACT_RE = re.compile(rf"(?:请与|请联系|联系单位[:：]?)\s*(?P<a>{_NAME})\s*(?:联系|[（(,，:：])")
_INTERNAL_OFFICE_RE = re.compile(
    r"(?:信息公开办公室|政务公开办公室|政务公开科|信息公开科|综合办公室|党政办公室|党政综合办公室|"
    r"综合科|办公室综合科|党政办)$"
)
# A section of a bureau or commission (法规股, 政策法规科, 综合室): the body is the bureau.
_INTERNAL_UNIT_RE = re.compile(
    r"(?<=[局委厅院])[\u4e00-\u9fff]{1,8}?(?:科|股|室|组)$|(?<=中心)[\u4e00-\u9fff]{1,8}?(?:科|股|组)$"
)
_OPENING_RE = re.compile(
    rf"(?:^|\n|[。])\s*(?:{YEAR}\s*年\s*度?|本年度?|今年|全年)\s*(?:以来)?\s*[,，]\s*(?P<rest>[^，,。；;\n]{{2,60}})"
)
_OPENING_VERBS = (
    "以",
    "坚持",
    "认真",
    "始终",
    "进一步",
    "深入",
    "严格",
    "全面",
    "紧紧",
    "按照",
    "在",
    "高度",
    "积极",
    "围绕",
    "继续",
    "持续",
    "不断",
    "扎实",
    "聚焦",
    "紧扣",
    "牢固",
    "切实",
    "着力",
    "大力",
    "贯彻",
    "根据",
    "把",
    "将",
    "深化",
    "主动",
    "加强",
    "立足",
    "结合",
    "强化",
    "推进",
    "共",
    "全力",
    "严",
    "秉持",
    "聚力",
)
_SPEECH_RE = re.compile(r"在\s*(?P<p>[^\s，,。第]{2,20}?)\s*第[一二三四五六七八九十]+届人民代表大会")
_GOVERNMENT_OF_RE = r"(?:人民政府|政府)(?:办公室|办公厅)?$"


def agency_from_title(title: str | None) -> str | None:
    """The body named before the report words (or before 关于 / the year of another document).
    A relative name (市政府, 县政府办) in a title is a copy's guess, not the body's name."""
    name = _agency_from_title(title)
    if name and re.match(r"^[省市县区镇乡](?:人民)?政府", name):
        return None
    return name


def _agency_from_title(title: str | None) -> str | None:
    if not title:
        return None
    m = re.search(r"关于", title)
    if m and m.start() >= 2:
        return plausible_agency(title[: m.start()])
    m = REPORT_PHRASE_RE.search(title)
    if m:
        prefix = _YEAR_PART_RE.sub("", title[: m.start()])
        prefix = re.sub(r"^关于|关于$|的$|^\s*[【\[].*?[】\]]", "", prefix.strip())
        return plausible_agency(prefix)
    m = re.search(rf"{YEAR}\s*年", title)
    if m and m.start() >= 2 and _DOC_TYPE_RE.search(title):
        return plausible_agency(title[: m.start()])
    if m and m.start() == 0:
        rest = title[m.end() :].lstrip("度")
        d = re.search(r"(?:政务公开|政府信息公开|部门|单位)?(?:工作要点|工作总结|决算|预算|统计公报)", rest)
        if d and d.start() >= 2:
            return plausible_agency(rest[: d.start()])
    return None


def agency_from_meta(meta: dict[str, str]) -> str | None:
    for key in _META_KEYS:
        agency = plausible_agency(meta.get(key), generic_ok=True)
        if agency:
            return agency
    return None


def agency_from_statement(text: str) -> str | None:
    head = text[:1500]
    found = []
    for rx in _BODY_RES:
        for m in rx.finditer(head):
            name = plausible_agency(m.group("a"))
            if name:
                found.append((m.start(), name))
                break
    return min(found)[1] if found else None


def agency_from_contact(text: str) -> str | None:
    for m in _CONTACT_RE.finditer(text[:4000]):
        name = _INTERNAL_OFFICE_RE.sub("", re.sub(r"\s+", "", m.group("a")))
        name = _INTERNAL_UNIT_RE.sub("", name)
        # the 办公室 of a bureau is its internal office; a government's 办公室 is a body of its own
        name = re.sub(r"(?:(?<=[局委厅院区])|(?<=中心|园区|街道)|(?<=管委会|办事处))(?:党政)?办公室$", "", name)
        agency = plausible_agency(name)
        if agency:
            return agency
    return None


def agency_from_opening(text: str) -> str | None:
    """The subject of the first '2025年,X以…' sentence, when it names a body."""
    for m in _OPENING_RE.finditer(text[:3000]):
        rest = m.group("rest")
        for end in range(min(len(rest), 30), 1, -1):
            if rest[end:].startswith(_OPENING_VERBS) and plausible_agency(rest[:end]) and not is_bare_place(rest[:end]):
                return plausible_agency(rest[:end])
        return None
    return None


def agency_from_issuer_line(lines: list[str], title_line: int | None) -> str | None:
    """A line printed under the title that is only the issuing body."""
    if title_line is None:
        return None
    for ln in lines[title_line + 1 : title_line + 3]:
        ln = ln.strip().strip("|").strip()
        if not ln:
            continue
        if len(ln) <= 30 and not re.search(r"[，。,；;：:\d]", ln):
            return plausible_agency(ln)
        return None
    return None


def agency_from_signature_block(lines: list[str], head: int = 15) -> str | None:
    """An agency line directly over a date line near the top (印发 notices put it above the title)."""
    from govcrawl.process.parse.dates import parse_date

    plain = [ln.strip().strip("|").strip() for ln in lines[:head]]
    for i in range(len(plain) - 1):
        if plain[i] and len(plain[i]) <= 30 and not re.search(r"[，。,；;：:\d]", plain[i]):
            nxt = re.sub(r"\s+", "", plain[i + 1])
            if len(nxt) <= 14 and parse_date(nxt):
                name = plausible_agency(plain[i])
                if name:
                    return name
    return None


def agency_from_speech(text: str) -> str | None:
    """A 政府工作报告 is given on behalf of the government of the place whose congress hears it."""
    m = _SPEECH_RE.search(text[:600])
    return f"{m.group('p')}人民政府" if m else None


def agency_from_signature(lines: list[str], signature_line: int | None) -> str | None:
    if signature_line is not None and signature_line > 0:
        line = lines[signature_line - 1]
        if len(line) <= 40:
            return plausible_agency(line)
    return None


def agency_from_body(text: str, lines: list[str], signature_line: int | None) -> str | None:
    """Kept for callers of the old API: statement, signature, then site owner."""
    return (
        agency_from_statement(text)
        or agency_from_signature(lines, signature_line)
        or (plausible_agency(m.group("a")) if (m := _HOST_RE.search(text)) else None)
    )


def _ends_name(follows: str) -> bool:
    """The name ends here: a verb of the opening sentence (高度重视, 坚持, 按照 …) or a particle
    (的, 于, 为, 对, 将, 联系) follows, not more of a longer name."""
    return follows.startswith(_OPENING_VERBS) or follows[:1] in "联于的为对将在"


def _fuller(agency: str, text: str) -> str:
    """A longer name of the same body in the text: place names in front of it."""
    from govcrawl.process.parse.region import gazetteer

    best = agency
    for m in re.finditer(re.escape(agency), text[:6000]):
        start = m.start()
        after = text[m.end() : m.end() + 1]
        follows = text[m.end() : m.end() + 4]
        if after and re.match(r"[\u4e00-\u9fff]", after) and not _ends_name(follows):
            continue  # 淮安市洪泽区人民政府办公室 is another body than 洪泽区人民政府
        for k in range(max(0, start - 12), start):
            prefix = text[k:start]
            names = gazetteer().leading_names(prefix)
            if names and sum(len(n) for n in names) == len(prefix) and len(prefix) + len(agency) > len(best):
                best = prefix + agency
                break
    return best


def resolve_agency(
    *,
    title: str | None,
    title_kind: str | None,
    title_line: int | None,
    is_report: bool,
    text: str,
    lines: list[str],
    prose: list[str],
    meta: dict[str, str],
    signature_line: int | None,
    government_host: bool | None = None,
) -> tuple[str | None, str | None]:
    """(agency, evidence). `government_host` False: the page is a copy on another site (mirror,
    aggregator, wiki), whose footer names that site's owner, not the report's body."""
    from_title = agency_from_title(title) if title else None
    title_place = from_title if from_title and is_bare_place(from_title) else None
    if title_place:
        from_title = None
    if not is_report:
        publisher = agency_from_meta(meta)
        if publisher and from_title and starts_with_place(from_title) and not starts_with_place(publisher):
            publisher = None  # an office without its place (信息公开办) under a title naming its issuer
        for value, source in (
            (publisher, "meta"),
            (from_title, "title"),
            (agency_from_signature_block(lines), "signature"),
            (agency_from_speech(text), "body"),
            (title_place, "title"),
        ):
            if value:
                return value, source
        return None, None
    issuer = agency_from_issuer_line(lines, title_line)
    named = from_title or title_place
    if issuer and named and not issuer.startswith(named[:2]):
        issuer = None  # a line under the title that names some other body (a column, the site)
    if issuer and not is_bare_place(issuer):
        return _fuller(issuer, text), "issuer_line"
    if from_title:
        return _fuller(from_title, text), "title"
    statement = agency_from_statement(text)
    if statement and not is_bare_place(statement):
        return _fuller(statement, text), "body"
    place = title_place or statement or (issuer if issuer and is_bare_place(issuer) else None)
    contact = agency_from_contact(text)
    if place:
        # a place's report is its government's: take the government's name where the page prints it
        for value, source in ((contact, "contact"), (agency_from_meta(meta), "meta")):
            if value and re.fullmatch(re.escape(place) + _GOVERNMENT_OF_RE, value):
                return value, source
        return place, "title" if title_place else "body"
    if contact:
        return contact, "contact"
    opening = agency_from_opening(text)
    if opening:
        return _fuller(opening, text), "body"
    from_meta = agency_from_meta(meta)
    if from_meta:
        return from_meta, "meta"
    sig = agency_from_signature(prose, signature_line)
    if sig:
        return sig, "signature"
    # the site owner runs the portal; it published the report only if the report's own word for
    # itself (我局, 我镇, 我县 …) does not name another kind of body
    if government_host is False:
        return None, None
    ref = self_reference(text)
    m = _HOST_RE.search(text)
    for owner in (plausible_agency(meta.get("主办")), plausible_agency(m.group("a")) if m else None):
        if owner and consistent_with_self_reference(owner, ref):
            return owner, "site_owner"
    return None, None
