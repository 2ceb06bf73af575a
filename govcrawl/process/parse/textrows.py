"""Find table rows in flattened text: the forms attachments, mirrors and the cleaner produce.

* tab rows: cells joined by '\\t' on one line (what govcrawl.process.clean renders for HTML tables);
* pipe rows: 'a | b | c |' (sample 002), markdown tables (their |---| rule skipped);
* slash rows: 'a / b / c /' (rows of the forms only);
* space rows: 'label v1 v2 …' of PDF text saved as text (rows of the forms only);
* one cell per line, each line tab-indented, rows separated by blank lines (sample 003).

The text is cut into blocks: runs of table rows, with ordinary lines in between. Inside a block
of one of the forms a label printed alone (its cells empty, separators lost) and a 第二十条 caption
are rows too; page numbers are skipped. See docs/tables.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govcrawl.process.parse.grid import GridCell, Row
from govcrawl.process.parse.tables.active import ACTIVE_ROW_LABELS
from govcrawl.process.parse.tables.applications import _key_for_labels

_MAX_SINGLE_CELL = 60  # a longer single "cell" is a paragraph that happens to end in '|'
_MAX_HINTED_LABEL = 160  # labels of regional forms carry long fill-in hints
_MAX_CONTINUATION = 20  # a short untabbed line right after a cell line continues that cell


@dataclass
class TextBlock:
    rows: list[Row] = field(default_factory=list)
    first_line: int = 0


_MD_RULE = re.compile(r"^:?-{3,}:?$")  # a markdown table's |---|:---:| separator cell
# Page numbers a PDF or flip-book puts at the foot of each page, also in the middle of a table:
# '- 5 -', '— 4 —', '第 3 页', '第3页 共5页', '3/5'.
PAGE_FOOTER = re.compile(
    r"^\s*(?:[-—－–]+\s*\d{1,4}\s*[-—－–]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]\.?\s*\d{1,4})\s*$"
)


def is_page_footer(line: str) -> bool:
    return bool(PAGE_FOOTER.match(line))


def pipe_cells(line: str) -> list[str] | None:
    if "|" not in line:
        return None
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    cells = [c.strip() for c in body.split("|")]
    return _row_or_none(cells)


_SPACE_VALUE = re.compile(r"^[+-]?\d+(?:\.\d+)?%?$|^[/／\-—－]$")
_GLUED_VALUE = re.compile(r"^(.*?[^\d.])([+-]?\d+(?:\.\d+)?)$")
_MAX_SPACE_ROW = 120
_VALUE_END = set("0123456789/／-—－%")
_MAX_FREE_LABEL = 40


def _known_row_label(label: str) -> bool:
    """A row label of table 二 or 三 (fill-in hints allowed)."""
    bare = re.sub(r"[（(][^（）()]*[)）]", "", label)
    return bare in ACTIVE_ROW_LABELS or _key_for_labels([label], None)[0] is not None


def space_cells(line: str, in_table: bool = False) -> list[str] | None:
    """'label v1 v2 …': a table row of PDF text saved as plain text, values separated by spaces.
    Cleaning glues the first value to the label ('规章0 0 0', '行政许可550'); it is split off again.
    Outside a table the label must be a row label of the forms; inside one any short label with
    at least two values."""
    text = line.rstrip()
    if not text or "|" in text or "\t" in text or len(text) > _MAX_SPACE_ROW or text[-1] not in _VALUE_END:
        return None
    tokens = text.split()
    n = len(tokens)
    while n > 0 and _SPACE_VALUE.match(tokens[n - 1]):
        n -= 1
    if n == 0:
        return None
    label, values = "".join(tokens[:n]), tokens[n:]
    glued = _GLUED_VALUE.match(label)
    if glued:
        label, values = glued.group(1), [glued.group(2), *values]
    if not values or _SENTENCE.search(label):
        return None
    if _known_row_label(label) or (
        in_table and len(values) >= 2 and len(label) <= _MAX_FREE_LABEL and not _SECTION_LINE.match(label)
    ):
        return [label, *values]
    return None


_HEADER_WORDS = ("数量", "件数", "金额", "总数", "增/减", "增减")
_SLASH_SEPARATOR = re.compile(r"\s+/(?=\s|$)")


def slash_cells(line: str, in_table: bool = False) -> list[str] | None:
    """'行政规范性文件 / 5 / 1 / 25 /': a flattened row with ' / ' between cells (a slash inside a word,
    本年增/减 or 2023/1/31, has no space before it). Only a row of one of the forms: its first cell
    a form's row label or header word, or a row inside such a table."""
    if line.count(" /") < 2 or "|" in line or "\t" in line:
        return None
    body = _SLASH_SEPARATOR.split(" " + line.strip() + " ")
    cells = [c.strip() for c in body]
    if cells and not cells[-1]:
        cells.pop()  # the row's closing '/'
    if cells and not cells[0]:
        cells.pop(0)  # its opening one
    if len(cells) < 2:
        return None
    first = cells[0]
    if len(first) > _MAX_SINGLE_CELL and not (
        # a row label with a long fill-in hint, inside a form table, followed by its values
        in_table
        and len(first) <= _MAX_HINTED_LABEL
        and not _SENTENCE.search(first)
        and all(_SPACE_VALUE.match(c) for c in cells[1:])
    ):
        return None
    if in_table or _known_row_label(first) or any(w in first for w in _FORM_WORDS):
        return cells
    return None


