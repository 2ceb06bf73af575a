"""Find table rows in flattened text: the forms attachments, mirrors and the cleaner produce.

* tab rows: cells joined by '\\t' on one line (what govcrawl.process.clean renders for HTML tables);
* pipe rows: 'a | b | c |' (sample 002);
* one cell per line, each line tab-indented, rows separated by blank lines (sample 003).

The text is cut into blocks: runs of table rows, with ordinary lines in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.process.parse.grid import GridCell, Row

_MAX_SINGLE_CELL = 60  # a longer single "cell" is a paragraph that happens to end in '|'
_MAX_CONTINUATION = 20  # a short untabbed line right after a cell line continues that cell


@dataclass
class TextBlock:
    rows: list[Row] = field(default_factory=list)
    first_line: int = 0


def pipe_cells(line: str) -> list[str] | None:
    if "|" not in line:
        return None
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    cells = [c.strip() for c in body.split("|")]
    return _row_or_none(cells)


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


def table_line_numbers(lines: list[str]) -> set[int]:
    """Lines that belong to some table, so section detection can ignore them."""
    out = set()
    for block in text_blocks(lines):
        out.update(block_lines(block))
    return out


def block_lines(block: TextBlock) -> range:
    return range(block.first_line, block.first_line + getattr(block, "n_lines", 0))


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

    for i, line in enumerate(lines):
        if not line.strip() and not line.startswith("\t"):
            close_pending()  # blank line: ends a one-cell-per-line row, not the table
            continue
        cells = tab_cells(line) or pipe_cells(line)
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
        close_block(i)
    close_block(len(lines))
    return blocks
