"""The TypedDicts of govcrawl.contract.records follow report.schema.json: same required keys."""

import typing

from govcrawl.contract import records
from govcrawl.contract.schema import report_schema


def required(typed) -> set[str]:
    return set(typed.__required_keys__)


def test_report_record_requires_what_the_schema_requires():
    assert required(records.ReportRecord) == set(report_schema()["required"])


def test_every_schema_property_is_typed():
    assert set(report_schema()["properties"]) <= set(typing.get_type_hints(records.ReportRecord))


def test_region_and_tables_have_the_schema_keys():
    props = report_schema()["properties"]
    assert (required(records.Region), required(records.Tables)) == (
        set(props["region"]["required"]),
        set(props["tables"]["required"]),
    )
