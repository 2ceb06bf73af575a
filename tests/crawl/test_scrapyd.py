"""govcrawl under scrapyd: build the egg with scrapyd-deploy, deploy it to a real scrapyd on
loopback, schedule a crawl of the simulator, and find the reports in the archive.

scrapyd runs each job in a subprocess that inherits scrapyd's environment, so scrapyd is
started with http_proxy pointing at the simulator. It runs from a temporary directory without
PYTHONPATH, so the crawl can only import govcrawl from the deployed egg.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, write_seeds

pytestmark = pytest.mark.crawl


def _import_or_skip(name: str):
    """Skip when a service package is missing; fail instead when GOVCRAWL_REQUIRE_SERVICES=1."""
    try:
        return __import__(name)
    except ImportError:
        if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
            raise
        pytest.skip(f"{name} is not installed (pip install scrapyd scrapyd-client)", allow_module_level=True)


requests = _import_or_skip("requests")
_import_or_skip("scrapyd")
_import_or_skip("scrapyd_client")

BIN = Path(sys.executable).parent
PACKAGED = ("scrapy.cfg", "pyproject.toml", "README.md", "govcrawl", "spiders", "pipelines", "seeds")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra) -> dict:
    """The test's environment without proxies or PYTHONPATH, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k.lower() not in ("http_proxy", "https_proxy", "no_proxy", "all_proxy") and k != "PYTHONPATH"
    }
    env.update(extra)
    return env


def http() -> "requests.Session":
    session = requests.Session()
    session.trust_env = False  # talk to scrapyd directly, never through a proxy
    return session


def copy_project(dest: Path, deploy_url: str) -> Path:
    """The files the egg is built from, plus a deploy target for this scrapyd (the repo stays untouched)."""
    dest.mkdir()
    for name in PACKAGED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, dest / name)
    with open(dest / "scrapy.cfg", "a", encoding="utf-8") as cfg:
        cfg.write(f"\n[deploy:test]\nurl = {deploy_url}\nproject = govcrawl\n")
    return dest


