"""`govcrawl harvest` and its job record: every harvest keeps a JOBDIR; `--resume JOB` carries on
a killed or stopped one with the same job id, selection, settings, archive and output
(govcrawl/crawl/jobs.py describes the record)."""

from __future__ import annotations

import os
from pathlib import Path

from govcrawl.archive.backend import is_postgres
from govcrawl.cli.errors import EXIT_USAGE, CliError
from govcrawl.crawl.jobs import HarvestJob, JobError, jobs_dir, load_job

# Options a resumed job takes from its record; giving them with --resume is refused.
SELECTION = ("demo", "province", "portal", "seeds", "years", "output")
OPTIONS = ("contact", "max_unreached", "max_failed_ratio", "allow_private_hosts")


def _given_setting(args, name: str) -> str | None:
    values = [p.split("=", 1)[1] for p in args.set or [] if p.startswith(f"{name}=")]
    return values[-1] if values else None


def _jobs_setting(args) -> str | None:
    given = _given_setting(args, "GOVCRAWL_JOBS_DIR")
    if given is not None:
        return given
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings

    return get_project_settings().get("GOVCRAWL_JOBS_DIR")


def _archive_of(args) -> str:
    if args.archive:
        return str(args.archive)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings

    return str(get_project_settings().get("GOVCRAWL_ARCHIVE"))


def resumed_job(args) -> HarvestJob:
    """The record of job `args.resume`, its arguments put back into `args`; exit 2 when it cannot resume."""
    clash = [f"--{name.replace('_', '-')}" for name in SELECTION if getattr(args, name, None)]
    if clash:
        raise CliError(f"--resume crawls what the job was given; do not combine it with {', '.join(clash)}", EXIT_USAGE)
    try:
        job = load_job(jobs_dir(_jobs_setting(args), _archive_of(args)), args.resume)
    except JobError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    args.archive = job.archive
    args.output = job.output
    args.demo = bool(job.options.get("demo"))
    for name in ("province", "portal", "seeds", "years"):
        setattr(args, name, None if args.demo and name == "seeds" else job.spider_args.get(name))
    for name in OPTIONS:
        if getattr(args, name, None) in (None, False):
            setattr(args, name, job.options.get(name))
    args.set = [*job.settings, *(args.set or [])]  # settings given now win
    job.runs += 1
    return job


def record_job(settings, args, spider_args, job, job_id, archive, output, log_file) -> HarvestJob | None:
    """Point JOBDIR at the job's folder and write its record (state `running`); None when jobs are off."""
    if job is None:
        given = settings.get("JOBDIR")
        where = jobs_dir(settings.get("GOVCRAWL_JOBS_DIR"), archive)
        if not given and where is None:
            return None
        job = HarvestJob(
            job_id=job_id,
            jobdir=str(Path(given or where / job_id).resolve()),
            archive=archive if is_postgres(archive) else str(Path(archive).resolve()),
            output=str(output.resolve()),
            log_file=str(log_file.resolve()),
            spider_args={k: v for k, v in spider_args.items() if not (args.demo and k == "seeds")},
            settings=list(args.set or []),
            options={"demo": bool(args.demo), **{name: getattr(args, name, None) for name in OPTIONS}},
        )
    settings.set("JOBDIR", job.jobdir, priority="cmdline")
    job.state = "running"
    try:
        job.save()
    except OSError as exc:
        from govcrawl.cli.errors import EXIT_STORAGE

        raise CliError(
            f"{job.record_path}: {exc.strerror or exc} (the job folder must be writable)", EXIT_STORAGE
        ) from exc
    return job
