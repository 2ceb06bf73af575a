"""Crawler traps and hostile redirects, bounded and recorded.

`RedirectGuardMiddleware` looks at each 3xx before Scrapy follows it (and at meta-refresh targets):
- a redirect back to a URL already in this request's chain is a loop → `redirect_loop`;
- a redirect to a host outside the portal's allowed domains → `offsite_redirect`.
(Scrapy alone would cut a loop with the duplicate filter, silently, and drop off-site hops without a record.)

`TrapGuardMiddleware` looks at each request before it is sent:
- query strings that keep growing (more than GOVCRAWL_MAX_QUERY_PARAMS parameters, a parameter
  repeated, or a URL longer than GOVCRAWL_MAX_URL_LENGTH) → `trap`;
- session ids in URLs (;jsessionid=…, ?sid=…, PHPSESSID=…): a URL that differs from one already
  requested only by its session id is the same page again → dropped; the first one per portal is
  recorded as `trap`, the rest counted in stats.
Endless list paging (calendars whose 下一页 is always next month) is bounded by the spider's
per-column GOVCRAWL_MAX_LIST_PAGES and recorded there as `trap`.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string

from govcrawl.contract.errors import OffsiteRedirect, RedirectLoop, TrapDetected
from govcrawl.crawl.counters import PortalCounters
from govcrawl.registry.hosts import host_in

# Not `sid`: Guangdong's gkmlpt API uses ?sid= for the site id.
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sessionid", "session_id", "cfid", "cftoken"})
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid)=[^/?#]*", re.I)


def _is_session_param(name: str) -> bool:
    name = name.lower()
    return name in SESSION_PARAMS or name.startswith("aspsessionid")


REDIRECT_STATUSES = (301, 302, 303, 307, 308)


def strip_session_ids(url: str) -> str:
    """The URL without session ids in its path parameters or query."""
    parts = urlsplit(url)
    path = _PATH_SESSION.sub("", parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_session_param(k)]
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, urlencode(query), ""))


def has_session_id(url: str) -> bool:
    parts = urlsplit(url)
    return bool(_PATH_SESSION.search(parts.path)) or any(
        _is_session_param(k) for k, _ in parse_qsl(parts.query, keep_blank_values=True)
    )


def query_trap_reason(url: str, max_params: int, max_length: int) -> str | None:
    """Why `url` looks like an ever-growing query-string trap, or None."""
    if len(url) > max_length:
        return f"URL longer than {max_length} characters"
    params = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    if len(params) > max_params:
        return f"query string with {len(params)} parameters (more than {max_params})"
    names = [k for k, _ in params]
    if len(set(names)) != len(names):
        return "query string repeats a parameter"
    return None


def _redirect_target(request, response) -> str | None:
    if response.status in REDIRECT_STATUSES and b"Location" in response.headers:
        location = safe_url_string(response.headers[b"Location"].decode("latin-1"))
        return urljoin(request.url, location)
    return None


class RedirectGuardMiddleware:
    """Sits just before Scrapy's RedirectMiddleware in response order (see settings)."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_response(self, request, response):
        target = _redirect_target(request, response)
        domains = request.meta.get("portal_domains")
        if target is None or domains is None:
            return response
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if any(target.split("#")[0] == seen.split("#")[0] for seen in chain):
            hops = " → ".join([*chain, target])
            raise RedirectLoop(f"redirect loop: {hops}")
        if not host_in(urlsplit(target).hostname or "", domains):
            raise OffsiteRedirect(f"HTTP {response.status} redirect off the portal's domains to {target}")
        return response


class TrapGuardMiddleware:
    def __init__(self, crawler):
        settings = crawler.settings
        self.stats = crawler.stats
        self.counters = PortalCounters(crawler)
        self.max_params = settings.getint("GOVCRAWL_MAX_QUERY_PARAMS")
        self.max_length = settings.getint("GOVCRAWL_MAX_URL_LENGTH")
        self.seen: set[int] = set()  # hash() of each request key: an int, not the URL, per request
        self.session_trap_recorded: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        portal_id = request.meta.get("portal_id")
        if portal_id is None or request.meta.get("redirect_urls"):
            return None  # robots.txt, or the hop of a redirect (its origin was already checked)
        reason = query_trap_reason(request.url, self.max_params, self.max_length)
        if reason:
            self.counters.inc(portal_id, "trap_dropped")
            raise TrapDetected(f"query-string trap: {reason}")
        key = hash(
            strip_session_ids(request.url) + "|" + request.method + "|" + repr(request.meta.get("playwright", False))
        )
        if key in self.seen and not request.meta.get("retry_times"):
            if has_session_id(request.url):
                self.counters.inc(portal_id, "trap_dropped")
                first = portal_id not in self.session_trap_recorded
                self.session_trap_recorded.add(portal_id)
                raise TrapDetected(
                    f"session-id trap: same page as {strip_session_ids(request.url)} under a new session id",
                    record=first,
                )
        self.seen.add(key)
        return None
