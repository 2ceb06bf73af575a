"""`govcrawl harvest`: crawl portals (or the bundled demo world) into the archive.

Quiet by default: a progress line on stderr, the per-portal summary and the verdict on stdout,
the full Scrapy log in `logs/<job>.log` next to the archive (`-v` / `--log-level` bring it to the
console). The exit status is the verdict's (govcrawl.cli.errors.VERDICT_EXIT).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from govcrawl.cli.errors import EXIT_FAILED, EXIT_STORAGE, EXIT_USAGE, VERDICT_EXIT, CliError


# --- harvest --------------------------------------------------------------------------------
def add_selection_options(parser) -> None:
    """Which portals and years a crawl takes: `harvest` and `enqueue` read them the same way
    (check_selection)."""
    parser.add_argument("--province", help="province name (浙江, 浙江省) or 2-digit adcode (33), or 'central'")
    parser.add_argument("--portal", help="portal id(s), comma-separated")
    parser.add_argument("--seeds", help="a seed file of your own (JSON array or JSON Lines)")
    parser.add_argument("--years", help="report years to keep, e.g. 2019-2025")
    parser.add_argument(
        "--allow-private-hosts",
        action="store_true",
        help="crawl seeds on loopback, private, link-local or metadata addresses (refused by default)",
    )


def check_selection(args) -> list:
    """Load and select seeds exactly as the spider will, so bad input fails before any fetch."""
    from govcrawl.registry import SeedError, load_registry, load_seed_file, parse_years, select_portals

    try:
        allow = allow_private_hosts(args)
        portals = load_seed_file(args.seeds, allow_private_hosts=allow) if args.seeds else load_registry()
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
    return selected


def console_level(args) -> int | None:
    """The level of the Scrapy log on the console, or None to keep it in the log file only."""
    if args.log_level:
        return logging.getLevelName(args.log_level.upper())
    return logging.INFO if args.verbose else None


def allow_private_hosts(args) -> bool:
    """--allow-private-hosts, or -s GOVCRAWL_ALLOW_PRIVATE_HOSTS=1."""
    given = [p.split("=", 1)[1] for p in args.set or [] if p.startswith("GOVCRAWL_ALLOW_PRIVATE_HOSTS=")]
    return bool(getattr(args, "allow_private_hosts", False)) or (
        bool(given) and given[-1].strip().lower() in ("1", "true", "yes", "on")
    )


def crawl_settings(args, job_id: str):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings

    from govcrawl.archive.backend import local_folder

    settings = get_project_settings()
    archive = str(args.archive or settings.get("GOVCRAWL_ARCHIVE"))  # a path, or a postgresql:// URL
    folder = local_folder(archive)  # the file's folder; data/ for a database
    output = Path(args.output) if args.output else folder / f"reports-{job_id}.jsonl"
    log_file = folder / "logs" / f"{job_id}.log"
    settings.set("GOVCRAWL_ARCHIVE", archive, priority="cmdline")
    settings.set(
        "FEEDS",
        {
            str(output): {
                "format": "jsonlines",
                "encoding": "utf-8",
                "item_classes": ["govcrawl.contract.items.ReportItem"],
                "store_empty": False,  # a crawl without reports leaves no empty file behind
                # appends to a resumed job's output without repeating its reports (crawl/resume_feed.py)
                "item_filter": "govcrawl.crawl.resume_feed.ResumedFeedFilter",
                "govcrawl_resume": bool(getattr(args, "resume", None)),
                "govcrawl_path": str(output),
            }
        },
        priority="cmdline",
    )
    settings.set("GOVCRAWL_SUMMARY_STDOUT", False, priority="cmdline")  # harvest prints it at the very end
    # The whole log goes to the file; the console gets it only when asked (-v, --log-level).
    settings.set("LOG_FILE", str(log_file), priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", True, priority="cmdline")
    level = console_level(args)
    settings.set("LOG_LEVEL", "DEBUG" if level is not None and level <= logging.DEBUG else "INFO", priority="cmdline")
    settings.set("GOVCRAWL_PROGRESS", level is None, priority="cmdline")
    if args.contact:
        settings.set("GOVCRAWL_CONTACT_URL", args.contact, priority="cmdline")
    if args.max_unreached is not None:
        settings.set("GOVCRAWL_MAX_UNREACHED", args.max_unreached, priority="cmdline")
    if args.max_failed_ratio is not None:
        settings.set("GOVCRAWL_MAX_FAILED_RATIO", args.max_failed_ratio, priority="cmdline")
    if getattr(args, "allow_private_hosts", False):
        settings.set("GOVCRAWL_ALLOW_PRIVATE_HOSTS", True, priority="cmdline")
    for pair in args.set or []:
        if "=" not in pair:
            raise CliError(f"-s expects NAME=VALUE, got {pair!r}", EXIT_USAGE)
        name, value = pair.split("=", 1)
        settings.set(name, value, priority="cmdline")
    return settings, archive, output, log_file


def warn(message: str) -> None:
    print(f"govcrawl: warning: {message}", file=sys.stderr, flush=True)


def preflight(settings, archive: str, portals: list, *, demo: bool) -> None:
    """The doctor's checks, up front: stop when the archive is not writable; warn once for the rest."""
    from govcrawl.crawl import preflight as pf

    check = pf.check_archive(archive)
    if not check.ok:
        raise CliError(f"{check.detail} ({check.fix})", EXIT_STORAGE)
    check = pf.check_archive_opens(archive, settings.getfloat("GOVCRAWL_ARCHIVE_BUSY_TIMEOUT"))
    if not check.ok:
        raise CliError(f"{check.detail} ({check.fix})", EXIT_STORAGE)
    needs_browser = pf.browser_seeds(portals)
    chromium = pf.check_chromium(settings)
    if needs_browser and not chromium.ok:
        warn(
            f"{len(needs_browser)} portal(s) need Chromium (render: browser), e.g. {', '.join(needs_browser[:3])}; "
            f"{chromium.detail}: their pages will be lost (counted as `browser missing`). Install: {chromium.fix}"
        )
    word97 = pf.check_word97()
    if not word97.ok:
        warn(f".doc/.wps reports will be stored unread ({word97.detail}). Install: {word97.fix}")
    proxy = pf.check_proxy()
    if not proxy.ok and not demo:
        warn(f"{proxy.detail}. {proxy.fix}")
    contact = pf.check_contact(settings)
    if not contact.ok and not demo:
        warn(f"contact URL: {contact.detail}. Set yours: {contact.fix}")


