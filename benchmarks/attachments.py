"""Attachment extraction speed: documents per second and MB/s per format, end to end
(sniff → extract → clean → parse) on the fixture files. Prints one line per format.

    .venv/bin/python benchmarks/attachments.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from govcrawl.process.document import parse_document
from govsim.samples import read_data_bytes
from govsim.scan import make_scanned_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "attachments"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    cases = [
        ("pdf (real, 5 pages)", read_data_bytes("hongze_district_2023_annual_report.pdf"), "a.pdf"),
        ("pdf (generated, 5 pages)", read_data_bytes("huizhou_2023_annual_report.pdf"), "a.pdf"),
        ("pdf scanned (2 pages)", make_scanned_pdf(2), "a.pdf"),
        ("docx", (FIXTURES / "chaoyang_2022.docx").read_bytes(), "a.docx"),
    ]
    doc = read_data_bytes("chaoyang_2022_annual_report.doc")
    tools = [t for t in ("soffice", "catdoc", "antiword") if shutil.which(t)]
    if tools:
        cases.append((f"doc (via {tools[0]})", doc, "a.doc"))
    for name, body, url in cases:
        parse_document(body, url=f"http://x/{url}")  # warm imports
        start = time.perf_counter()
        for _ in range(args.repeat):
            parse_document(body, url=f"http://x/{url}")
        secs = (time.perf_counter() - start) / args.repeat
        print(f"{name:28s} {len(body) / 1024:8.0f} KiB  {secs * 1000:8.1f} ms/doc  {len(body) / secs / 1e6:6.2f} MB/s")


if __name__ == "__main__":
    main()
