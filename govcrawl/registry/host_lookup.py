"""Host → portal: which registered government portal a URL belongs to, and whether its host is
a government host at all.

    host_info(url) -> HostInfo(host, government, portal_id, portal_name, adcode, level)

The bundled seed registry (seeds/*.json, govcrawl.registry.portals.load_registry) is indexed once by every
allowed domain of every portal. A host matches its own entry or, walking up its labels, the
nearest registered parent domain, so a department sub-host of a city portal
(`xfj.<city>.gov.cn`) resolves to that city. Special zones and new districts that the gazetteer
lacks resolve through the registry the same way (their seed carries the adcode they are managed
under).

`government` is True for hosts under gov.cn (or 政务/政府 IDN zones) and for registered hosts,
False for any other named host (a mirror, aggregator or wiki copy), None for a bare IP address
(cannot tell). Self-contained on purpose: it only needs the seed loader.
"""

from __future__ import annotations

import ipaddress
from dataclasses import asdict, dataclass
from functools import lru_cache
from urllib.parse import urlsplit

_GOV_SUFFIXES = (".gov.cn", ".政务", ".公益", ".gov")


@dataclass(frozen=True)
class HostInfo:
    host: str | None
    government: bool | None
    portal_id: str | None = None
    portal_name: str | None = None
    adcode: str | None = None
    level: str | None = None

    def as_dict(self) -> dict[str, str | bool | None]:
        return asdict(self)


@lru_cache(maxsize=1)
def _domain_index() -> dict[str, tuple[str, str, str, str]]:
    """allowed domain → (portal id, name, adcode, level); on a clash the most specific portal wins.

    Reads the registry files as plain JSON (`govcrawl seeds check` validates them; a lookup
    does not need the checks, and skipping them keeps the first parse fast)."""
    import json
    from importlib import resources

    order = {"department": 0, "county": 1, "city": 2, "province": 3, "central": 4}
    index: dict[str, tuple[str, str, str, str]] = {}
    for entry in resources.files("seeds").iterdir():
        if not entry.name.endswith(".json"):
            continue
        try:
            portals = json.loads(entry.read_text("utf-8"))
        except ValueError:
            continue
        for portal in portals if isinstance(portals, list) else []:
            if not isinstance(portal, dict):
                continue
            value = (
                str(portal.get("id")),
                str(portal.get("name")),
                str(portal.get("adcode")),
                str(portal.get("level")),
            )
            for domain in portal.get("allowed_domains") or []:
                domain = str(domain).lower().lstrip(".")
                old = index.get(domain)
                if old is None or order.get(value[3], 9) < order.get(old[3], 9):
                    index[domain] = value
    return index


def url_host(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


@lru_cache(maxsize=4096)
def _lookup(host: str) -> HostInfo:
    if _is_ip(host):
        return HostInfo(host, None)
    try:
        index = _domain_index()
    except Exception:  # a broken registry must not break parsing
        index = {}
    labels = host.split(".")
    for i in range(len(labels) - 1):
        entry = index.get(".".join(labels[i:]))
        if entry:
            return HostInfo(host, True, *entry)
    return HostInfo(host, host.endswith(_GOV_SUFFIXES))


def host_info(url: str | None) -> HostInfo:
    """What the URL's host says; HostInfo(None, None) without a usable http(s) URL."""
    host = url_host(url)
    return _lookup(host) if host else HostInfo(None, None)
