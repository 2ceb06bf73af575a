import contextlib
import os
import shutil
import subprocess
import sys
import uuid
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
# The simulator's real inputs (the five sample texts, the Hongze PDF, the Chaoyang .doc) are kept
# once, in the package that serves them; tests read them there rather than from copies.
SIM_DATA = REPO / "govsim" / "data"


def proxy_env(proxy_url: str) -> dict:
    """This environment with every request sent through the simulator's proxy."""
    return dict(
        os.environ,
        http_proxy=proxy_url,
        HTTP_PROXY=proxy_url,
        https_proxy=proxy_url,
        HTTPS_PROXY=proxy_url,
        no_proxy="",
        NO_PROXY="",
    )


def run_crawl(seeds_path, archive_path, proxy_url, *extra, timeout=300):
    """Run `scrapy crawl annual_reports` as a real Scrapy process against the simulator."""
    env = proxy_env(proxy_url)
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


# --- PostgreSQL (the archive's second backend) ----------------------------------------------
# The machine's server (trust auth); tests make a database of their own from a connection to `test`.
POSTGRES_ADMIN_URL = os.environ.get("GOVCRAWL_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def require_postgres():
    """Fail in CI (GOVCRAWL_REQUIRE_SERVICES=1) when PostgreSQL or psycopg is missing; skip elsewhere."""
    try:
        import psycopg

        psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=5).close()
    except Exception as exc:  # ImportError, psycopg.OperationalError
        why = f"PostgreSQL at {POSTGRES_ADMIN_URL} is not usable ({type(exc).__name__}: {str(exc).strip()[:200]})"
        if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL is required (GOVCRAWL_REQUIRE_SERVICES=1): {why}")
        pytest.skip(why)


def postgres_url(database, schema=None):
    """The admin URL pointed at another database (and, optionally, a schema of it)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(POSTGRES_ADMIN_URL)
    query = f"options=-csearch_path%3D{schema}" if schema else ""
    return urlunsplit(parts._replace(path=f"/{database}", query=query))


@contextlib.contextmanager
def postgres_database():
    """A new database with a random name, dropped afterwards. pg_trgm is installed in pg_catalog, which
    every search path includes, so a test's own schema sees it and nothing else of the database."""
    import psycopg

    require_postgres()
    name = f"govcrawl_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(postgres_url(name), autocommit=True) as db:
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA pg_catalog")
        yield postgres_url(name)
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def postgres_db():
    """A fresh PostgreSQL database for the test module: its URL."""
    with postgres_database() as url:
        yield url


@pytest.fixture
def postgres_archive(postgres_db):
    """A postgresql:// archive target of its own for one test: a new schema in the module's database."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_db, autocommit=True) as db:
        db.execute(f'CREATE SCHEMA "{schema}"')
    yield postgres_url(postgres_db.rsplit("/", 1)[1], schema)


@pytest.fixture(params=["sqlite", "postgres"])
def archive_target(request, tmp_path):
    """An archive target on each backend: a new SQLite file path, or a postgresql:// URL."""
    if request.param == "sqlite":
        return tmp_path / "a.sqlite3"
    return request.getfixturevalue("postgres_archive")


def kill_group_when(proc, reached, *, timeout: float, what: str = "the crawl", poll: float = 0.1) -> None:
    """SIGKILL `proc`'s process group (started with start_new_session=True, so its parse workers
    die with it) once `reached()` is true; fails if it ends first or `timeout` passes."""
    import signal
    import time

    try:
        deadline = time.monotonic() + timeout
        while not reached():
            assert proc.poll() is None, f"{what} ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(poll)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def pytest_collection_modifyitems(config, items):
    """A test run on the PostgreSQL backend needs the server: it is an integration test (`crawl`),
    outside the unit suite; its SQLite twin stays in it."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        on_server = params.get("archive_target") == "postgres" or {"postgres_db", "postgres_archive"} & set(
            item.fixturenames
        )
        if on_server:
            item.add_marker(pytest.mark.crawl)


UNIT_SUITE = "not crawl"  # the README's unit-suite selection


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """`pytest -m "not crawl"` (the unit suite) runs on every core with pytest-xdist, unless `-n`
    says otherwise (`-n 0`: one process). The whole suite stays in one process: the crawl tests
    time real processes and share the machine's Redis and PostgreSQL."""
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("xdist"):
        return
    if config.option.markexpr.strip() == UNIT_SUITE and config.option.numprocesses is None:
        if (os.cpu_count() or 1) > 1:
            config.option.numprocesses = "auto"
            config.option.dist = "worksteal"  # a few tests take seconds: idle workers take their share
