"""Regenerate the bundled seed registry (seeds/*.json) from the portal CSVs.

    .venv/bin/python -m tools.build_registry [--portals DIR] [--out DIR]

Reads local_government_portals.csv (adcode,name,portal_url,level) and central_organs.csv
(Organ,Url) from DIR (default: ../shared/portals beside the repo) and writes one JSON file per
province plus central.json. Only this script reads the CSVs; the crawler uses the committed JSON.
The rules (URL repair, site-root normalisation, duplicate hosts) are described in seeds/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from govcrawl.registry import (
    CENTRAL_ADCODE,
    PROVINCE_FILE_STEMS,
    PROVINCE_NAMES,
    Portal,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "seeds"
DEFAULT_PORTALS_DIR = REPO.parent / "shared" / "portals"

CSV_LEVELS = {"province": "province", "prefecture": "city", "county": "county"}
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}

# Hosts that two CSV rows claim, with the adcode that really owns the site. Checked by hand:
# the other row got the URL through a name mix-up (东区 matched 河东区, 矿区 matched 井陉矿区…).
HOST_OWNERS = {
    "tjhd.gov.cn": "120102",  # 天津市河东区; not 攀枝花市东区 (510402)
    "tjhx.gov.cn": "120103",  # 天津市河西区; not 攀枝花市西区 (510403)
    "sjzkq.gov.cn": "130107",  # 石家庄市井陉矿区; not 阳泉市矿区 (140303)
    "gongbujiangda.gov.cn": "540421",  # 工布江达县; not 江达县 (540321)
}

# The four organs the CSV names in English; everything else is already in Chinese.
CENTRAL_CHINESE_NAMES = {
    "State Council": "国务院",
    "SPC": "最高人民法院",
    "SPP": "最高人民检察院",
    "NPC": "全国人民代表大会",
}

# The province whose governments run the gkmlpt platform (广东).
GKMLPT_PROVINCE = "44"

_HANWEB_PATH_RE = re.compile(r"/col/col\d+|/art/\d{4}/\d{1,2}/\d{1,2}/art_")


@dataclass(frozen=True)
class Dropped:
    where: str  # 'local_government_portals.csv:1777'
    name: str
    url: str
    reason: str


def repair_url(url: str) -> str:
    """Fix typing slips in a CSV URL's host: 'www.x.gov.cn;' and 'www.x.gov.cnn16' -> 'www.x.gov.cn'."""
    url = url.strip()
    parts = urlsplit(url)
    host = parts.netloc.lower()
    m = re.match(r"[a-z0-9.:-]*", host)
    assert m is not None  # '*' matches at least the empty string
    host = m.group(0).rstrip(".")
    cut = host.find(".gov.cn")
    if cut != -1:
        host = host[: cut + len(".gov.cn")]
    return parts._replace(netloc=host).geturl()


def site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def site_key(host: str) -> str:
    return host.removeprefix("www.")


def allowed_domains_for(host: str) -> list[str]:
    """The host, plus x.gov.cn when the host is www.x.gov.cn.

    A government's www site links to its departments' subdomains (yjj.x.gov.cn), where many
    reports are, so the registrable name is allowed. Other subdomains (qionghai.hainan.gov.cn)
    get only themselves: the parent belongs to a different government.
    """
    labels = host.split(".")
    if len(labels) == 4 and labels[0] == "www" and labels[2:] == ["gov", "cn"]:
        return [host, ".".join(labels[1:])]
    return [host]


def cms_hint(url: str, adcode: str = "") -> str | None:
    """'hanweb' when the CSV URL has Hanweb JCMS's /col/colN or /art/Y/M/D/art_ paths; else
    'gkmlpt' for a Guangdong (44xxxx) government whose host is a gov.cn name: Guangdong's
    governments and their departments publish their 信息公开 directory on the provincial gkmlpt
    platform (seeds/README.md gives the evidence). A wrong hint costs nothing: the spider uses a
    hint only when that adapter recognises the page."""
    if _HANWEB_PATH_RE.search(urlsplit(url).path):
        return "hanweb"
    if adcode.startswith(GKMLPT_PROVINCE) and host_of(url).endswith(".gov.cn"):
        return "gkmlpt"
    return None


