"""`govcrawl harvest`: crawl portals (or the bundled demo world) into the archive."""

from __future__ import annotations

import json
import os
from pathlib import Path

from govcrawl.cli.errors import EXIT_USAGE, CliError


# --- harvest --------------------------------------------------------------------------------
def check_selection(args) -> None:
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


def allow_private_hosts(args) -> bool:
    """--allow-private-hosts, or -s GOVCRAWL_ALLOW_PRIVATE_HOSTS=1."""
    given = [p.split("=", 1)[1] for p in args.set or [] if p.startswith("GOVCRAWL_ALLOW_PRIVATE_HOSTS=")]
    return bool(getattr(args, "allow_private_hosts", False)) or (
        bool(given) and given[-1].strip().lower() in ("1", "true", "yes", "on")
    )


def crawl_settings(args, job_id: str):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    archive = Path(args.archive or settings.get("GOVCRAWL_ARCHIVE"))
    output = Path(args.output) if args.output else archive.parent / f"reports-{job_id}.jsonl"
    settings.set("GOVCRAWL_ARCHIVE", str(archive), priority="cmdline")
    settings.set(
        "FEEDS",
        {
            str(output): {
                "format": "jsonlines",
                "encoding": "utf-8",
                "item_classes": ["govcrawl.contract.items.ReportItem"],
            }
        },
        priority="cmdline",
    )
    settings.set("GOVCRAWL_SUMMARY_STDOUT", False, priority="cmdline")  # harvest prints it at the very end
    if args.contact:
        settings.set("GOVCRAWL_CONTACT_URL", args.contact, priority="cmdline")
    if args.log_level:
        settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    if getattr(args, "allow_private_hosts", False):
        settings.set("GOVCRAWL_ALLOW_PRIVATE_HOSTS", True, priority="cmdline")
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
            for name, value in (
                ("DOWNLOAD_DELAY", 0),
                ("AUTOTHROTTLE_START_DELAY", 0.1),
                ("AUTOTHROTTLE_MAX_DELAY", 2),
                ("CONCURRENT_REQUESTS_PER_DOMAIN", 4),
                ("GOVCRAWL_RETRY_BACKOFF_BASE", 0.5),
            ):
                if settings.getpriority(name) < 40:  # -s on the command line still wins
                    settings.set(name, value, priority="project")
        from scrapy.crawler import CrawlerProcess

        process = CrawlerProcess(settings, install_root_handler=True)
        spider_args = {
            k: v
            for k, v in (
                ("province", args.province),
                ("portal", args.portal),
                ("seeds", args.seeds),
                ("years", args.years),
            )
            if v
        }
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
    print(
        f"New: {stats.get('govcrawl/reports_new', 0)}, changed: {stats.get('govcrawl/reports_changed', 0)}, "
        f"unchanged: {stats.get('govcrawl/reports_unchanged', 0)}, "
        f"failures: {sum(v for k, v in stats.items() if k.startswith('govcrawl/failures/'))}"
    )
    return 0 if stats.get("finish_reason") == "finished" else 1
