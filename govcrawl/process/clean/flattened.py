"""Table rows printed as tab-separated cells in plain text (extracted DOCX/PDF/XLS text, TSV-like
dumps), found again as rows so their cells are not glued together (行政许可\t550 must not become
行政许可550).

Tables printed one cell per line (sample 003) are left as lines: the parser reads that form
itself, empty cells and all (govcrawl/process/parse/celllines.py).
"""

from __future__ import annotations

Row = list[str]
Piece = str | Row  # a text line, or a table row's cells


def split_rows(text: str) -> list[Piece]:
    """The text's lines in order; a line with a tab between two non-blank cells is a row."""
    pieces: list[Piece] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        cells = line.strip(" \u3000\t").split("\t")
        if len(cells) > 1 and sum(1 for c in cells if c.strip()) >= 2:
            pieces.append(line.strip(" \u3000").split("\t"))
        else:
            pieces.append(line)
    return pieces
