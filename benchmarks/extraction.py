"""Body extraction: govcrawl.process.clean vs trafilatura on the gold pages, side by side, one run.

    .venv/bin/python benchmarks/extraction.py [--repeat N]

Prints, for each extractor: residue count (chrome patterns left), character-level precision,
recall and F1 against the gold text (in-order LCS, whitespace ignored), and pages/s.
Targets: zero residue, F1 >= 0.98, at least 3x trafilatura's pages/s.
trafilatura is a benchmark-only dependency (pip install trafilatura). For a fair comparison
its output is normalised with govcrawl's `normalise` (simplified script, spacing) before
scoring, but that normalisation is not included in its timing.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govcrawl.process.clean import clean_html, clean_text, normalise  # noqa: E402

_SPEC = importlib.util.spec_from_file_location("clean_scoring", ROOT / "tests/fixtures/clean/scoring.py")
assert _SPEC is not None and _SPEC.loader is not None  # a .py path always has a source loader
scoring = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scoring)


def run_govcrawl(page: dict, source: str) -> str:
    return (clean_text(source) if page["kind"] == "text" else clean_html(source)).text


def run_trafilatura(page: dict, source: str) -> str:
    import trafilatura

    if page["kind"] == "text":
        return source
    return trafilatura.extract(source, include_tables=True, include_comments=False, favor_precision=False) or ""


def measure(name: str, extract, pages: list[dict], repeat: int) -> dict:
    sources = [scoring.page_input(page) for page in pages]
    outputs = [extract(page, source) for page, source in zip(pages, sources, strict=True)]  # warm-up + outputs
    start = time.perf_counter()
    for _ in range(repeat):
        for page, source in zip(pages, sources, strict=True):
            extract(page, source)
    elapsed = time.perf_counter() - start
    rows = []
    for page, output in zip(pages, outputs, strict=True):
        text = output if name == "govcrawl" else normalise(output)[0]
        precision, recall = scoring.lcs_scores(text, page["gold"])
        rows.append((page["input"], len(scoring.residue(text)), precision, recall))
    return {"name": name, "rows": rows, "pages_per_s": repeat * len(pages) / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed passes over the gold pages")
    args = parser.parse_args()
    pages = [page for page in scoring.load_pages() if page["kind"] == "html"]
    results = [
        measure("govcrawl", run_govcrawl, pages, args.repeat),
        measure("trafilatura", run_trafilatura, pages, max(1, args.repeat // 4)),
    ]
    print(f"{len(pages)} HTML gold pages\n")
    print(f"{'page':36s} " + "  ".join(f"{r['name']:>30s}" for r in results))
    print(f"{'':36s} " + "  ".join(f"{'residue   P      R      F1':>30s}" for _ in results))
    for index, page in enumerate(pages):
        cells = []
        for result in results:
            _, res, p, r = result["rows"][index]
            cells.append(f"{res:>7d} {p:6.3f} {r:6.3f} {scoring.f1(p, r):6.3f}")
        print(f"{page['input'][:36]:36s} " + "  ".join(f"{c:>30s}" for c in cells))
    print()
    for result in results:
        rows = result["rows"]
        residue = sum(r[1] for r in rows)
        precision = sum(r[2] for r in rows) / len(rows)
        recall = sum(r[3] for r in rows) / len(rows)
        print(
            f"{result['name']:12s} residue {residue:4d}  precision {precision:.4f}  recall {recall:.4f}  "
            f"F1 {scoring.f1(precision, recall):.4f}  min-recall {min(r[3] for r in rows):.4f}  "
            f"{result['pages_per_s']:8.1f} pages/s"
        )
    ratio = results[0]["pages_per_s"] / results[1]["pages_per_s"]
    print(f"\nspeed ratio govcrawl/trafilatura: {ratio:.1f}x")


if __name__ == "__main__":
    main()
