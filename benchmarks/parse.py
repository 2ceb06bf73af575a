"""Throughput of clean + parse on the parser fixtures (target: ≥ 100 reports/s on one core).

.venv/bin/python benchmarks/parse.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from govcrawl.process.clean import clean_html, clean_text
from govcrawl.process.parse import parse_report

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FIXTURE_DIRS = (FIXTURES / "samples", FIXTURES / "parse")  # the five sample texts, then the HTML pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    docs = [
        (p.name, p.read_text("utf-8"))
        for d in FIXTURE_DIRS
        for p in sorted(d.iterdir())
        if p.suffix in (".txt", ".html")
    ]
    clean_s = parse_s = 0.0
    for _ in range(args.rounds):
        for name, body in docs:
            t0 = time.perf_counter()
            page = clean_html(body) if name.endswith(".html") else clean_text(body)
            t1 = time.perf_counter()
            parse_report(page, url=f"http://example.gov.cn/{name}")
            t2 = time.perf_counter()
            clean_s += t1 - t0
            parse_s += t2 - t1
    n = len(docs) * args.rounds
    print(f"documents: {len(docs)} fixtures x {args.rounds} rounds = {n}")
    print(f"clean:         {clean_s / n * 1000:7.2f} ms/doc")
    print(f"parse:         {parse_s / n * 1000:7.2f} ms/doc")
    print(f"clean+parse:   {n / (clean_s + parse_s):7.1f} reports/s (target >= 100)")
    print(f"parse only:    {n / parse_s:7.1f} reports/s")


if __name__ == "__main__":
    main()
