"""PDF → text with pypdf.

pypdf rather than pdfminer.six: on the real Hongze report pypdf keeps each table row on one
line (label then values), while pdfminer's layout analysis prints a table column by column,
which loses which value belongs to which row. pypdf is also pure Python with no dependencies.
"""

from __future__ import annotations

import io
import logging
import re

from govcrawl.process.extract.base import EXTRACT_FAILED, NO_TEXT_LAYER, OK, Extracted, leading_title, report_title
from govcrawl.process.extract.pdfrows import lay_out_tables

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
# pypdf logs every repairable oddity of a damaged file; the outcome is reported in `extraction`.
logging.getLogger("pypdf").setLevel(logging.ERROR)
# Fewer visible characters per page than this means the pages are images (a scan).
_MIN_CHARS_PER_PAGE = 20


def extract_pdf(body: bytes) -> Extracted:
    import pypdf

    tool = f"pypdf {pypdf.__version__}"
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        if reader.is_encrypted:
            reader.decrypt("")  # most portal PDFs carry only an owner password (no printing/copying)
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = reader.metadata.get("/Title") if reader.metadata else None
    except MemoryError:  # the worker's memory limit: a resource_limit, not a damaged file
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        return Extracted("pdf", status=EXTRACT_FAILED, detail=f"{type(exc).__name__}: {exc}"[:300], tool=tool)
    visible = sum(len(re.sub(r"\s", "", p)) for p in pages)
    if visible < _MIN_CHARS_PER_PAGE * max(1, len(pages)):
        return Extracted(
            "pdf",
            status=NO_TEXT_LAYER,
            tool=tool,
            detail=f"{len(pages)} page(s), {visible} characters of text: scanned images, no text layer",
        )
    lines = [ln for page in pages for ln in page.split("\n") if not _PAGE_NUMBER.match(ln)]
    title = leading_title(lines) or report_title(str(meta_title) if meta_title else None)
    lines, tables = lay_out_tables(lines)
    return Extracted("pdf", "\n".join(lines), tables, title, OK, tool=tool)
