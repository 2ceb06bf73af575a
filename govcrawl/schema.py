"""The data contract: report.schema.json (a copy of shared/schema, shipped in the package)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jsonschema

SCHEMA_VERSION = "1"


@lru_cache(maxsize=1)
def report_schema() -> dict:
    return json.loads(resources.files("govcrawl").joinpath("report.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = report_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validation_errors(record: dict) -> list[str]:
    """Every way `record` breaks the contract, as 'path: message' lines (empty if valid)."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]


def empty_report() -> dict:
    """A report with every contract field at its empty value: what is not known is null, never made up."""
    return {
        "schema_version": SCHEMA_VERSION,
        "is_annual_report": False,
        "report_key": None,
        "title": None,
        "agency": None,
        "region": {"province": None, "city": None, "county": None, "adcode": None},
        "year": None,
        "published_date": None,
        "template": "unknown",
        "source_script": "simplified",
        "text": "",
        "sections": [],
        "tables": {
            "active_disclosure": None,
            "applications": None,
            "review_litigation": None,
            "legacy_statistics": None,
        },
        "checks": [],
        "attachments": [],
    }
