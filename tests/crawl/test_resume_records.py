"""The pieces of `harvest --resume` that need no crawl: the job record, the refusals, and the
JSON Lines output a killed job leaves behind (cut line, lines already written)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govcrawl.cli.main import main
from govcrawl.contract.items import ReportItem
from govcrawl.crawl.jobs import FINISHED, RUNNING, STOPPED, HarvestJob, JobError, jobs_dir, load_job
from govcrawl.crawl.resume import RUNNING_MARKER
from govcrawl.crawl.resume_feed import FlushedFileFeedStorage, ResumedFeedFilter, cut_half_line


def job(tmp_path, state=RUNNING, job_id="J1"):
    record = HarvestJob(
        job_id=job_id,
        jobdir=str(tmp_path / "jobs" / job_id),
        archive=str(tmp_path / "archive.sqlite3"),
        output=str(tmp_path / "out.jsonl"),
        log_file=str(tmp_path / "log"),
        spider_args={"province": "33"},
        state=state,
    )
    record.save()
    return record


def test_jobs_dir_is_next_to_the_archive_or_off(tmp_path):
    assert jobs_dir("auto", tmp_path / "a.sqlite3") == tmp_path / "jobs"
    assert jobs_dir("", tmp_path / "a.sqlite3") is None
    assert jobs_dir("/srv/jobs", tmp_path / "a.sqlite3") == Path("/srv/jobs")


@pytest.mark.parametrize("state", [RUNNING, STOPPED])
def test_a_killed_or_stopped_job_loads_by_id_or_folder(tmp_path, state):
    saved = job(tmp_path, state)
    assert load_job(tmp_path / "jobs", "J1").spider_args == {"province": "33"}
    assert load_job(None, saved.jobdir).job_id == "J1"


def test_unknown_finished_and_running_jobs_are_refused(tmp_path):
    with pytest.raises(JobError, match="no harvest job 'J9'"):
        load_job(tmp_path / "jobs", "J9")
    job(tmp_path, FINISHED, "J2")
    with pytest.raises(JobError, match="already finished"):
        load_job(tmp_path / "jobs", "J2")
    running = job(tmp_path, RUNNING, "J3")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / "jobs" / "J3" / RUNNING_MARKER).write_text(str(sleeper.pid))
        with pytest.raises(JobError, match=f"still running \\(pid {sleeper.pid}\\)"):
            load_job(tmp_path / "jobs", running.job_id)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert load_job(tmp_path / "jobs", "J3").job_id == "J3"  # its process is gone: resumable


def test_harvest_resume_refusals_exit_2(tmp_path, capsys):
    job(tmp_path, FINISHED, "J2")
    archive = str(tmp_path / "archive.sqlite3")
    for args, message in (
        (["--resume", "J9", "--archive", archive], "no harvest job"),
        (["--resume", "J2", "--archive", archive], "already finished"),
        (["--resume", "J2", "--archive", archive, "--province", "33"], "do not combine it with --province"),
    ):
        status = main(["harvest", *args])
        err = capsys.readouterr().err
        assert status == 2, err
        assert message in err


def test_a_half_written_last_line_is_cut(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ' + b"x" * 100_000)
    assert cut_half_line(path) == len(b'{"c": ') + 100_000
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert cut_half_line(path) == 0
    whole = tmp_path / "one.jsonl"
    whole.write_bytes(b'{"c": 3')
    assert cut_half_line(whole) == 7 and whole.read_bytes() == b""


def item(key, url):
    return ReportItem(report_key=key, provenance={"url": url}, title="t")


def test_a_resumed_feed_skips_the_reports_already_written_once(tmp_path):
    path = tmp_path / "out.jsonl"
    lines = [
        {"report_key": "k1", "provenance": {"url": "http://a/1"}},
        {"report_key": "k2", "provenance": {"url": "u2"}},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + '{"report_key": "k3", "prov')
    options = {
        "item_classes": ["govcrawl.contract.items.ReportItem"],
        "govcrawl_resume": True,
        "govcrawl_path": str(path),
    }
    feed_filter = ResumedFeedFilter(options)
    assert path.read_text().endswith("}\n")  # the cut line is gone
    assert not feed_filter.accepts(item("k1", "http://a/1"))
    assert feed_filter.accepts(item("k1", "http://a/1"))  # a second one is the crawl's own
    assert feed_filter.accepts(item("k3", "u3"))  # the half-written report is written again, whole
    assert feed_filter.accepts(item("k2", "other"))
    assert not feed_filter.accepts({"report_key": "k9"})  # not a ReportItem
    fresh = ResumedFeedFilter({**options, "govcrawl_resume": False})
    assert fresh.accepts(item("k2", "u2"))


def test_feed_lines_reach_the_file_at_once(tmp_path):
    storage = FlushedFileFeedStorage(str(tmp_path / "sub" / "out.jsonl"))
    f = storage.open(None)
    f.write(b'{"a": 1}\n')
    assert (tmp_path / "sub" / "out.jsonl").read_bytes() == b'{"a": 1}\n'  # not in a buffer
    storage.store(f)


def synced_files(monkeypatch) -> list[str]:
    """The paths os.fsync is called on (the real fsync still runs)."""
    synced, real = [], os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), real(fd))[1])
    return synced


def test_the_output_is_synced_to_disk_when_the_feed_closes(tmp_path, monkeypatch):
    synced = synced_files(monkeypatch)
    storage = FlushedFileFeedStorage(str(tmp_path / "out.jsonl"))
    f = storage.open(None)
    f.write(b'{"a": 1}\n')
    storage.store(f)
    assert (synced, f.closed) == ([str(tmp_path / "out.jsonl")], True)


def test_a_job_record_and_its_rename_are_synced(tmp_path, monkeypatch):
    synced = synced_files(monkeypatch)
    job(tmp_path)
    folder = tmp_path / "jobs" / "J1"
    assert synced == [str(folder / "harvest.tmp"), str(folder)]


def test_a_finished_job_keeps_only_its_record(tmp_path):
    record = job(tmp_path)
    folder = tmp_path / "jobs" / "J1"
    (folder / "requests.done").write_bytes(b"\x00\x01x")
    (folder / "requests.queue").mkdir()
    (folder / "requests.queue" / "active.json").write_text("[]")
    record.close("shutdown")
    assert (folder / "requests.done").exists() and load_job(tmp_path / "jobs", "J1").state == STOPPED
    record.close("finished")
    assert [p.name for p in folder.iterdir()] == ["harvest.json"]
