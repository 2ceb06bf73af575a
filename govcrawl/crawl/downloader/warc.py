"""WARC capture: every response the crawler receives is also written to WARC files (warcio).

`WarcMiddleware` is a downloader middleware that sits next to the downloader (order 950), so
it sees each response as it came off the wire: before decompression (HttpCompressionMiddleware,
590), before redirects are followed (600) and before retries (550). Every redirect, every
retried 5xx, robots.txt, list pages, report pages and attachments are written, each as a
`request` record plus a `response` record (WARC-Concurrent-To links them).

What is written, exactly:
- The payload is `response.body` as Scrapy's download handler delivered it: transfer-encoding
  (chunked) already removed by Twisted, content-encoding (gzip/deflate/br) still applied. The
  HTTP header block therefore drops `Transfer-Encoding` and carries a `Content-Length` equal to
  the bytes written; the original values are kept in `X-Govcrawl-Original-*` headers. Any other
  header is written as received. WARC-Payload-Digest and WARC-Block-Digest are computed by
  warcio over the bytes written, so they verify.
- `provenance.body_sha256` is the sha256 of the *decoded* body the pipelines saw; reading a
  record with warcio's `content_stream()` (which undoes Content-Encoding) gives those bytes.
- Browser-rendered pages (scrapy-playwright) are written as the HTML the browser returned.

Files are `<prefix>-<job>-<UTC time>-<pid>-<serial>.warc.gz` in GOVCRAWL_WARC_DIR, each opening
with a `warcinfo` record, rotated once a file reaches GOVCRAWL_WARC_MAX_BYTES. The response
record's id, file name (relative to GOVCRAWL_WARC_DIR) and byte offset are set in
`request.meta["warc_record_id"]`, `["warc_file"]` and `["warc_offset"]`; the spider copies them
into the item and `warc_provenance()` turns them into provenance keys.

A write that fails (disk full, file size limit, the folder gone or read-only) stops the crawl
(govcrawl.crawl.storage: finish reason `storage_failed`, exit status 5); the responses in flight
are still archived, without WARC keys in their provenance.

Settings: GOVCRAWL_WARC_DIR (unset → the middleware is off), GOVCRAWL_WARC_MAX_BYTES
(default 1 GiB), GOVCRAWL_WARC_PREFIX (default "govcrawl").
"""

from __future__ import annotations

import contextlib
import os
import socket
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from govcrawl import __version__
from govcrawl.crawl.plan import plan_of
from govcrawl.crawl.storage import stop_for_storage

DEFAULT_MAX_BYTES = 1024**3
META_KEYS = ("warc_record_id", "warc_file", "warc_offset")
# Headers that describe how bytes travelled, not the bytes we hold; rewritten to match them.
_FRAMING_HEADERS = ("Transfer-Encoding", "Content-Length")


def warc_provenance(meta_or_item) -> dict:
    """Provenance keys (`warc_record_id`, `warc_file`, `warc_offset`) from a request meta or an item."""
    return {k: meta_or_item.get(k) for k in META_KEYS if meta_or_item.get(k) is not None}


def _iso_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _decode(value) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _header_pairs(headers) -> list[tuple[str, str]]:
    """(name, value) pairs, one per value, from a Scrapy Headers object."""
    pairs = []
    for name, values in headers.items():
        for value in values:
            pairs.append((_decode(name), _decode(value)))
    return pairs


def response_http_headers(response) -> StatusAndHeaders:
    """The HTTP status line and headers to write, framing adjusted to the body we hold."""
    protocol = getattr(response, "protocol", None) or "HTTP/1.1"
    status = f"{response.status} {_reason(response.status)}".strip()
    kept, original = [], []
    for name, value in _header_pairs(response.headers):
        if name.title() in _FRAMING_HEADERS:
            original.append((f"X-Govcrawl-Original-{name.title()}", value))
        else:
            kept.append((name, value))
    kept += original
    kept.append(("Content-Length", str(len(response.body))))
    return StatusAndHeaders(status, kept, protocol=protocol)


