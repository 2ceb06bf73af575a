"""Generality of the parser: dev items changed the way another real page of the same kind would
differ, and new pages written in the shapes of tests/fixtures/real_pages/README.md.

`tests/fixtures/generality/index.json` (variants, built by `python -m tools.make_generality`) and
`tests/fixtures/generality/new/index.json` (hand-written pages) list each file, its URL and gold
facts in the dev index's format; every gold field of an item checked, scored as the dev set is
(`tests/process/real_pages_scoring.py`). A gold `null` means the page holds no evidence for the
field: the parser must say null rather than guess.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.process.real_pages_scoring import FIELDS, got_value, matches

ROOT = FIXTURES / "generality"


def _index() -> list[dict]:
    items = json.loads((ROOT / "index.json").read_text("utf-8"))
    new = json.loads((ROOT / "new" / "index.json").read_text("utf-8"))
    return items + [{**item, "file": f"new/{item['file']}"} for item in new]


ITEMS = {item["file"]: item for item in _index()}


@cache
def parsed(file: str) -> dict:
    from govcrawl.process.document import parse_document

    item = ITEMS[file]
    path = ROOT / file
    content_type = "text/plain" if path.suffix == ".txt" else None
    return parse_document(path.read_bytes(), url=item.get("url") or path.name, content_type=content_type).record


def gold_checks(gold: dict) -> list[tuple[str, str | None, object]]:
    """(field, cell key or None, gold value) for every gold fact of an item."""
    checks: list[tuple[str, str | None, object]] = []
    for field in FIELDS:
        if field == "cells":
            checks += [("cells", key, value) for key, value in gold.get("cells", {}).items()]
        elif field in gold:
            checks.append((field, None, gold[field]))
    return checks


# One test per page, asserting every gold field of it: a failure lists each field that differs.
# (One test per field made 4,790 tests whose pytest overhead cost more than the parsing.)
@pytest.mark.parametrize("file", list(ITEMS), ids=lambda f: f"{Path(f).parent.name}/{Path(f).stem}")
def test_variant_fields(file):
    record = parsed(file)
    wrong = [
        f"{field}{':' + key if key else ''}: gold {gold!r}, got {got!r}"
        for field, key, gold in gold_checks(ITEMS[file]["gold"])
        if not matches(field, gold, got := got_value(record, field, key))
    ]
    assert not wrong, f"{file}:\n  " + "\n  ".join(wrong)


def test_every_page_has_gold_facts():
    assert sum(len(gold_checks(item["gold"])) for item in ITEMS.values()) >= 4_790
