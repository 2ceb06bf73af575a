"""python -m govsim [--port N] [--world demo|generated] [--seeds-out FILE]

Serves the simulated portals until Ctrl-C; prints the proxy URL to use as http_proxy.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading

from . import Simulator, demo_world, generated_world, hostile_world
from .province import province_world


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m govsim", description=__doc__.splitlines()[2])
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    ap.add_argument("--world", choices=("demo", "generated", "hostile", "province"), default="demo")
    ap.add_argument("--province", default="34", help="province world: 2-digit adcode of its governments")
    ap.add_argument("--home-only", action="store_true", help="seeds start at home pages only")
    ap.add_argument("--portals", type=int, default=200, help="generated world: number of portals")
    ap.add_argument("--pages", type=int, default=5000, help="generated world: number of linked detail pages")
    ap.add_argument("--seed", type=int, default=0, help="generated world: RNG seed")
    ap.add_argument("--slow-seconds", type=float, default=2.0, help="delay of the 'slow' pages")
    ap.add_argument("--seeds-out", help="write the portal seeds (JSON array, or JSON Lines for .jsonl)")
    ap.add_argument("--manifest-out", help="write the manifest of detail URLs as JSON")
    args = ap.parse_args(argv)

    if args.world == "generated":
        world = generated_world(args.portals, args.pages, args.seed)
    elif args.world == "province":
        world = province_world(args.portals, args.pages, args.seed, province=args.province)
    else:
        world = demo_world() if args.world == "demo" else hostile_world()
    sim = Simulator(world, slow_seconds=args.slow_seconds, port=args.port).start()
    if args.seeds_out:
        _write_json(args.seeds_out, sim.seeds(home_only=args.home_only))
    if args.manifest_out:
        _write_json(args.manifest_out, sim.manifest())
    print(f"govcrawl simulator ({world.name}, {len(world.portals)} portals) proxy: {sim.proxy_url}", flush=True)
    print(f"  export http_proxy={sim.proxy_url} https_proxy={sim.proxy_url}", flush=True)
    if sim.ca_file:
        print(f"  simulator CA (for -s GOVCRAWL_TLS_CA_FILE=…): {sim.ca_file}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)
    finally:
        sim.stop()
    return 0


def _write_json(path: str, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        if path.endswith(".jsonl"):
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        else:
            json.dump(rows, fh, ensure_ascii=False, indent=2)
            fh.write("\n")


if __name__ == "__main__":
    raise SystemExit(main())
