"""Generality of the parser: dev items changed the way another real page of the same kind would
differ, and new pages written in the shapes of tests/fixtures/real_pages/README.md.

`tests/fixtures/generality/index.json` (variants, built by `python -m tools.make_generality`) and
`tests/fixtures/generality/new/index.json` (hand-written pages) list each file, its URL and gold
facts in the dev index's format; one assert per item and field, scored as the dev set is
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


def _params():
    out = []
    for file, item in ITEMS.items():
        gold = item["gold"]
        for field in FIELDS:
            if field not in gold:
                continue
            if field == "cells":
                for key, value in gold["cells"].items():
                    out.append(
                        pytest.param(
                            file, field, key, value, id=f"{Path(file).parent.name}/{Path(file).stem}:cells:{key}"
                        )
                    )
            else:
                out.append(
                    pytest.param(
                        file, field, None, gold[field], id=f"{Path(file).parent.name}/{Path(file).stem}:{field}"
                    )
                )
    return out


@pytest.mark.parametrize(("file", "field", "key", "gold"), _params())
def test_variant_field(file, field, key, gold):
    got = got_value(parsed(file), field, key)
    assert matches(field, gold, got), f"{file} {field}{':' + key if key else ''}: gold {gold!r}, got {got!r}"
