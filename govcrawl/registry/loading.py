"""Load seed files and the bundled registry (package `seeds`), and check the registry as a whole.

A seed file is a JSON array of portal objects (or JSON Lines for `.jsonl`). Every problem is
reported as `file:line: message` and raised before anything is fetched, so a typo in a seed
file never turns into a half-run crawl. See seeds/README.md for the format.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from govcrawl.registry.errors import SeedError
from govcrawl.registry.located_json import Located, iter_json_lines, read_json_array
from govcrawl.registry.portal import Portal
from govcrawl.registry.provinces import CENTRAL_GROUP, PROVINCE_FILE_STEMS
from govcrawl.registry.validation import portal_from


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Loading allocates millions of small acyclic objects; the cyclic collector would rescan the
    growing heap again and again (half the time of a 100,000-portal load). Paused, then restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_file(
    path: Path, label: str, *, allow_private_hosts: bool = False
) -> tuple[list[tuple[Portal, int]], list[str]]:
    """Every valid portal with its line, and every problem, of one seed file (linear in its size)."""
    with _no_gc_pauses():
        return _read_file_unpaused(path, label, allow_private_hosts=allow_private_hosts)


def _read_file_unpaused(
    path: Path, label: str, *, allow_private_hosts: bool
) -> tuple[list[tuple[Portal, int]], list[str]]:
    try:
        if path.suffix.lower() == ".jsonl":
            # JSON Lines are validated line by line as they are read: only the portals are kept.
            with path.open(encoding="utf-8-sig") as lines:
                return _portals_of(iter_json_lines(lines, label), label, allow_private_hosts)
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        return [], [f"{label}: no such seed file"]
    except (OSError, UnicodeDecodeError) as err:
        return [], [f"{label}: cannot read seed file: {err}"]
    items, problems = read_json_array(text, label)
    return _portals_of(((item, None) for item in items), label, allow_private_hosts, problems)


def _portals_of(
    decoded: Iterable[tuple[Located | None, str | None]],
    label: str,
    allow_private_hosts: bool,
    problems: list[str] | None = None,
) -> tuple[list[tuple[Portal, int]], list[str]]:
    problems = list(problems or [])
    portals: list[tuple[Portal, int]] = []
    first_line_of_id: dict[str, int] = {}
    for item, problem in decoded:
        if item is None:
            if problem is not None:
                problems.append(problem)
            continue
        portal, found = portal_from(item, label, allow_private_hosts=allow_private_hosts)
        problems += found
        if portal is None:
            continue
        if portal.id in first_line_of_id:
            problems.append(
                f'{label}:{item.line}: duplicate id "{portal.id}" (first at line {first_line_of_id[portal.id]})'
            )
            continue
        first_line_of_id[portal.id] = item.line
        portals.append((portal, item.line))
    return portals, problems


def load_seed_file(path: str | Path, *, allow_private_hosts: bool = False) -> list[Portal]:
    """The portals of one seed file (.json array or .jsonl); SeedError lists every problem.

    Hosts on loopback, private, link-local or metadata addresses are refused unless
    `allow_private_hosts` (see govcrawl.registry.validation)."""
    path = Path(path)
    portals, problems = _read_file(path, str(path), allow_private_hosts=allow_private_hosts)
    if problems:
        raise SeedError(problems)
    return [portal for portal, _ in portals]


def _registry_files(directory: str | Path | None) -> list[tuple[Any, str]]:
    """(readable path, label) of every seed file of the registry, sorted by name."""
    if directory is None:
        root = resources.files("seeds")
        entries = [(entry, f"seeds/{entry.name}") for entry in root.iterdir()]
    else:
        root = Path(directory)
        if not root.is_dir():
            raise SeedError(f"{root}: not a directory of seed files")
        entries = [(entry, str(entry)) for entry in root.iterdir()]
    files = [(entry, label) for entry, label in entries if entry.name.endswith((".json", ".jsonl"))]
    return sorted(files, key=lambda pair: pair[0].name)


def _read_registry(directory: str | Path | None) -> tuple[list[tuple[Portal, str, int]], list[str]]:
    if directory is None:
        found, problems = _read_bundled_registry()
        return list(found), list(problems)
    return _read_registry_files(directory)


@functools.cache
def _read_bundled_registry() -> tuple[tuple[tuple[Portal, str, int], ...], tuple[str, ...]]:
    # The package's own seed files do not change while it runs, and a harvest reads them twice
    # (the command line selects portals, the crawl plan reads them again): read them once.
    found, problems = _read_registry_files(None)
    return tuple(found), tuple(problems)


def _read_registry_files(directory: str | Path | None) -> tuple[list[tuple[Portal, str, int]], list[str]]:
    found: list[tuple[Portal, str, int]] = []
    problems: list[str] = []
    for entry, label in _registry_files(directory):
        with resources.as_file(entry) as path:
            portals, file_problems = _read_file(Path(path), label)
        problems += file_problems
        found += [(portal, label, line) for portal, line in portals]
    first_at: dict[str, str] = {}
    for portal, label, line in found:
        if portal.id in first_at and not first_at[portal.id].startswith(label + ":"):
            problems.append(f'{label}:{line}: duplicate id "{portal.id}" (first at {first_at[portal.id]})')
        first_at.setdefault(portal.id, f"{label}:{line}")
    return found, problems


def load_registry(directory: str | Path | None = None) -> list[Portal]:
    """Every portal of the bundled registry (package `seeds`) or of a directory of seed files."""
    found, problems = _read_registry(directory)
    if problems:
        raise SeedError(problems)
    return [portal for portal, _, _ in found]


# A home page named index.html / default.aspx is the site root for duplicate detection.
_INDEX_PAGE_RE = re.compile(r"/(index|default|home)\.[a-z]+$", re.IGNORECASE)


def _site_key(url: str) -> tuple[str, str]:
    """(host without www., path) so www.x.gov.cn and x.gov.cn count as one site."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = _INDEX_PAGE_RE.sub("", parts.path).rstrip("/")
    return host, path


