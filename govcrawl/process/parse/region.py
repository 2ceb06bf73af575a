"""Region resolution: adcode → names, and names at the start of an agency name → adcode.

The gazetteer (govcrawl/registry/gazetteer.csv) is built from the portals list by
`tools/build_gazetteer.py`; it is loaded lazily, once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from govcrawl.registry import short_province_name

# The portals list names autonomous prefectures by their short form (甘南州); reports use both.
PREFECTURE_FULL_NAMES = {
    "延边州": "延边朝鲜族自治州",
    "恩施州": "恩施土家族苗族自治州",
    "湘西州": "湘西土家族苗族自治州",
    "阿坝州": "阿坝藏族羌族自治州",
    "甘孜州": "甘孜藏族自治州",
    "凉山州": "凉山彝族自治州",
    "黔西南州": "黔西南布依族苗族自治州",
    "黔东南州": "黔东南苗族侗族自治州",
    "黔南州": "黔南布依族苗族自治州",
    "楚雄州": "楚雄彝族自治州",
    "红河州": "红河哈尼族彝族自治州",
    "文山州": "文山壮族苗族自治州",
    "西双版纳州": "西双版纳傣族自治州",
    "大理州": "大理白族自治州",
    "德宏州": "德宏傣族景颇族自治州",
    "怒江州": "怒江傈僳族自治州",
    "迪庆州": "迪庆藏族自治州",
    "临夏州": "临夏回族自治州",
    "甘南州": "甘南藏族自治州",
    "海北州": "海北藏族自治州",
    "黄南州": "黄南藏族自治州",
    "海南州": "海南藏族自治州",
    "果洛州": "果洛藏族自治州",
    "玉树州": "玉树藏族自治州",
    "海西州": "海西蒙古族藏族自治州",
    "昌吉州": "昌吉回族自治州",
    "博尔塔拉州": "博尔塔拉蒙古自治州",
    "巴音郭楞州": "巴音郭楞蒙古自治州",
    "克州": "克孜勒苏柯尔克孜自治州",
    "伊犁州": "伊犁哈萨克自治州",
}
_MUNICIPALITIES = {"11", "12", "31", "50"}


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str  # official full name
    level: str  # province | prefecture | county


@dataclass(frozen=True)
class Region:
    province: str | None
    city: str | None
    county: str | None
    adcode: str | None

    def as_dict(self) -> dict:
        return {"province": self.province, "city": self.city, "county": self.county, "adcode": self.adcode}


EMPTY_REGION = Region(None, None, None, None)


class Gazetteer:
    def __init__(self, places: list[Place]):
        self.by_code = {p.adcode: p for p in places}
        self.by_name: dict[str, list[Place]] = {}
        for p in places:
            for alias in _aliases(p):
                self.by_name.setdefault(alias, []).append(p)
        self._names_longest_first = sorted(self.by_name, key=len, reverse=True)
        self._lengths = sorted({len(n) for n in self.by_name}, reverse=True)

    def region_of(self, adcode: str) -> Region:
        """Names of the place and its parents; adcode kept even if the place itself is unlisted."""
        prov = self.by_code.get(adcode[:2] + "0000")
        pref = self.by_code.get(adcode[:4] + "00") if adcode[2:4] != "00" else None
        place = self.by_code.get(adcode)
        county = place.name if place and place.level == "county" else None
        city = pref.name if pref and pref.level == "prefecture" else None
        if city is None and adcode[:2] in _MUNICIPALITIES and adcode[2:] != "0000" and prov:
            city = prov.name  # districts of 北京/天津/上海/重庆 sit directly under the municipality
        return Region(prov.name if prov else None, city, county, adcode)

    def leading_names(self, text: str) -> list[str]:
        """Region names the text starts with, one after the other (广东省惠州市… → [广东省, 惠州市])."""
        found, pos = [], 0
        lengths = self._lengths
        while pos < len(text):
            for n in lengths:
                word = text[pos : pos + n]
                if len(word) == n and word in self.by_name:
                    found.append(word)
                    pos += n
                    break
            else:
                break
        return found

    def resolve_names(self, names: list[str], within: str | None = None) -> Place | None:
        """Most specific place the chain of names pins down unambiguously (None if none does)."""
        prefix = _code_prefix(within) if within else ""
        best: Place | None = self.by_code.get(within) if within else None
        for name in names:
            candidates = [p for p in self.by_name.get(name, []) if p.adcode.startswith(prefix)]
            if len(candidates) != 1:
                break  # ambiguous (鼓楼区) or outside the known parent: stop at what is certain
            best = candidates[0]
            prefix = _code_prefix(best.adcode)
        return best


def _code_prefix(adcode: str) -> str:
    if adcode.endswith("0000"):
        return adcode[:2]
    if adcode.endswith("00"):
        return adcode[:4]
    return adcode


def _aliases(p: Place) -> set[str]:
    names = {p.name}
    for short, full in PREFECTURE_FULL_NAMES.items():
        if p.name == full:
            names.add(short)
    if p.level == "province":
        # 广东 for 广东省, 广西 for 广西壮族自治区; a municipality keeps 市 (北京路 is a street anywhere)
        names.add(p.name if p.adcode[:2] in _MUNICIPALITIES else short_province_name(p.name))
    return {n for n in names if len(n) >= 2}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = resources.files("govcrawl.registry").joinpath("gazetteer.csv")
    with path.open(encoding="utf-8") as fh:
        places = [Place(r["adcode"], r["name"], r["level"]) for r in csv.DictReader(fh)]
    return Gazetteer(places)


def region_for(adcode: str | None, names_sources: Sequence[str | None]) -> Region:
    """Region from the trusted seed adcode, refined by names the agency/title start with."""
    gaz = gazetteer()
    if adcode and not (len(adcode) == 6 and adcode.isdigit()):
        adcode = None
    for source in names_sources:
        if not source:
            continue
        text = source.removeprefix("中共").removeprefix("中国共产党")
        names = gaz.leading_names(text)
        if not names:
            continue
        place = gaz.resolve_names(names, within=adcode)
        if place is not None:
            return gaz.region_of(place.adcode)
    return gaz.region_of(adcode) if adcode else EMPTY_REGION


# --- where a region comes from ----------------------------------------------------------------
_LEADING_YEAR_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年\s*度?|[〇○零一二三四五六七八九]{4}\s*年\s*度?)\s*")
_PLACE_END = set("省市区县州盟旗")


def _name_sources(names: list[str | None]) -> list[str]:
    return [_LEADING_YEAR_RE.sub("", n) for n in names if n]


@lru_cache(maxsize=1)
def _body_names() -> dict[str, tuple[str, int]]:
    """Place name → (province code, weight) for names that pin one province: full names (weight 2)
    and the short form of prefecture-level names (南京 for 南京市, weight 1)."""
    gaz = gazetteer()
    out: dict[str, tuple[str, int]] = {}
    short: dict[str, set[str]] = {}
    for name, places in gaz.by_name.items():
        provinces = {p.adcode[:2] for p in places}
        if len(name) >= 3 and len(provinces) == 1:
            out[name] = (provinces.pop(), 2)
    for p in gaz.by_code.values():
        if p.level == "prefecture" and p.name.endswith("市") and len(p.name) == 3:
            short.setdefault(p.name[:-1], set()).add(p.adcode[:2])
    for name, provinces in short.items():
        if name not in out and len(provinces) == 1 and name not in gaz.by_name:
            out[name] = (provinces.pop(), 1)
    return out


def province_from_body(text: str, limit: int = 5000) -> str | None:
    """Province adcode most place names in the text belong to (None unless it clearly leads)."""
    names = _body_names()
    votes: dict[str, int] = {}
    head = text[:limit]
    n = len(head)
    i = 0
    while i < n:
        hit = None
        for length in range(10, 1, -1):
            word = head[i : i + length]
            if len(word) == length and word in names:
                hit = word
                break
        if hit:
            code, weight = names[hit]
            votes[code] = votes.get(code, 0) + weight
            i += len(hit)
        else:
            i += 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    best, count = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return best + "0000" if count >= 2 and count >= 2 * second else None


def resolve_region(
    adcode: str | None,
    agency: str | None,
    title: str | None,
    *,
    host_adcode: str | None = None,
    text: str = "",
    meta_index: str | None = None,
) -> tuple[Region, str | None]:
    """(region, evidence): the seed adcode refined by names; names of the agency/title; the
    registered portal of the URL's host; place names in the body."""
    gaz = gazetteer()
    sources = _name_sources([agency, title])
    if adcode and len(adcode) == 6 and adcode.isdigit():
        return region_for(adcode, sources), "seed"
    by_names = region_for(None, sources)
    if host_adcode:
        if by_names.adcode and (host_adcode == "100000" or by_names.adcode[:2] != host_adcode[:2]):
            return by_names, _names_evidence(agency)
        return region_for(host_adcode, sources), "registry"
    if by_names.adcode:
        return by_names, _names_evidence(agency)
    code = credit_code_province(meta_index)
    if code:
        return gaz.region_of(code), "credit_code"
    code = province_from_body(text)
    if code:
        return gaz.region_of(code), "body"
    return EMPTY_REGION, None


def _names_evidence(agency: str | None) -> str:
    return "agency" if agency and region_for(None, _name_sources([agency])).adcode else "title"


# 统一社会信用代码 (GB 32100): 登记管理部门 (1 = 机构编制) and 机构类别 (1 机关, 2 事业单位, 3 群团, 9 其他),
# then the 6-digit division code of the registering authority. 索引号 often starts with the
# publisher's code: '11330682002590…/2015-28256'.
_CREDIT_CODE_RE = re.compile(r"^\s*1[1239](\d{6})[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")


def credit_code_province(index_number: str | None) -> str | None:
    """Province adcode from a 索引号 that starts with a government body's credit code."""
    if not index_number:
        return None
    m = _CREDIT_CODE_RE.match(index_number)
    if not m:
        return None
    code = m.group(1)[:2] + "0000"
    return code if code in gazetteer().by_code else None
