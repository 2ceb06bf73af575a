import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: a few dozen generated examples each in the everyday run, hundreds with
# HYPOTHESIS_PROFILE=thorough. No deadline: a loaded CI machine is not a failed property.
settings.register_profile("default", max_examples=25, deadline=None)
settings.register_profile("thorough", max_examples=400, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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


def write_seeds(sim, directory, *, home_only=False):
    """The simulator's portals as a seed file in `directory`, for `-a seeds=`."""
    import json

    path = directory / "seeds.json"
    path.write_text(json.dumps(sim.seeds(home_only=home_only), ensure_ascii=False), "utf-8")
    return path
