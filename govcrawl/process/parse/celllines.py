"""Tables whose cells were printed one per line with the empty cells dropped.

This is what plain-text cleaning makes of the tab-indented form (sample 003): a row's values can
only be placed when all of them or none of them survive. Anything in between is left null with
the reason, never guessed.
"""

from __future__ import annotations

import re
from typing import Any

from govcrawl.process.parse.cells import clean_cell_text, is_number, parse_value
from govcrawl.process.parse.tables.active import ACTIVE_ROW_LABELS
from govcrawl.process.parse.tables.applications import APPLICATION_COLUMNS, _key_for_labels
from govcrawl.process.parse.tables.review import REVIEW_COLUMNS

_ARTICLE_LINE_RE = re.compile(r"^第二十条第[（(]([一二三四五六七八九十]+)[)）]项$")
_SECTION_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_GROUP_FRAGMENT_RE = re.compile(r"^[（(][一二三四五六七][)）]$")
_MAX_CELL = 30


_SEPARATOR_LINES = {"/", "／", "|"}
_MIN_SEPARATED = 8


def without_separator_lines(lines: list[str]) -> list[str]:
    """Cells printed one per line with a '/' line between every two (cell, /, cell, /, …): the
    separators go, the cells stay, an empty cell printed as '/' among them included (it sits at
    a cell position). A '/' that is not part of such a long alternating run (mostly real cells
    between the slashes) is left alone: it is an empty cell."""
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        j = i
        while j + 1 < n and lines[j + 1] in _SEPARATOR_LINES and lines[j] not in _SEPARATOR_LINES - {"/", "／"}:
            j += 2
        cells = lines[i:j:2]
        if (
            len(cells) >= _MIN_SEPARATED
            and lines[i] not in _SEPARATOR_LINES
            and sum(c in _SEPARATOR_LINES for c in cells) * 2 < len(cells)
        ):
            out.extend(cells)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _fit(values: list, width: int, label: str, problems: list[str]) -> list:
    if not values:
        return [None] * width
    if len(values) == width:
        return values
    problems.append(f"{label}: {len(values)} of {width} cells printed, positions unknown")
    return [None] * width


_HINT_RE = re.compile(r"[（(][^（）()]*[)）]")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_NEXT_TABLE_WORDS = ("申请人", "自然人", "法人", "行政复议", "行政诉讼", "本年新收", "指标", "勾稽")
_MAX_LABEL = 160  # labels of regional forms carry long fill-in hints


def _known_row(line: str) -> bool:
    """A row label of the national forms, also with a fill-in hint: 规章(县级无此项)."""
    return line in ACTIVE_ROW_LABELS or _HINT_RE.sub("", line) in ACTIVE_ROW_LABELS


def _extra_row(line: str) -> bool:
    """A row label a regional form adds (其他主动公开文件): text, no digits, not a value."""
    bare = _HINT_RE.sub("", line)
    return (
        len(_HAN_RE.findall(bare)) >= 4
        and not re.search(r"\d", bare)
        and len(line) <= _MAX_LABEL
        and not _ARTICLE_LINE_RE.match(line)
        and not _SECTION_RE.match(line)
        and "。" not in line
        and not any(w in bare for w in _NEXT_TABLE_WORDS)
    )


def active_disclosure(lines: list[str]) -> tuple[list[dict] | None, list[str]]:
    lines = without_separator_lines(lines)
    subs: list[dict] = []
    problems: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        m = _ARTICLE_LINE_RE.match(lines[i])
        if not m or i + 1 >= n or lines[i + 1] != "信息内容":
            i += 1
            continue
        columns: list[str] = []
        i += 2
        while i < n and not _known_row(lines[i]) and not _ARTICLE_LINE_RE.match(lines[i]) and len(columns) < 4:
            columns.append(lines[i])
            i += 1
        rows: list[dict[str, Any]] = []
        while i < n and (_known_row(lines[i]) or (rows and _extra_row(lines[i]))):
            label, values, i = lines[i], [], i + 1
            while (
                i < n
                and not _known_row(lines[i])
                and not _extra_row(lines[i])
                and not _ARTICLE_LINE_RE.match(lines[i])
                and not _SECTION_RE.match(lines[i])
                and len(lines[i]) <= _MAX_CELL
            ):
                values.append(parse_value(lines[i]))
                i += 1
            rows.append({"label": label, "values": _fit(values, len(columns), label, problems)})
        subs.append({"article": f"第二十条第（{m.group(1)}）项", "columns": columns, "rows": rows})
    return (subs or None), problems


def applications(lines: list[str]) -> tuple[dict | None, list[str]]:
    lines = without_separator_lines(lines)
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
        if is_number(value) or (value is None and text and current is not None):  # '/' or '-': an empty cell
            if current is None:
                problems.append(f"value {text} without a row")
                break
            current["values"].append(value)
            continue
        if _GROUP_FRAGMENT_RE.match(text):
            continue  # （三） printed apart from 不予公开
        key, new_group = _key_for_labels([text], group)
        if (
            key is None
            and new_group == group
            and not any(w in text for w in ("本年度办理结果", "不予公开", "无法提供", "不予处理"))
        ):
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


# Every character table 四's header cells are made of: header lines split anyhow ('结果结果其他尚未总' /
# '维持纠正结果审结计…') are still recognisable as header lines.
_REVIEW_HEADER_CHARS = set("行政复议诉讼未经直接起后结果维持纠正其他尚审总计合数量情况")
_VALUE_TOKEN_RE = re.compile(r"^[+-]?\d+(?:\.\d+)?$|^[/／\-—－]$")
_MAX_REVIEW_HEADER_LINES = 24  # one header word per line: up to 4 + 15 lines


