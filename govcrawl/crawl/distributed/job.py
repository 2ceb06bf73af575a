"""One distributed job: its Redis keys, its plan, and the settings that make a crawl a worker of it.

Every key of a job starts with `govcrawl:<job>:` (GOVCRAWL_REDIS_JOB), so several jobs (and tests)
share one Redis without meeting. The plan (the portals and report years `govcrawl enqueue`
selected) is stored with the job, so a worker on another machine needs no seed file.
"""

from __future__ import annotations

import json

import redis

from govcrawl.crawl.plan import CrawlPlan
from govcrawl.registry import Portal, parse_years

# Added to the add-on's components when GOVCRAWL_REDIS_URL is set (govcrawl.addon.Govcrawl).
DOWNLOADER_MIDDLEWARES = {
    # Closest to the network: cached answers (900) cost the portal nothing and wait for no lease.
    "govcrawl.crawl.distributed.politeness.GlobalPolitenessMiddleware": 960,
}
EXTENSIONS = {"govcrawl.crawl.distributed.counters.JobCounters": 490}
QUEUE_CLASS = "govcrawl.crawl.distributed.queue.ReliablePriorityQueue"
SCHEDULER_CLASS = "govcrawl.crawl.distributed.scheduler.WorkerScheduler"
DUPEFILTER_CLASS = "scrapy_redis.dupefilter.RFPDupeFilter"


class JobKeys:
    def __init__(self, job: str):
        if not job or any(c in job for c in " *?[]"):
            raise ValueError(f"a Redis job name must be non-empty, without spaces or glob characters: {job!r}")
        self.job = job
        self.prefix = f"govcrawl:{job}"

    def __getattr__(self, name: str) -> str:
        # keys.requests → "govcrawl:<job>:requests"; one naming rule for every key of the job.
        if name.startswith("_"):
            raise AttributeError(name)
        return f"{self.prefix}:{name}"

    def of(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    @property
    def pattern(self) -> str:
        return f"{self.prefix}:*"


def connect(url: str) -> redis.Redis:
    client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
    client.ping()  # a wrong URL or a server that is down fails here, before anything is pushed
    return client


def job_of(settings) -> tuple[redis.Redis, JobKeys]:
    return connect(settings.get("GOVCRAWL_REDIS_URL")), JobKeys(settings.get("GOVCRAWL_REDIS_JOB"))


def distributed_settings(settings, url: str, job: str | None = None) -> None:
    """Turn `settings` into a worker's: scrapy-redis's scheduler and dupefilter on the job's keys."""
    job = job or settings.get("GOVCRAWL_REDIS_JOB")
    keys = JobKeys(job)
    for name, value in (
        ("GOVCRAWL_REDIS_URL", url),
        ("GOVCRAWL_REDIS_JOB", job),
        ("REDIS_URL", url),
        ("SCHEDULER", SCHEDULER_CLASS),
        ("SCHEDULER_QUEUE_CLASS", QUEUE_CLASS),
        ("SCHEDULER_QUEUE_KEY", keys.requests),
        ("SCHEDULER_DUPEFILTER_KEY", keys.dupefilter),
        # scrapy-redis reads the dupefilter class from DUPEFILTER_CLASS; ours (resume.py) is for JOBDIR.
        ("DUPEFILTER_CLASS", DUPEFILTER_CLASS),
        # One worker closing must never clear the shared queue and fingerprints.
        ("SCHEDULER_PERSIST", True),
        # Never block the reactor in a pop: idling is the scheduler's spider_idle handler's job.
        ("SCHEDULER_IDLE_BEFORE_CLOSE", 0),
    ):
        settings.set(name, value, priority="cmdline")
    # Per-host politeness becomes global (politeness.py): the delay and concurrency a single process
    # would keep per domain are held across workers; the local slots only keep up with them.
    delay, per_domain = settings.get("GOVCRAWL_REDIS_DOMAIN_DELAY"), settings.get("GOVCRAWL_REDIS_DOMAIN_CONCURRENCY")
    if delay in (None, ""):
        settings.set("GOVCRAWL_REDIS_DOMAIN_DELAY", settings.getfloat("DOWNLOAD_DELAY"), priority="cmdline")
    if per_domain in (None, ""):
        per_domain = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        settings.set("GOVCRAWL_REDIS_DOMAIN_CONCURRENCY", per_domain, priority="cmdline")
    local = max(int(per_domain), settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"))
    settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", local, priority="cmdline")
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
    # Availability (issue 15) is judged from everything one job saw of a portal; a worker sees only
    # its share, and the first worker to finish would record the job for all. Until sightings are
    # pooled in Redis, workers neither re-check archived reports nor record availability.
    settings.set("GOVCRAWL_RECHECK", False, priority="cmdline")
    # The global politeness middleware and the job's counters are added by the add-on
    # (govcrawl.addon) whenever GOVCRAWL_REDIS_URL is set.


# --- the plan ---------------------------------------------------------------------------------
def store_plan(client: redis.Redis, keys: JobKeys, plan: CrawlPlan, years: str | None) -> None:
    """Add the plan's portals to the job's (enqueueing again adds portals, never duplicates them)."""
    stored_years = _text(client.get(keys.years))
    wanted = years or ""
    if stored_years is not None and stored_years != wanted:
        raise ValueError(
            f"job {keys.job!r} was enqueued with years {stored_years or 'all'!r}, "
            f"not {years or 'all'!r}: use another --job"
        )
    with client.pipeline() as pipe:
        pipe.set(keys.years, wanted)
        for portal in plan.portals:
            pipe.hset(keys.portals, portal.id, json.dumps(portal.to_dict(), ensure_ascii=False))
        pipe.execute()


def load_plan(client: redis.Redis, keys: JobKeys, job_id: str) -> CrawlPlan | None:
    """The job's plan, or None when nothing was ever enqueued under it."""
    rows = client.hgetall(keys.portals)
    if not rows:
        return None
    portals = []
    for _, raw in sorted(rows.items()):
        record = json.loads(raw)
        record["start_urls"] = tuple(record["start_urls"])
        record["allowed_domains"] = tuple(record["allowed_domains"])
        portals.append(Portal(**record))
    years = _text(client.get(keys.years)) or ""
    return CrawlPlan(tuple(portals), job_id, parse_years(years) if years else None)


def _text(value) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


def delete_job(client: redis.Redis, keys: JobKeys) -> int:
    """Remove every key of the job (tests, `govcrawl enqueue --reset`)."""
    names = list(client.scan_iter(match=keys.pattern, count=1000))
    return client.delete(*names) if names else 0
