"""Attachments of report pages: where their files are kept, and when a page's content is its attachment's.

- Files are stored by content hash: `<files store>/sha256/<first two hex>/<sha256><ext>`, so the
  same file linked from two pages (or re-crawled) is kept once. The files store defaults to
  `files/` next to the archive.
- A report page whose body is only a stub ("…已编制完成，现予以公布，详见附件。": short, no
  tables) takes its text, sections and tables from its first attachment that extracts to an
  annual report; the record says so in `content_source: "attachment"` and `content_url`.
"""

from __future__ import annotations

import re
from pathlib import Path

# Content fields an attachment supplies to a stub page; identity (title, agency, year,
# region, report_key, published_date) stays the page's own.
CONTENT_FIELDS = ("text", "sections", "tables", "template", "checks", "source_script")
_STUB_MAX_CHARS = 300  # visible characters; a real report body runs to thousands


def files_store_dir(settings) -> Path:
    explicit = settings.get("GOVCRAWL_FILES_STORE")
    if explicit:
        return Path(explicit)
    from govcrawl.archive.backend import local_folder

    return local_folder(settings.get("GOVCRAWL_ARCHIVE")) / "files"


def is_stub(record: dict) -> bool:
    """The page points at its attachments instead of carrying the report."""
    visible = len(re.sub(r"\s", "", record.get("text") or ""))
    return (
        bool(record.get("attachments")) and visible < _STUB_MAX_CHARS and not any((record.get("tables") or {}).values())
    )


def adopt_content(record: dict, attachment_record: dict, url: str) -> dict:
    """`record` (a stub page) with its content taken from its attachment's parsed record."""
    out = dict(record)
    for name in CONTENT_FIELDS:
        out[name] = attachment_record[name]
    out["content_source"] = "attachment"
    out["content_url"] = url
    out["extraction"] = attachment_record.get("extraction")
    return out
