"""Failure stages, and the requests govcrawl refuses on purpose.

`Stage` is the one list of stages a failure is recorded under (the `failures.stage` column, the
`FetchFailure.stage` field and the per-portal `failed_by` counters). Refusals (walls, traps,
untrusted TLS) are raised from downloader middlewares, each with its stage; the spider's errback
turns them into FetchFailure items, so every refusal is stored against its URL and portal.
"""

from __future__ import annotations

from enum import StrEnum

from scrapy.exceptions import IgnoreRequest


class Stage(StrEnum):
    DOWNLOAD = "download"  # DNS, refused connection, timeout …
    HTTP = "http"  # an HTTP error status after retries
    ROBOTS = "robots"  # forbidden by robots.txt
    REFUSED = "refused"  # refused by govcrawl for a reason without its own stage
    BLOCKED = "blocked"  # an anti-bot wall retries did not get past
    REDIRECT_LOOP = "redirect_loop"
    OFFSITE_REDIRECT = "offsite_redirect"
    TRAP = "trap"  # calendar, query-string, session-id or endless-paging trap
    TLS = "tls"  # a certificate that did not verify, off the tolerated suffixes
    SOFT_404 = "soft_404"  # a 200 page that says the page does not exist
    EMPTY_BODY = "empty_body"  # a report-titled page whose cleaned text is only chrome (breadcrumb, footer)
    DECODE = "decode"  # bytes that decode to no text
    PARSE = "parse"  # the parser failed on the page
    VALIDATE = "validate"  # the record breaks the data contract
    ATTACHMENT = "attachment"  # a report's attachment could not be fetched or read, or was not fetched (why)
    RESOURCE_LIMIT = "resource_limit"  # over a parse limit (size, cells, memory, time); see README
    BUDGET = "budget"  # a per-page or per-portal request budget stopped further requests
    LIST = "list"  # a list page the CMS adapter could not fully read (its rows found so far are followed)
    ARCHIVE = "archive"  # the archive refused to store the item (after retries), the database still writable


class Refused(IgnoreRequest):
    stage = Stage.REFUSED

    def __init__(self, reason: str, *, record: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.record = record  # False: counted in stats only (the first of its kind was recorded)


class Blocked(Refused):
    """An anti-bot wall (HTTP 412/521 JavaScript cookie challenge) that retries did not get past."""

    stage = Stage.BLOCKED


class RedirectLoop(Refused):
    stage = Stage.REDIRECT_LOOP


class OffsiteRedirect(Refused):
    stage = Stage.OFFSITE_REDIRECT


class TrapDetected(Refused):
    """Calendar, query-string or session-id trap."""

    stage = Stage.TRAP


class UntrustedCertificate(Refused):
    """A certificate that did not verify, on a host outside the tolerated suffixes (gov.cn)."""

    stage = Stage.TLS
