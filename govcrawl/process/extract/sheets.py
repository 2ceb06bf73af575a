"""Spreadsheets (统计表 attachments): XLSX with openpyxl, XLS with xlrd. Each sheet is one table;
merged ranges become spans, as in an HTML table."""

from __future__ import annotations

import io

from govcrawl.contract.cleaned_page import RawTable, TableCell
from govcrawl.process.extract.base import EXTRACT_FAILED, EXTRACT_UNAVAILABLE, OK, Extracted, leading_title


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(cells: list[list], merges: list[tuple[int, int, int, int]]) -> RawTable:
    """`merges`: (first row, first col, last row, last col), 0-based inclusive."""
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merges}
    hidden = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - set(spans)
    rows: RawTable = []
    for r, values in enumerate(cells):
        row = [TableCell(_text(v), *spans.get((r, c), (1, 1))) for c, v in enumerate(values) if (r, c) not in hidden]
        while row and not row[-1].text and row[-1].colspan == 1 and row[-1].rowspan == 1:
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _extracted(fmt: str, tables: list[RawTable], tool: str) -> Extracted:
    lines = ["\t".join(c.text for c in row) for table in tables for row in table]
    return Extracted(
        fmt, "\n".join(lines), tables, leading_title([ln.replace("\t", "") for ln in lines]), OK, tool=tool
    )


def extract_xlsx(body: bytes) -> Extracted:
    import openpyxl

    tool = f"openpyxl {openpyxl.__version__}"
    try:
        book = openpyxl.load_workbook(io.BytesIO(body), data_only=True)
    except Exception as exc:
        return Extracted("xlsx", status=EXTRACT_FAILED, detail=f"{type(exc).__name__}: {exc}"[:300], tool=tool)
    tables = []
    for sheet in book.worksheets:
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
        table = _table(cells, merges)
        if table:
            tables.append(table)
    return _extracted("xlsx", tables, tool)


def extract_xls(body: bytes) -> Extracted:
    try:
        import xlrd
    except ImportError:
        return Extracted("xls", status=EXTRACT_UNAVAILABLE, detail="xlrd is not installed")
    tool = f"xlrd {xlrd.__version__}"
    try:
        book = xlrd.open_workbook(file_contents=body, formatting_info=True)
    except Exception as exc:
        return Extracted("xls", status=EXTRACT_FAILED, detail=f"{type(exc).__name__}: {exc}"[:300], tool=tool)
    tables = []
    for sheet in book.sheets():
        cells = [sheet.row_values(r) for r in range(sheet.nrows)]
        merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        table = _table(cells, merges)
        if table:
            tables.append(table)
    return _extracted("xls", tables, tool)
