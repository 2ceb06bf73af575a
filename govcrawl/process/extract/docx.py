"""DOCX → text and tables with python-docx, in document order.

A table is kept twice, as the CleanedPage contract asks: one '\\t'-joined line per row in the
text, and a RawTable with its spans (gridSpan → colspan, vMerge → rowspan) for the table parser.
"""

from __future__ import annotations

import io

from govcrawl.contract.cleaned_page import RawTable, TableCell
from govcrawl.process.extract.base import EXTRACT_FAILED, OK, Extracted, leading_title, report_title
from govcrawl.process.limits import Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def extract_docx(body: bytes, limits: Limits | None = None) -> Extracted:
    """Call check_zip (govcrawl.process.extract) first: python-docx reads every part into memory."""
    import docx
    from docx.text.paragraph import Paragraph

    tool = f"python-docx {getattr(docx, '__version__', '')}".strip()
    try:
        document = docx.Document(io.BytesIO(body))
    except MemoryError:  # the worker's memory limit: a resource_limit, not a damaged file
        raise
    except Exception as exc:  # a damaged zip or XML: python-docx raises several types
        return Extracted("docx", status=EXTRACT_FAILED, detail=f"{type(exc).__name__}: {exc}"[:300], tool=tool)
    cells = sum(1 for _ in document.element.body.iter(f"{_W}tc"))
    (limits or Limits()).check("table_cells", cells, "DOCX table cells")
    lines: list[str] = []
    tables: list[RawTable] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(Paragraph(child, document).text)
        elif child.tag == f"{_W}tbl":
            table = raw_table(child)
            if table:
                tables.append(table)
                lines.extend("\t".join(cell.text for cell in row) for row in table)
    title = leading_title(lines) or report_title(document.core_properties.title)
    return Extracted("docx", "\n".join(lines), tables, title, OK, tool=tool)


def _cell_text(tc) -> str:
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in tc.iter(f"{_W}p")]
    return " ".join(p.strip() for p in paragraphs if p.strip())


def _prop(tc, name: str):
    props = tc.find(f"{_W}tcPr")
    return None if props is None else props.find(f"{_W}{name}")


def raw_table(tbl) -> RawTable:
    """Rows of printed cells. A vMerge continuation is not printed; it adds to the rowspan of the
    cell that started the merge in the same grid column."""
    rows: RawTable = []
    open_merges: dict[int, tuple[int, int]] = {}  # grid column → (row index, cell index) of the merge start
    for tr in tbl.iterchildren(f"{_W}tr"):
        row: list[TableCell] = []
        col = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            span_el = _prop(tc, "gridSpan")
            span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
            merge = _prop(tc, "vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue" and col in open_merges:
                r, c = open_merges[col]
                start = rows[r][c]
                rows[r][c] = TableCell(start.text, start.rowspan + 1, start.colspan)
            else:
                row.append(TableCell(_cell_text(tc), 1, span))
                if merge is not None:
                    open_merges[col] = (len(rows), len(row) - 1)
                else:
                    open_merges.pop(col, None)
            col += span
        rows.append(row)
    return [r for r in rows if r]
