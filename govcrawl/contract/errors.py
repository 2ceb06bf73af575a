"""Requests govcrawl refuses on purpose (walls, traps, untrusted TLS), each with the failure stage
it is recorded under. Raised from downloader middlewares; the spider's errback turns them into
FetchFailure items, so every refusal is stored against its URL and portal."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class Refused(IgnoreRequest):
    stage = "refused"

    def __init__(self, reason: str, *, record: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.record = record   # False: counted in stats only (the first of its kind was recorded)


class Blocked(Refused):
    """An anti-bot wall (HTTP 412/521 JavaScript cookie challenge) that retries did not get past."""
    stage = "blocked"


class RedirectLoop(Refused):
    stage = "redirect_loop"


class OffsiteRedirect(Refused):
    stage = "offsite_redirect"


class TrapDetected(Refused):
    """Calendar, query-string or session-id trap."""
    stage = "trap"


class UntrustedCertificate(Refused):
    """A certificate that did not verify, on a host outside the tolerated suffixes (gov.cn)."""
    stage = "tls"