def _seed(id_: str, name: str, adcode: str, level: str, url: str, cms: str | None) -> dict:
    return Portal(
        id=id_,
        name=name,
        adcode=adcode,
        level=level,
        start_urls=(url,),
        allowed_domains=tuple(allowed_domains_for(host_of(url))),
        cms=cms,
    ).to_dict()


def _read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers (header is line 1), blank rows skipped."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [(reader.line_num, row) for row in reader]
    return [(line, row) for line, row in rows if any((value or "").strip() for value in row.values())]


def _keep_one(candidates: list[tuple[int, dict, str]], key: str) -> tuple[int, dict, str]:
    """The row that owns a shared host: hand-checked owner, else the row at the site root,
    else the higher level, else the first in the CSV."""
    owner = HOST_OWNERS.get(key)
    if owner is not None:
        for candidate in candidates:
            if candidate[1]["adcode"] == owner:
                return candidate

    def rank(candidate: tuple[int, dict, str]) -> tuple:
        line, row, original = candidate
        at_root = urlsplit(original).path in ("", "/")
        return (not at_root, _LEVEL_RANK.get(CSV_LEVELS.get(row["level"].strip(), ""), 9), line)

    return min(candidates, key=rank)


def local_portals(csv_path: Path) -> tuple[dict[str, list[dict]], list[Dropped], list[str]]:
    """Seeds by 2-digit province code, the rows left out, and notes on repaired URLs."""
    label = csv_path.name
    by_host: dict[str, list[tuple[int, dict, str]]] = {}
    dropped: list[Dropped] = []
    notes: list[str] = []
    for line, row in _read_csv(csv_path):
        adcode, original = row["adcode"].strip(), row["portal_url"].strip()
        if adcode[:2] not in PROVINCE_NAMES:
            dropped.append(Dropped(f"{label}:{line}", row["name"], original, "out of scope (not in provinces 11-65)"))
            continue
        repaired = repair_url(original)
        if repaired != original:
            notes.append(f"{label}:{line}: repaired URL {original} -> {repaired}")
        by_host.setdefault(site_key(host_of(repaired)), []).append((line, row, repaired))

    kept: list[tuple[int, dict, str]] = []
    for key, candidates in by_host.items():
        winner = _keep_one(candidates, key)
        kept.append(winner)
        for line, row, url in candidates:
            if (line, url) != (winner[0], winner[2]):
                reason = f'host "{key}" belongs to {winner[1]["name"]} ({winner[1]["adcode"]})'
                dropped.append(Dropped(f"{label}:{line}", f"{row['name']} ({row['adcode']})", url, reason))

    by_province: dict[str, list[dict]] = {}
    used_ids: set[str] = set()
    for line, row, url in sorted(kept, key=lambda item: (item[1]["adcode"].strip(), item[0])):
        adcode = row["adcode"].strip()
        level = CSV_LEVELS.get(row["level"].strip())
        if level is None:
            raise SystemExit(f"{label}:{line}: unknown level {row['level']!r}")
        portal_id, n = adcode, 2
        while portal_id in used_ids:  # adcodes are unique today; stay deterministic if not
            portal_id, n = f"{adcode}-{n}", n + 1
        used_ids.add(portal_id)
        cms = cms_hint(url, adcode)
        start = site_root(url)
        if cms == "gkmlpt":
            # The platform's sites answer over plain http; https often fails or redirects badly,
            # while an https-only site still redirects http to https.
            start = "http://" + start.split("://", 1)[1]
        seed = _seed(portal_id, row["name"].strip(), adcode, level, start, cms)
        by_province.setdefault(adcode[:2], []).append(seed)
    dropped.sort(key=lambda d: int(d.where.rsplit(":", 1)[1]))
    return by_province, dropped, notes


