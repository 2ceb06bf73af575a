"""The data contract: report.schema.json (the project's data contract, shipped in the package beside this module)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema

SCHEMA_VERSION = "1"


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        resources.files("govcrawl.contract").joinpath("report.schema.json").read_text("utf-8")
    )
    return schema


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = report_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def _fast_check() -> Callable[[dict[str, Any]], Any]:
    """The contract compiled to Python by fastjsonschema (about 9x faster than jsonschema).

    fastjsonschema speaks draft-07, so `$defs` become `definitions`; the contract uses no
    keyword whose meaning differs between draft-07 and 2020-12 (no `$ref` with siblings).
    """
    text = json.dumps({k: v for k, v in report_schema().items() if k not in ("$id", "$schema")})
    schema = json.loads(text.replace('"$defs"', '"definitions"').replace("#/$defs/", "#/definitions/"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema)


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Every way `record` breaks the contract, as 'path: message' lines (empty if valid)."""
    try:
        _fast_check()(record)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # explain it with jsonschema's full error list
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]


def empty_report() -> dict[str, Any]:
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
