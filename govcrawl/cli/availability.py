"""`govcrawl availability`: per portal and report year, how many archived reports are still
online, moved, unlisted, missing or withdrawn, and the median days from publication to withdrawal."""

from __future__ import annotations

import json
import sys

from govcrawl.cli.errors import EXIT_USAGE, CliError

COLUMNS = ("archived", "online", "moved", "unlisted", "missing", "withdrawn", "unknown", "not_checked")


def cmd_availability(args) -> int:
    from govcrawl.archive.availability_views import by_portal_year, column_events
    from govcrawl.cli.archive import open_archive
    from govcrawl.cli.texttable import grid
    from govcrawl.registry import SeedError, resolve_province

    try:
        code = resolve_province(args.province) if args.province else None
    except SeedError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    conn = open_archive(args.archive)
    try:
        rows = by_portal_year(conn, code)
        events = column_events(conn, sorted({r["portal_id"] for r in rows}))
    finally:
        conn.close()
    if args.json:
        json.dump({"portals": rows, "column_events": events}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print("no archived reports" + (f" in {args.province}" if args.province else ""), file=sys.stderr)
        return 0
    header = ["portal", "year", *COLUMNS, "median days to withdrawal"]
    body = [
        [
            str(r["portal_id"]),
            str(r["year"] or "?"),
            *(str(r[c]) for c in COLUMNS),
            _days(r["median_days_to_withdrawal"]),
        ]
        for r in rows
    ]
    print(grid(header, body, right=set(range(1, len(header)))))
    for e in events:
        where = f" → {e['new_column_url']}" if e["new_column_url"] else ""
        print(f"column {e['event']}: {e['portal_id']} {e['column_url']}{where} ({e['observed_at']})")
    return 0


def _days(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def add_availability_command(sub) -> None:
    from govcrawl.cli.archive import ARCHIVE_HELP, guarded

    a = sub.add_parser(
        "availability",
        help="archived reports still online, moved, unlisted or withdrawn, per portal and year",
        description="Per portal and report year: archived reports still online (or restored), moved to a new URL, "
        "unlisted (their page answers, no list links them), missing (404 or soft 404), withdrawn (missing "
        "GOVCRAWL_WITHDRAWN_AFTER_MISSING times over GOVCRAWL_WITHDRAWN_AFTER_DAYS days), unknown (portal not "
        "reached or blocked at the last look) and not checked; the median days from publication to withdrawal.",
    )
    a.add_argument("--province", help="province name (福建, 福建省), 2-digit adcode (35) or 'central'")
    a.add_argument("--archive", help=ARCHIVE_HELP)
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a.set_defaults(func=guarded(cmd_availability))
