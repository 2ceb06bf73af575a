"""govcrawl: crawl, parse and archive Chinese government annual reports (政府信息公开工作年度报告).

Exit status of harvest: 0 every portal reached, 3 some portals not reached or too many failures,
4 no portal reached, 5 storage failed (archive or WARC folder unwritable, full, or not govcrawl's),
1 the crawl did not finish, 2 bad arguments or seed input."""

from __future__ import annotations

import argparse
import os
import sys

from govcrawl.cli.archive import add_archive_commands
from govcrawl.cli.availability import add_availability_command
from govcrawl.cli.cells import add_cells_command
from govcrawl.cli.compare import add_compare_command
from govcrawl.cli.distributed import add_distributed_commands, add_redis_options
from govcrawl.cli.doctor import cmd_doctor
from govcrawl.cli.errors import EXIT_INTERRUPTED, EXIT_OK, CliError
from govcrawl.cli.harvest import add_selection_options, cmd_harvest
from govcrawl.cli.parse import cmd_parse
from govcrawl.cli.scorecard import add_scorecard_command
from govcrawl.cli.seeds import cmd_seeds_check, cmd_seeds_list


# --- wiring ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govcrawl", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands")

    h = sub.add_parser(
        "harvest",
        help="crawl portals into the archive",
        description="Crawl annual reports from seed portals into the archive (a SQLite file, or PostgreSQL "
        "given a postgresql:// URL) and a JSON Lines file.",
    )
    h.add_argument("--demo", action="store_true", help="crawl the bundled simulated demo portals")
    add_selection_options(h)
    h.add_argument(
        "--archive",
        help="the archive: a SQLite file path or a postgresql://USER@HOST/DB URL"
        " (default: setting GOVCRAWL_ARCHIVE, data/archive.sqlite3)",
    )
    h.add_argument("--output", help="JSON Lines output (default: reports-<job>.jsonl next to the archive)")
    h.add_argument("--contact", help="contact URL sent in the User-Agent")
    h.add_argument("-v", "--verbose", action="store_true", help="show the Scrapy log (INFO) on the console")
    h.add_argument("--log-level", help="show the Scrapy log on the console from this level: DEBUG, INFO, WARNING …")
    h.add_argument(
        "--max-unreached",
        type=int,
        metavar="N",
        help="portals allowed to stay unreached before the exit status says incomplete (default 0)",
    )
    h.add_argument(
        "--max-failed-ratio",
        type=float,
        metavar="R",
        help="share of failed pages allowed before the exit status says incomplete (default 0.5)",
    )
    h.add_argument(
        "--resume",
        metavar="JOB",
        help="carry on a killed or stopped harvest: its job id (jobs/<JOB> next to --archive) or its job folder",
    )
    h.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="override a Scrapy setting")
    add_redis_options(h, required=False)  # harvest --redis URL: enqueue, then crawl as one worker of the job
    h.set_defaults(func=cmd_harvest)

    p = sub.add_parser(
        "parse",
        help="clean and parse one saved page, print JSON",
        description="Read a saved page (HTML in any encoding, plain text, or a PDF, DOCX, DOC, WPS, "
        "XLS(X) document) and print one "
        "JSON report valid against report.schema.json. Exits 1 with a one-line "
        "error for a missing, empty, binary or undecodable file.",
    )
    p.add_argument("page", help="path of the saved page (.html/.htm, .txt for plain text, or a document)")
    p.add_argument("--url", help="the URL the page was fetched from (resolves links, helps identity)")
    p.add_argument("--encoding", help="force the encoding (e.g. gbk); default: header/meta/detection")
    p.add_argument("--adcode", help="6-digit adcode of the portal, if known")
    p.add_argument("--title", help="the link text that named a document (a scanned PDF has no title of its own)")
    p.add_argument("--compact", action="store_true", help="one line of JSON")
    p.set_defaults(func=cmd_parse)

    s = sub.add_parser("seeds", help="check or list the seed registry", description="Check or list the seed registry.")
    ssub = s.add_subparsers(dest="seeds_command", required=True)
    sc = ssub.add_parser("check", help="validate every seed file")
    sc.add_argument("--dir", help="a registry directory (default: the bundled seeds/)")
    sc.set_defaults(func=cmd_seeds_check)
    sl = ssub.add_parser("list", help="print what a harvest would crawl")
    sl.add_argument("--province", help="province name or 2-digit adcode, or 'central'")
    sl.add_argument("--seeds", help="a seed file of your own")
    sl.set_defaults(func=cmd_seeds_list)
    add_distributed_commands(sub)
    add_archive_commands(sub)
    add_availability_command(sub)
    add_cells_command(sub)
    add_compare_command(sub)
    add_scorecard_command(sub)

    d = sub.add_parser(
        "doctor",
        help="check Chromium, .doc converters, the archive path, proxies and the contact URL",
        description="Check what a crawl needs from this machine and print the command that installs or sets "
        "what is missing. Exits 1 when something is missing.",
    )
    d.add_argument("--archive", help="the archive: a SQLite file path or a postgresql:// URL")
    d.add_argument("--contact", help="the contact URL you will harvest with")
    d.set_defaults(func=cmd_doctor)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"govcrawl: error: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return reader_went_away()


def reader_went_away() -> int:
    """Output piped to `head` and closed early: stop quietly, as a Unix tool does."""
    # Python flushes stdout at exit and would complain again; point it at /dev/null first.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
