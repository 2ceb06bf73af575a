"""What a request knows about how it was reached: passed to callbacks and errbacks in `cb_kwargs`.

Downloader middlewares need only the portal (`meta["portal_id"]`, `meta["portal_domains"]`);
everything the spider's callbacks need travels here, typed, instead of in loose meta keys.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

EXPLORE_ALWAYS = "always"  # a home page or a page found on the way: look for the column from it
EXPLORE_IF_EMPTY = "if_empty"  # a seed's column: look further only if it lists no reports


@dataclass(frozen=True)
class ListContext:
    portal_id: str
    list_url: str | None = None  # the column (first list page) this request belongs to
    list_pages: int = 0  # list pages of this column requested so far, this one included
    link_text: str | None = None  # anchor text that named a candidate report
    column: bool = False  # the first page of a column candidate
    column_check: str | None = None  # the stored column this request re-checks
    explore: str | None = None  # EXPLORE_ALWAYS | EXPLORE_IF_EMPTY | None (do not look further)
    depth: int | None = None  # discovery depth from the start URL
    departments: bool = False  # reached from a list of department sites

    @classmethod
    def seed(cls, portal_id: str, url: str, *, home: bool) -> ListContext:
        """A seed start URL: a home page is explored (and is no column even when its news box links
        a report); any other page is a column, explored only if it lists no reports."""
        explore = EXPLORE_ALWAYS if home else EXPLORE_IF_EMPTY
        return cls(portal_id, list_url=url, list_pages=1, column=not home, explore=explore, depth=0)

    @classmethod
    def stored_column(cls, portal_id: str, url: str) -> ListContext:
        """A column the last crawl found: its first page re-checks it."""
        return cls(portal_id, list_url=url, list_pages=1, column=True, column_check=url)

    def but(self, **changes) -> ListContext:
        return replace(self, **changes)
