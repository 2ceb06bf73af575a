"""Storage that fails loudly, end to end: `govcrawl harvest --demo` (and `scrapy crawl`) against an
archive that is full, read-only, garbage or another application's, a WARC folder that goes away
mid-run, a file-size limit, a lock held by another process, `govcrawl fts` meanwhile, and kill -9.

Each harvest either stores everything or stops with exit status 5 and one line on stderr,
records why in `crawl_runs` when the archive can take it, and never says `finished` or prints a
traceback."""

import hashlib
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from govsim import REPORT_KINDS, Simulator, demo_world
from tests.conftest import REPO

pytestmark = pytest.mark.crawl

EXIT_STORAGE = 5


def demo_counts():
    pages = [m for m in Simulator(demo_world()).manifest() if m["kind"] in REPORT_KINDS]
    return sum(1 for m in pages if not m["same_as"]), len(pages)  # reports, feed lines


def harvest_cmd(archive, *settings):
    cmd = [sys.executable, "-m", "govcrawl", "harvest", "--demo", "--archive", str(archive)]
    for setting in settings:
        cmd += ["-s", setting]
    return cmd


def harvest(archive, *settings, timeout=300, **kwargs):
    return subprocess.run(
        harvest_cmd(archive, *settings), cwd=archive.parent, capture_output=True, text=True, timeout=timeout, **kwargs
    )


