"""Find one table cell of a parsed report from a printed 'row label' and 'column' header.

`cell_value(record, row_label, column)` maps labels as a reader copies them off the page (any
script, full- or half-width, spaces, numbering, fill-in hints in brackets) onto the record's
tables: 二 (active_disclosure sub-tables), 三 (applications, by canonical row key), 四
(review_litigation: row 行政复议 / 行政诉讼 未经复议直接起诉 / 行政诉讼 复议后起诉, column 结果维持 … 总计)
and the pre-2019 统计表 (legacy_statistics, by indicator).
"""

from __future__ import annotations

import re
import unicodedata

from govcrawl.process.clean.normalise import to_simplified

MISSING = object()  # returned by find_cell when the record has no such cell

_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])+")
_DROP = re.compile(r"[\s\W_]+")

_REVIEW_GROUPS = (("复议后起诉", 2), ("未经复议", 1), ("直接起诉", 1), ("行政复议", 0))
_REVIEW_COLUMNS = (("维持", 0), ("纠正", 1), ("其他", 2), ("尚未审结", 3), ("未审结", 3), ("总计", 4), ("合计", 4))


def normalise_label(text: str | None) -> str:
    """Simplified script, width folded, numbering, bracketed hints, spaces and punctuation dropped."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", to_simplified(str(text), "traditional"))
    s = re.sub(r"\s+", "", s)
    s = _NUMBERING.sub("", s)
    s = _BRACKETED.sub("", s) or s
    return _DROP.sub("", s)


def cell_value(record: dict, row_label: str, column: str):
    """The cell's value (number, text or None); None too when the record has no such cell."""
    value = find_cell(record, row_label, column)
    return None if value is MISSING else value


def find_cell(record: dict, row_label: str, column: str):
    """The cell's value, or MISSING when no table of the record has that row and column."""
    tables = (record or {}).get("tables") or {}
    row, col = normalise_label(row_label), normalise_label(column)
    for finder in (_review, _applications, _active, _legacy):
        value = finder(tables, row, col, row_label)
        if value is not MISSING:
            return value
    return MISSING


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or a.startswith(b) or b.startswith(a))


def _review(tables: dict, row: str, col: str, _raw: str):
    table = tables.get("review_litigation")
    if not table or not any(w in row for w in ("复议", "诉讼")):
        return MISSING
    group = next((g for word, g in _REVIEW_GROUPS if word in row), None)
    if group is None and row == "行政诉讼":
        return MISSING  # ambiguous without the sub-group
    index = next((i for word, i in _REVIEW_COLUMNS if word in col), None)
    if group is None or index is None:
        return MISSING
    return table["values"][group * 5 + index]


def _applications(tables: dict, row: str, col: str, raw: str):
    from govcrawl.process.parse.tables.applications import APPLICATION_COLUMNS, _key_for_labels

    table = tables.get("applications")
    if not table:
        return MISSING
    col = col.replace("法人或其他组织", "")  # the group over the five sub-columns, not 其他
    index = next((i for i, name in enumerate(APPLICATION_COLUMNS) if normalise_label(name) in col), None)
    if index is None:
        return MISSING
    key, _ = _key_for_labels([to_simplified(unicodedata.normalize("NFKC", raw), "traditional")], None)
    if key is None:
        return MISSING
    for r in table["rows"]:
        if r["key"] == key:
            return r["values"][index]
    return MISSING


def _active(tables: dict, row: str, col: str, _raw: str):
    for sub in tables.get("active_disclosure") or []:
        columns = [normalise_label(c) for c in sub.get("columns") or []]
        index = next((i for i, c in enumerate(columns) if c == col), None)
        if index is None:
            index = next((i for i, c in enumerate(columns) if _same(c, col)), None)
        if index is None:
            continue
        for r in sub.get("rows") or []:
            if normalise_label(r["label"]) == row and index < len(r["values"]):
                return r["values"][index]
    return MISSING


def _legacy(tables: dict, row: str, _col: str, _raw: str):
    for r in tables.get("legacy_statistics") or []:
        if normalise_label(r["indicator"]) == row:
            return r["value"]
    return MISSING
