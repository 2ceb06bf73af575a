"""Rebuild govcrawl/registry/gazetteer.csv (adcode, name, level) from the portals list.

    .venv/bin/python -m tools.build_gazetteer [PORTALS_CSV] [--out PATH]

PORTALS_CSV defaults to ../shared/portals/local_government_portals.csv beside the repository.
Autonomous prefectures are written under their full names (甘南藏族自治州), since the list
uses the short form (甘南州) and reports use both; the parser adds the short forms back as
aliases. Regions outside the provinces in scope (台湾, 香港, 澳门) are left out.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from govcrawl.process.parse.region import PREFECTURE_FULL_NAMES
from govcrawl.registry import PROVINCE_NAMES

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PORTALS_CSV = REPO.parent / "shared" / "portals" / "local_government_portals.csv"
GAZETTEER = REPO / "govcrawl" / "registry" / "gazetteer.csv"


def build_gazetteer(portals_csv: Path, dest: Path) -> int:
    """Copy adcode/name/level from the portals list; return the number of places written."""
    with open(portals_csv, encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh) if r["adcode"][:2] in PROVINCE_NAMES]
    with open(dest, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["adcode", "name", "level"])
        for row in rows:
            name = PREFECTURE_FULL_NAMES.get(row["name"].strip(), row["name"].strip())
            writer.writerow([row["adcode"].strip(), name, row["level"].strip()])
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("portals_csv", nargs="?", type=Path, default=DEFAULT_PORTALS_CSV)
    parser.add_argument("--out", type=Path, default=GAZETTEER)
    args = parser.parse_args()
    print(f"{build_gazetteer(args.portals_csv, args.out)} places → {args.out}")


if __name__ == "__main__":
    main()
