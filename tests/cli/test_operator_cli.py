"""The command line around a harvest: help, doctor, pipes, searches with no hits."""

import subprocess
import sys

from govcrawl.cli.main import build_parser
from tests.archive.test_export import fill_archive


def test_top_level_help_lists_every_subcommand(govcrawl):
    out = govcrawl("--help").stdout
    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(commands) == {
        "harvest",
        "enqueue",
        "worker",
        "parse",
        "seeds",
        "export",
        "history",
        "status",
        "fts",
        "cells",
        "compare",
        "scorecard",
        "doctor",
        "availability",
    }
    assert all(f"    {name}" in out for name in commands), out


def test_help_documents_the_exit_statuses(govcrawl):
    out = govcrawl("--help").stdout
    assert "3 some portals not reached" in out and "4 no portal reached" in out


def test_doctor_prints_every_check_and_the_fix_for_what_is_missing(govcrawl, tmp_path):
    proc = govcrawl("doctor", "--archive", str(tmp_path / "a.sqlite3"))
    names = ("chromium", ".doc/.wps converter", "archive", "proxy", "contact URL")
    # The placeholder contact URL is always flagged, with the command that sets it.
    assert (
        proc.returncode,
        all(f"{n}:" in proc.stdout for n in names),
        "fix: govcrawl harvest --contact" in proc.stdout,
    ) == (1, True, True)


def test_doctor_with_a_contact_url_on_this_machine_passes(govcrawl, tmp_path):
    proc = govcrawl("doctor", "--archive", str(tmp_path / "a.sqlite3"), "--contact", "https://example.org/c")
    assert proc.returncode == (0 if "MISSING" not in proc.stdout and "WARN" not in proc.stdout else 1)
    assert "checks ok" in proc.stdout


def test_output_piped_to_head_ends_quietly():
    pipe = subprocess.run(
        f"{sys.executable} -m govcrawl seeds list | head -1", shell=True, capture_output=True, text=True, timeout=120
    )
    assert (len(pipe.stdout.splitlines()), pipe.stderr) == (1, "")


def test_fts_search_without_hits_says_so(govcrawl, tmp_path):
    path = fill_archive(tmp_path / "a.sqlite3")
    proc = govcrawl("fts", "--archive", str(path), "--search", "火星基地")
    assert (proc.returncode, proc.stdout, "no report matches '火星基地'" in proc.stderr) == (0, "", True)
