import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"  # the one fixtures tree, shared by every test folder


def run_crawl(seeds_path, archive_path, proxy_url, *extra, timeout=300):
    """Run `scrapy crawl annual_reports` as a real Scrapy process against the simulator."""
    env = dict(
        os.environ,
        http_proxy=proxy_url,
        HTTP_PROXY=proxy_url,
        https_proxy=proxy_url,
        HTTPS_PROXY=proxy_url,
        no_proxy="",
        NO_PROXY="",
    )
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "annual_reports",
        "-a",
        f"seeds={seeds_path}",
        "-s",
        f"GOVCRAWL_ARCHIVE={archive_path}",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s",
        "DOWNLOAD_TIMEOUT=20",
        *extra,
    ]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"crawl failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}")
    return proc


@pytest.fixture(scope="session")
def repo_root():
    return REPO


CHROMIUM = "/usr/bin/chromium"


def require_chromium():
    """Fail in CI (GOVCRAWL_REQUIRE_SERVICES=1) when Chromium is missing; skip, with the reason, elsewhere."""
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
            pytest.fail(f"Chromium is required (GOVCRAWL_REQUIRE_SERVICES=1) but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser-rendered portals need it")


REDIS_URL = os.environ.get("GOVCRAWL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require_redis():
    """A client of the machine's real Redis; fails in CI (GOVCRAWL_REQUIRE_SERVICES=1) when it or
    redis-py is missing, skips with the reason elsewhere. Never a mock."""
    reason = None
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
        client.ping()
        return client
    except ImportError:
        reason = "redis-py is not installed (pip install -e '.[test]')"
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server
        reason = f"Redis at {REDIS_URL} is not reachable: {exc}"
    if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (GOVCRAWL_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def write_seeds(sim, directory, *, home_only=False):
    """The simulator's portals as a seed file in `directory`, for `-a seeds=`."""
    import json

    path = directory / "seeds.json"
    path.write_text(json.dumps(sim.seeds(home_only=home_only), ensure_ascii=False), "utf-8")
    return path
