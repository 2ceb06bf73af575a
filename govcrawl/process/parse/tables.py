"""Map table rows (from HTML grids or flattened text) onto the schema's tables 二, 三, 四 and the
pre-2019 统计表. Each finder returns (table or None, reason it is None)."""

from __future__ import annotations

import re

from govcrawl.process.parse.cells import clean_cell_text, parse_value
from govcrawl.process.parse.grid import Row

APPLICATION_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
REVIEW_COLUMNS = [
    f"{group}.{col}"
    for group in ("行政复议", "行政诉讼.未经复议直接起诉", "行政诉讼.复议后起诉")
    for col in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
]


class Block:
    """Rows of one table as found: an HTML <table> grid (`from_html`) or a run of text rows."""

    def __init__(self, rows: list[Row], from_html: bool):
        self.rows = rows
        self.from_html = from_html


def _texts(row: Row, originals_only: bool = False) -> list[str]:
    return [clean_cell_text(c.text) for c in row if not (originals_only and c.copy)]


def _row_has(row: Row, *words: str) -> bool:
    joined = "".join(_texts(row))
    return all(w in joined for w in words)


# ---------------------------------------------------------------- table 二 (主动公开)
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


# ---------------------------------------------------------------- table 三 (申请)
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


# ---------------------------------------------------------------- table 四 (复议诉讼)
_REVIEW_HEADER_WORDS = (
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议",
    "复议后起诉",
)


_REVIEW_HEADER_CHARS = set("行政复议诉讼未经直接起后结果维持纠正其他尚审总计合数量情况")
_MAX_REVIEW_HEADER_ROWS = 8


def _review_header_row(texts: list[str]) -> bool:
    """A header row of table 四, its words split anyhow (结 果 / 维持, 结果结果其他尚未总)."""
    joined = "".join(texts)
    return bool(joined) and set(joined) <= _REVIEW_HEADER_CHARS


def find_review_litigation(blocks: list[Block]) -> tuple[dict | None, str]:
    for block in blocks:
        start = next((i for i, r in enumerate(block.rows) if _row_has(r, "结果维持")), None)
        if start is None:  # header words split over rows: 结果 / 维持
            if not any("复议" in c.text for r in block.rows for c in r):
                continue
            start = next(
                (
                    i
                    for i, r in enumerate(block.rows)
                    if _row_has(r, "行政复议") and _review_header_row(_texts(r, block.from_html))
                ),
                None,
            )
            if start is None:
                continue
            end = start
            while (
                end < len(block.rows)
                and end - start < _MAX_REVIEW_HEADER_ROWS
                and _review_header_row(_texts(block.rows[end], block.from_html))
            ):
                end += 1
            header = "".join("".join(_texts(r)) for r in block.rows[start:end])
            if not all(w in header for w in ("行政诉讼", "维持", "纠正")):
                continue
        texts: list[str] = []
        rows = block.rows[start + 1 :]
        for k, row in enumerate(rows):
            row_texts = _texts(row, originals_only=block.from_html)
            if any(w in t for t in row_texts for w in _REVIEW_HEADER_WORDS) or (
                not texts and _review_header_row(row_texts)
            ):
                if texts:
                    break
                continue
            while (
                len(row_texts) > 15
                and row_texts
                and parse_value(row_texts[0]) is not None
                and not _numeric(row_texts[0])
            ):
                row_texts = row_texts[1:]  # a leading label cell such as 数量
            filled = _without_trailing_blanks(row_texts)
            if (
                _wrapped_part(texts + filled)
                and k + 1 < len(rows)
                and _wrapped_part(_without_trailing_blanks(_texts(rows[k + 1], block.from_html)), tail=True)
            ):
                texts += filled  # a row of 15 wrapped after a group of five (10 + 5, 5 + 5 + 5)
                continue
            while len(texts) + len(row_texts) > 15 and row_texts and row_texts[-1] == "":
                row_texts = row_texts[:-1]
            texts += row_texts
            break
        if len(texts) != 15:
            return None, f"table 四 data row has {len(texts)} cells, expected 15"
        return {"columns": list(REVIEW_COLUMNS), "values": [parse_value(t) for t in texts]}, ""
    return None, "no 行政复议/行政诉讼 table found"


def _without_trailing_blanks(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    return texts[:end]


def _wrapped_part(texts: list[str], tail: bool = False) -> bool:
    """Whole groups of five values, fewer than 15 (or, for the `tail`, at most 10)."""
    limit = 10 if tail else 14
    return (
        bool(texts)
        and len(texts) % 5 == 0
        and len(texts) <= limit
        and all(_numeric(t) or parse_value(t) is None for t in texts)
    )


def _numeric(text: str) -> bool:
    v = parse_value(text)
    return isinstance(v, (int, float))


# ---------------------------------------------------------------- pre-2019 统计表
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
