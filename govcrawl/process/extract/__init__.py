"""Attachments: find out what a document is, and extract its text and tables.

    sniff(body, url=None) -> format name, or None for HTML/text
    extract(body, fmt, limits=None) -> Extracted (status ok | no_text_layer | extract_unavailable | extract_failed)

A document over one of `limits` (govcrawl/process/limits.py) raises ResourceLimit: DOCX and XLSX
are measured on their zip directory before they are opened, every format on its text after.

One module per format: pdf (pypdf), docx (python-docx), word97 (.doc/.wps via soffice, catdoc or
antiword), sheets (xlsx via openpyxl, xls via xlrd). Formats nobody reads here (OFD, ZIP, RAR,
RTF) come back `extract_unavailable`: stored and flagged, never dropped or faked.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote, urlsplit

from govcrawl.process.extract.base import EXTRACT_FAILED, EXTRACT_UNAVAILABLE, NO_TEXT_LAYER, OK, Extracted
from govcrawl.process.limits import Limits

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "wps": "application/vnd.ms-works",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "et": "application/vnd.ms-excel",
    "ofd": "application/ofd",
    "zip": "application/zip",
    "rar": "application/vnd.rar",
    "rtf": "application/rtf",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _extension(url: str | None) -> str:
    if not url:
        return ""
    ext = posixpath.splitext(unquote(urlsplit(url).path))[1].lower().lstrip(".")
    return ext


def sniff(body: bytes, url: str | None = None) -> str | None:
    """The document format of `body`, by its magic bytes: portals send PDFs as
    application/octet-stream or even text/html, and name HTML or RTF files .doc. The extension
    only tells .wps from .doc (same OLE format). None: HTML or plain text, for the page decoder."""
    head = body[:8]
    ext = _extension(url)
    if head.startswith(b"%PDF") or b"%PDF-" in body[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        window = body[:65536] + body[-65536:]
        if b"word/" in window:
            return "docx"
        if b"xl/" in window:
            return "xlsx"
        if b"OFD.xml" in window or ext == "ofd":
            return "ofd"
        return "zip"
    if head.startswith(_OLE):
        # Directory entries name the streams in UTF-16LE.
        if "WorkBook".encode("utf-16-le") in body or "Workbook".encode("utf-16-le") in body:
            return "xls"
        return "wps" if ext == "wps" else "doc"
    if head.startswith(b"Rar!"):
        return "rar"
    if head.startswith(b"{\\rtf"):
        return "rtf"  # Word's RTF, often served as .doc
    return None


def extract(body: bytes, fmt: str, limits: Limits | None = None) -> Extracted:
    limits = limits or Limits()
    extracted = _extract(body, fmt, limits)
    limits.check("text_chars", len(extracted.text), f"{fmt.upper()} text in characters")
    return extracted


def check_zip(body: bytes, fmt: str, limits: Limits) -> None:
    """A DOCX/XLSX's member count and unzipped size, from its zip directory (nothing is unzipped).
    zipfile never yields more bytes than a member declares, so the declared sizes bound the work."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(body)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the extractor reports the damaged file
    limits.check("zip_members", len(infos), f"{fmt.upper()} zip members")
    limits.check("zip_uncompressed", sum(i.file_size for i in infos), f"{fmt.upper()} unzipped size in bytes")


def _extract(body: bytes, fmt: str, limits: Limits) -> Extracted:
    if fmt in ("docx", "xlsx"):
        check_zip(body, fmt, limits)
    if fmt == "pdf":
        from govcrawl.process.extract.pdf import extract_pdf

        return extract_pdf(body)
    if fmt == "docx":
        from govcrawl.process.extract.docx import extract_docx

        return extract_docx(body, limits)
    if fmt in ("doc", "wps"):
        from govcrawl.process.extract.word97 import extract_word97

        return extract_word97(body, fmt, limits=limits)
    if fmt == "xlsx":
        from govcrawl.process.extract.sheets import extract_xlsx

        return extract_xlsx(body, limits)
    if fmt == "xls":
        from govcrawl.process.extract.sheets import extract_xls

        return extract_xls(body, limits)
    return Extracted(fmt, status=EXTRACT_UNAVAILABLE, detail=f"no extractor for {fmt} files")


__all__ = [
    "EXTRACT_FAILED",
    "EXTRACT_UNAVAILABLE",
    "Extracted",
    "MEDIA_TYPES",
    "NO_TEXT_LAYER",
    "OK",
    "check_zip",
    "extract",
    "sniff",
]
