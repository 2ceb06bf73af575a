"""Discovery benchmark: crawl a generated world from home pages only, then again from the stored columns.

    .venv/bin/python benchmarks/discovery.py [--portals 40] [--pages 1200]

Prints, per crawl: wall time, pages fetched (robots.txt excluded), of which navigation pages,
reports found / reports present, and the columns stored. Targets: the first crawl finds every
report present; the second fetches fewer pages and finds the same reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from govcrawl.archive.store import Archive  # noqa: E402
from govsim import REPORT_KINDS, Simulator, generated_world  # noqa: E402
from tests.conftest import run_crawl  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--portals", type=int, default=40)
    ap.add_argument("--pages", type=int, default=1200)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="govcrawl-discovery-"))
    world = generated_world(args.portals, args.pages)
    with Simulator(world, slow_seconds=0.5) as sim:
        seeds = tmp / "seeds.json"
        seeds.write_text(json.dumps(sim.seeds(home_only=True), ensure_ascii=False), "utf-8")
        entries = {m["url"] for m in sim.manifest()}
        present = {m["url"] for m in sim.manifest() if m["kind"] in REPORT_KINDS}
        archive_path = tmp / "archive.sqlite3"
        print(f"world: {args.portals} portals, {len(entries)} linked pages, {len(present)} reports; seeds: home pages")
        for label in ("first (home pages)", "second (stored columns)"):
            sim.request_log.clear()
            started = time.perf_counter()
            run_crawl(seeds, archive_path, sim.proxy_url, "-s", "GOVCRAWL_SUMMARY_STDOUT=False", timeout=1800)
            wall = time.perf_counter() - started
            fetched = [u for _, u, _, _ in sim.request_log.snapshot() if not u.endswith("/robots.txt")]
            nav = [u for u in fetched if u not in entries]
            with Archive(archive_path) as archive:
                found = {u for r in archive.latest_records() for u in archive.sources(r["report_key"])}
                columns = [c for c in archive.columns() if c["last_status"] == "ok"]
            print(
                f"{label:26} {wall:6.1f} s  pages {len(fetched):6}  navigation+list {len(nav):5}  "
                f"reports {len(found & present)}/{len(present)}  columns stored {len(columns)}"
            )


if __name__ == "__main__":
    main()
