"""Seed files, the bundled registry, province selection and year ranges (govcrawl.registry, seeds/)."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govcrawl.cli.seeds import format_portal_table
from govcrawl.cli.texttable import display_width
from govcrawl.registry import (
    PROVINCE_FILE_STEMS,
    Portal,
    SeedError,
    check_registry,
    load_registry,
    load_seed_file,
    parse_years,
    select_portals,
)
from tests.conftest import FIXTURES as SHARED_FIXTURES
from tools import build_registry

FIXTURES = SHARED_FIXTURES / "seeds"
PORTALS_CSV_DIR = FIXTURES / "portals"
SEEDS_PACKAGE_DIR = build_registry.SEEDS_DIR

GOOD = {
    "id": "330100",
    "name": "杭州市",
    "adcode": "330100",
    "level": "city",
    "start_urls": ["https://www.hangzhou.gov.cn/"],
    "allowed_domains": ["hangzhou.gov.cn"],
}


def one_per_line(*records: dict) -> str:
    """A JSON array with record i on line i + 2 (line 1 is '[')."""
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_error(path: Path) -> SeedError:
    with pytest.raises(SeedError) as caught:
        load_seed_file(path)
    return caught.value


# ---------------------------------------------------------------- good files


def test_json_file_fields_of_first_portal():
    portal = load_seed_file(FIXTURES / "good.json")[0]
    assert portal.id == "441300-yjj"
    assert portal.name == "惠州市应急管理局"
    assert portal.adcode == "441300"
    assert portal.level == "department"
    assert portal.start_urls == ("http://yjj.huizhou.gov.cn/zwgk/xxgknb/index.html",)
    assert portal.allowed_domains == ("yjj.huizhou.gov.cn",)
    assert portal.cms == "trs"
    assert portal.render == "browser"
    assert portal.obey_robots is False
    assert portal.province == "广东省"


def test_optional_fields_default():
    portal = load_seed_file(FIXTURES / "good.json")[1]
    assert portal.cms is None
    assert portal.render == "http"
    assert portal.obey_robots is True
    assert len(portal.start_urls) == 2


def test_central_portal_province_is_central_group():
    portal = load_seed_file(FIXTURES / "good.json")[2]
    assert portal.province == "中央"
    assert portal.province_code == "central"


def test_jsonl_file_gives_the_same_portals_as_json():
    assert load_seed_file(FIXTURES / "good.jsonl") == load_seed_file(FIXTURES / "good.json")


def test_portal_is_frozen():
    portal = load_seed_file(FIXTURES / "good.json")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        portal.id = "other"  # type: ignore[misc]


def test_to_dict_round_trips_through_a_seed_file(tmp_path):
    portals = load_seed_file(FIXTURES / "good.json")
    path = write(tmp_path, "again.json", json.dumps([p.to_dict() for p in portals], ensure_ascii=False))
    assert load_seed_file(path) == portals


# ---------------------------------------------------------------- bad files: exact file:line


def test_malformed_json_names_line_and_column(tmp_path):
    text = '[\n  {\n    "id": "x",\n    "name": "y"\n    "adcode": "330100"\n  }\n]\n'
    path = write(tmp_path, "my.json", text)
    assert str(seed_error(path)) == f"{path}:5:5: malformed JSON: Expecting ',' delimiter"


def test_adcode_not_six_digits_is_reported_at_its_line(tmp_path):
    text = (
        "[\n"
        "  {\n"
        '    "id": "x",\n'
        '    "name": "某市",\n'
        '    "level": "city",\n'
        '    "start_urls": ["http://www.x.gov.cn/"],\n'
        '    "adcode": "33010",\n'
        '    "allowed_domains": ["x.gov.cn"]\n'
        "  }\n"
        "]\n"
    )
    path = write(tmp_path, "my.json", text)
    assert str(seed_error(path)) == f'{path}:7: portal "x": adcode "33010" is not 6 digits'


def test_duplicate_id_names_both_lines(tmp_path):
    records = [
        dict(GOOD, id=f"p{i}", start_urls=[f"http://www.p{i}.gov.cn/"], allowed_domains=[f"p{i}.gov.cn"])
        for i in range(12)
    ]
    records[10]["id"] = "p1"  # object on line 12 repeats the id of the object on line 3
    path = write(tmp_path, "bad.json", one_per_line(*records))
    assert str(seed_error(path)) == f'{path}:12: duplicate id "p1" (first at line 3)'


def test_missing_required_field_is_reported_at_the_object(tmp_path):
    record = {k: v for k, v in GOOD.items() if k != "allowed_domains"}
    path = write(tmp_path, "my.json", one_per_line(GOOD, record | {"id": "b"}))
    assert str(seed_error(path)) == f'{path}:3: portal "b": missing required field "allowed_domains"'


def test_wrong_type_is_reported(tmp_path):
    path = write(tmp_path, "my.json", one_per_line(dict(GOOD, start_urls="https://www.hangzhou.gov.cn/")))
    assert str(seed_error(path)) == (
        f'{path}:2: portal "330100": field "start_urls" must be a list, got "https://www.hangzhou.gov.cn/"'
    )


def test_obey_robots_must_be_boolean(tmp_path):
    path = write(tmp_path, "my.json", one_per_line(dict(GOOD, obey_robots="no")))
    assert str(seed_error(path)) == f'{path}:2: portal "330100": field "obey_robots" must be true or false, got "no"'


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("level", "prefecture", 'unknown level "prefecture" (levels: province, city, county, department, central)'),
        ("cms", "wordpress", 'unknown cms "wordpress" (cms: trs, hanweb, gkmlpt, ucap, generic)'),
        ("render", "chrome", 'unknown render "chrome" (render: http, browser)'),
    ],
)
def test_unknown_enumerated_values(tmp_path, field, value, message):
    path = write(tmp_path, "my.json", one_per_line(GOOD, dict(GOOD, id="b", **{field: value})))
    assert str(seed_error(path)) == f'{path}:3: portal "b": {message}'


@pytest.mark.parametrize("url", ["ftp://www.hangzhou.gov.cn/", "www.hangzhou.gov.cn/index.html", "http:///nohost"])
def test_start_urls_must_be_http(tmp_path, url):
    path = write(tmp_path, "my.json", one_per_line(dict(GOOD, start_urls=[url])))
    assert str(seed_error(path)) == f'{path}:2: portal "330100": start URL "{url}" is not an http(s) URL'


def test_allowed_domains_must_cover_start_url_hosts(tmp_path):
    record = dict(GOOD, start_urls=["https://www.hangzhou.gov.cn/", "http://yjj.huizhou.gov.cn/"])
    path = write(tmp_path, "my.json", one_per_line(record))
    assert str(seed_error(path)) == (
        f'{path}:2: portal "330100": allowed_domains do not cover start URL host "yjj.huizhou.gov.cn"'
    )


def test_unknown_field_is_an_error(tmp_path):
    path = write(tmp_path, "my.json", one_per_line(dict(GOOD, start_url="https://www.hangzhou.gov.cn/")))
    assert str(seed_error(path)).startswith(f'{path}:2: portal "330100": unknown field "start_url" (fields: id, ')


def test_bad_id_pattern(tmp_path):
    path = write(tmp_path, "my.json", one_per_line(dict(GOOD, id="Hangzhou City")))
    assert str(seed_error(path)) == (
        f'{path}:2: portal "Hangzhou City": id "Hangzhou City" must match [a-z0-9][a-z0-9._-]*'
    )


def test_adcode_outside_scope(tmp_path):
    path = write(tmp_path, "my.json", one_per_line(dict(GOOD, adcode="810000")))
    assert str(seed_error(path)) == f'{path}:2: portal "330100": adcode "810000" is not in a province in scope (11-65)'


def test_top_level_must_be_an_array(tmp_path):
    path = write(tmp_path, "my.json", json.dumps(GOOD))
    assert str(seed_error(path)) == f"{path}:1: expected a JSON array of portal objects"


def test_array_item_must_be_an_object(tmp_path):
    path = write(tmp_path, "my.json", '[\n"http://www.x.gov.cn/"\n]')
    assert str(seed_error(path)) == f"{path}:2: expected a portal object, got str"


def test_every_problem_is_reported_at_once(tmp_path):
    records = [dict(GOOD, adcode="33"), dict(GOOD, id="b", level="town"), dict(GOOD, id="c", render="x")]
    path = write(tmp_path, "my.json", one_per_line(*records))
    assert [p.split(":")[1] for p in seed_error(path).problems] == ["2", "3", "4"]


def test_strings_with_brackets_and_escapes_do_not_shift_lines(tmp_path):
    tricky = dict(GOOD, id="a", name='{"[,]}\\n\n"')
    path = write(tmp_path, "my.json", one_per_line(tricky, dict(GOOD, id="b", adcode="1")))
    assert str(seed_error(path)) == f'{path}:3: portal "b": adcode "1" is not 6 digits'


def test_jsonl_malformed_line_names_line_and_column(tmp_path):
    good_line = json.dumps(GOOD, ensure_ascii=False)
    path = write(tmp_path, "my.jsonl", good_line + "\n\n" + '{"id": "b" "name": "x"}\n')
    assert str(seed_error(path)) == f"{path}:3:12: malformed JSON: Expecting ',' delimiter"


def test_jsonl_problem_names_its_line(tmp_path):
    lines = [json.dumps(GOOD), json.dumps(dict(GOOD, id="b", level="town"))]
    path = write(tmp_path, "my.jsonl", "\n".join(lines))
    assert str(seed_error(path)).startswith(f'{path}:2: portal "b": unknown level "town"')


def test_missing_file(tmp_path):
    path = tmp_path / "nope.json"
    assert str(seed_error(path)) == f"{path}: no such seed file"


# ---------------------------------------------------------------- selection


@pytest.fixture(scope="module")
def registry() -> list[Portal]:
    return load_registry()


@pytest.mark.parametrize("name", ["浙江", "浙江省", "33", "330000", "zhejiang"])
def test_province_selection_by_any_name(registry, name):
    chosen = select_portals(registry, province=name)
    assert {p.adcode[:2] for p in chosen} == {"33"}
    assert len(chosen) == len(json.loads((SEEDS_PACKAGE_DIR / "zhejiang.json").read_text("utf-8")))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("广西", "45"),
        ("广西壮族自治区", "45"),
        ("内蒙古", "15"),
        ("新疆", "65"),
        ("宁夏回族自治区", "64"),
        ("北京", "11"),
    ],
)
def test_autonomous_regions_and_municipalities(registry, name, code):
    chosen = select_portals(registry, province=name)
    assert chosen and {p.adcode[:2] for p in chosen} == {code}


def test_central_group(registry):
    chosen = select_portals(registry, province="central")
    assert chosen and {p.level for p in chosen} == {"central"}


def test_unknown_province_names_it_and_lists_choices(registry):
    with pytest.raises(SeedError) as caught:
        select_portals(registry, province="香港")
    message = str(caught.value)
    assert message.startswith('unknown province "香港"; valid choices: 11 北京市, 12 天津市')
    assert message.endswith("65 新疆维吾尔自治区, central")


def test_selection_by_ids_keeps_registry_order(registry):
    chosen = select_portals(registry, portal_ids=["330100", "110000"])
    assert [p.id for p in chosen] == ["110000", "330100"]


def test_province_and_ids_together(registry):
    with pytest.raises(SeedError) as caught:
        select_portals(registry, province="浙江", portal_ids=["110000"])
    assert str(caught.value).startswith("unknown portal id '110000' in province 浙江; valid ids: 330000, 330100")


def test_unknown_id():
    portals = load_seed_file(FIXTURES / "good.json")
    with pytest.raises(SeedError) as caught:
        select_portals(portals, portal_ids=["nope"])
    assert str(caught.value) == "unknown portal id 'nope'; valid ids: 330100, 441300-yjj, central-mofcom"


# ---------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("text", "years"),
    [("2019-2025", (2019, 2025)), ("2021", (2021, 2021)), ("2019,2021", {2019, 2021}), (" 2019 - 2020 ", (2019, 2020))],
)
def test_parse_years(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-2019", 'bad years "2025-2019": 2025 is after 2019'),
        ("abc", 'bad years "abc": "abc" is not a 4-digit year (use 2019-2025, 2021 or 2019,2021)'),
        ("2019,", 'bad years "2019,": "" is not a 4-digit year (use 2019-2025, 2021 or 2019,2021)'),
        ("1999", 'bad years "1999": 1999 is outside 2008-'),
        ("", 'bad years "": give 2019-2025, 2021 or 2019,2021'),
    ],
)
def test_bad_years(text, message):
    with pytest.raises(SeedError) as caught:
        parse_years(text)
    assert str(caught.value).startswith(message)


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


# ---------------------------------------------------------------- listing


def test_portal_table_lists_every_portal_with_aligned_urls():
    portals = load_seed_file(FIXTURES / "good.json")
    lines = format_portal_table(portals).splitlines()
    assert lines[0].split() == ["id", "name", "adcode", "level", "url"]
    assert lines[1].split() == [
        "441300-yjj",
        "惠州市应急管理局",
        "441300",
        "department",
        "http://yjj.huizhou.gov.cn/zwgk/xxgknb/index.html",
    ]
    assert lines[-1] == "3 portals"
    # The url column starts at the same display column on every row (CJK characters are 2 wide).
    starts = {display_width(line[: line.index("http")]) for line in lines[1:-1]}
    assert len(starts) == 1


def test_json_lines_in_a_json_file_get_a_hint(tmp_path):
    path = write(tmp_path, "my.json", json.dumps(GOOD) + "\n" + json.dumps(dict(GOOD, id="b")) + "\n")
    assert str(seed_error(path)) == (
        f"{path}:2:1: malformed JSON: Extra data (one object per line needs a .jsonl file name)"
    )


def test_null_cms_means_no_hint(tmp_path):
    path = write(tmp_path, "my.json", one_per_line(dict(GOOD, cms=None)))
    assert load_seed_file(path)[0].cms is None


# Any layout json.dumps can produce: the reported line is the line the bad field is written on.


@settings(max_examples=60, deadline=None)
@given(
    indent=st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
    bad_index=st.integers(min_value=0, max_value=4),
    names=st.lists(st.text(min_size=1, max_size=8).filter(str.strip), min_size=5, max_size=5),
)
def test_reported_line_is_where_the_field_is_written(tmp_path_factory, indent, bad_index, names):
    records = [
        dict(GOOD, id=f"p{i}", name=names[i], start_urls=[f"http://www.p{i}.gov.cn/"], allowed_domains=[f"p{i}.gov.cn"])
        for i in range(5)
    ]
    records[bad_index]["adcode"] = "12345"
    text = json.dumps(records, ensure_ascii=False, indent=indent)
    path = write(tmp_path_factory.mktemp("layout"), "my.json", text)
    expected_line = text[: text.index('"adcode": "12345"')].count("\n") + 1
    assert str(seed_error(path)) == f'{path}:{expected_line}: portal "p{bad_index}": adcode "12345" is not 6 digits'
