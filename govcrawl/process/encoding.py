"""Decode fetched bytes to text the way real gov.cn portals need it.

Portals often declare gb2312 but send GBK or GB18030 characters; w3lib already maps the
GB family to gb18030 (a superset), which is what we want. One function serves the crawl
pipeline and `govcrawl parse`, so a stored text can be re-derived from the stored bytes.

Pages are not always in one encoding: a UTF-8 report with a footer pasted in GBK, or a stray
byte. When no encoding decodes the whole body strictly, the body is decoded with the encoding
that fails least, each undecodable sequence becomes U+FFFD, and `DecodeErrors` says how many and
where (`provenance.decode_errors`); the report is kept. Control characters (a stray NUL) are
removed and counted the same way: HTML cannot carry them, and lxml refuses them.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field

from w3lib.encoding import html_body_declared_encoding, html_to_unicode, resolve_encoding

# Declared encodings that are subsets of a wider one real servers actually send.
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "ascii": "utf-8", "iso-8859-1": "cp1252"}
_STRICT_CANDIDATES = ("utf-8", "gb18030", "big5")
_MAX_POSITIONS = 100  # byte offsets kept in DecodeErrors.positions
# A body with undecodable sequences in more than this share of its bytes is not text.
_MAX_ERROR_SHARE = 0.1
# C0 controls HTML and XML cannot carry (tab, newline, form feed and carriage return stay).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# In the first 4 KB: more control bytes than this share means a binary file (a stray NUL does not).
_BINARY_CONTROL_SHARE = 0.05
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


class UndecodableBody(ValueError):
    """The bytes are binary or in no encoding we can read."""


@dataclass
class DecodeErrors:
    """What decoding could not keep: `provenance.decode_errors`."""

    encoding: str
    count: int = 0  # undecodable byte sequences, each now U+FFFD
    positions: list[int] = field(default_factory=list)  # byte offsets of the first _MAX_POSITIONS of them
    controls_removed: int = 0  # control characters (NUL …) removed from the text

    def as_dict(self) -> dict:
        out: dict = {"encoding": self.encoding, "count": self.count, "positions": self.positions}
        if self.controls_removed:
            out["controls_removed"] = self.controls_removed
        return out


@dataclass
class Decoded:
    text: str
    encoding: str
    errors: DecodeErrors | None = None  # None: decoded strictly, nothing replaced or removed


def looks_binary(body: bytes) -> bool:
    head = body[:4096]
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte-order mark
    return len(_CONTROL_BYTES.findall(head)) > _BINARY_CONTROL_SHARE * len(head)


def decode_body(body: bytes, content_type: str | None = None, *, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). `encoding` forces one (e.g. from --encoding)."""
    decoded = decode(body, content_type, encoding=encoding)
    return decoded.text, decoded.encoding


def decode(body: bytes, content_type: str | None = None, *, encoding: str | None = None) -> Decoded:
    """Strict attempts first (forced or declared or detected encoding, then utf-8, gb18030, big5);
    failing those, the encoding with the fewest undecodable sequences, replaced and recorded."""
    if not body:
        raise UndecodableBody("empty body")
    if looks_binary(body):
        raise UndecodableBody("binary content, not a text page")
    if encoding:
        name = resolve_encoding(encoding) or encoding
        name = _WIDEN.get(name, name)
        try:
            codecs.lookup(name)
        except LookupError as exc:
            raise UndecodableBody(f"cannot decode as {encoding}: {exc}") from exc
        return _finish(*_decode_recording(body, name))
    header = f"text/html; {content_type}" if content_type and "charset" in content_type.lower() else content_type
    name, text = html_to_unicode(header, body, auto_detect_fun=_detect)
    name = _WIDEN.get(name, name)
    # html_to_unicode replaces undecodable bytes; a few are a stray byte, many a wrong guess.
    replaced = text.count("\ufffd")
    if not replaced:
        return _finish(text, None, name)
    if replaced <= max(8, len(text) // 200):
        return _finish(*_decode_recording(body, name))
    for candidate in _STRICT_CANDIDATES:
        try:
            return _finish(body.decode(candidate), None, candidate)
        except UnicodeDecodeError:
            continue
    # Mixed encodings: no encoding reads every byte. Replacing is safe in UTF-8, which validates
    # itself (garbage reads as errors, not as text); in gb18030 only when the page declares a GB
    # encoding, as nearly any byte pair is some GB character.
    declared = _declared(body, content_type)
    candidates = ["gb18030", "utf-8"] if declared == "gb18030" else ["utf-8"]
    best = min(
        (_decode_recording(body, candidate) for candidate in candidates),
        key=lambda result: result[1].count if result[1] else 0,
    )
    errors = best[1]
    if errors is not None and errors.count > _MAX_ERROR_SHARE * len(body):
        raise UndecodableBody(
            f"cannot decode the body as utf-8, gb18030 or big5 (declared: {declared or 'nothing'}; "
            f"{errors.count} undecodable sequences in {len(body)} bytes as {errors.encoding})"
        )
    return _finish(*best)


def _declared(body: bytes, content_type: str | None) -> str | None:
    """The encoding the Content-Type header or the page itself declares, widened."""
    name = None
    if content_type and "charset=" in content_type.lower():
        name = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    name = name or html_body_declared_encoding(body)
    if not name:
        return None
    name = resolve_encoding(name) or name
    return _WIDEN.get(name, name)


def _finish(text: str, errors: DecodeErrors | None, name: str) -> Decoded:
    controls = len(_CONTROLS.findall(text)) if _CONTROLS.search(text) else 0
    if controls:
        text = _CONTROLS.sub("", text)
        errors = errors or DecodeErrors(name)
        errors.controls_removed = controls
    return Decoded(text, name, errors)


_recording = threading.local()


def _record(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    errors: DecodeErrors = _recording.errors
    errors.count += 1
    if len(errors.positions) < _MAX_POSITIONS:
        errors.positions.append(_recording.offset + exc.start)
    return "\ufffd", exc.end


codecs.register_error("govcrawl-record", _record)


def _decode_recording(body: bytes, name: str) -> tuple[str, DecodeErrors | None, str]:
    """(text, errors or None, name): `body` decoded with undecodable sequences replaced and recorded."""
    bom = _bom_length(body, name)
    errors = DecodeErrors(name)
    _recording.errors, _recording.offset = errors, bom
    try:
        text = body[bom:].decode(name, errors="govcrawl-record")
    finally:
        del _recording.errors
    return text, errors if errors.count else None, name


def _bom_length(body: bytes, name: str) -> int:
    if name.replace("_", "-").lower() in ("utf-8", "utf8") and body.startswith(codecs.BOM_UTF8):
        return len(codecs.BOM_UTF8)
    return 0


def _detect(body: bytes) -> str | None:
    for candidate in ("utf-8", "gb18030"):
        try:
            body.decode(candidate)
            return candidate
        except UnicodeDecodeError:
            continue
    return None
