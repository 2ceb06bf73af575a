"""The fast contract check and the full jsonschema check agree."""

import copy

import jsonschema
import pytest

from govcrawl.contract.schema import empty_report, report_schema, validation_errors


def good():
    record = empty_report()
    record["tables"]["review_litigation"] = {
        "columns": report_schema()["properties"]["tables"]["properties"]["review_litigation"]["properties"]["columns"][
            "const"
        ],
        "values": [0] * 14 + ["13宗"],
    }
    return record


BREAKS = [
    lambda r: r.update(schema_version="2"),
    lambda r: r["region"].update(adcode="12"),
    lambda r: r.update(published_date="2020/01/02"),
    lambda r: r.update(template="2020"),
    lambda r: r["tables"].update(applications={"columns": ["x"], "rows": []}),
    lambda r: r["tables"]["review_litigation"]["values"].pop(),
    lambda r: r["tables"]["review_litigation"]["values"].__setitem__(0, [1]),
    lambda r: r.update(checks=[{"rule": "x", "status": "ok"}]),
    lambda r: r.update(sections=[{"number": "一", "heading": "总体情况"}]),
    lambda r: r["tables"].update(legacy_statistics=[{"indicator": "a", "unit": None, "value": {}}]),
    lambda r: r["tables"].update(
        applications={
            "columns": ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            "rows": [{"key": "三.九", "label": "x", "values": []}],
        }
    ),
    lambda r: r.pop("text"),
]


def test_a_good_record_passes_both():
    validator = jsonschema.Draft202012Validator(report_schema())
    assert (validation_errors(good()), validator.is_valid(good())) == ([], True)


@pytest.mark.parametrize("breaking", BREAKS)
def test_a_broken_record_fails_both(breaking):
    record = copy.deepcopy(good())
    breaking(record)
    assert validation_errors(record) and not jsonschema.Draft202012Validator(report_schema()).is_valid(record)