def start_demo(args):
    from govsim import Simulator, demo_world

    if args.seeds:
        raise CliError("--demo brings its own seeds; do not combine it with --seeds", EXIT_USAGE)
    simulator = Simulator(demo_world())
    simulator.start()
    from govcrawl.archive.backend import local_folder

    seeds_path = local_folder(args.archive or "data/archive.sqlite3") / "demo-seeds.json"
    try:
        seeds_path.parent.mkdir(parents=True, exist_ok=True)
        seeds_path.write_text(json.dumps(simulator.seeds(), ensure_ascii=False, indent=1), "utf-8")
    except OSError as exc:  # a read-only or full archive folder
        simulator.stop()
        raise CliError(
            f"{seeds_path}: {exc.strerror or exc} (--archive PATH somewhere writable)", EXIT_STORAGE
        ) from exc
    args.seeds = str(seeds_path)
    # The demo portals live behind the local simulator, reached as an HTTP proxy.
    os.environ["http_proxy"] = os.environ["HTTP_PROXY"] = simulator.proxy_url
    os.environ.pop("no_proxy", None)
    os.environ.pop("NO_PROXY", None)
    return simulator


DEMO_SETTINGS = (
    ("DOWNLOAD_DELAY", 0),
    ("AUTOTHROTTLE_START_DELAY", 0.1),
    ("AUTOTHROTTLE_MAX_DELAY", 2),
    ("CONCURRENT_REQUESTS_PER_DOMAIN", 4),
    ("GOVCRAWL_RETRY_BACKOFF_BASE", 0.5),
)


def console_handler(level: int, settings) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT")))
    return handler


