"""Rows of one table as found (`Block`) and the cell-text helpers every table finder uses."""

from __future__ import annotations

from govcrawl.process.parse.cells import clean_cell_text, parse_value
from govcrawl.process.parse.grid import Row


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


def _numeric(text: str) -> bool:
    v = parse_value(text)
    return isinstance(v, (int, float))
