"""`govcrawl scorecard`: the transparency scorecard of a province and year, from the archive only."""

from __future__ import annotations

import json
import sys
from datetime import date

from govcrawl.cli.archive import ARCHIVE_HELP, guarded, open_archive
from govcrawl.cli.errors import EXIT_USAGE, CliError
from govcrawl.cli.texttable import grid

TEXT_COLUMNS = (
    "portal_id",
    "agency",
    "published",
    "on_time",
    "template_current",
    "sections_complete",
    "tables_parsed",
    "checks_passed",
    "checks_failed",
    "attachments_unreadable",
    "report_key",
    "version",
)


def cmd_scorecard(args) -> int:
    from govcrawl.archive.export import csv_cell, write_csv
    from govcrawl.archive.reader import ArchiveReads
    from govcrawl.archive.scorecard import SCORE_COLUMNS, scorecard
    from govcrawl.registry import SeedError

    today = date.fromisoformat(args.today) if args.today else None
    conn = open_archive(args.archive)
    try:
        reads = ArchiveReads.over(conn)
        try:
            scores = scorecard(reads, args.province, args.year, today)
        except SeedError as exc:
            raise CliError(str(exc), EXIT_USAGE) from exc
        if args.html:
            write_html(reads, args, scores)
    finally:
        conn.close()
    if args.format == "json":
        json.dump([s.to_json() for s in scores], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        write_csv(
            sys.stdout,
            (*SCORE_COLUMNS, "evidence"),
            [s.row | {"evidence": json.dumps(s.evidence, ensure_ascii=False)} for s in scores],
        )
    else:
        print(f"scorecard {args.province} {args.year}: {len(scores)} row(s)")
        if scores:
            print(
                grid(
                    TEXT_COLUMNS, [[csv_cell(s.row.get(c)) for c in TEXT_COLUMNS] for s in scores], right={7, 8, 9, 11}
                )
            )
        estimated = sum(1 for s in scores if s.evidence.get("estimated"))
        if estimated:
            print(f"{estimated} on_time score(s) estimated from first_seen (no date printed): see --format json")
    return 0


def write_html(reads, args, scores) -> None:
    from govcrawl.archive.plots import PLOTS_MISSING, plots_available, scorecard_html

    page = scorecard_html(reads, args.province, args.year, scores)
    with open(args.html, "w", encoding="utf-8") as out:
        out.write(page)
    if not plots_available():
        print(PLOTS_MISSING, file=sys.stderr)
    print(f"scorecard page → {args.html}", file=sys.stderr)


def add_scorecard_command(sub) -> None:
    s = sub.add_parser(
        "scorecard",
        help="transparency scorecard of a province and year (published, on time, complete, checks …)",
        description="Per portal and agency, from the archive only: published (yes / not found / portal not "
        "reached), on time against the legal deadline, template current, sections complete, tables parsed, "
        "checks passed/failed, attachments unreadable; each row names the report version scored, and "
        "--format json adds the evidence of every score.",
    )
    s.add_argument("--province", required=True, help="province name (福建, 福建省) or 2-digit adcode, or 'central'")
    s.add_argument("--year", type=int, required=True, help="report year (the reports on 2024 are due in 2025)")
    s.add_argument("--format", choices=("text", "json", "csv"), default="text")
    s.add_argument(
        "--html", metavar="OUT.html", help="also write a self-contained page with plots (plots need matplotlib)"
    )
    s.add_argument("--today", help="judge deadlines as of this date (YYYY-MM-DD; default today)")
    s.add_argument("--archive", help=ARCHIVE_HELP)
    s.set_defaults(func=guarded(cmd_scorecard))