def query(archive, sql):
    db = sqlite3.connect(f"{archive.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def logs_of(archive):
    return "".join(p.read_text("utf-8") for p in (archive.parent / "logs").glob("*.log"))


def feed_lines(archive):
    return sum(len(p.read_text("utf-8").splitlines()) for p in archive.parent.glob("reports-*.jsonl"))


def strip_media_tracebacks(log):
    """The log without the traceback blocks of scrapy.pipelines.media errors."""
    return re.sub(
        r"^\S+ \S+ \[scrapy\.pipelines\.media\] ERROR:.*?(?=^\d{4}-\d\d-\d\d |\Z)", "", log, flags=re.M | re.S
    )


def assert_stopped_loudly(proc, archive, why, *, may_be_unrecorded=False):
    """Exit 5, one clear line on stderr, no traceback, never 'finished'; the run recorded with its reason."""
    assert proc.returncode == EXIT_STORAGE, proc.stdout[-2000:] + proc.stderr[-4000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and re.match(rf"govcrawl: error: storage failed: .*{why}", lines[0]), proc.stderr
    log = logs_of(archive)
    for text in (proc.stdout, proc.stderr):
        assert "Traceback" not in text and "CRITICAL" not in text
    # The log has no CRITICAL and no unhandled error. (Scrapy's MediaPipeline logs every failed
    # attachment with its traceback, the storage stop's "not stored" ones included.)
    assert "CRITICAL" not in log and "Unhandled error" not in log
    assert not re.search(r"^Traceback", strip_media_tracebacks(log), re.M)
    assert " finished (" not in proc.stdout and "stopped (storage_failed)" in proc.stdout
    ((reason, verdict),) = query(archive, "SELECT reason, verdict FROM crawl_runs")
    if reason == "running" and may_be_unrecorded:  # the disk took not even the run's own row
        assert "The run could not be recorded in the archive" in log
        return log
    verdict = json.loads(verdict)
    assert (reason, verdict["word"]) == ("storage_failed", "interrupted")
    assert re.search(f"storage failed: .*{why}", verdict["message"])
    return log


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wait_for(condition, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if condition():
                return
        except sqlite3.OperationalError:  # no archive (or table) yet
            pass
        time.sleep(0.02)
    raise AssertionError("the harvest ended (or hung) before the moment waited for")


def wait_for_running(archive, process):
    wait_for(lambda: query(archive, "SELECT 1 FROM crawl_runs WHERE reason = 'running'"), process)


# --- refused before crawling ------------------------------------------------------------------
def foreign_db(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO notes(body) VALUES ('not govcrawl''s')")
    db.close()


def garbage(path):
    path.write_bytes(b"PK\x03\x04" + os.urandom(8000))


@pytest.mark.parametrize(
    "make, why",
    [(garbage, "not a SQLite database"), (foreign_db, r"another application's SQLite database \(tables: notes\)")],
)
def test_a_foreign_file_at_the_archive_path_is_refused_untouched(tmp_path, make, why):
    archive = tmp_path / "archive.sqlite3"
    make(archive)
    before = sha(archive)
    proc = harvest(archive)
    assert proc.returncode == EXIT_STORAGE
    assert re.fullmatch(rf"govcrawl: error: {archive}: {why}.*", proc.stderr.strip())
    scrapy = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "annual_reports",
            "-a",
            "portal=330100",
            "-s",
            f"GOVCRAWL_ARCHIVE={archive}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert scrapy.returncode == EXIT_STORAGE and "Traceback" not in scrapy.stderr
    assert re.search(f"govcrawl: error: {archive}: {why}", scrapy.stderr.strip().splitlines()[-1])
    assert sha(archive) == before
    assert not list(tmp_path.glob("archive.sqlite3-*")) and not (tmp_path / "logs").exists()


def read_only_run(folder, cmd):
    """Run cmd with `folder` read-only: a read-only bind mount for root (chmod does not stop root)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        for p in folder.iterdir():
            p.chmod(0o444)
        try:
            return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=300)
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: cannot make a read-only path")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(folder), *cmd],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "mount:" in proc.stderr or "unshare:" in proc.stderr:
        pytest.skip(f"cannot make a read-only mount here: {proc.stderr.strip()}")
    return proc


def test_a_read_only_archive_is_refused_before_crawling(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    archive = folder / "archive.sqlite3"
    proc = harvest(archive, "GOVCRAWL_ARCHIVE_MAX_BYTES=0")  # a first, complete harvest
    assert proc.returncode == 0, proc.stderr
    before = sha(archive)
    proc = read_only_run(folder, harvest_cmd(archive))
    assert proc.returncode == EXIT_STORAGE, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govcrawl: error: ") and "Traceback" not in proc.stderr
    assert re.search("(not writable|read-only|readonly)", lines[0], re.I)
    assert sha(archive) == before


# --- full disks -------------------------------------------------------------------------------
def test_a_full_archive_stops_the_harvest_and_says_why(tmp_path):
    archive = tmp_path / "archive.sqlite3"
    present, _ = demo_counts()
    proc = harvest(archive, "GOVCRAWL_ARCHIVE_MAX_BYTES=400000")  # SQLite's max_page_count: a full disk
    assert_stopped_loudly(proc, archive, "database or disk is full")
    ((stored,),) = query(archive, "SELECT COUNT(*) FROM reports")
    assert 0 < stored < present
    assert feed_lines(archive) == stored + int(re.search(r"linked: (\d+)", proc.stdout).group(1))


def limit_file_size(limit):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ: writes get EFBIG

    return apply


def test_a_file_size_limit_stops_the_harvest_and_says_why(tmp_path):
    """A real write refused by the OS (RLIMIT_FSIZE → EFBIG), as on a full disk."""
    archive = tmp_path / "archive.sqlite3"
    proc = harvest(archive, "LOG_LEVEL=WARNING", preexec_fn=limit_file_size(250_000))
    log = assert_stopped_loudly(proc, archive, "(disk I/O error|full|File too large)", may_be_unrecorded=True)
    assert "storage failed" in log


def test_a_warc_folder_gone_mid_run_stops_the_harvest(tmp_path):
    archive = tmp_path / "archive.sqlite3"
    warc = tmp_path / "warc"
    # Every exchange opens a new WARC file, so the folder is needed all along.
    process = subprocess.Popen(
        harvest_cmd(archive, "GOVCRAWL_WARC_MAX_BYTES=1"),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: query(archive, "SELECT COUNT(*) FROM reports")[0][0] > 0, process)  # a report stored
    warc.rename(tmp_path / "warc-moved")
    warc.write_text("the WARC folder was replaced by a file\n")
    out, err = process.communicate(timeout=300)
    proc = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    assert_stopped_loudly(proc, archive, f"WARC {warc}: Not a directory")
    ((stored,),) = query(archive, "SELECT COUNT(*) FROM reports")
    assert stored > 0


# --- locks and other processes ----------------------------------------------------------------
HOLD_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
db.execute("BEGIN IMMEDIATE")
print(time.time(), flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
print(time.time(), flush=True)
"""


def test_a_lock_held_by_another_process_and_fts_meanwhile_lose_nothing(tmp_path):
    archive = tmp_path / "archive.sqlite3"
    present, lines = demo_counts()
    process = subprocess.Popen(
        harvest_cmd(archive, "GOVCRAWL_ARCHIVE_BUSY_TIMEOUT=0.5", "GOVCRAWL_ARCHIVE_WRITE_RETRIES=100")
        + ["--log-level", "DEBUG"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    wait_for_running(archive, process)
    holder = subprocess.run(
        [sys.executable, "-c", HOLD_LOCK, str(archive), "4"], capture_output=True, text=True, timeout=120
    )
    locked_from, locked_until = (float(x) for x in holder.stdout.split())
    fts = []
    while process.poll() is None:  # the search index rebuilt again and again while the harvest writes
        fts.append(
            subprocess.run(
                [sys.executable, "-m", "govcrawl", "fts", "--archive", str(archive)],
                capture_output=True,
                text=True,
                timeout=120,
            ).returncode
        )
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0, out[-3000:]
    assert query(archive, "SELECT COUNT(*) FROM reports") == [(present,)]
    assert feed_lines(archive) == lines
    assert fts and set(fts) == {0}
    log = logs_of(archive)
    assert "archive locked by another process; retry" in log
    # Downloads went on while the archive was locked.
    crawled = [
        datetime.strptime(m, "%Y-%m-%d %H:%M:%S").timestamp()
        for m in re.findall(r"^(\S+ \S+) \[scrapy\.core\.engine\] DEBUG: Crawled \(", log, re.M)
    ]
    assert any(locked_from + 1 <= t <= locked_until - 1 for t in crawled), (locked_from, locked_until, crawled)


# --- kill -9 ----------------------------------------------------------------------------------
def test_a_killed_harvest_is_interrupted_in_status_and_at_the_next_start(tmp_path):
    archive = tmp_path / "archive.sqlite3"
    process = subprocess.Popen(
        harvest_cmd(archive, "DOWNLOAD_DELAY=1", "CONCURRENT_REQUESTS_PER_DOMAIN=1"),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the crawl, its parse workers
    )
    wait_for_running(archive, process)
    time.sleep(1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(30)
    ((killed,),) = query(archive, "SELECT job_id FROM crawl_runs WHERE reason = 'running'")
    status = subprocess.run(
        [sys.executable, "-m", "govcrawl", "status", "--archive", str(archive)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 0
    assert f"latest: {killed} finished ? (interrupted)" in status.stdout
    assert "verdict: interrupted: the job ended without recording its finish" in status.stdout
    proc = harvest(archive)
    assert proc.returncode == 0, proc.stderr
    runs = dict(query(archive, "SELECT job_id, reason FROM crawl_runs"))
    assert runs.pop(killed) == "interrupted" and list(runs.values()) == ["finished"]


def test_storage_settings_are_documented():
    readme = (REPO / "README.md").read_text("utf-8")
    settings_doc = (REPO / "docs" / "settings.md").read_text("utf-8")
    for name in ("GOVCRAWL_ARCHIVE_BUSY_TIMEOUT", "GOVCRAWL_ARCHIVE_WRITE_RETRIES", "GOVCRAWL_ARCHIVE_MAX_BYTES"):
        assert name in readme and name in settings_doc
    assert re.search(r"^\s*\| 5 \| .*storage", readme, re.M)
    assert Path(REPO / "govcrawl" / "archive" / "writer_thread.py").is_file()


# --- Scrapy's real finish reason ------------------------------------------------------------------
def test_crawl_runs_keeps_scrapys_real_finish_reason(tmp_path):
    archive = tmp_path / "archive.sqlite3"
    proc = harvest(archive, "CLOSESPIDER_TIMEOUT=2", "DOWNLOAD_DELAY=1", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    ((reason, verdict),) = query(archive, "SELECT reason, verdict FROM crawl_runs")
    assert (proc.returncode, reason, json.loads(verdict)["word"]) == (1, "closespider_timeout", "interrupted")
    assert "stopped (closespider_timeout)" in proc.stdout


def test_a_harvest_stopped_with_ctrl_c_is_recorded_as_shutdown(tmp_path):
    archive = tmp_path / "archive.sqlite3"
    process = subprocess.Popen(
        harvest_cmd(archive, "DOWNLOAD_DELAY=1", "CONCURRENT_REQUESTS_PER_DOMAIN=1"),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_running(archive, process)
    time.sleep(2)  # crawling
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=120)
    ((reason, verdict),) = query(archive, "SELECT reason, verdict FROM crawl_runs")
    assert (reason, json.loads(verdict)["word"]) == ("shutdown", "interrupted")
    assert process.returncode != 0 and "stopped (shutdown)" in out
