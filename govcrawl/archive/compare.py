"""Compare reports: one agency's tables year over year (or two versions of one report), cell by
cell, and one metric across the agencies of a province.

Cells line up by the canonical vocabulary (govcrawl.archive.vocabulary), so a 2019 cell meets its
2021 successor; a cell the vocabulary does not know lines up by its printed row label and column.
`delta` and `pct_change` are computed only when both values are numbers (and `pct_change` only
from a non-zero base); otherwise they are None. Sections line up by heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govcrawl.archive.cells import record_cells
from govcrawl.archive.export import select_records
from govcrawl.archive.reader import ArchiveReads
from govcrawl.archive.vocabulary import parse_metric
from govcrawl.process.parse.lookup import normalise_label

CHANGE_COLUMNS = ("table", "row_key", "row_label", "column", "unit", "a", "b", "delta", "pct_change")
RANK_COLUMNS = ("rank", "agency", "adcode", "report_key", "version", "template", "value")


@dataclass
class Side:
    """One compared report version: its label (a year or 'v2') and where it is stored."""

    label: str
    report_key: str
    version: int
    record: dict[str, Any]

    def ref(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "report_key": self.report_key,
            "version": self.version,
            "url": (self.record.get("provenance") or {}).get("url"),
            "template": self.record.get("template"),
        }


@dataclass
class Comparison:
    a: Side
    b: Side
    changes: list[dict[str, Any]] = field(default_factory=list)
    sections_added: list[str] = field(default_factory=list)
    sections_dropped: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a.ref(),
            "b": self.b.ref(),
            "sections_added": self.sections_added,
            "sections_dropped": self.sections_dropped,
            "cells": self.changes,
        }


def _cell_id(cell: dict[str, Any]) -> tuple[str, str, str]:
    row = cell["row_key"] or "label:" + normalise_label(cell["row_label"])
    return cell["table"], row, cell["column"]


def delta(a: object, b: object) -> tuple[float | int | None, float | None]:
    """(b - a, percent change from a); None where either is not a number, % None from a zero base."""
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return None, None
    d = b - a
    d = round(d, 6) if isinstance(d, float) else d
    return d, (round(100.0 * d / a, 2) if a else None)


def compare_records(a: Side, b: Side) -> Comparison:
    """Every cell present in either side, in a's order then b's new ones."""
    left = {_cell_id(c): c for c in record_cells(a.record, a.version)}
    right = {_cell_id(c): c for c in record_cells(b.record, b.version)}
    out = Comparison(a, b)
    for cid in [*left, *(k for k in right if k not in left)]:
        ca, cb = left.get(cid), right.get(cid)
        base = ca or cb
        assert base is not None
        va, vb = (ca or {}).get("value"), (cb or {}).get("value")
        d, pct = delta(va, vb)
        out.changes.append(
            {
                "table": base["table"],
                "row_key": base["row_key"],
                "row_label": (cb or ca or {}).get("row_label"),
                "column": base["column"],
                "unit": base["unit"],
                "a": va,
                "b": vb,
                "delta": d,
                "pct_change": pct,
                "in": "both" if ca and cb else ("a" if ca else "b"),
            }
        )
    heads_a = [normalise_label(s.get("heading")) for s in a.record.get("sections") or []]
    heads_b = [normalise_label(s.get("heading")) for s in b.record.get("sections") or []]
    by_norm_b = {normalise_label(s.get("heading")): s.get("heading") for s in b.record.get("sections") or []}
    by_norm_a = {normalise_label(s.get("heading")): s.get("heading") for s in a.record.get("sections") or []}
    out.sections_added = [str(by_norm_b[h]) for h in heads_b if h and h not in heads_a]
    out.sections_dropped = [str(by_norm_a[h]) for h in heads_a if h and h not in heads_b]
    return out


class CompareError(ValueError):
    """Nothing to compare: no such report, agency, year or version."""


def find_reports(reads: ArchiveReads, target: str, years: list[int]) -> list[Side]:
    """The latest version of the reports for `years` of the agency named by `target`: a report key
    (its agency and adcode) or an agency name. One side per year, in the order given."""
    latest = reads.latest_with_versions()
    by_key = {rec.get("report_key"): (rec, v) for rec, v in latest}
    if target in by_key:
        rec = by_key[target][0]
        agency, adcode = rec.get("agency"), (rec.get("region") or {}).get("adcode")
        matches = [
            (r, v) for r, v in latest if r.get("agency") == agency and (r.get("region") or {}).get("adcode") == adcode
        ]
    else:
        matches = [(r, v) for r, v in latest if r.get("agency") == target]
        adcodes = {(r.get("region") or {}).get("adcode") for r, _ in matches}
        if len(adcodes) > 1:
            raise CompareError(
                f"{target!r} names agencies in {len(adcodes)} regions ({', '.join(sorted(str(a) for a in adcodes))}): "
                "give a report key instead"
            )
    if not matches:
        raise CompareError(f"no report or agency {target!r} in the archive")
    sides = []
    for year in years:
        found = [(r, v) for r, v in matches if r.get("year") == year]
        if not found:
            have = sorted({int(r["year"]) for r, _ in matches if r.get("year") is not None})
            raise CompareError(f"no {year} report of {matches[0][0].get('agency')} (archived years: {have})")
        rec, version = found[0]
        sides.append(Side(str(year), str(rec["report_key"]), version, rec))
    return sides


def find_versions(reads: ArchiveReads, report_key: str, versions: list[int]) -> list[Side]:
    sides = []
    for v in versions:
        rec = reads.version_record(report_key, v)
        if rec is None:
            raise CompareError(f"no version {v} of report {report_key!r}")
        sides.append(Side(f"v{v}", report_key, v, rec))
    return sides


@dataclass
class Ranking:
    metric: str
    province: str
    year: int
    rows: list[dict[str, Any]]
    not_reported: list[dict[str, Any]]


def rank_metric(reads: ArchiveReads, province: str, year: int, metric: str) -> Ranking:
    """Agencies of a province ranked by one cell (highest first); reports without the cell as a
    number are listed apart, never ranked as 0."""
    table, row_key, column = parse_metric(metric)
    ranked: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    pairs = reads.latest_with_versions()
    chosen = {id(r) for r in select_records([r for r, _ in pairs], province=province, years={year})}
    for record, version in pairs:
        if id(record) not in chosen:
            continue
        value = None
        for cell in record_cells(record, version):
            if (cell["table"], cell["row_key"], cell["column"]) == (table, row_key, column):
                value = cell["value"]
                break
        row = {
            "agency": record.get("agency"),
            "adcode": (record.get("region") or {}).get("adcode"),
            "report_key": record.get("report_key"),
            "version": version,
            "template": record.get("template"),
            "value": value,
        }
        (missing if value is None else ranked).append(row)
    ranked.sort(key=lambda r: (-r["value"], str(r["agency"])))
    for i, row in enumerate(ranked, 1):
        row["rank"] = i
    return Ranking(metric, province, year, ranked, missing)
