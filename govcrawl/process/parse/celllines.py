"""Tables whose cells were printed one per line with the empty cells dropped.

This is what plain-text cleaning makes of the tab-indented form (sample 003): a row's values can
only be placed when all of them or none of them survive. Anything in between is left null with
the reason, never guessed.
"""

from __future__ import annotations

import re

from govcrawl.process.parse.cells import clean_cell_text, is_number, parse_value
from govcrawl.process.parse.tables import APPLICATION_COLUMNS, REVIEW_COLUMNS, _key_for_labels

_ARTICLE_LINE_RE = re.compile(r"^第二十条第[（(]([一二三四五六七八九十]+)[)）]项$")
_ACTIVE_ROW_LABELS = {"规章", "规范性文件", "行政规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制",
                      "行政事业性收费", "政府集中采购"}
_SECTION_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_GROUP_FRAGMENT_RE = re.compile(r"^[（(][一二三四五六七][)）]$")
_REVIEW_HEADER_WORDS = ("行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议", "复议后起诉")
_MAX_CELL = 30


def _fit(values: list, width: int, label: str, problems: list[str]) -> list:
    if not values:
        return [None] * width
    if len(values) == width:
        return values
    problems.append(f"{label}: {len(values)} of {width} cells printed, positions unknown")
    return [None] * width


def active_disclosure(lines: list[str]) -> tuple[list[dict] | None, list[str]]:
    subs: list[dict] = []
    problems: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        m = _ARTICLE_LINE_RE.match(lines[i])
        if not m or i + 1 >= n or lines[i + 1] != "信息内容":
            i += 1
            continue
        columns, i = [], i + 2
        while i < n and lines[i] not in _ACTIVE_ROW_LABELS and len(columns) < 4:
            columns.append(lines[i])
            i += 1
        rows = []
        while i < n and lines[i] in _ACTIVE_ROW_LABELS:
            label, values, i = lines[i], [], i + 1
            while (i < n and lines[i] not in _ACTIVE_ROW_LABELS and not _ARTICLE_LINE_RE.match(lines[i])
                   and not _SECTION_RE.match(lines[i]) and len(lines[i]) <= _MAX_CELL):
                values.append(parse_value(lines[i]))
                i += 1
            rows.append({"label": label, "values": _fit(values, len(columns), label, problems)})
        subs.append({"article": f"第二十条第（{m.group(1)}）项", "columns": columns, "rows": rows})
    return (subs or None), problems


def applications(lines: list[str]) -> tuple[dict | None, list[str]]:
    start = next((i for i, ln in enumerate(lines) if "本年新收" in ln and len(ln) <= _MAX_CELL), None)
    if start is None:
        return None, []
    problems: list[str] = []
    rows: list[dict] = []
    group = None
    current: dict | None = None
    for line in lines[start:]:
        text = clean_cell_text(line)
        value = parse_value(text)
        if is_number(value):
            if current is None:
                problems.append(f"value {text} without a row")
                break
            current["values"].append(value)
            continue
        if _GROUP_FRAGMENT_RE.match(text):
            continue  # （三） printed apart from 不予公开
        key, new_group = _key_for_labels([text], group)
        if key is None and new_group == group and not any(w in text for w in ("本年度办理结果", "不予公开", "无法提供", "不予处理")):
            break  # past the table
        group = new_group
        if key:
            current = {"key": key, "label": text, "values": []}
            rows.append(current)
            if key == "四":
                group = "四"
        else:
            current = None
    for row in rows:
        row["values"] = _fit(row["values"], len(APPLICATION_COLUMNS), row["key"], problems)
    if not rows:
        return None, problems
    return {"columns": list(APPLICATION_COLUMNS), "rows": rows}, problems


def review_litigation(lines: list[str]) -> tuple[dict | None, list[str]]:
    for i, line in enumerate(lines):
        if line != "行政复议" or "行政诉讼" not in lines[i + 1:i + 3]:
            continue
        j = i
        while j < len(lines) and lines[j] in _REVIEW_HEADER_WORDS:
            j += 1
        values = []
        while j < len(lines) and is_number(parse_value(lines[j])):
            values.append(parse_value(lines[j]))
            j += 1
        problems: list[str] = []
        return {"columns": list(REVIEW_COLUMNS), "values": _fit(values, 15, "table 四", problems)}, problems
    return None, []
