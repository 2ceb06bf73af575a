"""Spreadsheets (统计表 attachments): XLSX with openpyxl, XLS with xlrd. Each sheet is one table;
merged ranges become spans, as in an HTML table.

A sheet costs what its data holds, not what it declares: openpyxl reads XLSX in read-only mode
(no cell objects for merged ranges, no padding to the declared `<dimension>`), merges are read
here and clipped to the cells that hold data (a 1.7 KB file merging A2:XFD1048576 drove a worker
to 7 GB), and the used range, merge count and merged area are checked against the limits
(`GOVCRAWL_MAX_TABLE_CELLS`, `GOVCRAWL_SHEET_MAX_MERGES`) while the sheet is read.
"""

from __future__ import annotations

import io

from lxml import etree

from govcrawl.contract.cleaned_page import RawTable, TableCell
from govcrawl.process.extract.base import EXTRACT_FAILED, EXTRACT_UNAVAILABLE, OK, Extracted, leading_title
from govcrawl.process.limits import Limits

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
Merge = tuple[int, int, int, int]  # (first row, first col, last row, last col), 0-based inclusive


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def clip_merges(merges: list[Merge], rows: int, cols: int, limits: Limits, counted: int = 0) -> list[Merge]:
    """`merges` cut to the `rows` × `cols` cells that hold data (merges outside them dropped);
    ResourceLimit past GOVCRAWL_SHEET_MAX_MERGES (with `counted` merges of earlier sheets) or
    when the merged area passes GOVCRAWL_MAX_TABLE_CELLS."""
    limits.check("sheet_merges", counted + len(merges), "merged ranges in the workbook")
    clipped, area = [], 0
    for r0, c0, r1, c1 in merges:
        r1, c1 = min(r1, rows - 1), min(c1, cols - 1)
        if r0 > r1 or c0 > c1:
            continue
        clipped.append((r0, c0, r1, c1))
        area += (r1 - r0 + 1) * (c1 - c0 + 1)
    limits.check("table_cells", area, "merged cells in a sheet")
    return clipped


def _table(cells: list[list], merges: list[Merge]) -> RawTable:
    """`merges`: (first row, first col, last row, last col), 0-based inclusive, inside `cells`."""
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


def _used_cells(rows, limits: Limits) -> list[list]:
    """The rows of a sheet, stopping with ResourceLimit once rows × widest row passes the limit."""
    cells: list[list] = []
    width = 0
    for row in rows:
        cells.append(list(row))
        width = max(width, len(row))
        limits.check("table_cells", len(cells) * max(width, 1), "cells in a sheet's used range")
    while cells and not any(v is not None and v != "" for v in cells[-1]):
        cells.pop()
    return cells


def _xlsx_merges(source) -> list[Merge]:
    """The <mergeCell ref="A2:C3"> ranges of a worksheet's XML, streamed."""
    from openpyxl.utils.cell import range_boundaries

    merges = []
    for _, element in etree.iterparse(source, tag=f"{_MAIN}mergeCell", resolve_entities=False, no_network=True):
        ref = element.get("ref") or ""
        element.clear()
        try:
            c0, r0, c1, r1 = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if None not in (c0, r0, c1, r1):
            merges.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))
    return merges


def extract_xlsx(body: bytes, limits: Limits | None = None) -> Extracted:
    """Call check_zip (govcrawl.process.extract) first."""
    import openpyxl

    limits = limits or Limits()
    tool = f"openpyxl {openpyxl.__version__}"
    try:
        book = openpyxl.load_workbook(io.BytesIO(body), data_only=True, read_only=True)
    except MemoryError:  # the worker's memory limit: a resource_limit, not a damaged file
        raise
    except Exception as exc:
        return Extracted("xlsx", status=EXTRACT_FAILED, detail=f"{type(exc).__name__}: {exc}"[:300], tool=tool)
    tables = []
    merge_count = 0
    try:
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # the declared <dimension> is not trusted: rows as stored
            cells = _used_cells(sheet.iter_rows(values_only=True), limits)
            with book._archive.open(sheet._worksheet_path) as source:
                merges = _xlsx_merges(source)
            width = max((len(row) for row in cells), default=0)
            table = _table(cells, clip_merges(merges, len(cells), width, limits, merge_count))
            merge_count += len(merges)
            if table:
                tables.append(table)
    except (KeyError, etree.XMLSyntaxError, ValueError) as exc:
        return Extracted("xlsx", status=EXTRACT_FAILED, detail=f"{type(exc).__name__}: {exc}"[:300], tool=tool)
    finally:
        book.close()
    return _extracted("xlsx", tables, tool)


def extract_xls(body: bytes, limits: Limits | None = None) -> Extracted:
    try:
        import xlrd
    except ImportError:
        return Extracted("xls", status=EXTRACT_UNAVAILABLE, detail="xlrd is not installed")
    tool = f"xlrd {xlrd.__version__}"
    try:
        book = xlrd.open_workbook(file_contents=body, formatting_info=True)
    except MemoryError:  # the worker's memory limit: a resource_limit, not a damaged file
        raise
    except Exception as exc:
        return Extracted("xls", status=EXTRACT_FAILED, detail=f"{type(exc).__name__}: {exc}"[:300], tool=tool)
    limits = limits or Limits()
    tables = []
    merge_count = 0
    for sheet in book.sheets():
        limits.check("table_cells", sheet.nrows * sheet.ncols, "cells in a sheet's used range")
        cells = [sheet.row_values(r) for r in range(sheet.nrows)]
        merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        table = _table(cells, clip_merges(merges, sheet.nrows, sheet.ncols, limits, merge_count))
        merge_count += len(merges)
        if table:
            tables.append(table)
    return _extracted("xls", tables, tool)