def central_slug(url: str) -> str:
    """'https://www.mofcom.gov.cn/' -> 'mofcom'; 'https://nnsa.mee.gov.cn/' -> 'nnsa-mee';
    an IP host uses its first path segment ('http://203.192.6.89/xhs/' -> 'xhs')."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if re.fullmatch(r"[\d.]+", host):
        segment = next((s for s in parts.path.split("/") if s), host)
        return re.sub(r"[^a-z0-9]+", "-", segment.lower()).strip("-")
    name = host.removeprefix("www.")
    for suffix in (".gov.cn", ".cn"):
        if name.endswith(suffix) and name != suffix.lstrip("."):
            name = name[: -len(suffix)]
            break
    return name.replace(".", "-")


def central_portals(csv_path: Path) -> tuple[list[dict], list[Dropped]]:
    """Seeds for the central organs, and the rows left out. URLs are kept as given (they are home
    pages or the organ's own column), except that one host gets one portal (the site-root one)."""
    label = csv_path.name
    rows = []
    for line, row in _read_csv(csv_path):
        organ, url = (row.get("Organ") or "").strip(), (row.get("Url") or "").strip()
        if organ and url:
            name = CENTRAL_CHINESE_NAMES.get(organ, organ.strip("（）() "))
            rows.append((line, name, repair_url(url)))
    by_host: dict[str, list[tuple[int, str, str]]] = {}
    for line, name, url in rows:
        by_host.setdefault(site_key(host_of(url)), []).append((line, name, url))
    seeds, dropped = [], []
    used_ids: set[str] = set()
    for key, candidates in by_host.items():
        # The organ at the site root owns the host; one on a column of it is covered by that crawl.
        winner = min(candidates, key=lambda c: (not _is_home(c[2]), c[0]))
        for line, name, url in candidates:
            if line != winner[0]:
                dropped.append(Dropped(f"{label}:{line}", name, url, f'host "{key}" belongs to {winner[1]}'))
        line, name, url = winner
        portal_id, n = f"central-{central_slug(url)}", 2
        base = portal_id
        while portal_id in used_ids:
            portal_id, n = f"{base}-{n}", n + 1
        used_ids.add(portal_id)
        seeds.append((line, _seed(portal_id, name, CENTRAL_ADCODE, "central", url, cms_hint(url))))
    dropped.sort(key=lambda d: int(d.where.rsplit(":", 1)[1]))
    return [seed for _, seed in sorted(seeds, key=lambda pair: pair[0])], dropped


def _is_home(url: str) -> bool:
    path = urlsplit(url).path
    return path in ("", "/") or re.fullmatch(r"/(index|default)\.[a-z]+", path, re.IGNORECASE) is not None


def render_seed_file(seeds: list[dict]) -> str:
    """A JSON array with one portal per line: readable, diff-friendly, and the line is the portal's."""
    if not seeds:
        return "[]\n"
    lines = [json.dumps(seed, ensure_ascii=False) for seed in seeds]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def build(portals_dir: Path) -> tuple[dict[str, str], list[Dropped], list[str]]:
    """File name -> content of every registry file, the rows left out, and URL repair notes."""
    by_province, dropped, notes = local_portals(portals_dir / "local_government_portals.csv")
    central, central_dropped = central_portals(portals_dir / "central_organs.csv")
    files = {
        f"{PROVINCE_FILE_STEMS[code]}.json": render_seed_file(by_province.get(code, [])) for code in PROVINCE_FILE_STEMS
    }
    files["central.json"] = render_seed_file(central)
    return files, dropped + central_dropped, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portals", type=Path, default=DEFAULT_PORTALS_DIR, help="directory with the two CSVs")
    parser.add_argument("--out", type=Path, default=SEEDS_DIR, help="where to write the JSON files")
    args = parser.parse_args(argv)
    files, dropped, notes = build(args.portals)
    for name, content in files.items():
        (args.out / name).write_text(content, encoding="utf-8")
    total = sum(len(json.loads(content)) for content in files.values())
    print(f"wrote {len(files)} files, {total} portals, to {args.out}")
    for note in notes:
        print(note)
    for item in dropped:
        print(f"{item.where}: left out {item.name} {item.url}: {item.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
