"""Limits on what one fetched page or document may cost to parse.

Every limit is a setting (defaults in govcrawl/settings.py, the one place they are written down);
`Limits.from_settings` reads them for a crawl, `Limits()` gives the defaults (`govcrawl parse`,
tests, benchmarks). A page or document over a limit is not parsed: `ResourceLimit` is raised with
a reason naming the setting, and the crawl records it as a `resource_limit` failure against the
URL. The table in README.md ("Limits and failure modes") lists them for users.

The size limits are checked before the expensive step they protect (a zip's member list before
python-docx or openpyxl open it, a page's length before lxml parses it, the body's cells before
they are rendered). The worker limits (memory, time) are the net under everything else: they
need parse workers (`GOVCRAWL_PARSE_WORKERS` ≥ 1), see govcrawl/process/workers.py.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from govcrawl import settings as _defaults


class ResourceLimit(Exception):
    """A page or document over one of the parse limits, or a parse worker that ran out of memory
    or time. The message says which limit, with the measured value."""


@dataclass(frozen=True)
class Limits:
    # Parse workers (govcrawl/process/workers.py); 0 = no limit.
    memory: int = _defaults.GOVCRAWL_PARSE_MEMORY_LIMIT  # bytes of address space per worker
    timeout: float = _defaults.GOVCRAWL_PARSE_TIMEOUT  # seconds per document
    # Documents (DOCX, XLSX): checked on the zip's directory before the document is opened.
    zip_uncompressed: int = _defaults.GOVCRAWL_DOCUMENT_MAX_UNCOMPRESSED  # bytes, all members together
    zip_members: int = _defaults.GOVCRAWL_DOCUMENT_MAX_MEMBERS
    sheet_merges: int = _defaults.GOVCRAWL_SHEET_MAX_MERGES  # merged ranges per workbook
    # Every page and document.
    table_cells: int = _defaults.GOVCRAWL_MAX_TABLE_CELLS  # HTML/DOCX table cells, spreadsheet used range
    text_chars: int = _defaults.GOVCRAWL_MAX_TEXT_CHARS  # visible text of the body or the document
    page_chars: int = _defaults.GOVCRAWL_PAGE_MAX_CHARS  # an HTML page's markup, before it is parsed

    @classmethod
    def from_settings(cls, settings) -> Limits:
        """The limits a crawl's settings give; a setting absent from `settings` keeps its default."""
        values = {}
        for f in fields(cls):
            name = SETTINGS[f.name]
            if settings.get(name) in (None, ""):
                continue
            values[f.name] = settings.getfloat(name) if f.name == "timeout" else settings.getint(name)
        return cls(**values)

    def check(self, name: str, measured: int, what: str) -> None:
        """Raise ResourceLimit if `measured` is over the limit `name` (a field; 0 = no limit)."""
        limit = getattr(self, name)
        if limit and measured > limit:
            raise ResourceLimit(f"{what}: {measured:,} > {SETTINGS[name]} ({limit:,})")


# Limits field → setting name.
SETTINGS = {
    "memory": "GOVCRAWL_PARSE_MEMORY_LIMIT",
    "timeout": "GOVCRAWL_PARSE_TIMEOUT",
    "zip_uncompressed": "GOVCRAWL_DOCUMENT_MAX_UNCOMPRESSED",
    "zip_members": "GOVCRAWL_DOCUMENT_MAX_MEMBERS",
    "sheet_merges": "GOVCRAWL_SHEET_MAX_MERGES",
    "table_cells": "GOVCRAWL_MAX_TABLE_CELLS",
    "text_chars": "GOVCRAWL_MAX_TEXT_CHARS",
    "page_chars": "GOVCRAWL_PAGE_MAX_CHARS",
}
