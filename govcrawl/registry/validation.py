"""Validate one decoded seed object into a Portal, listing every problem with its file:line.

Seeds are input that should not be trusted: a start URL or allowed domain on a loopback,
link-local, private or cloud-metadata address (127.0.0.1, 169.254.169.254, [::1], 10.x, localhost,
metadata.google.internal …) is refused unless private hosts are allowed (`--allow-private-hosts`,
`-a allow_private_hosts=1`, GOVCRAWL_ALLOW_PRIVATE_HOSTS); a URL carrying user info
(`http://www.gov.cn@127.0.0.1/`) is always refused; an allowed domain as wide as a public suffix
(`gov.cn`, `com.cn`) is refused, judged offline against tldextract's bundled Public Suffix List
snapshot.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from govcrawl.registry.hosts import host_in
from govcrawl.registry.located_json import Located
from govcrawl.registry.portal import CMS_HINTS, LEVELS, RENDER_MODES, USER_AGENTS, Portal
from govcrawl.registry.provinces import CENTRAL_ADCODE, PROVINCE_NAMES

REQUIRED_FIELDS: dict[str, type] = {
    "id": str,
    "name": str,
    "adcode": str,
    "level": str,
    "start_urls": list,
    "allowed_domains": list,
}

OPTIONAL_FIELDS: dict[str, type] = {"cms": str, "render": str, "obey_robots": bool, "user_agent": str}

_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")

_HOST_LABEL_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")


def _host_is_valid(host: str) -> bool:
    if _MAYBE_IP.fullmatch(host) is None:
        labels = host.split(".")
        return len(labels) >= 2 and all(_HOST_LABEL_RE.fullmatch(label) for label in labels)
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return len(labels) >= 2 and all(_HOST_LABEL_RE.fullmatch(label) for label in labels)


def _url_host(url: str) -> str | None:
    """Lower-case host of an http(s) URL, or None if it is not one."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or not _host_is_valid(host):
        return None
    return host


# Names that reach the machine itself or the cloud's metadata service without an IP literal.
_PRIVATE_NAMES = ("localhost", "metadata.google.internal", "metadata")
_PRIVATE_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain", ".home.arpa")


_MAYBE_IP = re.compile(r"[0-9a-fx.]+|\[?[0-9a-f:.]*:[0-9a-f:.]*\]?")


