"""Decode fetched bytes to text the way real gov.cn portals need it.

Portals often declare gb2312 but send GBK or GB18030 characters; w3lib already maps the
GB family to gb18030 (a superset), which is what we want. One function serves the crawl
pipeline and `govcrawl parse`, so a stored text can be re-derived from the stored bytes.
"""

from __future__ import annotations

from w3lib.encoding import html_body_declared_encoding, html_to_unicode, resolve_encoding

# Declared encodings that are subsets of a wider one real servers actually send.
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "ascii": "utf-8", "iso-8859-1": "cp1252"}


class UndecodableBody(ValueError):
    """The bytes are binary or in no encoding we can read."""


def looks_binary(body: bytes) -> bool:
    head = body[:4096]
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return True
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode_body(body: bytes, content_type: str | None = None, *, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). `encoding` forces one (e.g. from --encoding)."""
    if not body:
        raise UndecodableBody("empty body")
    if looks_binary(body):
        raise UndecodableBody("binary content, not a text page")
    if encoding:
        name = resolve_encoding(encoding) or encoding
        name = _WIDEN.get(name, name)
        try:
            return body.decode(name), name
        except (LookupError, UnicodeDecodeError) as exc:
            raise UndecodableBody(f"cannot decode as {encoding}: {exc}") from exc
    header = f"text/html; {content_type}" if content_type and "charset" in content_type.lower() else content_type
    declared = html_body_declared_encoding(body)
    name, text = html_to_unicode(header, body, auto_detect_fun=_detect)
    name = _WIDEN.get(name, name)
    # html_to_unicode replaces undecodable bytes; too many replacements mean a wrong guess.
    if text.count("\ufffd") > max(8, len(text) // 200):
        for candidate in ("utf-8", "gb18030", "big5"):
            try:
                return body.decode(candidate), candidate
            except UnicodeDecodeError:
                continue
        raise UndecodableBody(f"cannot decode the body as utf-8, gb18030 or big5 (declared: {declared or 'nothing'})")
    return text, name


def _detect(body: bytes) -> str | None:
    for candidate in ("utf-8", "gb18030"):
        try:
            body.decode(candidate)
            return candidate
        except UnicodeDecodeError:
            continue
    return None
