"""The pre-2019 统计表: indicator, unit, the report year's value and a 历年累计 column kept apart."""

from __future__ import annotations

import re

from govcrawl.process.parse.cells import parse_value
from govcrawl.process.parse.tables.blocks import Block, _texts

_YEAR_VALUE_RE = re.compile(r"(?:19|20)\d\d年|本年|年度|统计数")  # the report year's column
_VALUE_HEADERS = ("统计数", "累计", "数量", "数值", "合计", "数据", "实际")
_CUMULATIVE_WORDS = ("历年累计", "历年")
_UNIT_HEADERS = ("单位", "计量单位")


def legacy_columns(headers: list[str]) -> tuple[int, int, int | None, int | None] | None:
    """(indicator, unit, value, cumulative) column positions from a 统计表 header row, or None.

    The value column is the report year's (2009年度, 本年, 统计数 …, or the first after 单位);
    a 历年累计 column beside it is the cumulative count since the regulation took effect, kept
    apart. A 代码 (row code) column is neither."""
    ind = next((i for i, t in enumerate(headers) if "指标" in t), None)
    unit = next((i for i, t in enumerate(headers) if t in _UNIT_HEADERS), None)
    if ind is None or unit is None:
        return None
    after = [i for i in range(unit + 1, len(headers)) if headers[i] and "代码" not in headers[i]]
    cumulative = next((i for i in after if any(w in headers[i] for w in _CUMULATIVE_WORDS)), None)
    candidates = [i for i in after if i != cumulative]
    value = next((i for i in candidates if _YEAR_VALUE_RE.search(headers[i])), None)
    if value is None:
        value = next((i for i in candidates if any(w in headers[i] for w in _VALUE_HEADERS)), None)
    if value is None:
        value = candidates[0] if candidates else unit + 1
    return ind, unit, value, cumulative


def legacy_row(
    indicator: str, unit: str | None, value: str | None, cumulative: str | None, has_cumulative: bool
) -> dict:
    unit_text = re.sub(r"\s+", "", unit or "")
    row = {
        "indicator": indicator.strip(),
        "unit": unit_text if unit_text.strip("—-－/") else None,
        "value": parse_value(value),
    }
    if has_cumulative:
        row["cumulative"] = parse_value(cumulative)
    return row


_UNIT_SUFFIX_RE = re.compile(r"\s*(?:人次|万元|千元|亿元|条|件|次|个|篇|项|元|场|期|份|家|户)$")


def _unit_apart(cells: list[str], width: int, ind: int, unit: int) -> list[str]:
    """A PDF row 'indicator unit value' whose unit was read into the indicator cell (one cell
    short of the header): the unit is split off again."""
    filled = [c for c in cells if c.strip()]
    if unit != ind + 1 or len(filled) != width - 1 or len(cells) <= ind or cells[ind] != filled[0]:
        return cells
    m = _UNIT_SUFFIX_RE.search(cells[ind].rstrip())
    if not m or m.start() == 0:
        return cells
    return [*cells[:ind], cells[ind].rstrip()[: m.start()], m.group(0).strip(), *filled[1:]]


def find_legacy_statistics(blocks: list[Block]) -> tuple[list[dict] | None, str]:
    for block in blocks:
        for h, row in enumerate(block.rows):
            texts = _texts(row, originals_only=block.from_html)
            columns = legacy_columns(texts)
            if columns is None:
                continue
            ind, unit, value, cumulative = columns
            out = []
            for r in block.rows[h + 1 :]:
                cells = [c.text for c in r if not (block.from_html and c.copy)]
                cells = _unit_apart(cells, len(texts), ind, unit)
                if len(cells) <= max(ind, unit) or not cells[ind].strip():
                    continue
                at = lambda i, cells=cells: cells[i] if i is not None and i < len(cells) else None  # noqa: E731
                out.append(legacy_row(cells[ind], cells[unit], at(value), at(cumulative), cumulative is not None))
            if out:
                return out, ""
            return None, "统计表 header found but no indicator rows"
    return None, "no 统计指标/单位 table found"