def wait_for(predicate, timeout: float, what: str, interval: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def warc_middlewares() -> str:
    """The project's downloader middlewares plus the WARC writer, as a JSON setting value."""
    from tests.crawl.test_warc_crawl import warc_settings

    return warc_settings("unused")[1].split("=", 1)[1]


def scrapyd_up(url: str) -> bool:
    try:
        return http().get(url + "daemonstatus.json", timeout=2).json().get("status") == "ok"
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    from govsim import REPORT_KINDS, Simulator, demo_world

    tmp = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    home = tmp / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
        "items_dir =\npoll_interval = 0.5\nmax_proc = 2\n",
        "utf-8",
    )
    with Simulator(demo_world(), slow_seconds=0.5) as sim:
        log = open(tmp / "scrapyd.out", "wb")
        daemon = subprocess.Popen(
            [str(BIN / "scrapyd")],
            cwd=home,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=clean_env(http_proxy=sim.proxy_url, HTTP_PROXY=sim.proxy_url, no_proxy="", NO_PROXY=""),
        )
        try:
            wait_for(lambda: daemon.poll() is not None or scrapyd_up(url), 30, "scrapyd to start")
            assert daemon.poll() is None, (tmp / "scrapyd.out").read_text("utf-8", "replace")

            project = copy_project(tmp / "project", url)
            egg = tmp / "govcrawl.egg"
            build = subprocess.run(
                [str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)],
                cwd=project,
                env=clean_env(),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert build.returncode == 0, build.stderr
            deploy = subprocess.run(
                [str(BIN / "scrapyd-deploy"), "test", "--version", "1"],
                cwd=project,
                env=clean_env(),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert deploy.returncode == 0, deploy.stdout + deploy.stderr

            seeds = write_seeds(sim, tmp)
            archive = tmp / "archive.sqlite3"
            settings = {
                "GOVCRAWL_ARCHIVE": str(archive),
                "GOVCRAWL_WARC_DIR": str(tmp / "warc"),
                "DOWNLOAD_DELAY": "0",
                "AUTOTHROTTLE_ENABLED": "False",
                "GOVCRAWL_RETRY_BACKOFF_BASE": "0.1",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
                "DOWNLOAD_TIMEOUT": "20",
                "DOWNLOADER_MIDDLEWARES": warc_middlewares(),
            }
            scheduled = (
                http()
                .post(
                    url + "schedule.json",
                    data={
                        "project": "govcrawl",
                        "spider": "annual_reports",
                        "seeds": str(seeds),
                        "setting": [f"{k}={v}" for k, v in settings.items()],
                    },
                    timeout=10,
                )
                .json()
            )
            assert scheduled.get("status") == "ok", scheduled
            job = scheduled["jobid"]

            def finished():
                jobs = http().get(url + "listjobs.json", params={"project": "govcrawl"}, timeout=5).json()
                return next((j for j in jobs.get("finished", []) if j["id"] == job), None)

            done = wait_for(finished, 90, f"job {job} to finish", interval=0.5)
            spiders = http().get(url + "listspiders.json", params={"project": "govcrawl"}, timeout=30).json()
            manifest = sim.manifest()
        finally:
            daemon.terminate()
            daemon.wait(10)
            log.close()
    job_log = home / "logs" / "govcrawl" / "annual_reports" / f"{job}.log"
    return {
        "egg": egg,
        "done": done,
        "job": job,
        "spiders": spiders,
        "archive": archive,
        "job_log": job_log.read_text("utf-8", "replace") if job_log.exists() else "",
        "report_urls": {m["url"] for m in manifest if m["kind"] in REPORT_KINDS},
        "warc": tmp / "warc",
    }


def stored_reports(archive: Path) -> list[dict]:
    from govcrawl.archive.store import Archive

    with Archive(archive) as a:
        return a.latest_records()


def test_egg_carries_the_packages_and_the_seed_registry(deployment):
    names = set(zipfile.ZipFile(deployment["egg"]).namelist())
    assert {
        "spiders/annual_reports.py",
        "pipelines/archive.py",
        "govcrawl/contract/report.schema.json",
        "seeds/zhejiang.json",
        "seeds/central.json",
        "govcrawl/registry/gazetteer.csv",
    } <= names


def test_egg_declares_the_scrapy_settings_entry_point(deployment):
    entry_points = zipfile.ZipFile(deployment["egg"]).read("EGG-INFO/entry_points.txt").decode()
    assert "settings = govcrawl.settings" in entry_points


def test_seed_registry_loads_from_the_zipped_egg(deployment, tmp_path):
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import govcrawl, seeds; "
        "from govcrawl.registry import load_registry, select_portals; "
        "assert sys.argv[1] in govcrawl.__file__, govcrawl.__file__; "
        "print(len(load_registry()), len(select_portals(load_registry(), province='浙江')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(deployment["egg"])],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    total, zhejiang = map(int, out.stdout.split())
    assert total > 1000 and zhejiang > 10


def test_scrapyd_lists_the_spider_from_the_egg(deployment):
    assert deployment["spiders"].get("spiders") == ["annual_reports"]


def test_job_finished_without_errors(deployment):
    assert "ERROR" not in deployment["job_log"] and "finish_reason': 'finished'" in deployment["job_log"]


def test_scheduled_crawl_stored_every_report(deployment):
    urls = set()
    from govcrawl.archive.store import Archive

    with Archive(deployment["archive"]) as a:
        for record in a.latest_records():
            urls.update(a.sources(record["report_key"]))
    assert deployment["report_urls"] <= urls


def test_provenance_carries_the_scrapyd_job_id(deployment):
    assert {r["provenance"]["job_id"] for r in stored_reports(deployment["archive"])} == {deployment["job"]}


def test_warc_files_are_written_by_the_scrapyd_job(deployment):
    assert list(deployment["warc"].glob("*.warc.gz"))
