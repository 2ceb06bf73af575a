"""Running `govcrawl enqueue` and `govcrawl worker` processes against the simulator and the real Redis."""

from __future__ import annotations

import subprocess
import sys
import uuid

from tests.conftest import REDIS_URL, REPO

# As tests/conftest.py:run_crawl: no waits between pages of the loopback simulator.
FAST = (
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "-s",
    "DOWNLOAD_TIMEOUT=20",
    "-s",
    "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
    "-s",
    "GOVCRAWL_PARSE_WORKERS=1",
)


def new_job() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def delete_job(client, job: str) -> None:
    names = list(client.scan_iter(match=f"govcrawl:{job}:*", count=1000))
    if names:
        client.delete(*names)


def govcrawl(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "govcrawl", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )


def enqueue(job: str, seeds, archive, env: dict, *extra: str) -> subprocess.CompletedProcess:
    return govcrawl(
        "enqueue", "--redis", REDIS_URL, "--job", job, "--seeds", str(seeds), "--archive", str(archive), *extra, env=env
    )


def start_worker(job: str, archive, env: dict, *extra: str, idle_exit: float = 3) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "govcrawl",
        "worker",
        "--redis",
        REDIS_URL,
        "--job",
        job,
        "--archive",
        str(archive),
        "--idle-exit",
        str(idle_exit),
        *FAST,
        *extra,
    ]
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(workers: list[subprocess.Popen], timeout: float = 150) -> list[tuple[int, str, str]]:
    done = []
    for proc in workers:
        out, err = proc.communicate(timeout=timeout)
        done.append((proc.returncode, out, err))
    return done