def request_http_headers(request) -> StatusAndHeaders:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pairs = _header_pairs(request.headers)
    if not any(n.lower() == "host" for n, _ in pairs):
        pairs.insert(0, ("Host", parts.netloc))
    if request.body and not any(n.lower() == "content-length" for n, _ in pairs):
        pairs.append(("Content-Length", str(len(request.body))))
    # warcio splits "METHOD target HTTP/1.1" into protocol=METHOD and statusline="target HTTP/1.1".
    return StatusAndHeaders(f"{request.method} {target} HTTP/1.1", pairs, is_http_request=True)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class RotatingWarcWriter:
    """Writes request/response pairs to gzipped WARC files, starting a new file past max_bytes."""

    def __init__(
        self,
        directory: str | Path,
        max_bytes: int = DEFAULT_MAX_BYTES,
        prefix: str = "govcrawl",
        job_id: str | None = None,
        info: dict | None = None,
    ):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.job_id = job_id or "nojob"
        self.info = info or {}
        self.serial = 0
        self.files: list[Path] = []
        self._out: BinaryIO | None = None  # set with _writer by _open(), cleared with it by close()
        self._writer: WARCWriter | None = None
        self._stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")

    def _open(self) -> None:
        self.serial += 1
        safe_job = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.job_id)
        name = f"{self.prefix}-{safe_job}-{self._stamp}-{os.getpid()}-{self.serial:05d}.warc.gz"
        path = self.directory / name
        self._out = open(path, "wb")
        self._writer = WARCWriter(self._out, gzip=True)
        self.files.append(path)
        info = {
            "software": f"govcrawl/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "hostname": socket.gethostname(),
            "job-id": self.job_id,
            **self.info,
        }
        self._writer.write_record(self._writer.create_warcinfo_record(name, info))

    def close(self) -> None:
        if self._out:
            self._out.close()
            self._out = None
            self._writer = None

    def write_exchange(
        self,
        url: str,
        request_headers: StatusAndHeaders,
        request_body: bytes,
        response_headers: StatusAndHeaders,
        response_body: bytes,
        date: str | None = None,
    ) -> tuple[str, str, int]:
        """Write one response and its request; return (response record id, file name, offset)."""
        if self._out is None:
            self._open()
        out, writer = self._out, self._writer
        assert out is not None and writer is not None  # _open() set both
        date = date or _iso_now()
        response = writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(response_body),
            http_headers=response_headers,
            warc_headers_dict={"WARC-Date": date},
        )
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request = writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(request_body or b""),
            http_headers=request_headers,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
        )
        offset = out.tell()
        writer.write_record(response)
        writer.write_record(request)
        out.flush()
        file_name = self.files[-1].name
        if out.tell() >= self.max_bytes:
            self.close()  # the next exchange opens a new file
        return record_id, file_name, offset


class WarcMiddleware:
    """Downloader middleware: writes every response (and its request) to rotating WARC files."""

    def __init__(self, crawler, directory: str, max_bytes: int, prefix: str):
        self.crawler = crawler
        self.directory = directory
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.writer: RotatingWarcWriter | None = None
        self.failed = False  # a write failed: the crawl is stopping (govcrawl.crawl.storage)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        directory = settings.get("GOVCRAWL_WARC_DIR")
        if not directory:
            raise NotConfigured("GOVCRAWL_WARC_DIR is not set")
        mw = cls(
            crawler,
            directory,
            settings.getint("GOVCRAWL_WARC_MAX_BYTES", DEFAULT_MAX_BYTES),
            settings.get("GOVCRAWL_WARC_PREFIX") or "govcrawl",
        )
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def _writer_for_spider(self) -> RotatingWarcWriter:
        if self.writer is None:
            spider = getattr(self.crawler, "spider", None)
            plan = plan_of(self.crawler)
            self.writer = RotatingWarcWriter(
                self.directory,
                self.max_bytes,
                self.prefix,
                job_id=plan.job_id if plan else None,
                info={"spider": getattr(spider, "name", None) or "unknown"},
            )
        return self.writer

    def process_response(self, request, response, spider=None):
        if self.failed:
            return response  # the crawl is stopping; what is in flight is still stored in the archive
        try:
            record_id, file_name, offset = self._writer_for_spider().write_exchange(
                response.url,
                request_http_headers(request),
                request.body,
                response_http_headers(response),
                response.body,
            )
        except OSError as exc:  # disk full, file too large, folder gone or read-only
            self.failed = True
            if self.writer is not None:
                with contextlib.suppress(OSError):
                    self.writer.close()
            stop_for_storage(self.crawler, f"WARC {self.directory}: {exc.strerror or exc}")
            return response
        # Meta travels with redirect/retry copies of the request; the final response overwrites it.
        request.meta["warc_record_id"] = record_id
        request.meta["warc_file"] = file_name
        request.meta["warc_offset"] = offset
        self.crawler.stats.inc_value("govcrawl/warc/records")
        return response

    def spider_closed(self, spider, reason=None):
        if self.writer:
            with contextlib.suppress(OSError):
                self.writer.close()
            self.crawler.stats.set_value("govcrawl/warc/files", len(self.writer.files))
