"""Cheap re-crawls: a cache policy that always revalidates.

Scrapy's HttpCacheMiddleware keeps each page with its ETag/Last-Modified. With this policy
every cached page is revalidated on the next crawl (If-None-Match / If-Modified-Since); a 304
answer costs a few hundred bytes and the cached bytes are used, a 200 replaces them. Unlike
RFC2616Policy it never serves a page as "fresh" without asking (gov portals send no useful
expiry, and heuristic freshness would hide an edited report), and never hides a server error
behind a cached copy: a 5xx on revalidation reaches the spider and is recorded.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
import time
import zlib
from pathlib import Path

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy
from scrapy.http import Response
from scrapy.http.headers import Headers
from scrapy.utils.python import to_bytes
from w3lib.http import headers_dict_to_raw as _headers_dict_to_raw

logger = logging.getLogger(__name__)


def headers_dict_to_raw(headers: Headers) -> bytes:
    return _headers_dict_to_raw(headers) or b""


# Private parts of Scrapy this module relies on; tests/test_private_apis.py fails if one disappears.
PRIVATE_APIS = (
    (RFC2616Policy, "_parse_cachecontrol"),
    (RFC2616Policy, "_set_conditional_validators"),
    (FilesystemCacheStorage, "_get_request_path"),
    (FilesystemCacheStorage, "_read_meta"),
)


class RevalidatingPolicy(RFC2616Policy):
    def should_cache_request(self, request) -> bool:
        # POST list endpoints (Hanweb dataproxy) are re-read every time, like list pages should be.
        return request.method == "GET" and super().should_cache_request(request)

    def should_cache_response(self, response, request) -> bool:
        if response.status != 200 or not response.body or b"no-store" in self._parse_cachecontrol(response):
            return False
        return b"ETag" in response.headers or b"Last-Modified" in response.headers

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304


class AtomicFilesystemCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem cache, safe for concurrent jobs and for a crash mid-write.

    - **Atomic writes.** An entry's files are written into a private temporary directory next to
      it and moved into place one by one with `os.replace`, `pickled_meta` (what makes an entry
      exist) last; the entry directory is created with `exist_ok`. Two jobs sharing `httpcache/`
      no longer race into `FileExistsError`, and a reader never sees a half-written file.
    - **Checked reads.** The metadata carries the body's sha256 and length. An entry that is
      unreadable (truncated gzip, bad pickle, a missing file), whose body is empty, or whose body
      does not match its metadata (files of two writers mixed) is discarded and the page is
      fetched again in full, never revalidated against bytes that are not there.
    """

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        if not response.body:
            return  # an empty body is never worth keeping (it would be revalidated with 304 forever)
        rpath = Path(self._get_request_path(spider, request))
        rpath.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{rpath.name}.", suffix=".tmp", dir=rpath.parent))
        try:
            metadata = {
                "url": request.url,
                "method": request.method,
                "status": response.status,
                "response_url": response.url,
                "timestamp": time.time(),
                "body_sha256": hashlib.sha256(response.body).hexdigest(),
                "body_length": len(response.body),
            }
            data = {k: v for k, v in response.to_dict().items() if k not in {"url", "status", "headers", "body"}}
            files = {
                "meta": to_bytes(repr(metadata)),
                "response_headers": headers_dict_to_raw(response.headers),
                "response_body": response.body,
                "response_data": pickle.dumps(data, protocol=4),
                "request_headers": headers_dict_to_raw(request.headers),
                "request_body": request.body,
                "pickled_meta": pickle.dumps(metadata, protocol=4),  # last: it makes the entry exist
            }
            for name, content in files.items():
                with self._open(tmp / name, "wb") as f:
                    f.write(content or b"")
            # One writer at a time moves its files in, so the entry left is one writer's whole set
            # (writers interleaving file by file could leave a body and metadata of two fetches).
            with open(rpath.parent / f".{rpath.name}.lock", "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                for name in files:
                    os.replace(tmp / name, rpath / name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        rpath = Path(self._get_request_path(spider, request))
        try:
            metadata = self._read_meta(spider, request)
            if metadata is None:
                return None
            with self._open(rpath / "response_body", "rb") as f:
                body = f.read()
            problem = _entry_problem(metadata, body)
            response = None if problem else super().retrieve_response(spider, request)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError, zlib.error) as err:
            problem = f"unreadable ({type(err).__name__}: {err})"
            response = None
        if problem:
            logger.info("Discarding cached %s: %s; fetching it again in full", request.url, problem)
            spider.crawler.stats.inc_value("govcrawl/httpcache/discarded")
            shutil.rmtree(rpath, ignore_errors=True)
            return None
        return response


def _entry_problem(metadata: dict, body: bytes) -> str | None:
    if not body:
        return "empty body"
    expected = metadata.get("body_sha256")
    if expected is not None and hashlib.sha256(body).hexdigest() != expected:
        return "body does not match its metadata"
    return None


class NoStaleOnErrorCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's HttpCacheMiddleware without its error recovery.

    On a network error (refused connection, timeout, DNS) Scrapy answers with the cached copy
    instead ("httpcache/errorrecovery"). A portal that is down would then look reached and its
    removed reports still online; here the error reaches the retry middleware and the spider and
    is recorded as what it is (`not reached`).
    """

    def process_exception(self, request, exception):
        request.meta.pop("cached_response", None)
        return None
