"""Bytes in, contract record out: decode → clean → parse, or for a document (PDF, DOCX, DOC,
WPS, XLS(X)) extract → clean → parse.

The one path both the crawl pipeline and `govcrawl parse` take, so a stored report and a
re-parse of its stored bytes agree.
"""

from __future__ import annotations

import mimetypes
import posixpath
import re
from dataclasses import dataclass, replace
from urllib.parse import unquote, urljoin, urlsplit

from govcrawl.contract.cleaned_page import CleanedPage
from govcrawl.process.clean import clean_html_measured, clean_text, normalise
from govcrawl.process.encoding import decode
from govcrawl.process.extract import Extracted, extract, sniff
from govcrawl.process.limits import Limits
from govcrawl.process.parse import parse_report

_HTML_HINT = re.compile(r"<\s*(html|body|div|p|table|head|meta)\b", re.I)


@dataclass
class ParsedDocument:
    record: dict  # the contract record (no provenance)
    encoding: str  # encoding used to decode the bytes; the format name for a document
    page: CleanedPage
    extracted: Extracted | None = None  # set for documents
    decode_errors: dict | None = None  # provenance.decode_errors: what decoding replaced or removed


class EmptyText(ValueError):
    """Cleaning left no text of a page that has some: a cleaner failure, never a stored report."""


def is_html(text: str, content_type: str | None) -> bool:
    if content_type and "text/plain" in content_type.lower():
        return False
    return bool(_HTML_HINT.search(text[:20000]))


def attachment_entries(page: CleanedPage, base_url: str | None) -> list[dict]:
    entries, seen = [], set()
    for href, text in page.attachment_links:
        url = urljoin(base_url, href) if base_url else href
        if url in seen:
            continue
        seen.add(url)
        path = unquote(urlsplit(url).path)
        filename = posixpath.basename(path) or None
        media_type = mimetypes.guess_type(path)[0]
        if path.lower().endswith(".wps"):
            media_type = "application/vnd.ms-works"
        entries.append(
            {
                "url": url,
                "filename": filename,
                "media_type": media_type,
                "sha256": None,
                "path": None,
                "text": text or None,
            }
        )
    return entries


def parse_document(
    body: bytes,
    *,
    url: str | None = None,
    content_type: str | None = None,
    encoding: str | None = None,
    adcode: str | None = None,
    published_hint: str | None = None,
    title_hint: str | None = None,
    limits: Limits | None = None,
) -> ParsedDocument:
    """Raises govcrawl.process.encoding.UndecodableBody for empty, binary or undecodable bytes,
    govcrawl.process.limits.ResourceLimit for a page or document over one of `limits` (default:
    the settings' defaults), and EmptyText when cleaning loses every word of a page.

    `title_hint` (the anchor text that linked a document) names a document whose own text has
    no title, e.g. a scanned PDF; HTML pages have their own <title> and ignore it."""
    limits = limits or Limits()
    fmt = sniff(body, url) if body else None
    if fmt is not None:
        return _parse_extracted(
            extract(body, fmt, limits), url=url, adcode=adcode, published_hint=published_hint, title_hint=title_hint
        )
    decoded = decode(body, content_type, encoding=encoding)
    text = decoded.text
    if is_html(text, content_type):
        page, source_chars = clean_html_measured(text, url=url, limits=limits)
    else:
        limits.check("text_chars", len(text), "text in characters")
        page, source_chars = clean_text(text), len(text.strip())
    record = parse_report(page, url=url, adcode=adcode, published_hint=published_hint)
    if record["is_annual_report"] and not record["text"].strip() and source_chars:
        raise EmptyText(f"cleaning left no text of a report page with {source_chars:,} characters of text")
    record["attachments"] = attachment_entries(page, url)
    record["content_source"] = "page"
    errors = decoded.errors.as_dict() if decoded.errors else None
    return ParsedDocument(record=record, encoding=decoded.encoding, page=page, decode_errors=errors)


def document_page(extracted: Extracted, title_hint: str | None = None) -> CleanedPage:
    """The CleanedPage of an extracted document: text cleaned like a text dump, tables simplified."""
    page = clean_text(extracted.text)
    tables = [
        [[replace(cell, text=normalise(cell.text)[0] if cell.text else "") for cell in row] for row in table]
        for table in extracted.tables
    ]
    title = extracted.title or (" ".join(title_hint.split()) if title_hint and title_hint.strip() else None)
    return replace(page, title=normalise(title)[0] if title else None, tables=tables)


def _parse_extracted(extracted: Extracted, *, url, adcode, published_hint, title_hint) -> ParsedDocument:
    page = document_page(extracted, title_hint)
    record = parse_report(page, url=url, adcode=adcode, published_hint=published_hint)
    record["attachments"] = []
    record["content_source"] = "document"
    record["extraction"] = extracted.summary()
    return ParsedDocument(record=record, encoding=extracted.format, page=page, extracted=extracted)
