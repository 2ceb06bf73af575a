"""Which URLs name documents (attachments) rather than pages: one rule for lists, discovery and attachments."""

from __future__ import annotations

from urllib.parse import urlsplit

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".zip", ".rar")


def is_document_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_EXTENSIONS)