_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
# The 统计表 header with the spaces between its words gone: 统计指标单位本年历年累计.
_LEGACY_HEADER_GLUED = re.compile(
    r"^(统计指标|指标名称|统计项目|指标)\s*(计量单位|单位)\s*"
    r"(本年累计|年度累计数|本年|统计数|(?:19|20)\d{2}\s*年度?|本期|数量)?\s*(历年累计数?|累计数?)?$"
)


def header_cells(line: str) -> list[str] | None:
    """'信息内容本年制发件数本年废止件数…': table 二's header row with its separators gone (its
    columns may carry long fill-in hints in brackets); '统计指标单位本年历年累计': a 统计表's."""
    text = line.strip()
    rest = text[4:]
    bare = _BRACKETED.sub("", rest)
    if (
        text.startswith("信息内容")
        and rest
        and len(bare) <= 60
        and not re.search(r"[|\t，,。；;]", bare)
        and any(w in bare for w in _HEADER_WORDS)
    ):
        return ["信息内容", *_split_outside_brackets(rest)]
    m = _LEGACY_HEADER_GLUED.match(text)
    if m and (m.group(3) or m.group(4)):
        return [g.strip() for g in m.groups() if g]
    return None


def _split_outside_brackets(text: str) -> list[str]:
    cells, depth, piece = [], 0, ""
    for ch in text:
        depth += ch in "（(" and 1 or 0
        depth -= ch in "）)" and 1 or 0
        if ch == " " and depth <= 0:
            if piece:
                cells.append(piece)
            piece = ""
        else:
            piece += ch
    return [*cells, piece] if piece else cells


# What makes a text block one of the report's forms (and not, say, a page's pipe-separated menu).
_FORM_WORDS = ("信息内容", "第二十条", "本年新收", "自然人", "申请人情况", "办理结果", "指标", "结果维持", "复议后起诉")


def _form_block(block: TextBlock | None) -> bool:
    return block is not None and any(w in cell.text for row in block.rows for cell in row for w in _FORM_WORDS)


def markdown_rule(line: str) -> bool:
    """|---|---| under a markdown table's header: layout, not a row."""
    if "---" not in line:
        return False
    cells = pipe_cells(line)
    return bool(cells) and all(_MD_RULE.match(c.replace(" ", "")) for c in cells or [] if c) and any(cells or [])


def tab_cells(line: str) -> list[str] | None:
    stripped = line.strip(" \u3000\r")
    if "\t" not in stripped.strip("\t"):
        return None
    return _row_or_none([c.strip() for c in stripped.split("\t")])


def _row_or_none(cells: list[str]) -> list[str] | None:
    filled = [c for c in cells if c]
    if not filled or len(cells) < 2:
        return None
    if len(filled) == 1 and len(filled[0]) > _MAX_SINGLE_CELL:
        return None
    return cells


def is_cell_line(line: str) -> bool:
    """A tab-indented line holding one cell (sample 003 form)."""
    return line.startswith("\t") and "\t" not in line.strip("\t \u3000") and len(line.strip()) <= _MAX_SINGLE_CELL


def table_line_numbers(lines: list[str], blocks: list[TextBlock] | None = None) -> set[int]:
    """Lines that belong to some table, so section detection can ignore them. `blocks`: the
    text_blocks of these lines when the caller has them already."""
    out: set[int] = set()
    for block in text_blocks(lines) if blocks is None else blocks:
        out.update(block_lines(block))
    return out


def block_lines(block: TextBlock) -> range:
    return range(block.first_line, block.first_line + getattr(block, "n_lines", 0))


