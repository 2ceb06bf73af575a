"""Tidy cells: `govcrawl export --format cells` and `govcrawl cells` (the archive's cells table
and datasette's canned queries)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govcrawl.cli.archive import ARCHIVE_HELP, guarded, open_archive, refuse_postgres

if TYPE_CHECKING:
    from govcrawl.archive.backend import Connection


def export_cells(conn: Connection, records: list[dict[str, Any]], out: str | None) -> int:
    """The cells of the selected reports (latest versions) to --out (CSV, or Parquet) or stdout (CSV)."""
    from govcrawl.archive.cells import CELL_COLUMNS, cells_of, write_cells
    from govcrawl.archive.export import write_csv
    from govcrawl.archive.reader import ArchiveReads

    keys = {r.get("report_key") for r in records}
    pairs = [(r, v) for r, v in ArchiveReads.over(conn).latest_with_versions() if r.get("report_key") in keys]
    conn.close()
    rows = cells_of(pairs)
    if out and out != "-":
        path, n, note = write_cells(rows, out)
        if note:
            print(note, file=sys.stderr)
        print(f"{n} cell(s) of {len(pairs)} report(s) → {path}", file=sys.stderr)
    else:
        n = write_csv(sys.stdout, CELL_COLUMNS, rows)
        print(f"{n} cell(s) of {len(pairs)} report(s)", file=sys.stderr)
    return 0


def cmd_cells(args) -> int:
    from govcrawl.archive.cells import CELLS_TABLE, build_cells

    if args.metadata:  # datasette serves SQLite files
        refuse_postgres(args.archive, "datasette metadata (cells --metadata)")
    conn = open_archive(args.archive)
    try:
        n = build_cells(conn)
        print(f"{n} cell(s) in table {CELLS_TABLE}", file=sys.stderr)
        if args.metadata:
            from govcrawl.archive.datasette import datasette_metadata

            name = Path(args.archive or "data/archive.sqlite3").stem
            Path(args.metadata).write_text(
                json.dumps(datasette_metadata(name), ensure_ascii=False, indent=1), encoding="utf-8"
            )
            print(f"datasette metadata → {args.metadata} (datasette ARCHIVE -m {args.metadata})", file=sys.stderr)
    finally:
        conn.close()
    return 0


def add_cells_command(sub) -> None:
    c = sub.add_parser(
        "cells",
        help="(re)build the archive's tidy cells table; write datasette canned queries",
        description="Rewrite the `cells` table of the archive (one row per statistics table cell of the "
        "latest version of every report, canonical row/column keys: docs/vocabulary.md). With --metadata, "
        "write a datasette metadata file: facets for cells and report_search, and canned queries for the "
        "scorecard metrics.",
    )
    c.add_argument("--archive", help=ARCHIVE_HELP)
    c.add_argument("--metadata", metavar="OUT.json", help="write datasette metadata (facets, canned queries) here")
    c.set_defaults(func=guarded(cmd_cells))
