"""Host names against domain lists: the one copy of Scrapy's offsite rule."""

from __future__ import annotations

from collections.abc import Iterable


def host_in(host: str, domains: Iterable[str]) -> bool:
    """Whether `host` is one of `domains` or a subdomain of one (a domain allows its subdomains)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)
