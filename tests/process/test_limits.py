"""The parse limits: read from settings, documented where users look for them."""

from __future__ import annotations

from scrapy.settings import Settings

import govcrawl.settings
from govcrawl.process.limits import SETTINGS, Limits, ResourceLimit
from tests.conftest import REPO


def test_defaults_are_the_settings_module():
    assert Limits() == Limits.from_settings(Settings({}))
    assert {name: getattr(Limits(), field) for field, name in SETTINGS.items()} == {
        name: getattr(govcrawl.settings, name) for name in SETTINGS.values()
    }


def test_command_line_values_arrive_as_strings():
    limits = Limits.from_settings(Settings({"GOVCRAWL_PARSE_TIMEOUT": "2.5", "GOVCRAWL_MAX_TABLE_CELLS": "10"}))
    assert (limits.timeout, limits.table_cells, limits.page_chars) == (2.5, 10, Limits().page_chars)


def test_zero_turns_a_limit_off():
    Limits(table_cells=0).check("table_cells", 10**9, "cells")
    try:
        Limits(table_cells=5).check("table_cells", 6, "cells")
    except ResourceLimit as exc:
        assert str(exc) == "cells: 6 > GOVCRAWL_MAX_TABLE_CELLS (5)"
    else:
        raise AssertionError("no ResourceLimit")


def test_every_limit_is_in_the_readme_table_and_the_settings_reference():
    readme = (REPO / "README.md").read_text("utf-8")
    table = readme[readme.index("## Limits and failure modes") :]
    reference = (REPO / "docs" / "settings.md").read_text("utf-8")
    missing = [name for name in SETTINGS.values() if f"| `{name}` |" not in table or f"| `{name}` |" not in reference]
    assert missing == []
