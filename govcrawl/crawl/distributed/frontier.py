"""The spider's per-portal bounds and budgets, kept in Redis so every worker spends from the same ones.

In one process `govcrawl.crawl.frontier.Frontier` keeps sets in memory: the list pages of each
column, the discovery pages and the request budget of each portal, the columns confirmed, the seed
URLs held back as fallback. With several workers each would keep its own, and a portal could get
N times GOVCRAWL_MAX_LIST_PAGES pages or budget; a column found by two workers would be recorded
twice. `SharedFrontier` answers the same questions from Redis sets; admission into a bounded set
(seen? full? add) is one Lua script, so two workers never both take the last place.

Admission and scheduling are two steps, and a worker can die between them (admitted a column link,
killed before the request reached the queue). A single process loses nothing there (it loses
everything), but here the dead worker's page is fetched again by another, which would find the link
"seen" and skip it: the column and its reports would be lost. So a list or discovery page already
admitted counts as seen only if it was also scheduled (its fingerprint is in the job's dupefilter);
otherwise it is admitted again, and the dupefilter keeps the request once whoever schedules it first.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter

from govcrawl.crawl.distributed.job import JobKeys
from govcrawl.crawl.frontier import Admission, Frontier

# 0 = new (added), 1 = seen, 2 = capped. ARGV: member, limit (0 = none), member added first ('' =
# none), '1' when the caller's own bound is already spent (capped unless seen).
_ADMIT = """
if ARGV[3] ~= '' then redis.call('SADD', KEYS[1], ARGV[3]) end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if ARGV[4] == '1' then return 2 end
local limit = tonumber(ARGV[2])
if limit > 0 and redis.call('SCARD', KEYS[1]) >= limit then return 2 end
redis.call('SADD', KEYS[1], ARGV[1])
return 0
"""
_ADMISSION = {0: Admission.NEW, 1: Admission.SEEN, 2: Admission.CAPPED}


class SharedFrontier(Frontier):
    def __init__(self, client, keys: JobKeys, **bounds):
        super().__init__(**bounds)
        self.client = client
        self.keys = keys
        self._admit = client.register_script(_ADMIT)
        self._scheduled = RFPDupeFilter(client, key=keys.dupefilter)

    def _key(self, *parts: str) -> str:
        return self.keys.of("frontier", *parts)

    def _admission(self, key: str, member: str, limit: int, *, first: str = "", over: bool = False) -> Admission:
        code = self._admit(keys=[key], args=[member, limit, first, "1" if over else ""])
        return _ADMISSION[int(code)]

    def _admission_of_page(self, key: str, url: str, limit: int, *, first: str = "") -> Admission:
        admission = self._admission(key, url, limit, first=first)
        if admission is Admission.SEEN and not self._was_scheduled(url):
            return Admission.NEW  # its admitter may have died before scheduling it: the dupefilter decides
        return admission

    def _was_scheduled(self, url: str) -> bool:
        # A GET of the URL as scheduled; a POST page (rare) is never found, so it is re-admitted and
        # the dupefilter drops it.
        try:
            fingerprint = self._scheduled.request_fingerprint(Request(url))
        except ValueError:  # not a URL a Request can be made of: nothing was scheduled for it
            return False
        return bool(self.client.sismember(self._scheduled.key, fingerprint))

    def _first(self, key: str, member: str) -> bool:
        return bool(self.client.sadd(key, member))

    # --- columns ------------------------------------------------------------------------------
    def confirm_column(self, list_url: str) -> bool:
        return self._first(self._key("columns"), list_url)

    def admit_list_page(self, portal_id: str, list_url: str, page_key: str) -> Admission:
        key = self._key("list_pages", portal_id, list_url)
        return self._admission_of_page(key, page_key, self.max_list_pages, first=list_url)

    def first_cap(self, portal_id: str, list_url: str) -> bool:
        return self._first(self._key("capped", portal_id), list_url)

    # --- discovery ----------------------------------------------------------------------------
    def admit_discovery(self, portal_id: str, url: str) -> Admission:
        return self._admission_of_page(self._key("discovery", portal_id), url, self.max_discovery_pages)

    # --- request budgets ------------------------------------------------------------------------
    def admit_request(self, portal_id: str, key: str, *, page_requests: int) -> Admission:
        over_page = bool(self.max_requests_per_page) and page_requests >= self.max_requests_per_page
        return self._admission(self._key("requests", portal_id), key, self.max_requests_per_portal, over=over_page)

    def portal_budget_spent(self, portal_id: str) -> bool:
        limit = self.max_requests_per_portal
        return bool(limit) and self.client.scard(self._key("requests", portal_id)) >= limit

    def first_portal_budget(self, portal_id: str) -> bool:
        return self._first(self._key("budget_recorded"), portal_id)

    # --- fallback -----------------------------------------------------------------------------
    def hold_fallback(self, portal_id: str, urls: list[str]) -> None:
        self.client.hset(self._key("fallback"), portal_id, json.dumps(list(urls)))

    def fallback_urls(self, portal_id: str, failed_url: str) -> list[str]:
        with self.client.pipeline(transaction=True) as pipe:  # taken by one worker only
            pipe.hget(self._key("fallback"), portal_id)
            pipe.hdel(self._key("fallback"), portal_id)
            held, _ = pipe.execute()
        if held is not None:
            urls = json.loads(held)
        else:
            parts = urlsplit(failed_url)
            urls = [f"{parts.scheme}://{parts.netloc}/"]
        return [u for u in urls if self._first(self._key("fallen_back", portal_id), u)]
