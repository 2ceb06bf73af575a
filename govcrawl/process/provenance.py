"""Provenance: how a record can be traced to the exact bytes fetched."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from govcrawl import __version__
from govcrawl.registry.host_lookup import host_info

KEPT_HEADERS = ("Content-Type", "Last-Modified", "ETag", "Content-Length", "Content-Encoding", "Server", "Date")


def new_job_id() -> str:
    """A job id for crawls not started by scrapyd (which passes its own as `_job`)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def kept_headers(headers) -> dict[str, str]:
    """The response headers worth keeping, decoded; `headers` is a Scrapy Headers or a dict."""
    out = {}
    for name in KEPT_HEADERS:
        value = headers.get(name)
        if value is None:
            continue
        out[name] = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return out


def build_provenance(page, *, encoding: str, spider: str, job_id: str | None) -> dict:
    return {
        "url": page["url"],
        "final_url": page.get("final_url"),
        "referer": page.get("referer"),
        "portal_id": page.get("portal_id"),
        "fetched_at": page["fetched_at"],
        "http_status": int(page["http_status"]),
        "headers": dict(page.get("headers") or {}),
        "encoding": encoding,
        "body_sha256": hashlib.sha256(page["body"]).hexdigest(),
        "render": page.get("render") or "http",
        # which User-Agent fetched it: govcrawl's own, or a browser's where the seed asked (`From` kept)
        "user_agent": page.get("user_agent") or "crawler",
        "crawler_version": __version__,
        "spider": spider,
        "job_id": job_id,
        "retries": list(page.get("retries") or []),
        "revalidated": bool(page.get("revalidated")),
        **{k: page[k] for k in ("warc_record_id", "warc_file", "warc_offset") if page.get(k) is not None},
        # https pages: whether the certificate verified (broken ones are tolerated on gov.cn hosts).
        **({"tls": dict(page["tls"])} if page.get("tls") else {}),
        # a copy on a mirror, aggregator or wiki host is not a government page (None: a bare IP)
        "government_host": host_info(page.get("final_url") or page["url"]).government,
    }
