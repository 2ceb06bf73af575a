"""govcrawl under scrapyd, exactly the steps docs/service.md ("The demo under scrapyd, end to
end") shows: start the simulator (`python -m govsim`), start scrapyd on a non-default port with
http_proxy pointing at it, build the egg (leaving nothing behind in the checkout), deploy it to the
default target through GOVCRAWL_SCRAPYD_URL, schedule a crawl with the simulator's seeds, watch
listjobs until it finishes, read the verdict on the log's last line and the archive with
`govcrawl status`.

scrapyd runs each job in a subprocess that inherits scrapyd's environment. It runs from a
temporary directory without PYTHONPATH, so the crawl can only import govcrawl from the deployed egg.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

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
PACKAGED = ("scrapy.cfg", "setup.py", "pyproject.toml", "README.md", "govcrawl", "spiders", "pipelines", "seeds")


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


def copy_project(dest: Path) -> Path:
    """The files the egg is built from, as in the checkout (the repo stays untouched)."""
    dest.mkdir()
    for name in PACKAGED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def tree(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*") if "__pycache__" not in p.parts}


def wait_for(predicate, timeout: float, what: str, interval: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def scrapyd_up(url: str) -> bool:
    try:
        return http().get(url + "daemonstatus.json", timeout=2).json().get("status") == "ok"
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scrapyd")
    # 1. The simulator: python -m govsim --port 8899 --seeds-out demo-seeds.json
    sim_port, port = free_port(), free_port()
    seeds, manifest = tmp / "demo-seeds.json", tmp / "manifest.json"
    sim_log = open(tmp / "govsim.out", "wb")
    sim = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "govsim",
            "--port",
            str(sim_port),
            "--seeds-out",
            str(seeds),
            "--manifest-out",
            str(manifest),
        ],
        cwd=REPO,
        stdout=sim_log,
        stderr=subprocess.STDOUT,
        env=clean_env(PYTHONPATH=str(REPO)),
    )
    proxy = f"http://127.0.0.1:{sim_port}"
    # 2. scrapyd on a non-default port, its jobs reaching the portals through the simulator.
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
    log = open(tmp / "scrapyd.out", "wb")
    daemon = subprocess.Popen(
        [str(BIN / "scrapyd")],
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=clean_env(http_proxy=proxy, HTTP_PROXY=proxy, no_proxy="", NO_PROXY=""),
    )
    try:
        wait_for(lambda: sim.poll() is not None or manifest.exists(), 30, "the simulator to start")
        wait_for(lambda: daemon.poll() is not None or scrapyd_up(url), 30, "scrapyd to start")
        assert daemon.poll() is None, (tmp / "scrapyd.out").read_text("utf-8", "replace")

        # 3. Build the egg (the checkout is left as it was), then deploy to the default target.
        project = copy_project(tmp / "project")
        before = tree(project)
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
        left_behind = tree(project) - before
        deploy = subprocess.run(
            [str(BIN / "scrapyd-deploy"), "--version", "1"],
            cwd=project,
            env=clean_env(GOVCRAWL_SCRAPYD_URL=url),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert deploy.returncode == 0, deploy.stdout + deploy.stderr

        # 4. Schedule a crawl of the simulator's portals.
        archive = tmp / "demo" / "archive.sqlite3"
        settings = {
            "GOVCRAWL_ARCHIVE": str(archive),
            "DOWNLOAD_DELAY": "0",
            "GOVCRAWL_CONTACT_URL": "https://example.org/contact",
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

        # 5. Watch until it finishes.
        def finished():
            jobs = http().get(url + "listjobs.json", params={"project": "govcrawl"}, timeout=5).json()
            return next((j for j in jobs.get("finished", []) if j["id"] == job), None)

        done = wait_for(finished, 120, f"job {job} to finish", interval=0.5)
        spiders = http().get(url + "listspiders.json", params={"project": "govcrawl"}, timeout=30).json()
        job_log = http().get(f"{url}logs/govcrawl/annual_reports/{job}.log", timeout=10).text
    finally:
        daemon.terminate()
        daemon.wait(10)
        sim.terminate()
        sim.wait(10)
        log.close()
        sim_log.close()
    # 6. Read the archive.
    status = subprocess.run(
        [sys.executable, "-m", "govcrawl", "status", "--archive", str(archive)],
        cwd=tmp,
        env=clean_env(PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    from govsim import REPORT_KINDS

    report_urls = {m["url"] for m in json.loads(manifest.read_text("utf-8")) if m["kind"] in REPORT_KINDS}
    return {
        "egg": egg,
        "done": done,
        "job": job,
        "spiders": spiders,
        "archive": archive,
        "job_log": job_log,
        "report_urls": report_urls,
        "warc": archive.parent / "warc",
        "left_behind": left_behind,
        "status": status,
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


def test_building_the_egg_leaves_nothing_in_the_checkout(deployment):
    assert deployment["left_behind"] == set()


def test_the_job_log_ends_with_the_verdict(deployment):
    assert "[govcrawl.verdict] INFO: govcrawl verdict: ok: " in deployment["job_log"].rstrip().splitlines()[-1]


def test_the_stored_crawl_report_has_the_same_verdict(deployment):
    import sqlite3

    with sqlite3.connect(deployment["archive"]) as db:
        (verdict,) = db.execute("SELECT verdict FROM crawl_runs WHERE job_id = ?", (deployment["job"],)).fetchone()
    assert json.loads(verdict)["word"] == "ok"


def test_govcrawl_status_reads_the_archive(deployment):
    out = deployment["status"]
    assert (out.returncode, "verdict: ok" in out.stdout, "320813-zf" in out.stdout) == (0, True, True)
