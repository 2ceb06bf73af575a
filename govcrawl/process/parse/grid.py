"""Expand an HTML table (rows of TableCell with rowspan/colspan) into a rectangular grid.

Span copies are kept but flagged, so header and label logic can see a rowspanned label on every
row it covers while value extraction can tell an original cell from its copies.
"""

from __future__ import annotations

from dataclasses import dataclass

from govcrawl.contract.cleaned_page import RawTable

_MAX_SPAN = 60  # real tables span ≤ 22 rows and ≤ 15 columns; junk like colspan=100000 must not blow up


@dataclass(frozen=True)
class GridCell:
    text: str
    copy: bool = False  # True for positions covered by a span of a cell to the left/above


Row = list[GridCell]


def expand(table: RawTable) -> list[Row]:
    grid: dict[tuple[int, int], GridCell] = {}
    for r, cells in enumerate(table):
        c = 0
        for cell in cells:
            while (r, c) in grid:
                c += 1
            rowspan = min(_span(cell.rowspan), len(table) - r)  # as browsers do: spans stop at the last row
            colspan = min(_span(cell.colspan), max(_MAX_SPAN - c, 1))
            text = (cell.text or "").strip()
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), GridCell(text, copy=(dr, dc) != (0, 0)))
            c += colspan
    if not grid:
        return []
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    rows = [[grid.get((r, c), GridCell("")) for c in range(n_cols)] for r in range(n_rows)]
    return _drop_blank_columns([row for row in rows if any(cell.text for cell in row)])


def _span(value: object) -> int:
    try:
        n = int(value)  # type: ignore[call-overload]  # any printed span: a bad one is caught below
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), _MAX_SPAN)


def _drop_blank_columns(rows: list[Row]) -> list[Row]:
    """Columns empty in every row (header included) are layout padding, not data columns."""
    if not rows:
        return rows
    width = len(rows[0])
    keep = [c for c in range(width) if any(row[c].text for row in rows)]
    return [[row[c] for c in keep] for row in rows]
