"""Cheap re-crawls: a cache policy that always revalidates.

Scrapy's HttpCacheMiddleware keeps each page with its ETag/Last-Modified. With this policy
every cached page is revalidated on the next crawl (If-None-Match / If-Modified-Since); a 304
answer costs a few hundred bytes and the cached bytes are used, a 200 replaces them. Unlike
RFC2616Policy it never serves a page as "fresh" without asking (gov portals send no useful
expiry, and heuristic freshness would hide an edited report), and never hides a server error
behind a cached copy: a 5xx on revalidation reaches the spider and is recorded.
"""

from __future__ import annotations

from scrapy.extensions.httpcache import RFC2616Policy

# Private parts of Scrapy this module relies on; tests/test_private_apis.py fails if one disappears.
PRIVATE_APIS = (
    (RFC2616Policy, "_parse_cachecontrol"),
    (RFC2616Policy, "_set_conditional_validators"),
)


class RevalidatingPolicy(RFC2616Policy):
    def should_cache_request(self, request) -> bool:
        # POST list endpoints (Hanweb dataproxy) are re-read every time, like list pages should be.
        return request.method == "GET" and super().should_cache_request(request)

    def should_cache_response(self, response, request) -> bool:
        if response.status != 200 or b"no-store" in self._parse_cachecontrol(response):
            return False
        return b"ETag" in response.headers or b"Last-Modified" in response.headers

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304
