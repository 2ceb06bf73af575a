"""`govcrawl enqueue` and `govcrawl worker`: one crawl shared by workers on any machines, through Redis.

    govcrawl enqueue --province 浙江 --redis redis://queue-host:6379/0 [--job NAME]
    govcrawl worker --redis redis://queue-host:6379/0 [--job NAME] [--archive …]   # on each machine

`enqueue` validates the seeds as `harvest` does (bad input: exit 2, nothing pushed) and pushes the
job's start requests once. A worker pulls until the job has had nothing queued and nothing in
flight for `--idle-exit` seconds, then prints the job's per-portal summary and verdict and exits
with the verdict's status (as harvest). A worker started on a job nothing was enqueued under exits
2 without crawling: "nothing to do" is not an `ok` crawl. `harvest --redis URL` enqueues and runs
one worker. The machinery is govcrawl.crawl.distributed.
"""

from __future__ import annotations

import argparse
import logging

from govcrawl.cli.errors import EXIT_FAILED, EXIT_USAGE, CliError
from govcrawl.cli.harvest import (
    add_selection_options,
    check_selection,
    console_handler,
    console_level,
    crawl_settings,
    preflight,
    report,
    start_demo,
)

DEFAULT_JOB = "default"


def add_redis_options(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "--redis", required=required, metavar="URL", help="the job's Redis, e.g. redis://127.0.0.1:6379/0"
    )
    parser.add_argument(
        "--job", default=None, help=f"the job's name: its Redis keys are govcrawl:<job>:* (default {DEFAULT_JOB!r})"
    )


def add_distributed_commands(sub) -> None:
    e = sub.add_parser(
        "enqueue",
        help="push a distributed job's start requests into Redis",
        description="Validate the seeds as harvest does and push the job's start requests into Redis, once: "
        "enqueueing the same seeds again adds nothing.",
    )
    add_redis_options(e)
    add_selection_options(e)
    e.add_argument("--archive", help="archive whose stored columns the job starts from (default: GOVCRAWL_ARCHIVE)")
    e.add_argument("--reset", action="store_true", help="delete the job's queue, plan and counters first")
    e.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="override a Scrapy setting")
    e.set_defaults(func=cmd_enqueue)

    w = sub.add_parser(
        "worker",
        help="crawl from a distributed job's Redis queue until it is drained",
        description="Pull requests from the job's Redis queue into the archive until nothing is queued or in "
        "flight for --idle-exit seconds; prints the job's summary and verdict (exit status as harvest).",
    )
    add_redis_options(w)
    w.add_argument("--idle-exit", type=float, metavar="SECONDS", help="setting GOVCRAWL_REDIS_IDLE_EXIT (default 10)")
    add_crawl_options(w)
    w.set_defaults(func=cmd_worker)


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    """The options of harvest a worker shares (archive, output, log, thresholds, -s)."""
    parser.add_argument("--archive", help="archive (default: setting GOVCRAWL_ARCHIVE, data/archive.sqlite3)")
    parser.add_argument("--output", help="JSON Lines output (default: reports-<job>.jsonl next to the archive)")
    parser.add_argument("--contact", help="contact URL sent in the User-Agent")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the Scrapy log (INFO) on the console")
    parser.add_argument("--log-level", help="show the Scrapy log on the console from this level")
    parser.add_argument("--max-unreached", type=int, metavar="N", help="as harvest")
    parser.add_argument("--max-failed-ratio", type=float, metavar="R", help="as harvest")
    parser.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="override a Scrapy setting")


def _settings(args, job_id: str):
    from govcrawl.crawl.distributed.job import distributed_settings

    for name in ("output", "contact", "verbose", "log_level", "max_unreached", "max_failed_ratio"):
        if not hasattr(args, name):
            setattr(args, name, None)
    settings, archive, output, log_file = crawl_settings(args, job_id)
    if getattr(args, "idle_exit", None) is not None:
        settings.set("GOVCRAWL_REDIS_IDLE_EXIT", args.idle_exit, priority="cmdline")
    job = args.job or settings.get("GOVCRAWL_REDIS_JOB") or DEFAULT_JOB
    try:
        distributed_settings(settings, args.redis, job)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    return settings, archive, output, log_file


