"""Scratch scorer for the `template` and `cells` gold fields of a real-pages dev set.

    .venv/bin/python benchmarks/_tables_score.py [DEV_DIR] [-v]

DEV_DIR defaults to tests/fixtures/real_pages (an index.json with gold facts beside the files).
Prints per-field accuracy and every miss. Template 'unknown' (the contract's "no evidence")
counts as null. Cells are looked up with govcrawl.process.parse.lookup.find_cell.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from govcrawl.process.document import parse_document
from govcrawl.process.parse.lookup import MISSING, find_cell

ROOT = Path(__file__).resolve().parent.parent


def dev_dir(arg: str | None) -> Path:
    cand = Path(arg) if arg else ROOT / "tests/fixtures/real_pages"
    if not (cand / "index.json").exists():
        sys.exit(f"{cand}: no index.json (give the dev set's directory)")
    return cand


def parse_item(d: Path, item: dict) -> dict:
    path = d / item["file"]
    ctype = "text/plain" if path.suffix == ".txt" else None
    return parse_document(path.read_bytes(), url=item.get("url") or path.name, content_type=ctype).record


class _Oracle:
    """--oracle: take is_annual_report and year from the gold facts (another engineer's fields), to
    score tables and template on their own."""

    def __init__(self):
        import govcrawl.process.parse.report as report_mod
        self.mod, self.gold = report_mod, {}
        real_dates = report_mod.dates
        oracle = self

        class Dates:
            def __getattr__(self, name):
                return getattr(real_dates, name)

            def title_year(self, title):
                return oracle.gold.get("year") if "year" in oracle.gold else real_dates.title_year(title)

        report_mod.dates = Dates()
        report_mod.is_annual_report = lambda *a, **k: bool(oracle.gold.get("is_annual_report"))


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    oracle = _Oracle() if "--oracle" in argv else None
    args = [a for a in argv if not a.startswith("-")]
    d = dev_dir(args[0] if args else None)
    items = json.loads((d / "index.json").read_text("utf-8"))
    right = {"template": 0, "cells": 0}
    total = {"template": 0, "cells": 0}
    misses = []
    for item in items:
        gold = item["gold"]
        if oracle:
            oracle.gold = gold
        rec = parse_item(d, item)
        got_t = rec.get("template")
        got_t = None if got_t == "unknown" else got_t
        total["template"] += 1
        if got_t == gold.get("template"):
            right["template"] += 1
        else:
            misses.append(f"{item['file']}: template {got_t!r} != {gold.get('template')!r}")
        for key, want in (gold.get("cells") or {}).items():
            row, col = key.rsplit("|", 1)
            got = find_cell(rec, row, col)
            total["cells"] += 1
            if got is not MISSING and got == want and type(got) in (type(want), int, float):
                right["cells"] += 1
            else:
                misses.append(f"{item['file']}: cell {key} = {'MISSING' if got is MISSING else repr(got)}, want {want!r}")
        if verbose:
            print(item["file"], rec.get("template"), json.dumps(rec["tables"], ensure_ascii=False)[:300])
    for m in misses:
        print("MISS", m)
    for f in total:
        print(f"{f}: {right[f]}/{total[f]} = {100 * right[f] / max(total[f], 1):.1f}%")
    n = sum(total.values())
    print(f"all: {sum(right.values())}/{n} = {100 * sum(right.values()) / n:.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
