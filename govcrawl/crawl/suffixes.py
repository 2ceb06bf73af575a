"""The public-suffix list from tldextract's bundled snapshot: no network access at run time.

Scrapy's cookie middleware splits cookie domains with a module-level `TLDExtract()`, which on
first use downloads the list from publicsuffix.org (and logs a traceback where there is no
internet, or behind a proxy that refuses it). govcrawl replaces it with one that reads only the
snapshot shipped inside tldextract.
"""

from __future__ import annotations

from tldextract import TLDExtract

# Private names govcrawl relies on (checked by tests/crawl/test_private_apis.py).
PRIVATE_APIS = (("scrapy.downloadermiddlewares.cookies", "_split_domain"),)


def offline_extractor() -> TLDExtract:
    return TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True, include_psl_private_domains=True)


def use_bundled_suffix_list() -> None:
    from scrapy.downloadermiddlewares import cookies

    if not getattr(cookies._split_domain, "govcrawl_offline", False):
        extractor = offline_extractor()
        extractor.govcrawl_offline = True  # type: ignore[attr-defined]
        cookies._split_domain = extractor
