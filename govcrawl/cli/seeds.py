"""`govcrawl seeds check | list`: validate the registry, show what a harvest would crawl."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from govcrawl.cli.errors import EXIT_USAGE, CliError
from govcrawl.cli.texttable import cell, display_width
from govcrawl.registry import Portal, SeedError, check_registry, load_registry, load_seed_file, select_portals


def format_portal_table(portals: Iterable[Portal]) -> str:
    """A plain-text table of id, name, adcode, level and first start URL, with a count line."""
    portals = list(portals)
    header = ("id", "name", "adcode", "level", "url")
    rows = [header] + [(p.id, p.name, p.adcode, p.level, p.start_urls[0]) for p in portals]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = ["  ".join([*(cell(value, w) for value, w in zip(row[:-1], widths, strict=True)), row[-1]]) for row in rows]
    lines.append(f"{len(portals)} portal{'s' if len(portals) != 1 else ''}")
    return "\n".join(lines)


# --- seeds ----------------------------------------------------------------------------------
def cmd_seeds_check(args) -> int:
    problems = check_registry(args.dir)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_seeds_list(args) -> int:
    try:
        portals = load_seed_file(args.seeds) if args.seeds else load_registry()
        selected = select_portals(portals, province=args.province)
    except SeedError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    print(format_portal_table(selected))
    return 0
