"""Table 二 (主动公开): the 第二十条 sub-tables, their value columns (headers a PDF split into
pieces put back) and rows."""

from __future__ import annotations

import re

from govcrawl.process.parse.cells import parse_value
from govcrawl.process.parse.tables.blocks import Block, _texts

_ARTICLE_RE = re.compile(r"第二十条第[（(]([一二三四五六七八九十]+)[)）]项")
ACTIVE_ROW_LABELS = frozenset(
    {
        "规章",
        "规范性文件",
        "行政规范性文件",
        "行政许可",
        "其他对外管理服务事项",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
        "政府集中采购",
    }
)
_OTHER_TABLE_WORDS = ("自然人", "申请人情况", "行政复议", "本年新收", "统计指标")


# Value column headers of the national forms (DOMAIN.md), to put back headers a PDF split into
# pieces ('本年制', '发件数' or '结 果 维持'-style cells).
_ACTIVE_COLUMNS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "本年增减",
    "处理决定数量",
    "采购项目数量",
    "采购总金额",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
)
_COLUMN_NOTE_RE = re.compile(r"[（(][^（）()]{0,20}[)）]")


def _segment_columns(cells: list[str]) -> list[str]:
    """Header cells as printed, or the known column names they are pieces of. Only when the
    joined pieces are exactly a run of known names (each with an optional （单位：万元） note)."""
    joined = "".join(cells)
    if all(c in _ACTIVE_COLUMNS or _COLUMN_NOTE_RE.sub("", c) in _ACTIVE_COLUMNS for c in cells):
        return cells
    out, at = [], 0
    while at < len(joined):
        name = next((n for n in sorted(_ACTIVE_COLUMNS, key=len, reverse=True) if joined.startswith(n, at)), None)
        if name is None:
            return cells
        at += len(name)
        note = _COLUMN_NOTE_RE.match(joined, at)
        if note:
            name, at = name + note.group(0), note.end()
        out.append(name)
    return out


def _known_column(name: str) -> bool:
    return name in _ACTIVE_COLUMNS or _COLUMN_NOTE_RE.sub("", name) in _ACTIVE_COLUMNS


def _header_continued(columns: list[str], cells: list[str]) -> bool:
    """A second header line finishing each header cell of the first ('本年制' over '发件数')."""
    return (
        len(cells) == len(columns)
        and not any(_known_column(c) for c in columns)
        and all(_known_column(a + b) for a, b in zip(columns, cells, strict=True))
    )


def find_active_disclosure(blocks: list[Block]) -> tuple[list[dict] | None, str]:
    subtables: list[dict] = []
    for block in blocks:
        current: dict | None = None
        for row in block.rows:
            cells = _texts(row, originals_only=True)
            filled = [c for c in cells if c]
            if not filled:
                continue
            m = _ARTICLE_RE.search(filled[0])
            if m:
                current = {"article": f"第二十条第（{m.group(1)}）项", "columns": None, "rows": []}
                subtables.append(current)
                rest = cells[cells.index(filled[0]) + 1 :]
                if any("信息内容" in c for c in rest):  # anchor and header printed on one row
                    current["columns"] = _segment_columns([c for c in rest if c and "信息内容" not in c])
                continue
            if current is None:
                continue
            if any(w in c for c in filled for w in _OTHER_TABLE_WORDS):
                current = None
                continue
            if "信息内容" in filled[0]:
                current["columns"] = _segment_columns(filled[1:])
                continue
            if current["columns"] is None:
                continue
            if not current["rows"] and _header_continued(current["columns"], filled):
                current["columns"] = [a + b for a, b in zip(current["columns"], filled, strict=True)]
                continue
            label_at = cells.index(filled[0])
            current["rows"].append({"label": filled[0], "values": [parse_value(c) for c in cells[label_at + 1 :]]})
    if not subtables:
        return None, "no 第二十条 sub-table found"
    # the same sub-table twice (an HTML grid and its rendered text rows): the first one found
    unique: dict[str, dict] = {}
    for sub in subtables:
        unique.setdefault(sub["article"], sub)
    subtables = list(unique.values())
    for sub in subtables:
        sub["columns"] = sub["columns"] or []
        _fit_row_widths(sub)
    return subtables, ""


def _fit_row_widths(sub: dict) -> None:
    """Trailing blank cells beyond the printed columns are padding; record anything else."""
    width = len(sub["columns"])
    sub["shape_problems"] = []
    for row in sub["rows"]:
        values = row["values"]
        while len(values) > width and values[-1] is None:
            values.pop()
        if not values:  # a label alone: every cell of the row was empty
            values.extend([None] * width)
        if len(values) != width:
            sub["shape_problems"].append(f"{row['label']}: {len(values)} values for {width} columns")
            values.extend([None] * (width - len(values)))
