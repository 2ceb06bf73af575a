"""`govcrawl compare`: one agency's tables year over year (or two versions of one report), or one
metric ranked across the agencies of a province."""

from __future__ import annotations

import json
import sys

from govcrawl.cli.archive import ARCHIVE_HELP, open_archive
from govcrawl.cli.errors import EXIT_USAGE, CliError
from govcrawl.cli.texttable import grid


def _ints(text: str, what: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise CliError(
            f"{what}: give two numbers separated by a comma, e.g. 2023,2024 (got {text!r})", EXIT_USAGE
        ) from None
    if len(values) != 2:
        raise CliError(f"{what}: give exactly two, e.g. 2023,2024 (got {text!r})", EXIT_USAGE)
    return values


def fmt(value: object) -> str:
    from govcrawl.archive.export import csv_cell

    return csv_cell(value)


def cmd_compare(args) -> int:
    from govcrawl.archive.compare import (
        CHANGE_COLUMNS,
        RANK_COLUMNS,
        CompareError,
        compare_records,
        find_reports,
        find_versions,
        rank_metric,
    )
    from govcrawl.archive.export import write_csv
    from govcrawl.archive.reader import ArchiveReads
    from govcrawl.registry import SeedError

    conn = open_archive(args.archive)
    reads = ArchiveReads.over(conn)
    try:
        if args.metric or args.province:
            if not (args.metric and args.province and args.year) or args.target:
                raise CliError("ranking needs --province, --year and --metric (and no report or agency)", EXIT_USAGE)
            try:
                ranking = rank_metric(reads, args.province, args.year, args.metric)
            except (ValueError, SeedError) as exc:
                raise CliError(str(exc), EXIT_USAGE) from exc
            rows = ranking.rows + ranking.not_reported
            if args.format == "json":
                json.dump(
                    {
                        "metric": ranking.metric,
                        "province": ranking.province,
                        "year": ranking.year,
                        "ranked": ranking.rows,
                        "not_reported": ranking.not_reported,
                    },
                    sys.stdout,
                    ensure_ascii=False,
                    indent=1,
                )
                sys.stdout.write("\n")
            elif args.format == "csv":
                write_csv(sys.stdout, RANK_COLUMNS, rows)
            else:
                print(f"{ranking.metric} in {ranking.province}, {ranking.year}: {len(ranking.rows)} agencies ranked")
                print(grid(RANK_COLUMNS, [[fmt(r.get(c)) for c in RANK_COLUMNS] for r in rows], right={0, 4, 6}))
                if ranking.not_reported:
                    print(f"{len(ranking.not_reported)} report(s) without this cell as a number (not ranked, not 0)")
            return 0
        if not args.target:
            raise CliError(
                "give a report key or agency with --years (or --versions), or --province/--year/--metric", EXIT_USAGE
            )
        try:
            if args.versions:
                sides = find_versions(reads, args.target, _ints(args.versions, "--versions"))
            elif args.years:
                sides = find_reports(reads, args.target, _ints(args.years, "--years"))
            else:
                raise CliError("give --years 2023,2024 or --versions 1,2", EXIT_USAGE)
        except CompareError as exc:
            raise CliError(str(exc)) from exc
        comparison = compare_records(*sides)
        changes = comparison.changes if args.all else [c for c in comparison.changes if c["a"] != c["b"]]
        if args.format == "json":
            out = comparison.to_json()
            out["cells"] = changes
            json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        elif args.format == "csv":
            write_csv(sys.stdout, (*CHANGE_COLUMNS, "in"), changes)
        else:
            a, b = comparison.a, comparison.b
            print(f"a = {a.label}: {a.report_key} v{a.version} ({a.record.get('template')})")
            print(f"b = {b.label}: {b.report_key} v{b.version} ({b.record.get('template')})")
            print(f"sections added: {', '.join(comparison.sections_added) or 'none'}")
            print(f"sections dropped: {', '.join(comparison.sections_dropped) or 'none'}")
            what = "cells" if args.all else "changed cells"
            print(f"{len(changes)} {what} of {len(comparison.changes)}")
            if changes:
                cols = ("table", "row_key", "row_label", "column", "a", "b", "delta", "pct_change")
                rows_text = [[fmt(c.get(k)) if k != "row_label" else fmt(c.get(k))[:24] for k in cols] for c in changes]
                print(grid(cols, rows_text, right={4, 5, 6, 7}))
        return 0
    finally:
        conn.close()


def add_compare_command(sub) -> None:
    from govcrawl.cli.archive import guarded

    c = sub.add_parser(
        "compare",
        help="compare an agency's tables across years (or versions), or rank agencies by one metric",
        description="With a report key or agency name and --years A,B: the statistics tables cell by cell "
        "(value in A and B, delta, % change) and the sections added or dropped. With --versions 1,2: two "
        "versions of one report. With --province, --year and --metric: agencies ranked by one cell "
        "(metric names: docs/vocabulary.md).",
    )
    c.add_argument("target", nargs="?", help="a report key, or an agency name as archived")
    c.add_argument("--years", help="two report years, e.g. 2023,2024")
    c.add_argument("--versions", help="two versions of the report key, e.g. 1,2")
    c.add_argument("--all", action="store_true", help="list unchanged cells too")
    c.add_argument("--province", help="rank agencies of this province (name or 2-digit adcode)")
    c.add_argument("--year", type=int, help="report year to rank")
    c.add_argument("--metric", help="the cell to rank by, e.g. applications.new_total")
    c.add_argument("--format", choices=("text", "json", "csv"), default="text")
    c.add_argument("--archive", help=ARCHIVE_HELP)
    c.set_defaults(func=guarded(cmd_compare))