def cmd_harvest(args) -> int:
    if getattr(args, "redis", None):
        from govcrawl.cli.distributed import cmd_harvest_redis

        return cmd_harvest_redis(args)
    from govcrawl.cli.harvest_job import record_job, resumed_job

    job = resumed_job(args) if getattr(args, "resume", None) else None  # restores the job's arguments
    spider_args = {k: v for k in ("province", "portal", "seeds", "years") if (v := getattr(args, k))}
    simulator = start_demo(args) if args.demo else None
    handler = None
    try:
        portals = check_selection(args)
        from govcrawl.process.provenance import new_job_id

        job_id = job.job_id if job else new_job_id()
        settings, archive, output, log_file = crawl_settings(args, job_id)
        if args.demo:
            # Loopback portals: keep politeness machinery on, but no need to wait between pages.
            for name, value in DEMO_SETTINGS:
                if settings.getpriority(name) < 40:  # -s on the command line still wins
                    settings.set(name, value, priority="project")
        preflight(settings, archive, portals, demo=bool(args.demo))
        job = record_job(settings, args, spider_args, job, job_id, archive, output, log_file)
        log_file.parent.mkdir(parents=True, exist_ok=True)
        from scrapy.crawler import CrawlerProcess

        process = CrawlerProcess(settings)
        level = console_level(args)
        handler = console_handler(level if level is not None else logging.ERROR, settings)
        logging.getLogger().addHandler(handler)
        if args.demo:
            spider_args["seeds"] = args.seeds  # the simulator's seeds, written by start_demo
        crawler = process.create_crawler("annual_reports")
        process.crawl(crawler, _job=job_id, **spider_args)
        process.start()
    finally:
        if handler is not None:
            logging.getLogger().removeHandler(handler)
        if simulator:
            simulator.stop()
    if job is not None:
        job.close((crawler.stats.get_stats() if crawler.stats else {}).get("finish_reason"))
    status = report(crawler, job_id, archive, output, log_file)
    if job is not None and job.state != "finished":
        print(f"Resume it with: govcrawl harvest --resume {job_id} --archive {archive}", flush=True)
    return status


def report(crawler, job_id: str, archive: str, output: Path, log_file: Path) -> int:
    """Print the summary, the verdict and where everything is; return the verdict's exit status."""
    from govcrawl.crawl.storage import STATS_KEY as STORAGE_KEY
    from govcrawl.crawl.summary import SUMMARY_KEY, format_summary
    from govcrawl.crawl.verdict import STATS_KEY

    stats = crawler.stats.get_stats() if crawler.stats else {}
    verdict = stats.get(STATS_KEY) or {"word": "interrupted", "message": "interrupted: the crawl did not run"}
    # Printed last, after the progress line, so it is what the user sees.
    print(f"\nPer-portal summary:\n{format_summary(stats.get(SUMMARY_KEY) or {})}")
    reason = stats.get("finish_reason", "unknown")
    print(f"\nJob {job_id} {'finished' if reason == 'finished' else 'stopped'} ({reason}).")
    from govcrawl.archive.backend import is_postgres, shown

    print(
        f"Archive (PostgreSQL): {shown(archive)}"
        if is_postgres(archive)
        else f"Archive (SQLite): {Path(archive).resolve()}"
    )
    print(f"Reports (JSON Lines): {output.resolve() if output.exists() else 'none written (no reports)'}")
    print(f"Log: {log_file.resolve()}")
    print(
        f"New: {stats.get('govcrawl/reports_new', 0)}, changed: {stats.get('govcrawl/reports_changed', 0)}, "
        f"unchanged: {stats.get('govcrawl/reports_unchanged', 0)}, linked: {stats.get('govcrawl/reports_linked', 0)}, "
        f"failures: {sum(v for k, v in stats.items() if k.startswith('govcrawl/failures/'))}"
    )
    print(f"Verdict: {verdict['message']}", flush=True)
    storage_error = stats.get(STORAGE_KEY)
    if storage_error:
        print(f"govcrawl: error: storage failed: {storage_error}", file=sys.stderr, flush=True)
        return EXIT_STORAGE
    return VERDICT_EXIT.get(verdict["word"], EXIT_FAILED)
