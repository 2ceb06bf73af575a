"""Throughput of clean + parse on one core (target: ≥ 150 reports/s).

.venv/bin/python benchmarks/parse.py [--rounds N]

Two sets: the parser fixtures (the five samples and the HTML template pages) and the real-page
development set (text excerpts of real pages). Both wall-clock and CPU time are printed: on a
shared machine the CPU figure is the one that says what one core does.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from govcrawl.process.clean import clean_html, clean_text
from govcrawl.process.parse import parse_report

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = sorted((REPO / "govsim" / "data").glob("00?_*.txt"))  # the five sample texts (kept once, there)
SETS = {
    "fixtures": SAMPLES + sorted((FIXTURES / "parse").iterdir()),  # the five sample texts, then the HTML pages
    "real pages": sorted((FIXTURES / "real_pages").iterdir()),
}


def documents(paths: list[Path]) -> list[tuple[str, str]]:
    return [(p.name, p.read_text("utf-8")) for p in paths if p.suffix in (".txt", ".html")]


def measure(docs: list[tuple[str, str]], rounds: int) -> None:
    wall = cpu = 0.0
    for _ in range(rounds):
        for name, body in docs:
            w0, c0 = time.perf_counter(), time.process_time()
            page = clean_html(body) if name.endswith(".html") else clean_text(body)
            parse_report(page, url=f"http://example.gov.cn/{name}")
            wall += time.perf_counter() - w0
            cpu += time.process_time() - c0
    n = len(docs) * rounds
    print(f"  documents:   {len(docs)} x {rounds} rounds = {n}")
    print(f"  clean+parse: {n / cpu:7.1f} reports/s of CPU time, {n / wall:7.1f} wall-clock (target >= 150)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    for name, paths in SETS.items():
        print(name)
        measure(documents(paths), args.rounds)


if __name__ == "__main__":
    main()
