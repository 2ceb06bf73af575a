"""What the cleaning stage hands to the parser: the report and only the report.

Shared by `govcrawl.process.clean` (which produces it) and `govcrawl.process.parse` (which consumes it),
so both the crawl pipeline and `govcrawl parse` go through the same two steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TableCell:
    """One printed cell, spans as in the HTML. Text is cleaned and simplified; '' when empty."""

    text: str
    rowspan: int = 1
    colspan: int = 1


# A table as printed: rows of cells, spans not yet expanded (the parser builds the grid).
RawTable = list[list[TableCell]]


@dataclass
class CleanedPage:
    title: str | None
    """Title in simplified script, without the site-name suffix; None if the page has none."""

    text: str
    """Main content only, simplified, paragraphs separated by '\\n'. A table appears in the text
    as one line per row with its cells joined by '\\t', at the place it stood in the page."""

    source_script: str = "simplified"
    """Script of the page as fetched: 'simplified', 'traditional' or 'mixed'."""

    tables: list[RawTable] = field(default_factory=list)
    """The body's HTML tables in page order, structure kept (empty for text input)."""

    meta: dict[str, str] = field(default_factory=dict[str, Any])
    """Page metadata, simplified: <meta name=ArticleTitle|PubDate|ContentSource|ColumnName|SiteName…>
    and CMS metadata tables (索引号/发布机构/公开日期/发文日期…), keyed by the name as printed."""

    attachment_links: list[tuple[str, str]] = field(default_factory=list)
    """(href as written, anchor text) of links inside the body that point at documents
    (.pdf .doc .docx .wps .xls .xlsx .et .zip .rar .ofd)."""