def check_registry(directory: str | Path | None = None) -> list[str]:
    """Every problem of the registry; [] when it is sound.

    Beyond what loading checks: a portal whose adcode is not in the province its file is named
    after, the same start URL in two portals, and two portals sharing a host where either starts
    at the site root (two owners of one site). Portals on one host that start at different
    column paths (departments hosted by their government's site) are allowed.
    """
    found, problems = _read_registry(directory)
    stem_to_code = {stem: code for code, stem in PROVINCE_FILE_STEMS.items()}
    stem_to_code[CENTRAL_GROUP] = CENTRAL_GROUP
    for portal, label, line in found:
        expected = stem_to_code.get(Path(label).stem)
        if expected is not None and portal.province_code != expected:
            problems.append(
                f'{label}:{line}: portal "{portal.id}": adcode "{portal.adcode}" is not in the province of '
                f"{Path(label).name}"
            )
    seen_url: dict[tuple[str, str], str] = {}
    roots: dict[str, str] = {}
    columns: dict[str, str] = {}
    for portal, label, line in found:
        where = f"{label}:{line}"
        for url in portal.start_urls:
            host, path = _site_key(url)
            if (host, path) in seen_url and seen_url[(host, path)] != where:
                problems.append(
                    f'{where}: portal "{portal.id}": duplicate start URL {url} (first at {seen_url[(host, path)]})'
                )
                continue
            seen_url[(host, path)] = where
            clash = roots.get(host) or (columns.get(host) if not path else None)
            if clash and clash != where:
                problems.append(f'{where}: portal "{portal.id}": duplicate host "{host}" (first at {clash})')
            (columns if path else roots).setdefault(host, where)
    return problems
