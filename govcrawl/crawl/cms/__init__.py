"""CMS adapters: each knows how one family of portal software lists articles and pages its lists.

The spider asks `adapter_for(response, hint)` for the adapter of a list page; site-specific
knowledge stays here and in the seeds, never in the spider.
"""

from __future__ import annotations

from govcrawl.crawl.cms.base import CmsAdapter, ListLink
from govcrawl.crawl.cms.generic import GenericAdapter
from govcrawl.crawl.cms.gkmlpt import GkmlptAdapter
from govcrawl.crawl.cms.hanweb import HanwebAdapter
from govcrawl.crawl.cms.trs import TrsAdapter

# Most specific first; the generic adapter always matches.
ADAPTERS: tuple[CmsAdapter, ...] = (GkmlptAdapter(), HanwebAdapter(), TrsAdapter(), GenericAdapter())
BY_NAME = {a.name: a for a in ADAPTERS}


def adapter_for(response, hint: str | None = None) -> CmsAdapter:
    """The seed's `cms` hint wins when it names a known adapter that recognises the page."""
    if hint and hint in BY_NAME and BY_NAME[hint].detect(response):
        return BY_NAME[hint]
    for adapter in ADAPTERS:
        if adapter.detect(response):
            return adapter
    return ADAPTERS[-1]


__all__ = ["ADAPTERS", "CmsAdapter", "ListLink", "adapter_for"]