_ARTICLE_LINE = re.compile(r"^第二十条第[（(][一二三四五六七八九十]+[)）]项\s*[|/]?$")  # with a row's closing separator
_SECTION_LINE = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "办理结果", "结转下年")  # rows of table 三 numbered like sections
_SENTENCE = re.compile(r"[。；;！？!?]")
_MAX_BARE_ROW = 30  # a label whose cells all were empty, printed without separators
_MAX_BARE_RUN = 3


def _row_line(line: str, in_table: bool = False) -> bool:
    return (
        bool(line.strip())
        and (
            tab_cells(line)
            or pipe_cells(line)
            or slash_cells(line, in_table)
            or space_cells(line.strip(), in_table)
            or header_cells(line)
        )
        is not None
    )


def _bare_row(line: str, numbered_ok: bool = False) -> bool:
    """A short line that can be a row of a pipe/tab table whose separators were lost with its
    empty cells (行政许可 alone, a 第二十条第（五）项 caption): not a sentence, not a section heading
    (inside a 统计表, whose groups are numbered 一、二、 like sections, a numbered group is a row)."""
    text = line.strip()
    if not text or len(text) > _MAX_BARE_ROW or _SENTENCE.search(text) or "\t" in text:
        return False
    return numbered_ok or not (_SECTION_LINE.match(text) and not any(w in text for w in _TABLE_ROW_WORDS))


def _statistics_block(block: TextBlock | None) -> bool:
    """A pre-2019 统计表: its header names the indicator and the unit columns."""
    if block is None:
        return False
    for row in block.rows[:3]:
        texts = [cell.text for cell in row]
        if any("指标" in t for t in texts) and any("单位" in t for t in texts):
            return True
    return False


def _bare_rows_ahead(lines: list[str], i: int, in_block: bool, numbered_ok: bool = False) -> int:
    """How many lines from i on are bare rows of a pipe/tab table: a run of at most
    _MAX_BARE_RUN such lines followed by a row line. Before a table's first row only 第二十条
    captions count (anything else there is a heading or prose)."""
    n = 0
    while i + n < len(lines) and n < _MAX_BARE_RUN:
        line = lines[i + n].strip()
        if _row_line(line, in_block) or not (
            _ARTICLE_LINE.match(line) if not in_block else _bare_row(line, numbered_ok)
        ):
            break
        n += 1
    if n and i + n < len(lines) and _row_line(lines[i + n], in_block):
        return n
    return 0


def text_blocks(lines: list[str]) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    current: TextBlock | None = None
    pending: list[str] | None = None  # cells of a one-cell-per-line row being collected

    def close_pending() -> None:
        nonlocal pending
        if pending is not None and current is not None:
            if any(pending) or len(pending) > 1:  # a row of empty cells is still a row
                current.rows.append([GridCell(t) for t in pending])
            pending = None

    def close_block(end: int) -> None:
        nonlocal current
        close_pending()
        if current is not None:
            current.n_lines = end - current.first_line  # type: ignore[attr-defined]
            if current.rows:
                blocks.append(current)
        current = None

    bare_left = 0
    for i, line in enumerate(lines):
        if not line.strip() and not line.startswith("\t"):
            close_pending()  # blank line: ends a one-cell-per-line row, not the table
            continue
        if current is not None and (markdown_rule(line) or is_page_footer(line)):
            continue  # a markdown rule or a page number inside a table
        cells = tab_cells(line) or pipe_cells(line)
        if cells is None and pending is None and line.strip():
            in_form = _form_block(current)
            cells = slash_cells(line, in_form) or space_cells(line.strip(), in_table=in_form) or header_cells(line)
        if cells is not None:
            close_pending()
            if current is None:
                current = TextBlock(first_line=i)
            current.rows.append([GridCell(c) for c in cells])
            continue
        if is_cell_line(line):
            if current is None:
                current = TextBlock(first_line=i)
            if pending is None:
                pending = []
            pending.append(line.strip())
            continue
        if pending and len(line.strip()) <= _MAX_CONTINUATION and "\t" not in line:
            pending[-1] += line.strip()  # a cell printed over two lines: （三）\n不予公开
            continue
        if pending is None and bare_left and current is not None:
            bare_left -= 1
            current.rows.append([GridCell(line.strip())])
            continue
        if pending is None and (_form_block(current) if current is not None else line.startswith("第二十条")):
            ahead = _bare_rows_ahead(lines, i, in_block=current is not None, numbered_ok=_statistics_block(current))
            if ahead:
                close_pending()
                if current is None:
                    current = TextBlock(first_line=i)
                current.rows.append([GridCell(line.strip())])
                bare_left = ahead - 1
                continue
        close_block(i)
    close_block(len(lines))
    return blocks
