"""Provinces in scope: codes, names, file stems and the names users type for them."""

from __future__ import annotations

from govcrawl.registry.errors import SeedError

CENTRAL_ADCODE = "100000"

CENTRAL_GROUP = "central"

CENTRAL_NAME = "中央"

# (2-digit code, full name, pinyin file stem). 71 台湾, 81 香港, 82 澳门 are out of scope.
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("11", "北京市", "beijing"),
    ("12", "天津市", "tianjin"),
    ("13", "河北省", "hebei"),
    ("14", "山西省", "shanxi"),
    ("15", "内蒙古自治区", "neimenggu"),
    ("21", "辽宁省", "liaoning"),
    ("22", "吉林省", "jilin"),
    ("23", "黑龙江省", "heilongjiang"),
    ("31", "上海市", "shanghai"),
    ("32", "江苏省", "jiangsu"),
    ("33", "浙江省", "zhejiang"),
    ("34", "安徽省", "anhui"),
    ("35", "福建省", "fujian"),
    ("36", "江西省", "jiangxi"),
    ("37", "山东省", "shandong"),
    ("41", "河南省", "henan"),
    ("42", "湖北省", "hubei"),
    ("43", "湖南省", "hunan"),
    ("44", "广东省", "guangdong"),
    ("45", "广西壮族自治区", "guangxi"),
    ("46", "海南省", "hainan"),
    ("50", "重庆市", "chongqing"),
    ("51", "四川省", "sichuan"),
    ("52", "贵州省", "guizhou"),
    ("53", "云南省", "yunnan"),
    ("54", "西藏自治区", "xizang"),
    ("61", "陕西省", "shaanxi"),
    ("62", "甘肃省", "gansu"),
    ("63", "青海省", "qinghai"),
    ("64", "宁夏回族自治区", "ningxia"),
    ("65", "新疆维吾尔自治区", "xinjiang"),
)

PROVINCE_NAMES = {code: name for code, name, _ in PROVINCES}

PROVINCE_FILE_STEMS = {code: stem for code, _, stem in PROVINCES}

# Longest first, so 广西壮族自治区 loses 壮族自治区 rather than just 自治区.
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


def province_name(adcode: str) -> str:
    if adcode == CENTRAL_ADCODE:
        return CENTRAL_NAME
    return PROVINCE_NAMES.get(adcode[:2], "")


def short_province_name(full_name: str) -> str:
    for suffix in _PROVINCE_SUFFIXES:
        if full_name.endswith(suffix) and len(full_name) > len(suffix):
            return full_name[: -len(suffix)]
    return full_name


def _province_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {CENTRAL_GROUP: CENTRAL_GROUP, CENTRAL_NAME: CENTRAL_GROUP, CENTRAL_ADCODE: CENTRAL_GROUP}
    for code, name, stem in PROVINCES:
        for alias in (code, code + "0000", name, short_province_name(name), stem):
            aliases[alias] = code
    aliases["内蒙古"] = "15"  # short_province_name gives it already; kept explicit as the brief's example
    return aliases


_PROVINCE_ALIASES = _province_aliases()


def resolve_province(province: str) -> str:
    """'浙江', '浙江省', 'zhejiang', '33' or '330000' -> '33'; 'central'/'中央' -> 'central'."""
    key = province.strip()
    code = _PROVINCE_ALIASES.get(key) or _PROVINCE_ALIASES.get(key.lower())
    if code is None:
        choices = ", ".join(f"{c} {n}" for c, n, _ in PROVINCES)
        raise SeedError(f'unknown province "{province}"; valid choices: {choices}, central')
    return code
