"""Harvest jobs on disk, so `govcrawl harvest --resume JOB` can carry on a killed one.

Every `govcrawl harvest` keeps its Scrapy JOBDIR in `jobs/<job>/` next to the archive
(`GOVCRAWL_JOBS_DIR`; empty turns it off). Beside Scrapy's files (request queue, the
`requests.done` of govcrawl.crawl.resume) the job writes `harvest.json`: what it was asked to
crawl (spider arguments, `-s` settings, the archive, the JSON Lines output, the log) and its
state:

- `running`: written at start; a job killed with `-9` stays in this state;
- `stopped`: the crawl closed for another reason than `finished` (Ctrl-C, a storage failure,
  an error): it can be resumed;
- `finished`: the crawl went to its end; there is nothing to resume (Scrapy's files are removed,
  the record is kept).

`--resume JOB` reads the record back and runs the same crawl with the same job id, archive,
output (appended to) and JOBDIR.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RECORD_FILE = "harvest.json"
RUNNING, STOPPED, FINISHED = "running", "stopped", "finished"


class JobError(Exception):
    """A job that cannot be resumed (unknown, finished, or still running)."""


@dataclass
class HarvestJob:
    job_id: str
    jobdir: str
    archive: str
    output: str
    log_file: str
    spider_args: dict[str, str] = field(default_factory=dict)
    settings: list[str] = field(default_factory=list)  # the `-s NAME=VALUE` pairs, in order
    options: dict[str, Any] = field(default_factory=dict)  # demo, contact, thresholds …
    state: str = RUNNING
    finish_reason: str | None = None
    runs: int = 1  # 1 for the first run, +1 for each resume

    @property
    def record_path(self) -> Path:
        return Path(self.jobdir) / RECORD_FILE

    def save(self) -> None:
        """Write the record atomically and durably (a kill or a power cut never leaves half a record)."""
        path = self.record_path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            f.write(json.dumps(asdict(self), ensure_ascii=False, indent=1))
            f.flush()
            os.fsync(f.fileno())  # the new record is on disk before it replaces the old one
        os.replace(tmp, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)  # and so is the rename
        finally:
            os.close(directory)

    def close(self, finish_reason: str | None) -> None:
        self.finish_reason = finish_reason
        self.state = FINISHED if finish_reason == "finished" else STOPPED
        self.save()
        if self.state == FINISHED:
            # Nothing to resume: Scrapy's files go (fingerprints, an empty queue), the record stays.
            for entry in Path(self.jobdir).iterdir():
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                elif entry.name != RECORD_FILE:
                    entry.unlink(missing_ok=True)


def jobs_dir(setting: str | None, archive: str | Path) -> Path | None:
    """Where harvest jobs live: `"auto"` = `jobs/` next to the archive (`data/jobs` for a
    postgresql:// archive); empty = nowhere."""
    from govcrawl.archive.backend import local_folder

    if setting in (None, "", "None", "none"):
        return None
    return local_folder(archive) / "jobs" if setting == "auto" else Path(setting)


def _running_pid(jobdir: Path) -> int | None:
    """The pid in the JOBDIR's running marker, if that process is alive."""
    from govcrawl.crawl.resume import RUNNING_MARKER

    try:
        pid = int((jobdir / RUNNING_MARKER).read_text("utf-8").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid if pid != os.getpid() else None


def load_job(jobs: Path | None, job: str) -> HarvestJob:
    """The record of a job that can be resumed: `job` is a job id (under `jobs`) or a job folder."""
    candidates = [Path(job)] if os.sep in job else []
    if jobs is not None:
        candidates.append(jobs / job)
    path = next((c / RECORD_FILE for c in candidates if (c / RECORD_FILE).is_file()), None)
    if path is None:
        where = jobs if jobs is not None else "(GOVCRAWL_JOBS_DIR is off)"
        raise JobError(f"no harvest job {job!r} in {where} (give --archive of the job's archive, or the job folder)")
    try:
        record = HarvestJob(**json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise JobError(f"{path}: not a readable harvest job record ({exc})") from exc
    record.jobdir = str(path.parent)
    if record.state == FINISHED:
        raise JobError(f"job {record.job_id} already finished ({record.finish_reason}): nothing to resume")
    pid = _running_pid(path.parent)
    if pid is not None:
        raise JobError(f"job {record.job_id} is still running (pid {pid})")
    return record
