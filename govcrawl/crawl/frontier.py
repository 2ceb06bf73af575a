"""Per-portal crawl state: columns confirmed, list pages and discovery pages admitted within their
bounds, and the seed URLs held back as the fallback while stored columns serve.

The spider asks the frontier before each request it would make; the frontier only remembers and
counts, so the bounds (GOVCRAWL_MAX_LIST_PAGES, GOVCRAWL_DISCOVERY_MAX_PAGES, and the request
budgets GOVCRAWL_MAX_REQUESTS_PER_PAGE / GOVCRAWL_MAX_REQUESTS_PER_PORTAL) live in one place.
"""

from __future__ import annotations

from collections import defaultdict
from enum import Enum
from urllib.parse import urlsplit


class Admission(Enum):
    NEW = "new"
    SEEN = "seen"
    CAPPED = "capped"


class Frontier:
    def __init__(
        self,
        *,
        max_list_pages: int,
        max_discovery_pages: int,
        max_requests_per_page: int = 0,
        max_requests_per_portal: int = 0,
    ):
        self.max_list_pages = max_list_pages
        self.max_discovery_pages = max_discovery_pages
        self.max_requests_per_page = max_requests_per_page  # 0 = no budget
        self.max_requests_per_portal = max_requests_per_portal  # 0 = no budget
        # Distinct request keys admitted per portal: a link met on several pages costs once. Kept as
        # hash() values (a 64-bit int, not the URL): this set grows with every link of a long crawl.
        self._portal_requests: dict[str, set[int]] = defaultdict(set)
        self._budget_recorded: set[str] = set()
        self._fallback_urls: dict[str, list[str]] = {}  # seed URLs held back while stored columns serve
        self._fallen_back: set[tuple[str, str]] = set()
        self._columns_confirmed: set[str] = set()
        self._discovery_seen: dict[str, set[str]] = defaultdict(set)
        self._column_pages: dict[tuple[str, str], set[str]] = {}
        self._capped_columns: set[tuple[str, str]] = set()

    # --- columns ------------------------------------------------------------------------
    def confirm_column(self, list_url: str) -> bool:
        """True the first time a column is seen listing reports."""
        if list_url in self._columns_confirmed:
            return False
        self._columns_confirmed.add(list_url)
        return True

    def admit_list_page(self, portal_id: str, list_url: str, page_key: str) -> Admission:
        """A later page of a column: new, already requested, or beyond the column's page bound."""
        pages = self._column_pages.setdefault((portal_id, list_url), {list_url})
        if page_key in pages:
            return Admission.SEEN
        if len(pages) >= self.max_list_pages:
            return Admission.CAPPED
        pages.add(page_key)
        return Admission.NEW

    def first_cap(self, portal_id: str, list_url: str) -> bool:
        """True the first time a column hits its page bound (so it is recorded once)."""
        if (portal_id, list_url) in self._capped_columns:
            return False
        self._capped_columns.add((portal_id, list_url))
        return True

    # --- discovery ----------------------------------------------------------------------
    def admit_discovery(self, portal_id: str, url: str) -> Admission:
        seen = self._discovery_seen[portal_id]
        if url in seen:
            return Admission.SEEN
        if len(seen) >= self.max_discovery_pages:
            return Admission.CAPPED
        seen.add(url)
        return Admission.NEW

    # --- request budgets ------------------------------------------------------------------
    def admit_request(self, portal_id: str, key: str, *, page_requests: int) -> Admission:
        """One request the spider would make from a page that has already made `page_requests`.

        CAPPED when the page's budget or the portal's budget is spent; SEEN for a request the portal
        already spent budget on (the dupefilter drops it anyway, so it costs nothing)."""
        spent = self._portal_requests[portal_id]
        digest = hash(key)
        if digest in spent:
            return Admission.SEEN
        if self.max_requests_per_page and page_requests >= self.max_requests_per_page:
            return Admission.CAPPED
        if self.max_requests_per_portal and len(spent) >= self.max_requests_per_portal:
            return Admission.CAPPED
        spent.add(digest)
        return Admission.NEW

    def portal_budget_spent(self, portal_id: str) -> bool:
        return bool(self.max_requests_per_portal) and len(self._portal_requests[portal_id]) >= (
            self.max_requests_per_portal
        )

    def first_portal_budget(self, portal_id: str) -> bool:
        """True the first time the portal's budget stops a request (so it is recorded once)."""
        if portal_id in self._budget_recorded:
            return False
        self._budget_recorded.add(portal_id)
        return True

    # --- fallback -----------------------------------------------------------------------
    def hold_fallback(self, portal_id: str, urls: list[str]) -> None:
        self._fallback_urls[portal_id] = list(urls)

    def fallback_urls(self, portal_id: str, failed_url: str) -> list[str]:
        """The portal's held-back seed URLs, else the failed URL's home page; each at most once."""
        urls = self._fallback_urls.pop(portal_id, None)
        if urls is None:
            parts = urlsplit(failed_url)
            urls = [f"{parts.scheme}://{parts.netloc}/"]
        fresh = [u for u in urls if (portal_id, u) not in self._fallen_back]
        self._fallen_back.update((portal_id, u) for u in fresh)
        return fresh
