"""Bytes in, contract record out: decode → clean → parse.

The one path both the crawl pipeline and `govcrawl parse` take, so a stored report and a
re-parse of its stored bytes agree.
"""

from __future__ import annotations

import mimetypes
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from govcrawl.clean import clean_html, clean_text
from govcrawl.encoding import decode_body
from govcrawl.page import CleanedPage
from govcrawl.parse import parse_report

_HTML_HINT = re.compile(r"<\s*(html|body|div|p|table|head|meta)\b", re.I)


@dataclass
class ParsedDocument:
    record: dict        # the contract record (no provenance)
    encoding: str       # encoding used to decode the bytes
    page: CleanedPage


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
        entries.append({"url": url, "filename": filename, "media_type": media_type,
                        "sha256": None, "path": None, "text": text or None})
    return entries


def parse_document(body: bytes, *, url: str | None = None, content_type: str | None = None,
                   encoding: str | None = None, adcode: str | None = None,
                   published_hint: str | None = None) -> ParsedDocument:
    """Raises govcrawl.encoding.UndecodableBody for empty, binary or undecodable bytes."""
    text, used = decode_body(body, content_type, encoding=encoding)
    page = clean_html(text, url=url) if is_html(text, content_type) else clean_text(text)
    record = parse_report(page, url=url, adcode=adcode, published_hint=published_hint)
    record["attachments"] = attachment_entries(page, url)
    return ParsedDocument(record=record, encoding=used, page=page)
