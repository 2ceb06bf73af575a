"""Seed registry scale benchmark: load, validate and list seed files of 10k, 50k and 100k portals.

    .venv/bin/python benchmarks/seeds.py [--sizes 10000,50000,100000]

For each size it writes a generated seed file (a JSON array, and the same as JSON Lines) of
distinct portals on distinct hosts, then times, in wall-clock seconds:

- load: `load_seed_file` (parse + validate every portal, duplicate ids);
- check: `check_registry` on a directory holding the file (load + the registry-wide checks:
  duplicate start URLs and hosts);
- list: the whole `govcrawl seeds list --seeds FILE` command in a fresh interpreter (imports,
  load, select, the printed table).

It prints wall and CPU seconds per size, and CPU seconds per 10,000 portals, so linear scaling shows as a flat per-10k
column. Target: 100,000 portals load, validate and list in under 10 s each.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from govcrawl.registry import check_registry, load_seed_file  # noqa: E402


def generated_portals(n: int) -> Iterator[dict]:
    """n county portals spread over the provinces, each on its own host."""
    provinces = ["11", "13", "32", "33", "44", "51", "61", "65"]
    for i in range(n):
        code = provinces[i % len(provinces)]
        host = f"p{i}.county{i % 97}.gov.cn"
        yield {
            "id": f"p{i}",
            "name": f"测试县{i}人民政府",
            "adcode": f"{code}{(i // 100) % 100:02d}{i % 100:02d}",
            "level": "county",
            "start_urls": [f"http://{host}/col/col1/index.html"],
            "allowed_domains": [host],
        }


def timed(step) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children) of one step."""
    started, cpu = time.perf_counter(), _cpu()
    step()
    return time.perf_counter() - started, _cpu() - cpu


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def run_list(path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "govcrawl.cli.main", "seeds", "list", "--seeds", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print("seconds, wall (CPU): the machine may be shared, CPU seconds are what the step costs")
    print(f"{'portals':>8} {'format':>6} {'load':>13} {'check':>13} {'list':>13} {'load/10k':>9} {'list/10k':>9}")
    worst = 0.0
    for n in sizes:
        records = list(generated_portals(n))
        for fmt in ("json", "jsonl"):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"seeds.{fmt}"
                if fmt == "json":
                    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), "utf-8")
                else:
                    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
                load = timed(lambda path=path: load_seed_file(path))
                problems: list[str] = []
                check = timed(lambda tmp=tmp, problems=problems: problems.extend(check_registry(tmp)))
                if problems:
                    raise RuntimeError(f"the generated registry has problems: {problems[:3]}")
                listed = timed(lambda path=path: run_list(path))
            if n >= 100_000:
                worst = max(worst, load[1], check[1], listed[1])
            per = n / 10_000
            cells = " ".join(f"{w:6.2f} ({c:4.1f})" for w, c in (load, check, listed))
            print(f"{n:>8} {fmt:>6} {cells} {load[1] / per:>9.2f} {listed[1] / per:>9.2f}", flush=True)
    if max(sizes) >= 100_000:
        print(f"slowest step at 100,000 portals: {worst:.1f} s of CPU  (target < 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
