"""Helpers for the seed and registry tests (no tests here): fixture paths, a good seed record,
writing seed files and catching the SeedError they raise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govcrawl.registry import SeedError, load_seed_file
from tests.conftest import FIXTURES as SHARED_FIXTURES
from tools import build_registry

FIXTURES = SHARED_FIXTURES / "seeds"
PORTALS_CSV_DIR = FIXTURES / "portals"
SEEDS_PACKAGE_DIR = build_registry.SEEDS_DIR

GOOD = {
    "id": "330100",
    "name": "杭州市",
    "adcode": "330100",
    "level": "city",
    "start_urls": ["https://www.hangzhou.gov.cn/"],
    "allowed_domains": ["hangzhou.gov.cn"],
}


def one_per_line(*records: dict) -> str:
    """A JSON array with record i on line i + 2 (line 1 is '[')."""
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_error(path: Path) -> SeedError:
    with pytest.raises(SeedError) as caught:
        load_seed_file(path)
    return caught.value