def _ip_of(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host literal means, also in the forms resolvers accept (0x7f.1, 2130706433, 127.1)."""
    if not _MAYBE_IP.fullmatch(host):
        return None  # a host name: most seeds, skipped cheaply
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fx.]+", host) and re.search(r"\d", host.rsplit(".", 1)[-1]):
        try:
            return ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def private_host_reason(host: str) -> str | None:
    """Why a host is not a public one (loopback, private, link-local or metadata), or None."""
    host = host.lower().rstrip(".")
    if host in _PRIVATE_NAMES or host.endswith(_PRIVATE_SUFFIXES):
        return "a local or metadata host name"
    ip = _ip_of(host)
    if ip is None:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, word in (
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local (cloud metadata)"),
        (ip.is_private, "private"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "reserved"),
    ):
        if test:
            return f"a {word} address"
    return None


@cache
def _public_suffixes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(rules, wildcard parents, exceptions) of the ICANN section of the Public Suffix List bundled
    with tldextract (its offline snapshot: no download, no cache directory)."""
    text = (resources.files("tldextract") / ".tld_set_snapshot").read_text("utf-8")
    text = text.split("===END ICANN DOMAINS===", 1)[0]
    rules, wildcards, exceptions = set(), set(), set()
    for raw in text.splitlines():
        rule = raw.strip()
        if not rule or rule.startswith("//"):
            continue
        rule = rule.encode("idna").decode("ascii") if not rule.isascii() and "*" not in rule else rule
        if rule.startswith("!"):
            exceptions.add(rule[1:])
        elif rule.startswith("*."):
            wildcards.add(rule[2:])
        else:
            rules.add(rule)
    return frozenset(rules), frozenset(wildcards), frozenset(exceptions)


def is_public_suffix(domain: str) -> bool:
    """True for a domain that is itself a public suffix (`cn`, `gov.cn`, `com.cn`), whose subdomains
    belong to unrelated owners. A set lookup per domain, so 100,000 seeds cost nothing."""
    domain = domain.lower().strip(".")
    rules, wildcards, exceptions = _public_suffixes()
    if domain in rules:
        return True
    parent = domain.partition(".")[2]
    return parent in wildcards and domain not in exceptions


def portal_from(item: Located, label: str, *, allow_private_hosts: bool = False) -> tuple[Portal | None, list[str]]:
    """Validate one decoded object; return the Portal, or None and every problem found."""
    record = item.value
    if not isinstance(record, dict):
        return None, [f"{label}:{item.line}: expected a portal object, got {type(record).__name__}"]
    where = record.get("id") if isinstance(record.get("id"), str) else None
    prefix = f'portal "{where}": ' if where else "portal: "

    def at(key: str | None) -> str:
        return f"{label}:{item.key_lines.get(key, item.line) if key else item.line}: {prefix}"

    problems = [f'{at(key)}field "{key}" given twice' for key in item.duplicate_keys]
    known = {**REQUIRED_FIELDS, **OPTIONAL_FIELDS}
    for key in record:
        if key not in known:
            problems.append(f'{at(key)}unknown field "{key}" (fields: {", ".join(known)})')
    for key, kind in known.items():
        if key not in record or (key == "cms" and record[key] is None):  # "cms": null = no hint
            if key in REQUIRED_FIELDS:
                problems.append(f'{at(None)}missing required field "{key}"')
            continue
        value = record[key]
        # bool is an int subclass, and a list/str mix-up is the classic hand-edit mistake.
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            problems.append(
                f'{at(key)}field "{key}" must be {_TYPE_WORDS[kind]}, got {json.dumps(value, ensure_ascii=False)}'
            )
    if problems:
        return None, problems

    if not _ID_RE.fullmatch(record["id"]):
        problems.append(f'{at("id")}id "{record["id"]}" must match [a-z0-9][a-z0-9._-]*')
    if not record["name"].strip():
        problems.append(f"{at('name')}name is empty")
    adcode = record["adcode"]
    if not re.fullmatch(r"\d{6}", adcode):
        problems.append(f'{at("adcode")}adcode "{adcode}" is not 6 digits')
    elif adcode != CENTRAL_ADCODE and adcode[:2] not in PROVINCE_NAMES:
        problems.append(f'{at("adcode")}adcode "{adcode}" is not in a province in scope (11-65)')
    level = record["level"]
    if level not in LEVELS:
        problems.append(f'{at("level")}unknown level "{level}" (levels: {", ".join(LEVELS)})')
    elif (level == "central") != (adcode == CENTRAL_ADCODE):
        problems.append(f'{at("level")}level "central" goes with adcode "{CENTRAL_ADCODE}" and only with it')
    if record.get("cms") is not None and record["cms"] not in CMS_HINTS:
        problems.append(f'{at("cms")}unknown cms "{record["cms"]}" (cms: {", ".join(CMS_HINTS)})')
    render = record.get("render", "http")
    if render not in RENDER_MODES:
        problems.append(f'{at("render")}unknown render "{render}" (render: {", ".join(RENDER_MODES)})')
    user_agent = record.get("user_agent", "crawler")
    if user_agent not in USER_AGENTS:
        problems.append(f'{at("user_agent")}unknown user_agent "{user_agent}" (user_agent: {", ".join(USER_AGENTS)})')

    problems += _check_urls(record, at, allow_private_hosts=allow_private_hosts)
    if problems:
        return None, problems
    return (
        Portal(
            id=record["id"],
            name=record["name"].strip(),
            adcode=adcode,
            level=level,
            start_urls=tuple(record["start_urls"]),
            allowed_domains=tuple(d.lower() for d in record["allowed_domains"]),
            cms=record.get("cms"),
            render=render,
            obey_robots=record.get("obey_robots", True),
            user_agent=user_agent,
        ),
        [],
    )


_TYPE_WORDS = {str: "a string", list: "a list", bool: "true or false"}


_ALLOW_HINT = " (refused; --allow-private-hosts crawls such hosts)"


def _check_urls(
    record: dict[str, Any], at: Callable[[str | None], str], *, allow_private_hosts: bool = False
) -> list[str]:
    problems: list[str] = []
    urls, domains = record["start_urls"], record["allowed_domains"]
    if not urls:
        problems.append(f"{at('start_urls')}start_urls is empty")
    if not domains:
        problems.append(f"{at('allowed_domains')}allowed_domains is empty")
    hosts = []
    for url in urls:
        host = _url_host(url) if isinstance(url, str) else None
        shown = json.dumps(url, ensure_ascii=False)
        if host is None:
            problems.append(f"{at('start_urls')}start URL {shown} is not an http(s) URL")
        elif "@" in urlsplit(url).netloc:
            # http://www.gov.cn@127.0.0.1/ goes to 127.0.0.1: user info in a seed is only ever a trick.
            problems.append(f"{at('start_urls')}start URL {shown} carries user info (user@host); refused")
        elif not allow_private_hosts and (why := private_host_reason(host)):
            problems.append(f"{at('start_urls')}start URL {shown} is on {why}{_ALLOW_HINT}")
        else:
            hosts.append(host)
    good_domains = []
    for domain in domains:
        shown = json.dumps(domain, ensure_ascii=False)
        if not isinstance(domain, str) or not _host_is_valid(domain.lower()):
            problems.append(f"{at('allowed_domains')}allowed domain {shown} is not a host name")
        elif is_public_suffix(domain):
            problems.append(
                f"{at('allowed_domains')}allowed domain {shown} is a public suffix: it would let the crawl "
                "follow every site under it; name the portal's own domain"
            )
        elif not allow_private_hosts and (why := private_host_reason(domain)):
            problems.append(f"{at('allowed_domains')}allowed domain {shown} is {why}{_ALLOW_HINT}")
        else:
            good_domains.append(domain.lower())
    if good_domains:
        for host in hosts:
            if not host_in(host, good_domains):
                problems.append(f'{at("allowed_domains")}allowed_domains do not cover start URL host "{host}"')
    return problems
