"""Seed portals: load, validate and select the sites a crawl starts from.

A seed file is a JSON array of portal objects (or JSON Lines for `.jsonl`). Every problem is
reported as `file:line: message` and raised before anything is fetched, so a typo in a seed
file never turns into a half-run crawl. The bundled registry lives in the `seeds` package
(one file per province plus central.json); see seeds/README.md for the format.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

LEVELS = ("province", "city", "county", "department", "central")
CMS_HINTS = ("trs", "hanweb", "gkmlpt", "ucap", "generic")
RENDER_MODES = ("http", "browser")
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

REQUIRED_FIELDS: dict[str, type] = {
    "id": str,
    "name": str,
    "adcode": str,
    "level": str,
    "start_urls": list,
    "allowed_domains": list,
}
OPTIONAL_FIELDS: dict[str, type] = {"cms": str, "render": str, "obey_robots": bool}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
_HOST_LABEL_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
FIRST_REPORT_YEAR = 2008  # the 2007 regulations took effect on 2008-05-01


class SeedError(ValueError):
    """Bad seed input. `problems` holds one 'file:line: message' string per problem."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Portal:
    id: str
    name: str
    adcode: str
    level: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    cms: str | None = None
    render: str = "http"
    obey_robots: bool = True
    province: str = field(default="", compare=False)
    """Name of the provincial-level region ('浙江省'), or '中央' for central organs."""

    def __post_init__(self) -> None:
        if not self.province:
            object.__setattr__(self, "province", province_name(self.adcode))

    @property
    def province_code(self) -> str:
        """'33' for Zhejiang portals, 'central' for central organs."""
        return CENTRAL_GROUP if self.adcode == CENTRAL_ADCODE else self.adcode[:2]

    def to_dict(self) -> dict[str, Any]:
        """The seed-file object for this portal (defaults left out)."""
        record: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "adcode": self.adcode,
            "level": self.level,
            "start_urls": list(self.start_urls),
            "allowed_domains": list(self.allowed_domains),
        }
        if self.cms is not None:
            record["cms"] = self.cms
        if self.render != "http":
            record["render"] = self.render
        if not self.obey_robots:
            record["obey_robots"] = False
        return record


def province_name(adcode: str) -> str:
    if adcode == CENTRAL_ADCODE:
        return CENTRAL_NAME
    return PROVINCE_NAMES.get(adcode[:2], "")


def short_province_name(full_name: str) -> str:
    for suffix in _PROVINCE_SUFFIXES:
        if full_name.endswith(suffix) and len(full_name) > len(suffix):
            return full_name[: -len(suffix)]
    return full_name


# ---------------------------------------------------------------- reading files


@dataclass
class _Located:
    """A decoded object with the line it starts on and the line of each of its keys."""

    value: Any
    line: int
    key_lines: dict[str, int]
    duplicate_keys: list[str]


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


_DECODER = json.JSONDecoder()


def _locate_object(text: str, start: int, line_offset: int = 0) -> tuple[_Located, int]:
    """Decode the JSON value at `start` of already-valid JSON; for an object also record key lines.

    Walks the object's members one by one with the json module's own scanners, so string
    contents (braces, quotes, newlines) can never be mistaken for structure.
    """
    line = _line_of(text, start) + line_offset
    if text[start] != "{":
        value, end = _DECODER.raw_decode(text, start)
        return _Located(value, line, {}, []), end
    members: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    duplicates: list[str] = []
    pos = _skip_ws(text, start + 1)
    if text[pos] == "}":
        return _Located(members, line, key_lines, duplicates), pos + 1
    while True:
        key, pos_after_key = json.decoder.scanstring(text, pos + 1)
        if key in members:
            duplicates.append(key)
        key_lines[key] = _line_of(text, pos) + line_offset
        pos = _skip_ws(text, pos_after_key)  # now at ':'
        pos = _skip_ws(text, pos + 1)
        members[key], pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if text[pos] == "}":
            return _Located(members, line, key_lines, duplicates), pos + 1
        pos = _skip_ws(text, pos + 1)  # past ','


def _malformed(label: str, err: json.JSONDecodeError, line_offset: int = 0) -> str:
    message = f"{label}:{err.lineno + line_offset}:{err.colno}: malformed JSON: {err.msg}"
    if err.msg == "Extra data" and not label.endswith(".jsonl"):
        message += " (one object per line needs a .jsonl file name)"
    return message


