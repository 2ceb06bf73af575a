"""Good seed files (JSON and JSONL), their defaults and round trip, and the portal listing."""

from __future__ import annotations

import dataclasses
import json

import pytest

from govcrawl.cli.seeds import format_portal_table
from govcrawl.cli.texttable import display_width
from govcrawl.registry import Portal, load_seed_file
from tests.registry.seeds_support import FIXTURES, GOOD, one_per_line, seed_error, write

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


def test_user_agent_defaults_to_crawler():
    assert load_seed_file(FIXTURES / "good.json")[1].user_agent == "crawler"


def test_user_agent_browser_is_read(tmp_path):
    record = {**json.loads((FIXTURES / "good.json").read_text("utf-8"))[1], "user_agent": "browser"}
    path = tmp_path / "ua.json"
    path.write_text(json.dumps([record], ensure_ascii=False), "utf-8")
    assert load_seed_file(path)[0].user_agent == "browser"


def test_user_agent_browser_is_written_back():
    assert (
        Portal("a", "某局", "440310", "county", ("http://a.gov.cn/",), ("a.gov.cn",), user_agent="browser").to_dict()[
            "user_agent"
        ]
        == "browser"
    )


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
