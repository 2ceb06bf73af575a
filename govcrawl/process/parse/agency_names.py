"""What counts as an agency name: a body's name (not a sentence, a site or a bare office), a bare
place (only region names), and the body a report calls itself (我局, 我镇)."""

from __future__ import annotations

import re

from govcrawl.process.parse.title import REPORT_PHRASE_RE

_SUFFIX_RE = re.compile(
    r"(?:局|办|办公室|委员会|委|厅|部|署|院|政府|中心|所|站|队|馆|会|处|室|社|区|县|市|旗|镇|乡|街道|办事处|管委会|"
    r"分局|支队|大队|集团|公司|银行|法院|检察院|监狱|总队|人防办|州|盟|省|苏木|嘎查|开发区|园区|新区|试验区|实验区)$"
)
_ALIAS_RE = re.compile(r"[（(][^()（）]*[)）]")


def plausible_agency(name: str | None, generic_ok: bool = False) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s+", "", _ALIAS_RE.sub("", name)).strip("《》【】[]<>“”\"'·-—_:：,，。|")
    if not (2 <= len(name) <= 40) or not _SUFFIX_RE.search(name):
        return None
    if re.search(
        r"网站?$|本站|本网|原创|佚名|^[我本全各该此在]|^(?:县|市|区|省)$|"
        r"^(?:按照|根据|围绕|通过|经过|对于|关于|由于|为了|依据|结合)",
        name,
    ):
        return None
    if REPORT_PHRASE_RE.search(name) or re.search(r"\d", name):
        return None
    if not generic_ok and re.fullmatch(r"(?:人民)?政府|(?:政府)?办公(?:室|厅)|机关|本机关", name):
        return None  # a body without its place: not an identity
    if len(name) < 3 and not is_bare_place(name):
        return None
    return name


def is_bare_place(name: str | None) -> bool:
    """Only region names (合江县, 福州市晋安区, 兴安盟): a place, not a body."""
    if not name:
        return False
    from govcrawl.process.parse.region import gazetteer

    gaz = gazetteer()
    names = gaz.leading_names(name)
    return bool(names) and sum(len(n) for n in names) == len(name)


def starts_with_place(name: str) -> bool:
    from govcrawl.process.parse.region import gazetteer

    return bool(gazetteer().leading_names(name))


# 我局 / 本局 / 我委 / 我镇 / 我县 …: how a report names its own body. Units and places.
_SELF_UNIT_RE = re.compile(r"[我本](局|委|厅|办|中心|院|所|站|队|馆|处)(?![长员领])")
_SELF_PLACE_RE = re.compile(r"我(街道|县|区|市|镇|乡|旗|盟|州|省|苏木)")


def self_reference(text: str) -> str | None:
    """The body word a report uses for itself most often in its first part (局, 镇, 县 …), if any."""
    head = text[:4000]
    counts: dict[str, int] = {}
    for m in (*_SELF_UNIT_RE.finditer(head), *_SELF_PLACE_RE.finditer(head)):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def consistent_with_self_reference(name: str, ref: str | None) -> bool:
    """Can `name` be the body that calls itself 我{ref}? A 局 is a …局, a 镇 is a …镇(人民政府),
    a 县 is the county's government or its office."""
    if ref is None:
        return True
    if ref in ("县", "区", "市", "镇", "乡", "旗", "盟", "州", "省", "苏木", "街道"):
        return bool(re.search(rf"{ref}(?:人民政府|政府|办事处|党委|$)", name)) or name.endswith(ref)
    if ref == "委":
        return bool(re.search(r"委(?:员会)?$", name))
    if ref == "办":
        return bool(re.search(r"办(?:公室)?$", name))
    return name.endswith(ref)
