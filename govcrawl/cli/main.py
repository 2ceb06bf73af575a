"""`govcrawl` command line: harvest, parse, seeds."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from datetime import datetime, timezone
from pathlib import Path

EXIT_USAGE = 2


class CliError(Exception):
    """A one-line error for the user; exit status 1 (or 2 for bad arguments)."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


# --- harvest --------------------------------------------------------------------------------
def check_selection(args) -> None:
    """Load and select seeds exactly as the spider will, so bad input fails before any fetch."""
    from govcrawl.registry.portals import SeedError, load_registry, load_seed_file, parse_years, select_portals

    try:
        portals = load_seed_file(args.seeds) if args.seeds else load_registry()
        ids = [p for p in (args.portal or "").split(",") if p.strip()] or None
        selected = select_portals(portals, province=args.province, portal_ids=ids)
        if args.years:
            parse_years(args.years)
    except SeedError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    except OSError as exc:
        raise CliError(f"{exc.filename}: {exc.strerror}", EXIT_USAGE) from exc
    if not selected:
        raise CliError("no portals selected", EXIT_USAGE)


def crawl_settings(args, job_id: str):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    archive = Path(args.archive or settings.get("GOVCRAWL_ARCHIVE"))
    output = Path(args.output) if args.output else archive.parent / f"reports-{job_id}.jsonl"
    settings.set("GOVCRAWL_ARCHIVE", str(archive), priority="cmdline")
    settings.set("FEEDS", {str(output): {"format": "jsonlines", "encoding": "utf-8",
                                         "item_classes": ["govcrawl.contract.items.ReportItem"]}},
                 priority="cmdline")
    settings.set("GOVCRAWL_SUMMARY_STDOUT", False, priority="cmdline")  # harvest prints it at the very end
    if args.contact:
        settings.set("GOVCRAWL_CONTACT_URL", args.contact, priority="cmdline")
    if args.log_level:
        settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    for pair in args.set or []:
        if "=" not in pair:
            raise CliError(f"-s expects NAME=VALUE, got {pair!r}", EXIT_USAGE)
        name, value = pair.split("=", 1)
        settings.set(name, value, priority="cmdline")
    return settings, archive, output


def cmd_harvest(args) -> int:
    simulator = None
    if args.demo:
        from govsim import Simulator, demo_world

        if args.seeds:
            raise CliError("--demo brings its own seeds; do not combine it with --seeds", EXIT_USAGE)
        simulator = Simulator(demo_world())
        simulator.start()
        seeds_path = Path(args.archive or "data/archive.sqlite3").parent / "demo-seeds.json"
        seeds_path.parent.mkdir(parents=True, exist_ok=True)
        seeds_path.write_text(json.dumps(simulator.seeds(), ensure_ascii=False, indent=1), "utf-8")
        args.seeds = str(seeds_path)
        # The demo portals live behind the local simulator, reached as an HTTP proxy.
        os.environ["http_proxy"] = os.environ["HTTP_PROXY"] = simulator.proxy_url
        os.environ.pop("no_proxy", None)
        os.environ.pop("NO_PROXY", None)
    try:
        check_selection(args)
        from govcrawl.process.provenance import new_job_id

        job_id = new_job_id()
        settings, archive, output = crawl_settings(args, job_id)
        if args.demo:
            # Loopback portals: keep politeness machinery on, but no need to wait between pages.
            for name, value in (("DOWNLOAD_DELAY", 0), ("AUTOTHROTTLE_START_DELAY", 0.1),
                                ("AUTOTHROTTLE_MAX_DELAY", 2), ("CONCURRENT_REQUESTS_PER_DOMAIN", 4),
                                ("GOVCRAWL_RETRY_BACKOFF_BASE", 0.5)):
                if settings.getpriority(name) < 40:  # -s on the command line still wins
                    settings.set(name, value, priority="project")
        from scrapy.crawler import CrawlerProcess

        process = CrawlerProcess(settings, install_root_handler=True)
        spider_args = {k: v for k, v in (("province", args.province), ("portal", args.portal),
                                         ("seeds", args.seeds), ("years", args.years)) if v}
        crawler = process.create_crawler("annual_reports")
        process.crawl(crawler, _job=job_id, **spider_args)
        process.start()
    finally:
        if simulator:
            simulator.stop()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    from govcrawl.crawl.summary import format_summary

    # Printed last, after Scrapy's log, so it is what the user sees.
    print(f"\nPer-portal summary:\n{format_summary(stats.get('govcrawl/summary') or {})}")
    print(f"\nJob {job_id} finished ({stats.get('finish_reason', 'unknown')}).")
    print(f"Archive (SQLite): {archive.resolve()}")
    print(f"Reports (JSON Lines): {output.resolve()}")
    print(f"New: {stats.get('govcrawl/reports_new', 0)}, changed: {stats.get('govcrawl/reports_changed', 0)}, "
          f"unchanged: {stats.get('govcrawl/reports_unchanged', 0)}, "
          f"failures: {sum(v for k, v in stats.items() if k.startswith('govcrawl/failures/'))}")
    return 0 if stats.get("finish_reason") == "finished" else 1


