"""Choosing portals by province or id, and parsing year ranges (govcrawl.registry)."""

from __future__ import annotations

import json

import pytest

from govcrawl.registry import SeedError, load_seed_file, parse_years, select_portals
from tests.registry.seeds_support import FIXTURES, SEEDS_PACKAGE_DIR

# ---------------------------------------------------------------- selection


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