def _read_json_array(text: str, label: str) -> tuple[list[_Located], list[str]]:
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        return [], [_malformed(label, err)]
    pos = _skip_ws(text, 0)
    if pos >= len(text) or text[pos] != "[":
        return [], [f"{label}:{_line_of(text, pos)}: expected a JSON array of portal objects"]
    items: list[_Located] = []
    pos = _skip_ws(text, pos + 1)
    if text[pos] == "]":
        return items, []
    while True:
        item, pos = _locate_object(text, pos)
        items.append(item)
        pos = _skip_ws(text, pos)
        if text[pos] == "]":
            return items, []
        pos = _skip_ws(text, pos + 1)


def _read_json_lines(text: str, label: str) -> tuple[list[_Located], list[str]]:
    items: list[_Located] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(_malformed(label, err, line_offset=number - 1))
            continue
        item, _ = _locate_object(line, _skip_ws(line, 0), line_offset=number - 1)
        items.append(item)
    return items, problems


# ---------------------------------------------------------------- validating portals


def _host_is_valid(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return len(labels) >= 2 and all(_HOST_LABEL_RE.fullmatch(label) for label in labels)


def _url_host(url: str) -> str | None:
    """Lower-case host of an http(s) URL, or None if it is not one."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or not _host_is_valid(host):
        return None
    return host


def _domain_covers(domain: str, host: str) -> bool:
    # Scrapy's offsite rule: a domain allows itself and its subdomains.
    return host == domain or host.endswith("." + domain)


def _portal_from(item: _Located, label: str) -> tuple[Portal | None, list[str]]:
    """Validate one decoded object; return the Portal, or None and every problem found."""
    record = item.value
    if not isinstance(record, dict):
        return None, [f"{label}:{item.line}: expected a portal object, got {type(record).__name__}"]
    where = record.get("id") if isinstance(record.get("id"), str) else None
    prefix = f'portal "{where}": ' if where else "portal: "

    def at(key: str | None) -> str:
        return f"{label}:{item.key_lines.get(key, item.line) if key else item.line}: {prefix}"

    problems = [f"{at(key)}field \"{key}\" given twice" for key in item.duplicate_keys]
    known = {**REQUIRED_FIELDS, **OPTIONAL_FIELDS}
    for key in record:
        if key not in known:
            problems.append(f'{at(key)}unknown field "{key}" (fields: {", ".join(known)})')
    for key, kind in known.items():
        if key not in record or (key == "cms" and record[key] is None):  # "cms": null = no hint
            if key in REQUIRED_FIELDS:
                problems.append(f'{at(None)}missing required field "{key}"')
            continue
        value = record[key]
        # bool is an int subclass, and a list/str mix-up is the classic hand-edit mistake.
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            problems.append(
                f'{at(key)}field "{key}" must be {_TYPE_WORDS[kind]}, got {json.dumps(value, ensure_ascii=False)}'
            )
    if problems:
        return None, problems

    if not _ID_RE.fullmatch(record["id"]):
        problems.append(f'{at("id")}id "{record["id"]}" must match [a-z0-9][a-z0-9._-]*')
    if not record["name"].strip():
        problems.append(f'{at("name")}name is empty')
    adcode = record["adcode"]
    if not re.fullmatch(r"\d{6}", adcode):
        problems.append(f'{at("adcode")}adcode "{adcode}" is not 6 digits')
    elif adcode != CENTRAL_ADCODE and adcode[:2] not in PROVINCE_NAMES:
        problems.append(f'{at("adcode")}adcode "{adcode}" is not in a province in scope (11-65)')
    level = record["level"]
    if level not in LEVELS:
        problems.append(f'{at("level")}unknown level "{level}" (levels: {", ".join(LEVELS)})')
    elif (level == "central") != (adcode == CENTRAL_ADCODE):
        problems.append(f'{at("level")}level "central" goes with adcode "{CENTRAL_ADCODE}" and only with it')
    if record.get("cms") is not None and record["cms"] not in CMS_HINTS:
        problems.append(f'{at("cms")}unknown cms "{record["cms"]}" (cms: {", ".join(CMS_HINTS)})')
    render = record.get("render", "http")
    if render not in RENDER_MODES:
        problems.append(f'{at("render")}unknown render "{render}" (render: {", ".join(RENDER_MODES)})')

    problems += _check_urls(record, at)
    if problems:
        return None, problems
    return (
        Portal(
            id=record["id"],
            name=record["name"].strip(),
            adcode=adcode,
            level=level,
            start_urls=tuple(record["start_urls"]),
            allowed_domains=tuple(d.lower() for d in record["allowed_domains"]),
            cms=record.get("cms"),
            render=render,
            obey_robots=record.get("obey_robots", True),
        ),
        [],
    )


_TYPE_WORDS = {str: "a string", list: "a list", bool: "true or false"}


def _check_urls(record: dict, at) -> list[str]:
    problems: list[str] = []
    urls, domains = record["start_urls"], record["allowed_domains"]
    if not urls:
        problems.append(f"{at('start_urls')}start_urls is empty")
    if not domains:
        problems.append(f"{at('allowed_domains')}allowed_domains is empty")
    hosts = []
    for url in urls:
        host = _url_host(url) if isinstance(url, str) else None
        if host is None:
            problems.append(f"{at('start_urls')}start URL {json.dumps(url, ensure_ascii=False)} is not an http(s) URL")
        else:
            hosts.append(host)
    good_domains = []
    for domain in domains:
        if not isinstance(domain, str) or not _host_is_valid(domain.lower()):
            problems.append(f"{at('allowed_domains')}allowed domain {json.dumps(domain, ensure_ascii=False)} is not a host name")
        else:
            good_domains.append(domain.lower())
    if good_domains:
        for host in hosts:
            if not any(_domain_covers(d, host) for d in good_domains):
                problems.append(f'{at("allowed_domains")}allowed_domains do not cover start URL host "{host}"')
    return problems


def _read_file(path: Path, label: str) -> tuple[list[tuple[Portal, int]], list[str]]:
    """Every valid portal with its line, and every problem, of one seed file."""
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        return [], [f"{label}: no such seed file"]
    except (OSError, UnicodeDecodeError) as err:
        return [], [f"{label}: cannot read seed file: {err}"]
    reader = _read_json_lines if path.suffix.lower() == ".jsonl" else _read_json_array
    items, problems = reader(text, label)
    portals: list[tuple[Portal, int]] = []
    first_line_of_id: dict[str, int] = {}
    for item in items:
        portal, found = _portal_from(item, label)
        problems += found
        if portal is None:
            continue
        if portal.id in first_line_of_id:
            problems.append(f'{label}:{item.line}: duplicate id "{portal.id}" (first at line {first_line_of_id[portal.id]})')
            continue
        first_line_of_id[portal.id] = item.line
        portals.append((portal, item.line))
    return portals, problems


def load_seed_file(path: str | Path) -> list[Portal]:
    """The portals of one seed file (.json array or .jsonl); SeedError lists every problem."""
    path = Path(path)
    portals, problems = _read_file(path, str(path))
    if problems:
        raise SeedError(problems)
    return [portal for portal, _ in portals]


# ---------------------------------------------------------------- the registry


def _registry_files(directory: str | Path | None) -> list[tuple[Any, str]]:
    """(readable path, label) of every seed file of the registry, sorted by name."""
    if directory is None:
        root = resources.files("seeds")
        entries = [(entry, f"seeds/{entry.name}") for entry in root.iterdir()]
    else:
        root = Path(directory)
        if not root.is_dir():
            raise SeedError(f"{root}: not a directory of seed files")
        entries = [(entry, str(entry)) for entry in root.iterdir()]
    files = [(entry, label) for entry, label in entries if entry.name.endswith((".json", ".jsonl"))]
    return sorted(files, key=lambda pair: pair[0].name)


def _read_registry(directory: str | Path | None) -> tuple[list[tuple[Portal, str, int]], list[str]]:
    found: list[tuple[Portal, str, int]] = []
    problems: list[str] = []
    for entry, label in _registry_files(directory):
        with resources.as_file(entry) as path:
            portals, file_problems = _read_file(Path(path), label)
        problems += file_problems
        found += [(portal, label, line) for portal, line in portals]
    first_at: dict[str, str] = {}
    for portal, label, line in found:
        if portal.id in first_at and not first_at[portal.id].startswith(label + ":"):
            problems.append(f'{label}:{line}: duplicate id "{portal.id}" (first at {first_at[portal.id]})')
        first_at.setdefault(portal.id, f"{label}:{line}")
    return found, problems


def load_registry(directory: str | Path | None = None) -> list[Portal]:
    """Every portal of the bundled registry (package `seeds`) or of a directory of seed files."""
    found, problems = _read_registry(directory)
    if problems:
        raise SeedError(problems)
    return [portal for portal, _, _ in found]


def _site_key(url: str) -> tuple[str, str]:
    """(host without www., path) so www.x.gov.cn and x.gov.cn count as one site."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = _INDEX_PAGE_RE.sub("", parts.path).rstrip("/")
    return host, path


# A home page named index.html / default.aspx is the site root for duplicate detection.
_INDEX_PAGE_RE = re.compile(r"/(index|default|home)\.[a-z]+$", re.IGNORECASE)


def check_registry(directory: str | Path | None = None) -> list[str]:
    """Every problem of the registry; [] when it is sound.

    Beyond what loading checks: a portal whose adcode is not in the province its file is named
    after, the same start URL in two portals, and two portals sharing a host where either starts
    at the site root (two owners of one site). Portals on one host that start at different
    column paths (departments hosted by their government's site) are allowed.
    """
    found, problems = _read_registry(directory)
    stem_to_code = {stem: code for code, stem in PROVINCE_FILE_STEMS.items()}
    stem_to_code[CENTRAL_GROUP] = CENTRAL_GROUP
    for portal, label, line in found:
        expected = stem_to_code.get(Path(label).stem)
        if expected is not None and portal.province_code != expected:
            problems.append(
                f'{label}:{line}: portal "{portal.id}": adcode "{portal.adcode}" is not in the province of '
                f"{Path(label).name}"
            )
    seen_url: dict[tuple[str, str], str] = {}
    roots: dict[str, str] = {}
    columns: dict[str, str] = {}
    for portal, label, line in found:
        where = f"{label}:{line}"
        for url in portal.start_urls:
            host, path = _site_key(url)
            if (host, path) in seen_url and seen_url[(host, path)] != where:
                problems.append(f'{where}: portal "{portal.id}": duplicate start URL {url} (first at {seen_url[(host, path)]})')
                continue
            seen_url[(host, path)] = where
            clash = roots.get(host) or (columns.get(host) if not path else None)
            if clash and clash != where:
                problems.append(f'{where}: portal "{portal.id}": duplicate host "{host}" (first at {clash})')
            (columns if path else roots).setdefault(host, where)
    return problems


# ---------------------------------------------------------------- selecting


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


def select_portals(
    portals: Iterable[Portal], province: str | None = None, portal_ids: Iterable[str] | None = None
) -> list[Portal]:
    """The portals of one province (or 'central') and/or with the given ids, in input order."""
    chosen = list(portals)
    if province is not None:
        code = resolve_province(province)
        chosen = [p for p in chosen if p.province_code == code]
    if portal_ids is not None:
        wanted = list(dict.fromkeys(portal_ids))
        by_id = {p.id: p for p in chosen}
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            scope = f" in province {province}" if province is not None else ""
            valid = ", ".join(sorted(by_id)[:40]) + (" …" if len(by_id) > 40 else "")
            raise SeedError(f"unknown portal id{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}{scope}; "
                            f"valid ids: {valid or '(none)'}")
        keep = set(wanted)
        chosen = [p for p in chosen if p.id in keep]
    return chosen


# ---------------------------------------------------------------- years


def parse_years(text: str) -> tuple[int, int] | set[int]:
    """'2019-2025' -> (2019, 2025); '2021' -> (2021, 2021); '2019,2021' -> {2019, 2021}."""
    last_possible = date.today().year
    raw = str(text).strip()

    def year(token: str) -> int:
        token = token.strip()
        if not re.fullmatch(r"\d{4}", token):
            raise SeedError(f'bad years "{text}": "{token}" is not a 4-digit year '
                            f"(use 2019-2025, 2021 or 2019,2021)")
        value = int(token)
        if not FIRST_REPORT_YEAR <= value <= last_possible:
            raise SeedError(f'bad years "{text}": {value} is outside {FIRST_REPORT_YEAR}-{last_possible} '
                            f"(reports exist from {FIRST_REPORT_YEAR})")
        return value

    if not raw:
        raise SeedError('bad years "": give 2019-2025, 2021 or 2019,2021')
    if "," in raw:
        return {year(token) for token in raw.split(",")}
    if "-" in raw:
        first_text, _, last_text = raw.partition("-")
        first, last = year(first_text), year(last_text)
        if first > last:
            raise SeedError(f'bad years "{text}": {first} is after {last}')
        return first, last
    single = year(raw)
    return single, single


def years_contain(years: tuple[int, int] | set[int], year: int) -> bool:
    """Whether `year` is selected by what parse_years returned (a range or a set)."""
    if isinstance(years, tuple):
        return years[0] <= year <= years[1]
    return year in years


# ---------------------------------------------------------------- listing


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_portal_table(portals: Iterable[Portal]) -> str:
    """A plain-text table of id, name, adcode, level and first start URL, with a count line."""
    portals = list(portals)
    header = ("id", "name", "adcode", "level", "url")
    rows = [header] + [(p.id, p.name, p.adcode, p.level, p.start_urls[0]) for p in portals]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = ["  ".join([*(_pad(cell, w) for cell, w in zip(row[:-1], widths)), row[-1]]) for row in rows]
    lines.append(f"{len(portals)} portal{'s' if len(portals) != 1 else ''}")
    return "\n".join(lines)
