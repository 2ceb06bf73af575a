"""Bad seed files (govcrawl.registry): every problem reported at its exact file:line."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.registry.seeds_support import GOOD, one_per_line, seed_error, write

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
        ("user_agent", "firefox", 'unknown user_agent "firefox" (user_agent: crawler, browser)'),
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
