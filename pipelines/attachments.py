"""Attachments of report pages: download them (Scrapy's FilesPipeline), then let a stub page
take its content from its attachment.

AttachmentsPipeline fills each `attachments` entry with sha256, path (relative to the files
store), media_type and size, or with `error` when it was not fetched (too large, HTTP error,
robots, a redirect off the portal, not a document, on another portal's host …); the archive
records every such entry as an `attachment` failure against the attachment URL and portal.

- Redirects are followed (a same-host 302 to the file is common), within the portal's
  allowed_domains only: RedirectGuardMiddleware refuses a hop off the portal.
- Query-style links (`download.jsp?…&filename=a.pdf`, `DownloadServlet?fileid=`) are documents by
  their parameters (govcrawl.contract.documents); the answer must confirm it — document bytes, or a
  Content-Type / Content-Disposition naming a file — or it is recorded as "not a document".
- Provenance stays per portal: an attachment on a host outside the report's portal is linked
  (kept in `attachments` with its reason), never fetched or adopted as the report's content.

StubContentPipeline parses the attachment of a stub page (see govcrawl.process.attachments).
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.pipelines.files import FilesPipeline
from scrapy.utils.defer import ensure_awaitable

from govcrawl.contract.documents import DOCUMENT_EXTENSIONS, is_document_url, query_document_name
from govcrawl.contract.items import ReportItem
from govcrawl.crawl.counters import PortalCounters
from govcrawl.crawl.plan import plan_of
from govcrawl.crawl.storage import stop_for_storage
from govcrawl.process import shared_parser
from govcrawl.process.attachments import adopt_content, files_store_dir, is_stub
from govcrawl.process.extract import MEDIA_TYPES, sniff
from govcrawl.process.limits import ResourceLimit
from govcrawl.process.workers import DocumentParser
from govcrawl.registry import host_in

logger = logging.getLogger(__name__)


class AttachmentError(Exception):
    """Why one attachment was not downloaded, in words for the failures table."""


def _wanted(item) -> list[dict]:
    if not isinstance(item, ReportItem):
        return []
    return [a for a in item.get("attachments") or [] if is_document_url(a["url"])]


def _off_portal(url: str, portal) -> str | None:
    """Why an attachment is not fetched for `portal`: its host belongs to someone else (or None)."""
    host = urlsplit(url).hostname or ""
    if portal is None or host_in(host, portal.allowed_domains):
        return None
    return f"not fetched: host {host} is outside portal {portal.id}'s domains (linked only, never adopted)"


_DISPOSITION_NAME = re.compile(r"filename\*?=(?:[\w-]+'[\w-]*')?\"?([^\";]+)", re.I)


def disposition_name(response) -> str | None:
    value = response.headers.get("Content-Disposition")
    if not value:
        return None
    m = _DISPOSITION_NAME.search(value.decode("latin-1"))
    return unquote(m.group(1)).strip() if m else None


def document_extension(request, response) -> str:
    """The file's extension: from Content-Disposition, the link's file name parameter, or its path."""
    for name in (disposition_name(response), query_document_name(request.url), unquote(urlsplit(request.url).path)):
        ext = posixpath.splitext(name or "")[1].lower()
        if ext in DOCUMENT_EXTENSIONS:
            return ext
    return ""


class AttachmentsPipeline(FilesPipeline):
    MEDIA_NAME = "attachment"
    maxsize: int  # bytes; set by from_crawler()
    store_dir: Path  # set by from_crawler()

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVCRAWL_ATTACHMENTS"):
            raise NotConfigured("GOVCRAWL_ATTACHMENTS is off")
        store = files_store_dir(crawler.settings)
        store.mkdir(parents=True, exist_ok=True)
        pipe = cls(str(store.resolve()), crawler=crawler)
        pipe.maxsize = crawler.settings.getint("GOVCRAWL_ATTACHMENT_MAXSIZE")
        pipe.store_dir = store
        return pipe

    def get_media_requests(self, item, info):
        plan = plan_of(self.crawler)
        requests = []
        for entry in _wanted(item):
            prov = item.get("provenance") or {}
            portal = plan.portal_by_id.get(prov.get("portal_id")) if plan else None
            if _off_portal(entry["url"], portal):
                continue  # recorded in item_completed
            meta = {"download_maxsize": self.maxsize, "portal_id": prov.get("portal_id")}
            if portal is not None:
                # RedirectGuardMiddleware keeps redirects inside the portal.
                meta["portal_domains"] = portal.allowed_domains
                if not portal.obey_robots:
                    meta["dont_obey_robotstxt"] = True
            requests.append(
                Request(entry["url"], callback=NO_CALLBACK, meta=meta, headers={"Referer": prov.get("url") or ""})
            )
        return requests

    def media_to_download(self, request, info, *, item=None):
        return None  # keyed by content: the file must be fetched to know its key

    def file_path(self, request, response=None, info=None, *, item=None) -> str:
        if response is None:
            raise ValueError("attachment paths are content hashes: they need the response")
        sha = hashlib.sha256(response.body).hexdigest()
        return f"sha256/{sha[:2]}/{sha}{document_extension(request, response)}"

    async def media_downloaded(self, response, request, info, *, item=None):
        if response.status != 200:
            raise AttachmentError(f"HTTP {response.status}")
        if not response.body:
            raise AttachmentError("empty body")
        if len(response.body) > self.maxsize:  # e.g. served from the HTTP cache, which the downloader's limit skips
            raise AttachmentError(
                f"larger than GOVCRAWL_ATTACHMENT_MAXSIZE ({len(response.body)} > {self.maxsize} bytes)"
            )
        fmt = sniff(response.body, request.url)
        content_type = response.headers.get("Content-Type")
        if fmt is None and not _names_a_file(response, content_type):
            # A query-style link (or a .pdf URL) that answered with a page: an error page, a login wall.
            shown = content_type.decode("latin-1").split(";")[0] if content_type else "no Content-Type"
            raise AttachmentError(f"not a document ({shown}, no Content-Disposition file name)")
        status = "cached" if "cached" in response.flags else "downloaded"
        self.inc_stats(status)
        path = self.file_path(request, response=response, info=info, item=item)
        try:
            checksum = await ensure_awaitable(self.file_downloaded(response, request, info, item=item))
        except OSError as exc:  # the files store is full or read-only: the crawl stops (exit 5)
            why = exc.strerror or str(exc)
            stop_for_storage(self.crawler, f"files store {self.store_dir}: {why}")
            raise AttachmentError(f"not stored: {why}") from None
        result = {"url": request.url, "path": path, "checksum": checksum, "status": status}
        result.update(
            sha256=hashlib.sha256(response.body).hexdigest(),
            size=len(response.body),
            media_type=MEDIA_TYPES.get(fmt)
            if fmt
            else (content_type.decode("latin-1").split(";")[0] if content_type else None),
        )
        return result

    def media_failed(self, failure, request, info):
        reason = (
            f"{type(failure.value).__name__}: {failure.value}" if str(failure.value) else type(failure.value).__name__
        )
        if "maxsize" in reason.lower() or type(failure.value).__name__ == "CancelledError":
            reason = f"larger than GOVCRAWL_ATTACHMENT_MAXSIZE ({self.maxsize} bytes) or cancelled: {reason}"
        raise AttachmentError(reason)

    def item_completed(self, results, item, info):
        plan = plan_of(self.crawler)
        portal = plan.portal_by_id.get((item.get("provenance") or {}).get("portal_id")) if plan else None
        entries = []
        for entry in _wanted(item):
            reason = _off_portal(entry["url"], portal)
            if reason:
                entry["error"] = reason
            else:
                entries.append(entry)
        for entry, (ok, value) in zip(entries, results, strict=True):
            if ok:
                entry.update(
                    sha256=value["sha256"],
                    path=value["path"],
                    size=value["size"],
                    media_type=value["media_type"] or entry.get("media_type"),
                )
            else:
                exc = value.value if hasattr(value, "value") else value
                entry["error"] = str(exc) or type(exc).__name__
        return item


def _names_a_file(response, content_type: bytes | None) -> bool:
    """Whether headers say the answer is a file: a Content-Disposition file name, or a document type."""
    if disposition_name(response):
        return True
    kind = (content_type or b"").decode("latin-1").split(";")[0].strip().lower()
    return bool(kind) and not kind.startswith(("text/", "application/xhtml", "application/json"))


class StubContentPipeline:
    """A stub page takes its text and tables from its first attachment that parses to a report."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.store = files_store_dir(crawler.settings)
        # The crawl's pool of parse workers (govcrawl/process/shared_parser.py), taken on the first
        # stub: most crawls have none.
        self.parser: DocumentParser | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def close_spider(self):
        if self.parser is not None:
            self.parser = None
            shared_parser.release(self.crawler)

    async def process_item(self, item):
        if not isinstance(item, ReportItem) or not is_stub(dict(item)):
            return item
        prov = item.get("provenance") or {}
        for entry in item.get("attachments") or []:
            if not entry.get("path"):
                continue
            body = (self.store / entry["path"]).read_bytes()
            if self.parser is None:
                self.parser = shared_parser.acquire(self.crawler)
            try:
                doc = await self.parser.parse(
                    body,
                    url=entry["url"],
                    adcode=(item.get("region") or {}).get("adcode"),
                    title_hint=item.get("title"),
                )
            except ResourceLimit as exc:  # recorded as an `attachment` failure against its URL
                entry["error"] = f"resource_limit: {exc}"
                continue
            except Exception as exc:  # a broken attachment leaves the page as it is
                logger.warning("attachment %s of %s did not parse: %s", entry["url"], prov.get("url"), exc)
                continue
            if doc.record["is_annual_report"] and doc.record["text"].strip():
                merged = adopt_content(dict(item), doc.record, entry["url"])
                PortalCounters(self.crawler).inc(prov.get("portal_id"), "content_from_attachment")
                return ReportItem(**merged)
        return item
