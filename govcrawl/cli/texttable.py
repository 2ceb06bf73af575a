"""Plain-text tables for the terminal: CJK characters are two columns wide."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(text: str, width: int, right: bool = False) -> str:
    pad = " " * max(0, width - display_width(text))
    return pad + text if right else text + pad


def grid(columns: list[str] | tuple[str, ...], rows: list[list[str]], right: set[int] | None = None) -> str:
    """Rows under a header, each column as wide as its widest cell (`right`: right-aligned column indexes)."""
    right = right or set()
    widths = [max([display_width(c), *(display_width(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    lines = ["  ".join(cell(c, widths[i]) for i, c in enumerate(columns)).rstrip()]
    for r in rows:
        lines.append("  ".join(cell(v, widths[i], i in right) for i, v in enumerate(r)).rstrip())
    return "\n".join(lines)
