"""Render a cleaned body element to text lines, tables and attachment links.

Block elements and <br> break lines; a data table becomes one line per row with cells joined
by '\\t' (at the place it stood) and is also kept as a RawTable with its spans. Layout tables
(one cell per row, or tables holding other tables) are rendered as ordinary blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import html as lxml_html

from govcrawl.contract.cleaned_page import RawTable, TableCell
from govcrawl.contract.documents import is_query_document_url

BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "ucapcontent",
    )
)
_ATTACHMENT_RE = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|et|zip|rar|ofd)(?:$|[?#])", re.I)
ROW_MARK = "\x00"  # prefixes rendered table rows so line-level text rules leave them alone


@dataclass
class Rendered:
    lines: list[str] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    attachment_links: list[tuple[str, str]] = field(default_factory=list)


def attachment_links(body: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    links = []
    for anchor in body.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and (_ATTACHMENT_RE.search(href) or is_query_document_url(href)):
            links.append((href, " ".join(anchor.text_content().split())))
    return links


def is_layout_table(table: lxml_html.HtmlElement) -> bool:
    if table.xpath(".//table"):
        return True
    rows = _rows(table)
    return not rows or all(len(_cells(row)) <= 1 for row in rows)


def render(body: lxml_html.HtmlElement, clean_cell: Callable[[str], str]) -> Rendered:
    """`clean_cell` normalises one cell's text (script conversion, spacing)."""
    out = Rendered(attachment_links=attachment_links(body))
    buffer: list[str] = []

    def flush() -> None:
        line = "".join(buffer).strip()
        buffer.clear()
        if line:
            out.lines.append(line)

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table" and not is_layout_table(element):
            flush()
            table = table_cells(element, clean_cell)
            if table:
                out.tables.append(table)
                for row in table:
                    out.lines.append(ROW_MARK + "\t".join(cell.text for cell in row))
        elif tag == "br":
            flush()
        else:
            block = tag in BLOCK_TAGS or tag in ("td", "th")
            if block:
                flush()
            if element.text:
                buffer.append(element.text)
            for child in element:
                walk(child)
                if child.tail:
                    buffer.append(child.tail)
            if block:
                flush()

    walk(body)
    flush()
    return out


def table_cells(table: lxml_html.HtmlElement, clean_cell: Callable[[str], str]) -> RawTable:
    rows: RawTable = []
    for row in _rows(table):
        cells = [
            TableCell(clean_cell(_cell_text(cell)), _span(cell.get("rowspan")), _span(cell.get("colspan")))
            for cell in _cells(row)
        ]
        if cells:
            rows.append(cells)
    return rows


def is_row_line(line: str) -> bool:
    return line.startswith(ROW_MARK)


def unmark_row(line: str) -> str:
    return line[len(ROW_MARK) :] if line.startswith(ROW_MARK) else line


def _rows(table: lxml_html.HtmlElement) -> list:
    # Rows of this table only, not of tables nested in its cells.
    return [row for row in table.iter("tr") if _owning_table(row) is table]


def _owning_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cells(row) -> list:
    return [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]


def _cell_text(cell) -> str:
    # Paragraphs and <br> inside a cell join with a space (dropped later between Han characters).
    pieces: list[str] = []

    def walk(element) -> None:
        if isinstance(element.tag, str) and (element.tag == "br" or element.tag in BLOCK_TAGS):
            pieces.append(" ")
        if element.text and isinstance(element.tag, str):
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(cell)
    return " ".join("".join(pieces).split())


def _span(value: str | None) -> int:
    try:
        return max(1, int(str(value).strip()))
    except (TypeError, ValueError):
        return 1
