"""Validate one decoded seed object into a Portal, listing every problem with its file:line."""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
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


def portal_from(item: Located, label: str) -> tuple[Portal | None, list[str]]:
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

    problems += _check_urls(record, at)
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


def _check_urls(record: dict[str, Any], at: Callable[[str | None], str]) -> list[str]:
    problems: list[str] = []
    urls, domains = record["start_urls"], record["allowed_domains"]
    if not urls:
        problems.append(f"{at('start_urls')}start_urls is empty")
    if not domains:
        problems.append(f"{at('allowed_domains')}allowed_domains is empty")
    hosts = []
    for url in urls:
        host = _url_host(url) if isinstance(url, str) else None
        if host is None:
            problems.append(f"{at('start_urls')}start URL {json.dumps(url, ensure_ascii=False)} is not an http(s) URL")
        else:
            hosts.append(host)
    good_domains = []
    for domain in domains:
        if not isinstance(domain, str) or not _host_is_valid(domain.lower()):
            problems.append(
                f"{at('allowed_domains')}allowed domain {json.dumps(domain, ensure_ascii=False)} is not a host name"
            )
        else:
            good_domains.append(domain.lower())
    if good_domains:
        for host in hosts:
            if not host_in(host, good_domains):
                problems.append(f'{at("allowed_domains")}allowed_domains do not cover start URL host "{host}"')
    return problems
