"""Version history of one report: when each version was fetched, from where, and what changed.

A version is a change in parsed content (see govcrawl/archive/store.py), so consecutive versions always
differ in something: text lines (difflib), table cells, or identity fields (title, agency …).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from govcrawl.archive.backend import Connection

IDENTITY_FIELDS = ("title", "agency", "year", "published_date", "template", "is_annual_report")


@dataclass
class Version:
    version: int
    fetched_at: str
    url: str
    job_id: str | None
    body_sha256: str
    record: dict[str, Any]


@dataclass
class Change:
    """What changed from version `before` to version `after`."""

    before: int
    after: int
    lines_added: int
    lines_removed: int
    cells: list[tuple[str, object, object]] = field(default_factory=list)  # (path, old, new)
    fields: list[tuple[str, object, object]] = field(default_factory=list)  # (name, old, new)


def load_versions(conn: Connection, report_key: str) -> list[Version]:
    rows = conn.execute(
        "SELECT version, fetched_at, url, job_id, body_sha256, record FROM report_versions"
        " WHERE report_key = ? ORDER BY version",
        (report_key,),
    )
    return [Version(v, f, u, j, b, json.loads(r)) for v, f, u, j, b, r in rows]


def text_line_changes(old: str, new: str) -> tuple[int, int]:
    """(lines added, lines removed) between two texts."""
    added = removed = 0
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        if line.startswith("+ "):
            added += 1
        elif line.startswith("- "):
            removed += 1
    return added, removed


def table_cells(tables: dict[str, Any] | None) -> dict[str, object]:
    """Every statistics cell by a readable path, e.g. applications[三.七 …].总计."""
    cells: dict[str, object] = {}
    tables = tables or {}
    # zip(strict=False): the schema does not tie a row's length to its columns'.
    for sub in tables.get("active_disclosure") or []:
        for row in sub["rows"]:
            for column, value in zip(sub["columns"], row["values"], strict=False):
                cells[f"active_disclosure[{sub['article']}][{row['label']}].{column}"] = value
    apps = tables.get("applications")
    if apps:
        for row in apps["rows"]:
            for column, value in zip(apps["columns"], row["values"], strict=False):
                cells[f"applications[{row.get('key') or row['label']}].{column}"] = value
    review = tables.get("review_litigation")
    if review:
        for column, value in zip(review["columns"], review["values"], strict=False):
            cells[f"review_litigation.{column}"] = value
    for i, row in enumerate(tables.get("legacy_statistics") or []):
        cells[f"legacy_statistics[{i + 1}:{row['indicator']}]"] = row["value"]
    return cells


def changed_cells(
    old_tables: dict[str, Any] | None, new_tables: dict[str, Any] | None
) -> list[tuple[str, object, object]]:
    """(path, old, new) for cells whose value differs, appeared or disappeared, in table order."""
    old, new = table_cells(old_tables), table_cells(new_tables)
    paths = list(old) + [p for p in new if p not in old]
    return [(p, old.get(p), new.get(p)) for p in paths if old.get(p) != new.get(p) or (p in old) != (p in new)]


def compare(before: Version, after: Version) -> Change:
    added, removed = text_line_changes(before.record.get("text") or "", after.record.get("text") or "")
    fields = [
        (f, before.record.get(f), after.record.get(f))
        for f in IDENTITY_FIELDS
        if before.record.get(f) != after.record.get(f)
    ]
    return Change(
        before.version,
        after.version,
        added,
        removed,
        changed_cells(before.record.get("tables"), after.record.get("tables")),
        fields,
    )


def history(conn: Connection, report_key: str) -> tuple[list[Version], list[Change]]:
    versions = load_versions(conn, report_key)
    return versions, [compare(a, b) for a, b in pairwise(versions)]


def _show(value: object) -> str:
    return "∅" if value is None else str(value)


def format_history(report_key: str, versions: list[Version], changes: list[Change], max_cells: int = 20) -> str:
    lines = [f"{report_key}: {len(versions)} version(s)"]
    change_into = {c.after: c for c in changes}
    for v in versions:
        title = v.record.get("title") or ""
        lines.append(
            f"v{v.version}  {v.fetched_at}  {v.url}  job={v.job_id or '-'}  body={v.body_sha256[:12]}  {title}"
        )
        change = change_into.get(v.version)
        if change is None:
            continue
        lines.append(
            f"    vs v{change.before}: text +{change.lines_added}/-{change.lines_removed} lines, "
            f"{len(change.cells)} table cell(s) changed"
        )
        for name, old, new in change.fields:
            lines.append(f"    {name}: {_show(old)} → {_show(new)}")
        for path, old, new in change.cells[:max_cells]:
            lines.append(f"    {path}: {_show(old)} → {_show(new)}")
        if len(change.cells) > max_cells:
            lines.append(f"    … {len(change.cells) - max_cells} more cell(s)")
    return "\n".join(lines)


def history_json(report_key: str, versions: list[Version], changes: list[Change]) -> dict[str, Any]:
    return {
        "report_key": report_key,
        "versions": [
            {
                "version": v.version,
                "fetched_at": v.fetched_at,
                "url": v.url,
                "job_id": v.job_id,
                "body_sha256": v.body_sha256,
                "title": v.record.get("title"),
            }
            for v in versions
        ],
        "changes": [
            {
                "from": c.before,
                "to": c.after,
                "lines_added": c.lines_added,
                "lines_removed": c.lines_removed,
                "cells": [{"path": p, "old": o, "new": n} for p, o, n in c.cells],
                "fields": [{"name": f, "old": o, "new": n} for f, o, n in c.fields],
            }
            for c in changes
        ],
    }