# --- parse ----------------------------------------------------------------------------------
def cmd_parse(args) -> int:
    from govcrawl.process.document import parse_document
    from govcrawl.process.encoding import UndecodableBody
    from govcrawl.process.extract import EXTRACT_FAILED
    from govcrawl.contract.schema import validation_errors

    path = Path(args.page)
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file")
    except IsADirectoryError:
        raise CliError(f"{path}: is a directory, not a saved page")
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror}")
    if not body.strip():
        raise CliError(f"{path}: empty file")
    content_type = "text/plain" if path.suffix.lower() == ".txt" else None
    try:
        # The file name stands for the URL when none is given: it tells a .wps from a .doc.
        doc = parse_document(body, url=args.url or path.name, content_type=content_type, encoding=args.encoding,
                             adcode=args.adcode, title_hint=args.title)
    except UndecodableBody as exc:
        raise CliError(f"{path}: {exc}")
    if doc.extracted is not None and doc.extracted.status == EXTRACT_FAILED:
        raise CliError(f"{path}: unreadable {doc.extracted.format} file: {doc.extracted.detail}")
    errors = validation_errors(doc.record)
    json.dump(doc.record, sys.stdout, ensure_ascii=False, indent=None if args.compact else 1)
    sys.stdout.write("\n")
    if errors:
        raise CliError(f"{path}: output breaks the schema (a govcrawl bug): {errors[0]}")
    return 0


# --- seeds ----------------------------------------------------------------------------------
def cmd_seeds_check(args) -> int:
    from govcrawl.registry.portals import check_registry

    problems = check_registry(args.dir)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_seeds_list(args) -> int:
    from govcrawl.registry.portals import SeedError, format_portal_table, load_registry, load_seed_file, select_portals

    try:
        portals = load_seed_file(args.seeds) if args.seeds else load_registry()
        selected = select_portals(portals, province=args.province)
    except SeedError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    print(format_portal_table(selected))
    return 0


# --- wiring ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govcrawl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    h = sub.add_parser("harvest", help="crawl portals into the archive",
                       description="Crawl annual reports from seed portals into the SQLite archive "
                                   "and a JSON Lines file.")
    h.add_argument("--demo", action="store_true", help="crawl the bundled simulated demo portals")
    h.add_argument("--province", help="province name (浙江, 浙江省) or 2-digit adcode (33), or 'central'")
    h.add_argument("--portal", help="portal id(s), comma-separated")
    h.add_argument("--seeds", help="a seed file of your own (JSON array or JSON Lines)")
    h.add_argument("--years", help="report years to keep, e.g. 2019-2025")
    h.add_argument("--archive", help="SQLite archive path (default: setting GOVCRAWL_ARCHIVE, data/archive.sqlite3)")
    h.add_argument("--output", help="JSON Lines output (default: reports-<job>.jsonl next to the archive)")
    h.add_argument("--contact", help="contact URL sent in the User-Agent")
    h.add_argument("--log-level", help="DEBUG, INFO, WARNING …")
    h.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="override a Scrapy setting")
    h.set_defaults(func=cmd_harvest)

    p = sub.add_parser("parse", help="clean and parse one saved page, print JSON",
                       description="Read a saved page (HTML in any encoding, plain text, or a PDF, DOCX, DOC, WPS, "
                                   "XLS(X) document) and print one "
                                   "JSON report valid against report.schema.json. Exits 1 with a one-line "
                                   "error for a missing, empty, binary or undecodable file.")
    p.add_argument("page", help="path of the saved page (.html/.htm, .txt for plain text, or a document)")
    p.add_argument("--url", help="the URL the page was fetched from (resolves links, helps identity)")
    p.add_argument("--encoding", help="force the encoding (e.g. gbk); default: header/meta/detection")
    p.add_argument("--adcode", help="6-digit adcode of the portal, if known")
    p.add_argument("--title", help="the link text that named a document (a scanned PDF has no title of its own)")
    p.add_argument("--compact", action="store_true", help="one line of JSON")
    p.set_defaults(func=cmd_parse)

    s = sub.add_parser("seeds", help="check or list the seed registry")
    ssub = s.add_subparsers(dest="seeds_command", required=True)
    sc = ssub.add_parser("check", help="validate every seed file")
    sc.add_argument("--dir", help="a registry directory (default: the bundled seeds/)")
    sc.set_defaults(func=cmd_seeds_check)
    sl = ssub.add_parser("list", help="print what a harvest would crawl")
    sl.add_argument("--province", help="province name or 2-digit adcode, or 'central'")
    sl.add_argument("--seeds", help="a seed file of your own")
    sl.set_defaults(func=cmd_seeds_list)
    from govcrawl.cli.archive import add_archive_commands  # export, history, status, fts

    add_archive_commands(sub)
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
        return 130


if __name__ == "__main__":
    sys.exit(main())
