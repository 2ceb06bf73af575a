"""Scoring of the parser against the real-page dev set (tests/fixtures/real_pages/index.json).

Used by both `tests/test_real_pages.py` (one case per item and gold field) and
`benchmarks/real_pages.py` (per-field accuracy and the list of misses), so the two agree.

Each page goes through the path of `govcrawl parse PAGE --url URL`: the file's bytes, its URL
from the index (the file name when the index has none), text/plain for a .txt file.

Fields (only scored when the gold has the key; a gold value `null` means "should be null"):

* is_annual_report, year, template: equality.
* title, agency: equal after folding width (NFKC) and removing whitespace; the gold, read off
  the page as printed, is put into simplified script first, because the contract's title and
  agency are simplified (a traditional-script page's gold title is compared in simplified).
* province: the gold province name ("江苏省") against `region.province`.
* cells: one field instance per gold cell "row label|column": the row whose label matches (same
  folding, numbering such as 一、/(一)/1. and parenthesised notes ignored) and the value in the
  column whose header matches, in any of the four tables.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from govcrawl.process.parse.lookup import cell_value
from tests.conftest import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "real_pages"
FIELDS = ("is_annual_report", "title", "year", "agency", "province", "template", "cells")


@dataclass(frozen=True)
class Case:
    item: str  # file name as listed in index.json
    field: str  # one of FIELDS
    key: str | None  # the cell key for field == "cells"
    gold: object

    @property
    def id(self) -> str:
        return f"{Path(self.item).stem}:{self.field}" + (f":{self.key}" if self.key else "")


def load_index() -> list[dict]:
    return json.loads((FIXTURES / "index.json").read_text("utf-8"))


def cases(index: list[dict] | None = None) -> list[Case]:
    out = []
    for item in index if index is not None else load_index():
        gold = item["gold"]
        for field in FIELDS:
            if field not in gold:
                continue
            if field == "cells":
                out += [Case(item["file"], field, key, value) for key, value in gold["cells"].items()]
            else:
                out.append(Case(item["file"], field, None, gold[field]))
    return out


def page_path(item: dict) -> Path:
    return (FIXTURES / item["file"]).resolve()


def parse_item(item: dict) -> dict:
    """The record `govcrawl parse FILE [--url URL]` prints for this item."""
    from govcrawl.process.document import parse_document

    path = page_path(item)
    content_type = "text/plain" if path.suffix.lower() == ".txt" else None
    return parse_document(path.read_bytes(), url=item.get("url") or path.name, content_type=content_type).record


@cache
def parsed(file: str) -> dict:
    item = next(i for i in load_index() if i["file"] == file)
    return parse_item(item)


# --- comparison ---------------------------------------------------------------------------------
def fold(text: str | None) -> str | None:
    """Width and whitespace folded."""
    if text is None:
        return None
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@cache
def _simplified(text: str) -> str:
    from govcrawl.process.clean.normalise import to_simplified

    return to_simplified(text, "traditional")


def fold_gold(text: str | None) -> str | None:
    return None if text is None else fold(_simplified(text))


def got_value(record: dict, field: str, key: str | None = None):
    if field == "province":
        return (record.get("region") or {}).get("province")
    if field == "cells":
        row_label, _, column = key.partition("|")
        return cell_value(record, row_label, column)  # the package's own lookup by printed labels
    return record.get(field)


def matches(field: str, gold, got) -> bool:
    if field in ("title", "agency"):
        return fold_gold(gold) == fold(got)
    if field == "province":
        return gold == got
    if field == "cells":
        return _same_cell(gold, got)
    return gold == got


def _same_cell(gold, got) -> bool:
    if isinstance(gold, (int, float)) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return abs(float(gold) - float(got)) < 1e-6
    return gold == got


# --- the whole set ----------------------------------------------------------------------------
@dataclass
class Result:
    case: Case
    got: object
    ok: bool


def score(index: list[dict] | None = None) -> list[Result]:
    results = []
    for case in cases(index):
        record = parsed(case.item)
        got = got_value(record, case.field, case.key)
        results.append(Result(case, got, matches(case.field, case.gold, got)))
    return results
