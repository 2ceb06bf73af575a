"""Choose the portals of a crawl: by province and/or portal id, in registry order."""

from __future__ import annotations

from collections.abc import Iterable

from govcrawl.registry.errors import SeedError
from govcrawl.registry.portal import Portal
from govcrawl.registry.provinces import resolve_province


def select_portals(
    portals: Iterable[Portal], province: str | None = None, portal_ids: Iterable[str] | None = None
) -> list[Portal]:
    """The portals of one province (or 'central') and/or with the given ids, in input order."""
    chosen = list(portals)
    if province is not None:
        code = resolve_province(province)
        chosen = [p for p in chosen if p.province_code == code]
    if portal_ids is not None:
        wanted = list(dict.fromkeys(portal_ids))
        by_id = {p.id: p for p in chosen}
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            scope = f" in province {province}" if province is not None else ""
            valid = ", ".join(sorted(by_id)[:40]) + (" …" if len(by_id) > 40 else "")
            raise SeedError(
                f"unknown portal id{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}{scope}; "
                f"valid ids: {valid or '(none)'}"
            )
        keep = set(wanted)
        chosen = [p for p in chosen if p.id in keep]
    return chosen
