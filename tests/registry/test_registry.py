"""The bundled registry (seeds/, built by tools/build_registry.py) and check_registry on broken directories."""

from __future__ import annotations

import csv
import json

import pytest

from govcrawl.registry import PROVINCE_FILE_STEMS, SeedError, check_registry, load_registry
from tests.registry.seeds_support import GOOD, PORTALS_CSV_DIR, SEEDS_PACKAGE_DIR, one_per_line, write
from tools import build_registry

# ---------------------------------------------------------------- the registry


def test_committed_registry_has_no_problems():
    assert check_registry() == []


def test_registry_has_31_province_files_and_central():
    names = {p.name for p in SEEDS_PACKAGE_DIR.glob("*.json")}
    assert names == {f"{stem}.json" for stem in PROVINCE_FILE_STEMS.values()} | {"central.json"}
    assert len(PROVINCE_FILE_STEMS) == 31


def csv_rows(name: str) -> list[dict[str, str]]:
    with (PORTALS_CSV_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# The six rows whose URL is another government's site (see seeds/README.md).
LEFT_OUT_DUPLICATES = {"140303", "350527", "441702", "510402", "510403", "540321"}


def test_local_portal_count_is_csv_rows_minus_out_of_scope(registry):
    rows = csv_rows("local_government_portals.csv")
    in_scope = [r for r in rows if r["adcode"][:2] not in ("71", "81", "82")]
    local = [p for p in registry if p.level != "central"]
    assert len(local) == len(in_scope) - len(LEFT_OUT_DUPLICATES)
    assert {p.adcode for p in local} == {r["adcode"] for r in in_scope} - LEFT_OUT_DUPLICATES


def test_central_portal_count(registry):
    organs = [r for r in csv_rows("central_organs.csv") if (r["Organ"] or "").strip() and (r["Url"] or "").strip()]
    central = [p for p in registry if p.level == "central"]
    assert len(central) == len(organs) - 2  # 国家语委 and 国务院研究室 sit on 教育部's and 国务院's hosts


def test_generated_registry_is_up_to_date():
    files, _, _ = build_registry.build(PORTALS_CSV_DIR)
    for name, content in files.items():
        assert (SEEDS_PACKAGE_DIR / name).read_text("utf-8") == content, f"seeds/{name} is stale: rebuild it"


def test_build_reports_exactly_the_left_out_rows():
    _, dropped, _ = build_registry.build(PORTALS_CSV_DIR)
    left_out = {
        d.name.split("(")[-1].rstrip(")")
        for d in dropped
        if d.where.startswith("local_government_portals.csv") and "belongs to" in d.reason
    }
    assert left_out == LEFT_OUT_DUPLICATES


def test_about_page_url_becomes_site_root(registry):
    by_id = {p.id: p for p in registry}
    assert by_id["110000"].start_urls == ("http://www.beijing.gov.cn/",)
    assert by_id["110102"].start_urls == ("http://www.bjxch.gov.cn/",)


def test_levels_are_mapped_from_csv(registry):
    by_id = {p.id: p for p in registry}
    assert (by_id["330000"].level, by_id["330100"].level, by_id["330102"].level) == ("province", "city", "county")


def test_registry_portal_with_hanweb_url_gets_cms_hint(registry):
    assert {p.id: p for p in registry}["330000"].cms == "hanweb"


@pytest.mark.parametrize(
    ("url", "repaired"),
    [
        ("http://www.xiuning.gov.cn;", "http://www.xiuning.gov.cn"),
        ("http://www.qdsn.gov.cnn16", "http://www.qdsn.gov.cn"),
        ("https://58.49.42.70/zjxt/", "https://58.49.42.70/zjxt/"),
    ],
)
def test_repair_url(url, repaired):
    assert build_registry.repair_url(url) == repaired


@pytest.mark.parametrize(
    ("host", "domains"),
    [
        ("www.huizhou.gov.cn", ["www.huizhou.gov.cn", "huizhou.gov.cn"]),
        ("qionghai.hainan.gov.cn", ["qionghai.hainan.gov.cn"]),
        ("www.gj.hh.gov.cn", ["www.gj.hh.gov.cn"]),
        ("www.gov.cn", ["www.gov.cn"]),
        ("www.pds.cn", ["www.pds.cn"]),
    ],
)
def test_allowed_domains_for(host, domains):
    assert build_registry.allowed_domains_for(host) == domains


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("http://www.mofcom.gov.cn/", "mofcom"),
        ("https://nnsa.mee.gov.cn/", "nnsa-mee"),
        ("http://203.192.6.89/xhs/", "xhs"),
        ("https://www.gov.cn/", "gov"),
        ("https://www.cas.cn/", "cas"),
    ],
)
def test_central_slug(url, slug):
    assert build_registry.central_slug(url) == slug


# ---------------------------------------------------------------- check_registry on broken directories


def test_check_registry_reports_cross_file_problems(tmp_path):
    write(
        tmp_path,
        "zhejiang.json",
        one_per_line(
            GOOD, dict(GOOD, id="x", adcode="110101", start_urls=["http://www.x.gov.cn/"], allowed_domains=["x.gov.cn"])
        ),
    )
    write(tmp_path, "mine.json", one_per_line(dict(GOOD, id="330100", start_urls=["http://hangzhou.gov.cn/zwgk/"])))
    problems = check_registry(tmp_path)
    zj, mine = tmp_path / "zhejiang.json", tmp_path / "mine.json"
    assert problems == [
        f'{zj}:2: duplicate id "330100" (first at {mine}:2)',
        f'{zj}:3: portal "x": adcode "110101" is not in the province of zhejiang.json',
        f'{zj}:2: portal "330100": duplicate host "hangzhou.gov.cn" (first at {mine}:2)',
    ]


def test_same_host_different_columns_is_not_a_duplicate(tmp_path):
    dept = dict(GOOD, id="330100-yjj", level="department", start_urls=["https://www.hangzhou.gov.cn/yjj/"])
    other = dict(GOOD, id="330100-rfb", level="department", start_urls=["https://www.hangzhou.gov.cn/rfb/"])
    write(tmp_path, "zhejiang.json", one_per_line(dept, other))
    assert check_registry(tmp_path) == []


def test_same_start_url_twice_is_a_duplicate(tmp_path):
    write(tmp_path, "zhejiang.json", one_per_line(GOOD, dict(GOOD, id="b", start_urls=["https://hangzhou.gov.cn"])))
    path = tmp_path / "zhejiang.json"
    assert check_registry(tmp_path) == [
        f'{path}:3: portal "b": duplicate start URL https://hangzhou.gov.cn (first at {path}:2)'
    ]


def test_load_registry_from_directory_rejects_duplicate_ids(tmp_path):
    write(tmp_path, "a.json", one_per_line(GOOD))
    write(tmp_path, "b.jsonl", json.dumps(GOOD) + "\n")
    with pytest.raises(SeedError) as caught:
        load_registry(tmp_path)
    assert str(caught.value) == f'{tmp_path / "b.jsonl"}:1: duplicate id "330100" (first at {tmp_path / "a.json"}:2)'
