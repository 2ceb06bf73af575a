"""`govcrawl export | history | status | fts`: read (and index) an existing archive.

`add_archive_commands(subparsers)` registers the four subcommands on govcrawl's CLI.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govcrawl.cli.errors import EXIT_FAILED, EXIT_USAGE, CliError

if TYPE_CHECKING:
    from govcrawl.archive.backend import Connection

ARCHIVE_HELP = "the archive: a SQLite file path or a postgresql://USER@HOST/DB URL (default: setting GOVCRAWL_ARCHIVE)"


def default_archive() -> str:
    from govcrawl import settings

    return settings.GOVCRAWL_ARCHIVE


def refuse_postgres(path: str | None, command: str) -> None:
    """Stop a SQLite-only command (exit 2) before it meets a PostgreSQL archive."""
    from govcrawl.archive.backend import is_postgres, shown

    target = path or default_archive()
    if is_postgres(target):
        raise CliError(f"{command} works on SQLite archives only, not {shown(target)}", EXIT_USAGE)


def open_archive(path: str | None) -> Connection:
    """A read connection to an existing archive (SQLite or PostgreSQL), never a new empty one made
    by a typo in the path."""
    from govcrawl.archive.reader import ArchiveError, ArchiveReader

    try:
        return ArchiveReader(path or default_archive()).conn
    except ArchiveError as exc:
        raise CliError(str(exc)) from exc


# --- export ---------------------------------------------------------------------------------
def cmd_export(args) -> int:
    from govcrawl.archive.availability_views import annotate
    from govcrawl.archive.export import CSV_ENCODING, export_records, export_tables, select_records
    from govcrawl.archive.reader import ArchiveReads
    from govcrawl.registry import SeedError, parse_years

    try:
        years = parse_years(args.years) if args.years else None
        conn = open_archive(args.archive)
        records = select_records(ArchiveReads.over(conn).latest_records(), province=args.province, years=years)
        records = annotate(conn, records)  # issue 15: availability and its dates
    except SeedError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    if args.format == "cells":  # tidy cells: govcrawl.archive.cells
        from govcrawl.cli.cells import export_cells

        return export_cells(conn, records, args.out)
    conn.close()
    if args.tables:
        if not args.out:
            raise CliError("--tables writes one file per table: give --out DIRECTORY", EXIT_USAGE)
        written = export_tables(records, args.format, args.out)
        for table, (path, n) in written.items():
            print(f"{table}: {n} row(s) → {path}", file=sys.stderr)
    elif args.out and args.out != "-":
        encoding = CSV_ENCODING if args.format == "csv" else "utf-8"
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding=encoding, newline="") as out:
            n = export_records(records, args.format, out)
        print(f"{n} report(s) → {args.out}", file=sys.stderr)
    else:
        n = export_records(records, args.format, sys.stdout)
        print(f"{n} report(s)", file=sys.stderr)
    return 0


# --- history --------------------------------------------------------------------------------
def cmd_history(args) -> int:
    from govcrawl.archive.availability_views import availability_by_key, format_observations, observations
    from govcrawl.archive.history import format_history, history, history_json

    conn = open_archive(args.archive)
    versions, changes = history(conn, args.report_key)
    seen = {"now": availability_by_key(conn).get(args.report_key), "observations": observations(conn, args.report_key)}
    text = format_observations(args.report_key, conn)
    conn.close()
    if not versions:
        raise CliError(f"no report {args.report_key!r} in the archive")
    if args.json:
        out = history_json(args.report_key, versions, changes) | {"availability": seen}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(format_history(args.report_key, versions, changes, max_cells=args.max_cells))
        print(text)
    return 0


# --- status ---------------------------------------------------------------------------------
def cmd_status(args) -> int:
    from govcrawl.archive.availability_views import format_status as availability_status
    from govcrawl.archive.availability_views import portal_counts
    from govcrawl.archive.status import latest_per_portal, load_runs
    from govcrawl.cli.status_table import format_status

    conn = open_archive(args.archive)
    runs = load_runs(conn)
    available, available_text = portal_counts(conn), availability_status(conn)
    conn.close()
    rows = latest_per_portal(runs)
    if args.json:
        out = [vars(r) | {"availability": available.get(r.portal_id, {})} for r in rows]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(format_status(rows, runs) + available_text)
    return 0


# --- fts ------------------------------------------------------------------------------------
def cmd_fts(args) -> int:
    from govcrawl.archive.fts import FTS_TABLE, build_fts, search
    from govcrawl.archive.search_table import SEARCH_TABLE

    conn = open_archive(args.archive)
    try:
        n = build_fts(conn)
        print(f"indexed {n} report(s) in {SEARCH_TABLE} / {FTS_TABLE}", file=sys.stderr)
        if args.search:
            hits = search(conn, args.search)
            for key, title in hits:
                print(f"{key}\t{title or ''}")
            if not hits:
                print(f"no report matches {args.search!r}", file=sys.stderr)
    finally:
        conn.close()
    return 0


# --- wiring ---------------------------------------------------------------------------------
def add_archive_commands(sub) -> None:
    """Register export, history, status and fts on an argparse subparsers object."""
    archive_help = ARCHIVE_HELP

    e = sub.add_parser(
        "export",
        help="export reports or statistics tables (JSON Lines / CSV)",
        description="Export the latest version of each report. Without --tables: one "
        "contract record per line (jsonl) or one row per report (csv). With "
        "--tables: one file per statistics table in --out DIR, one row per "
        "report and table row. CSV is UTF-8 with BOM (opens in Excel).",
    )
    e.add_argument("--province", help="province name (浙江, 浙江省), 2-digit adcode (33) or 'central'")
    e.add_argument("--years", help="report years, e.g. 2019-2025, 2021 or 2019,2021")
    e.add_argument(
        "--format",
        choices=("jsonl", "csv", "cells"),
        default="jsonl",
        help="cells: one row per table cell (CSV; Parquet for an --out ending in .parquet when pyarrow is installed)",
    )
    e.add_argument("--tables", action="store_true", help="export the statistics tables, one file per table")
    e.add_argument("--archive", help=archive_help)
    e.add_argument("--out", help="output file ('-' or absent: stdout); a directory with --tables")
    e.set_defaults(func=guarded(cmd_export))

    h = sub.add_parser("history", help="versions of one report and what changed between them")
    h.add_argument("report_key")
    h.add_argument("--archive", help=archive_help)
    h.add_argument("--json", action="store_true", help="machine-readable output")
    h.add_argument("--max-cells", type=int, default=20, help="changed cells listed per version (default 20)")
    h.set_defaults(func=guarded(cmd_history))

    s = sub.add_parser("status", help="latest crawl counters per portal")
    s.add_argument("--archive", help=archive_help)
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=guarded(cmd_status))

    f = sub.add_parser(
        "fts",
        help="build or refresh the full-text search index (SQLite: FTS5 trigram; PostgreSQL: pg_trgm)",
    )
    f.add_argument("--archive", help=archive_help)
    f.add_argument("--search", help="after indexing, print reports matching this term")
    f.set_defaults(func=guarded(cmd_fts))


def guarded(command):
    """The command with its errors turned into one line on stderr and an exit status."""

    def run(args) -> int:
        try:
            return command(args)
        except CliError as exc:
            print(f"govcrawl: error: {exc}", file=sys.stderr)
            return exc.status
        except Exception as exc:
            if not type(exc).__module__.startswith("psycopg"):
                raise
            # A PostgreSQL archive failing mid-command (connection lost, no pg_trgm, no privilege).
            from govcrawl.archive.backend import one_line

            print(f"govcrawl: error: the PostgreSQL archive failed: {one_line(exc)}", file=sys.stderr)
            return EXIT_FAILED
        # BrokenPipeError (output piped to `head`) is handled once, in govcrawl.cli.main

    run.__name__ = command.__name__
    return run
