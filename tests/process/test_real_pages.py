"""The parser on real pages nobody on the project wrote: tests/fixtures/real_pages (dev set).

One case per item and gold field (scoring: tests/process/real_pages_scoring.py, also used by
benchmarks/real_pages.py). Misses that remain are xfail(strict) with their reason, and listed
in the README section "Parsing real pages".
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from tests.process.real_pages_scoring import FIXTURES, cases, got_value, matches, parsed

FIXTURES_ROOT = FIXTURES.parent

# case id -> why it is still missed (keep in step with the README section "Parsing real pages").
# Empty: every gold field of the dev set is right. A regression shows up as a plain failure.
KNOWN_MISSES: dict[str, str] = {}


def _params():
    out = []
    for case in cases():
        marks = []
        if case.id in KNOWN_MISSES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case.id]))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


@pytest.mark.parametrize("case", _params())
def test_gold_field(case):
    got = got_value(parsed(case.item), case.field, case.key)
    assert matches(case.field, case.gold, got), f"{case.id}: gold {case.gold!r}, got {got!r}"


def test_known_misses_are_cases():
    ids = {c.id for c in cases()}
    assert not set(KNOWN_MISSES) - ids


# Every real page we hold: the dev set, and the older real pages kept among the clean fixtures.
_OLDER_REAL = [
    "clean/cmse.gov.cn__detail.html",
    "clean/fgw.zj.gov.cn__detail.html",
    "clean/shanxi.gov.cn__detail_trs.html",
    "clean/www.gov.cn__gongbao_detail.html",
    "../../govsim/data/hongze_district_2023_annual_report.pdf",
]
_ALL_REAL = sorted(
    {
        *(
            p.relative_to(FIXTURES_ROOT).as_posix()
            for p in FIXTURES.iterdir()
            if p.suffix in (".txt", ".html", ".pdf", ".docx")
        ),
        *_OLDER_REAL,
    }
)


@pytest.mark.parametrize("rel", _ALL_REAL)
def test_cli_parse_never_raises(rel):
    from govcrawl.cli.main import main

    index = {(FIXTURES / i["file"]).resolve(): i for i in json.loads((FIXTURES / "index.json").read_text("utf-8"))}
    path = (FIXTURES_ROOT / rel).resolve()
    argv = ["parse", str(path), "--compact"]
    if index.get(path, {}).get("url"):
        argv += ["--url", index[path]["url"]]
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(argv)
    assert status == 0
    record = json.loads(out.getvalue())
    assert isinstance(record["is_annual_report"], bool)


def test_fixture_files_exist():
    for item in json.loads((FIXTURES / "index.json").read_text("utf-8")):
        assert (FIXTURES / item["file"]).exists(), item["file"]
    assert Path(FIXTURES_ROOT / "../../govsim/data/hongze_district_2023_annual_report.pdf").exists()
