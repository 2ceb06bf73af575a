"""Table 三 (收到和处理政府信息公开申请): the seven applicant columns, the canonical row keys
(一, 二, 三.一 … 三.七, 四) from the row labels, and the rows."""

from __future__ import annotations

import re

from govcrawl.process.parse.cells import clean_cell_text, parse_value
from govcrawl.process.parse.grid import Row
from govcrawl.process.parse.tables.blocks import Block, _numeric, _row_has, _texts

APPLICATION_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

_TOP = [("一", ("本年新收",)), ("二", ("上年结转",)), ("四", ("结转下年",)), ("三", ("本年度办理结果", "办理结果"))]
_GROUPS = [
    ("三.七", ("总计",)),
    ("三.二", ("部分公开",)),
    ("三.三", ("不予公开",)),
    ("三.四", ("无法提供",)),
    ("三.五", ("不予处理",)),
    ("三.六", ("其他处理",)),
    ("三.一", ("予以公开",)),
]
_LEAVES = [
    ("三.三", 1, "国家秘密"),
    ("三.三", 2, "法律行政法规禁止"),
    ("三.三", 3, "三安全一稳定"),
    ("三.三", 4, "第三方合法权益"),
    ("三.三", 5, "内部事务"),
    ("三.三", 6, "过程性信息"),
    ("三.三", 7, "行政执法案卷"),
    ("三.三", 8, "行政查询事项"),
    ("三.四", 1, "不掌握"),
    ("三.四", 2, "另行制作"),
    ("三.四", 3, "仍不明确"),
    ("三.五", 1, "信访举报投诉"),
    ("三.五", 2, "重复申请"),
    ("三.五", 3, "公开出版物"),
    ("三.五", 4, "大量反复"),
    ("三.五", 5, "重新出具"),
    ("三.六", 1, "逾期不补正"),
    ("三.六", 2, "缴纳费用"),
]
_LEAF_COUNT = {"三.三": 8, "三.四": 3, "三.五": 5, "三.六": 3}
_LEAF_NUMBER_RE = re.compile(r"^(\d)[.．、]")
LEAF_KEYS = [
    "三.一",
    "三.二",
    *[f"三.三.{i}" for i in range(1, 9)],
    *[f"三.四.{i}" for i in range(1, 4)],
    *[f"三.五.{i}" for i in range(1, 6)],
]


# Where a group label and the next label were glued into one cell (（三）不予公开1.属于国家秘密,
# 三、本年度办理结果（一）予以公开): before a （一）-style or 1.-style number that follows text.
_LABEL_BOUNDARY_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?=[（(][一二三四五六七八][)）]|\d[.．、](?!\d))")


def _key_for_labels(labels: list[str], group: str | None) -> tuple[str | None, str | None]:
    """Canonical key of a row from its label cells; `group` carries a rowspanned （三）不予公开 down."""
    key = None
    for label in [part for raw in labels for part in _LABEL_BOUNDARY_RE.split(raw) if part]:
        text = label.replace("“", "").replace("”", "").replace('"', "")
        top = next((k for k, words in _TOP if any(w in text for w in words)), None)
        if top:
            key, group = (top if top != "三" else None), None
            continue
        grp = next(
            (k for k, words in _GROUPS if any(w in text for w in words) and not (k == "三.一" and "不予" in text)), None
        )
        if grp:
            group = grp if grp in _LEAF_COUNT else None
            key = grp if grp not in ("三.三", "三.四", "三.五") else None
            continue
        leaf = next(((g, n) for g, n, word in _LEAVES if word in text), None)
        if leaf is None and group == "三.六" and re.sub(r"^\d[.．、]", "", text) == "其他":
            leaf = ("三.六", 3)
        if leaf is None and group in _LEAF_COUNT:
            m = _LEAF_NUMBER_RE.match(text)
            if m and 1 <= int(m.group(1)) <= _LEAF_COUNT[group]:
                leaf = (group, int(m.group(1)))
        if leaf:
            group = leaf[0]
            key = f"{leaf[0]}.{leaf[1]}"
    return key, group


def _application_positions(header_rows: list[Row]) -> list[int] | None:
    """Grid columns of the seven value columns, found in the header rows."""
    positions = []
    for name in APPLICATION_COLUMNS:
        col = None
        for row in header_rows:
            for c, cell in enumerate(row):
                text = clean_cell_text(cell.text)
                if text == name or (name == "自然人" and "自然人" in text):
                    col = c if col is None else min(col, c)
        if col is None:
            return None
        positions.append(col)
    if positions != sorted(set(positions)):
        return None
    return positions


def find_applications(blocks: list[Block]) -> tuple[dict | None, str, list[str]]:
    """Returns (table, reason if None, problems found while mapping rows)."""
    for block in blocks:
        start = next((i for i, r in enumerate(block.rows) if _row_has(r, "本年新收")), None)
        if start is None:
            continue
        head = next((i for i in range(start, -1, -1) if _row_has(block.rows[i], "自然人")), None)
        header_rows = block.rows[head:start] if head is not None else []
        positions = _application_positions(header_rows) if block.from_html else None
        return _application_rows(block.rows[start:], positions)
    return None, "no 本年新收政府信息公开申请数量 row found", []


def _application_rows(rows: list[Row], positions: list[int] | None) -> tuple[dict | None, str, list[str]]:
    out, seen, problems, group = [], set(), [], None
    for row in rows:
        if _row_has(row, "行政复议") or _row_has(row, "结果维持"):
            break  # table 四 follows in the same run of text rows
        if positions and len(row) > positions[-1]:
            values = [None if row[c].copy else parse_value(row[c].text) for c in positions]
            label_cells = row[: positions[0]]
        else:
            cells = [c for c in row if not c.copy] if positions is None and any(c.copy for c in row) else row
            if len(cells) < len(APPLICATION_COLUMNS) + 1:
                if any(_numeric(c.text) for c in cells):
                    problems.append(f"row with {len(cells)} cells skipped: {''.join(_texts(row))[:30]}")
                else:  # a label alone (（三）不予公开) or the wrapped end of one: only the group it opens counts
                    _, group = _key_for_labels([clean_cell_text(c.text) for c in cells if c.text.strip()], group)
                continue
            values = [parse_value(c.text) for c in cells[-len(APPLICATION_COLUMNS) :]]
            label_cells = cells[: -len(APPLICATION_COLUMNS)]
        labels = _dedupe([clean_cell_text(c.text) for c in label_cells if c.text.strip()])
        if not labels:
            continue
        key, group = _key_for_labels(labels, group)
        if key is None:
            if any(v is not None for v in values):
                problems.append(f"unrecognised row: {labels[-1][:30]}")
            continue
        if key in seen:
            problems.append(f"duplicate row {key}")
            continue
        seen.add(key)
        label = [p for p in _LABEL_BOUNDARY_RE.split(labels[-1]) if p][-1]  # its own label, not a glued group label
        out.append({"key": key, "label": label, "values": values})
        if key == "四":
            break
    if not out:
        return None, "table 三 header found but no row could be mapped", problems
    return {"columns": list(APPLICATION_COLUMNS), "rows": out}, "", problems


def _dedupe(labels: list[str]) -> list[str]:
    out: list[str] = []
    for label in labels:
        if not out or out[-1] != label:
            out.append(label)
    return out