def _review_header_line(line: str) -> bool:
    text = re.sub(r"[\s|]", "", line)
    return bool(text) and set(text) <= _REVIEW_HEADER_CHARS


def _value_tokens(line: str) -> list[str] | None:
    tokens = line.replace("|", " ").split()
    return tokens if tokens and all(_VALUE_TOKEN_RE.match(t) for t in tokens) else None


def review_litigation(lines: list[str]) -> tuple[dict | None, list[str]]:
    """Table 四 printed as text: header lines (行政复议 / 行政诉讼 / 结果维持 …, in any split) then its
    15 values, on one line or one per line. '/' or '-' is an empty cell."""
    lines = without_separator_lines(lines)
    for i, line in enumerate(lines):
        if "行政复议" not in line or not _review_header_line(line):
            continue
        j = i
        while j < len(lines) and j - i < _MAX_REVIEW_HEADER_LINES and _review_header_line(lines[j]):
            j += 1
        header = "".join(re.sub(r"\s", "", ln) for ln in lines[i:j])
        if not all(w in header for w in ("行政诉讼", "维持", "纠正")):
            continue
        tokens: list[str] = []
        while j < len(lines) and len(tokens) < 15:
            more = _value_tokens(lines[j])
            if more is None:
                break
            tokens += more
            j += 1
        values = [None if t in "/／-—－" else parse_value(t) for t in tokens]
        problems: list[str] = []
        return {"columns": list(REVIEW_COLUMNS), "values": _fit(values, 15, "table 四", problems)}, problems
    return None, []


# ---------------------------------------------------------------- pre-2019 统计表, one cell per line
_LEGACY_HEADER_WORDS = (
    "单位",
    "计量",
    "代码",
    "年度",
    "本年",
    "累计",
    "统计数",
    "本期",
    "实际",
    "数量",
    "数值",
    "合计",
)
_COLUMN_NUMBERING = re.compile(r"^(?:[甲乙丙丁戊己]|\d)$")  # the 甲 乙 丙 1 2 row under a form's header
_UNIT_RE = re.compile(
    r"^(?:[条件次个人篇项元期场份户家所套部批本册页天日%‰]|人次|万元|千元|亿元|万人|小时|平方米|"
    r"[件条个次项]/[件条个次项])$"
)
_ROW_CODE_RE = re.compile(r"^\d{2,3}$")
_NOT_INDICATOR = re.compile(r"[。；;！？\[\]【】]|页$|^第.{0,12}页")
_MAX_INDICATOR = 60


def legacy_statistics(lines: list[str]) -> tuple[list[dict] | None, list[str]]:
    """A 统计表 printed one cell per line with its empty cells gone: a header (指标名称 / 计量单位 /
    2009年度 / 历年累计 …, words possibly split over lines), then per row the indicator, its unit,
    a row code when the form has a 代码 column, and the values. A row whose values are not all
    there cannot be placed: its values stay null (recorded)."""
    lines = without_separator_lines(lines)
    from govcrawl.process.parse.tables.legacy import legacy_columns, legacy_row

    for i, line in enumerate(lines):
        if "指标" not in line or len(line) > 12:
            continue
        headers, j = [line], i + 1
        while j < len(lines) and len(lines[j]) <= 10 and any(w in lines[j] for w in _LEGACY_HEADER_WORDS):
            if headers and headers[-1] == "计量" and lines[j] == "单位":
                headers[-1] = "计量单位"  # one header word printed over two lines
            else:
                headers.append(lines[j])
            j += 1
        columns = legacy_columns(headers)
        if columns is None:
            continue
        _ind, unit_col, value_col, cumulative_col = columns
        has_code = any("代码" in h for h in headers)
        width = len([h for h in headers[unit_col + 1 :] if "代码" not in h])
        while j < len(lines) and _COLUMN_NUMBERING.match(lines[j]):
            j += 1
        rows, problems = [], []
        while j < len(lines):
            indicator = lines[j]
            if (
                len(indicator) > _MAX_INDICATOR
                or _NOT_INDICATOR.search(indicator)
                or is_number(parse_value(indicator))
                or _UNIT_RE.match(indicator)
            ):
                break
            j += 1
            unit = None
            if j < len(lines) and _UNIT_RE.match(lines[j]):
                unit, j = lines[j], j + 1
            if has_code and j < len(lines) and _ROW_CODE_RE.match(lines[j]):
                j += 1
            values = []
            while j < len(lines) and (is_number(parse_value(lines[j])) or (lines[j] and parse_value(lines[j]) is None)):
                values.append(lines[j])
                j += 1
            if values and len(values) != width:
                problems.append(f"{indicator[:20]}: {len(values)} of {width} values printed, positions unknown")
                values = []
            cells = dict(
                zip([c for c in range(unit_col + 1, len(headers)) if "代码" not in headers[c]], values, strict=False)
            )  # no values (positions unknown): every cell stays empty
            rows.append(
                legacy_row(
                    indicator,
                    unit,
                    cells.get(value_col) if value_col is not None else None,
                    cells.get(cumulative_col) if cumulative_col is not None else None,
                    cumulative_col is not None,
                )
            )
        if rows:
            return rows, problems
    return None, []