def _redis_errors():
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


# --- enqueue ------------------------------------------------------------------------------------
def cmd_enqueue(args) -> int:
    from govcrawl.crawl.distributed.enqueue import enqueue
    from govcrawl.crawl.distributed.job import delete_job, job_of
    from govcrawl.process.provenance import new_job_id

    portals = check_selection(args)  # exactly harvest's validation: bad seed input exits 2, nothing pushed
    settings, *_ = _settings(args, new_job_id())
    spider_args = {k: getattr(args, k) for k in ("province", "portal", "seeds", "years") if getattr(args, k)}
    try:
        client, keys = job_of(settings)
        if args.reset:
            delete_job(client, keys)
        done = enqueue(settings, spider_args)
    except _redis_errors() as exc:
        raise CliError(f"cannot reach Redis at {args.redis}: {exc}", EXIT_FAILED) from exc
    except ValueError as exc:  # the job was enqueued with other years
        raise CliError(str(exc), EXIT_USAGE) from exc
    print(
        f"Job {keys.job!r} at {args.redis}: {len(portals)} portal(s); {done.pushed} start request(s) pushed"
        + (f", {done.already} already enqueued before" if done.already else "")
        + ".\nStart workers with: govcrawl worker --redis URL"
        + (f" --job {keys.job}" if keys.job != DEFAULT_JOB else "")
    )
    return 0


# --- worker -------------------------------------------------------------------------------------
def cmd_worker(args) -> int:
    from govcrawl.crawl.distributed.job import job_of, load_plan
    from govcrawl.process.provenance import new_job_id

    job_id = new_job_id()
    settings, archive, output, log_file = _settings(args, job_id)
    try:
        client, keys = job_of(settings)
        plan = load_plan(client, keys, job_id)
    except _redis_errors() as exc:
        raise CliError(f"cannot reach Redis at {args.redis}: {exc}", EXIT_FAILED) from exc
    if plan is None:
        raise CliError(
            f"nothing was enqueued under job {keys.job!r} at {args.redis}: run govcrawl enqueue first", EXIT_USAGE
        )
    preflight(settings, archive, list(plan.portals), demo=False)
    return run_worker(args, settings, job_id, archive, output, log_file)


def run_worker(args, settings, job_id, archive, output, log_file) -> int:
    from scrapy.crawler import CrawlerProcess

    from govcrawl.crawl.distributed.spider import WorkerSpider

    log_file.parent.mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(settings)
    level = console_level(args)
    handler = console_handler(level if level is not None else logging.ERROR, settings)
    logging.getLogger().addHandler(handler)
    try:
        crawler = process.create_crawler(WorkerSpider)
        process.crawl(crawler, _job=job_id)
        process.start()
    finally:
        logging.getLogger().removeHandler(handler)
    status = report(crawler, job_id, archive, output, log_file)
    own = crawler.stats.get_value("govcrawl/worker_pages") if crawler.stats else None
    if own is not None:
        print(f"This worker fetched {own} page(s); the summary and verdict above are the whole job's.")
    return status


# --- harvest --redis ------------------------------------------------------------------------------
def cmd_harvest_redis(args) -> int:
    """`harvest --redis URL`: enqueue, then crawl as one worker (more workers may join the job)."""
    from govcrawl.process.provenance import new_job_id

    simulator = start_demo(args) if args.demo else None
    try:
        # A fresh job unless named: a job's dupefilter remembers every request, so re-running a
        # finished job would crawl nothing. Other workers join it by the name printed by enqueue.
        args.job = args.job or f"harvest-{new_job_id()}"
        args.reset = False
        cmd_enqueue(args)
        args.idle_exit = None
        return cmd_worker(args)
    finally:
        if simulator:
            simulator.stop()
