"""Accuracy of `govcrawl parse` on the real-page dev set (tests/fixtures/real_pages).

    .venv/bin/python benchmarks/real_pages.py [--markdown] [--misses-only]

Every item is parsed as `govcrawl parse FILE --url URL` would (URL from index.json), then each
gold field is compared (scoring rules: tests/process/real_pages_scoring.py). Prints the per-field
accuracy and every miss as (item, field, gold, got).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.process.real_pages_scoring import FIELDS, score  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown (for the README)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    results = score()
    elapsed = time.perf_counter() - t0
    total, right = Counter(), Counter()
    for r in results:
        total[r.case.field] += 1
        right[r.case.field] += r.ok
    rows = [(f, right[f], total[f]) for f in FIELDS if total[f]]
    rows.append(("all", sum(right.values()), sum(total.values())))
    if args.markdown:
        print("| field | right | scored | accuracy |\n|---|---:|---:|---:|")
        for f, ok, n in rows:
            print(f"| {f} | {ok} | {n} | {100 * ok / n:.1f} % |")
    else:
        print(f"{'field':<18}{'right':>6}{'scored':>8}{'accuracy':>10}")
        for f, ok, n in rows:
            print(f"{f:<18}{ok:>6}{n:>8}{100 * ok / n:>9.1f}%")
    items = len({r.case.item for r in results})
    print(f"\n{items} items parsed in {elapsed:.1f} s")
    misses = [r for r in results if not r.ok]
    print(f"\nmisses ({len(misses)}):")
    for r in misses:
        key = f"[{r.case.key}]" if r.case.key else ""
        print(f"  {Path(r.case.item).name}  {r.case.field}{key}  gold={r.case.gold!r}  got={r.got!r}")


if __name__ == "__main__":
    main()
