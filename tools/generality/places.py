"""Places of the perturbation set: another registered portal's county, prefecture and province
(gazetteer and seeds), and the substitution of an item's names, host and URL."""

from __future__ import annotations

import csv
import hashlib
import json
from urllib.parse import urlsplit, urlunsplit

from tools.generality.items import REPO, TOWNS


# --- gazetteer and seeds ------------------------------------------------------------------------
def _gazetteer() -> dict[str, dict]:
    with (REPO / "govcrawl" / "registry" / "gazetteer.csv").open(encoding="utf-8") as fh:
        return {r["adcode"]: r for r in csv.DictReader(fh)}


def _portals() -> list[dict]:
    out = []
    for path in sorted((REPO / "seeds").glob("*.json")):
        for portal in json.loads(path.read_text("utf-8")):
            if isinstance(portal, dict) and portal.get("adcode") and portal.get("allowed_domains"):
                out.append(portal)
    return out


GAZ = _gazetteer()

NAME_COUNT: dict[str, int] = {}

PORTALS = _portals()

MUNICIPALITIES = ("11", "12", "31", "50")


def _stable(*parts: object) -> int:
    return int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _chain(adcode: str) -> dict[str, str | None]:  # level -> name
    prov = GAZ.get(adcode[:2] + "0000")
    pref = GAZ.get(adcode[:4] + "00") if adcode[2:4] != "00" else None
    place = GAZ.get(adcode)
    return {
        "province": prov["name"] if prov else None,
        "prefecture": pref["name"] if pref and pref["level"] == "prefecture" else None,
        "county": place["name"] if place and place["level"] == "county" else None,
    }


def pick_target(file: str, places: list[tuple[str, str]], salt: int = 0) -> tuple[dict, dict] | None:
    """A registered portal in another province at the level the item needs, with unambiguous names."""
    levels = {lvl for _, lvl in places}
    old_prov = next(n for n, lvl in places if lvl == "province")
    old_muni = old_prov in ("北京市", "天津市", "上海市", "重庆市")
    want = "county" if "county" in levels else "city" if "prefecture" in levels else "province"
    pool = []
    for portal in PORTALS:
        code = portal["adcode"]
        if portal.get("level") != want or code not in GAZ:
            continue
        chain = _chain(code)
        if chain["province"] == old_prov or not chain["province"]:
            continue
        muni = code[:2] in MUNICIPALITIES
        if want == "county" and muni != old_muni:
            continue
        if want == "county" and not muni and ("prefecture" in levels) != bool(chain["prefecture"]):
            continue
        if any(NAME_COUNT.get(n or "", 0) > 1 for n in chain.values() if n):
            continue
        if want == "city" and muni:
            continue
        pool.append((portal, chain))
    if not pool:
        return None
    return pool[_stable(file, salt) % len(pool)]


def _short(name: str, level: str) -> str | None:
    if level == "province":
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return None
    if "自治" in name or len(name) > 4:
        return None  # 屏边苗族自治县: its short form is 屏边, not a cut at the suffix
    if level in ("prefecture", "county") and name[-1] in "市县区" and len(name) >= 3:
        return name[:-1]
    return None


# --- substitutions --------------------------------------------------------------------------------
def _variants_of(name: str) -> list[str]:
    """The name as a page may print it: simplified and traditional."""
    from govcrawl.process.clean.normalise import _S2T

    out = [name]
    trad = _S2T.convert(name)
    if trad != name:
        out.append(trad)
    return out


def place_mapping(file: str, places: list[tuple[str, str]], salt: int = 0):
    picked = pick_target(file, places, salt)
    if picked is None:
        return None
    portal, chain = picked
    mapping: list[tuple[str, str]] = []
    town_i = _stable(file, "town", salt)
    for old, level in places:
        if level == "town":
            new = TOWNS[town_i % len(TOWNS)]
            if new[-2:] != old[-2:] and old.endswith("街道") != new.endswith("街道"):
                new = next(t for t in TOWNS if t.endswith("街道") == old.endswith("街道"))
            mapping.append((old, new))
            continue
        target: str | None = chain.get(level) or (chain["province"] if level == "province" else None)
        if level == "county" and chain["county"] is None:
            return None
        if target is None:
            return None
        mapping.append((old, target))
        old_s, new_s = _short(old, level), _short(target, level)
        if old_s and not new_s:
            return None  # the page's short form would have nothing to become
        if old_s and new_s:
            mapping.append((old_s, new_s))
    mapping.sort(key=lambda kv: -len(kv[0]))  # longer names first (合江县 before 合江)
    return portal, chain, mapping


def apply_names(text: str, mapping: list[tuple[str, str]]) -> str:
    from govcrawl.process.clean.normalise import _S2T

    # placeholders so that a new name is never rewritten by a later (shorter) old one
    slots: list[str] = []
    for old, new in mapping:
        for form in _variants_of(old):
            if form in text:
                new_form = new if form == old else _S2T.convert(new)
                text = text.replace(form, chr(0xF000 + len(slots)))
                slots.append(new_form)
    for i, new in enumerate(slots):
        text = text.replace(chr(0xF000 + i), new)
    return text


def new_url(url: str | None, portal: dict, old_hosts: list[str]) -> str | None:
    if not url or "://" not in url:
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.endswith(".gov.cn") or host in old_hosts:
        return urlunsplit((parts.scheme, portal["allowed_domains"][0], parts.path, parts.query, ""))
    return url  # a mirror stays a mirror
