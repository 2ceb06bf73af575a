"""Anti-bot walls: HTTP 412 / 521 answers carrying a JavaScript cookie challenge.

WAFs in front of many gov.cn portals (加速乐/知道创宇 521 with `__jsl_clearance`, 瑞数 412 with
`$_ts`, Aliyun `acw_sc__v2`) answer a client without the right cookie with a page whose script
computes a cookie and reloads. A crawler that runs no JavaScript never gets past, so the page is
retried a bounded number of times (GOVCRAWL_CHALLENGE_RETRIES) and then reported as `blocked`.
Once a portal has been found blocked, its later requests are not retried.
"""

from __future__ import annotations

import re

from scrapy.downloadermiddlewares.retry import get_retry_request

from govcrawl.contract.errors import Blocked

CHALLENGE_STATUSES = (412, 521)
# What the challenge scripts look like; a bare 412 (a real precondition failure) is not a wall.
_MARKERS = re.compile(
    rb"(__jsl_clearance|__jsluid|\$_ts\s*=|acw_sc__v2|_waf_|document\.cookie\s*=.{0,4000}?"
    rb"(location\.(href|reload|replace|assign)|window\.location))",
    re.S | re.I,
)


def is_challenge(status: int, body: bytes) -> bool:
    return status in CHALLENGE_STATUSES and bool(_MARKERS.search(body[:65536]))


class ChallengeMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.retries = crawler.settings.getint("GOVCRAWL_CHALLENGE_RETRIES")
        self.blocked_portals: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        portal_id = request.meta.get("portal_id")
        if portal_id is None or not is_challenge(response.status, response.body):
            return response
        stats = self.crawler.stats
        stats.inc_value("govcrawl/challenges")
        reason = f"HTTP {response.status} JavaScript cookie challenge"
        if portal_id not in self.blocked_portals:
            retry = get_retry_request(
                request,
                spider=self.crawler.spider,
                reason=reason,
                max_retry_times=self.retries,
                stats_base_key="govcrawl/challenge_retry",
            )
            if retry is not None:
                return retry
            self.blocked_portals.add(portal_id)
        tries = request.meta.get("retry_times", 0) + 1
        raise Blocked(f"{reason} (anti-bot wall; {tries} attempt{'s' if tries > 1 else ''})")
