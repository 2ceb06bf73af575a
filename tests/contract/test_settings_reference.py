"""docs/settings.md lists every `GOVCRAWL_*` setting the code reads, with the default it has."""

import json
import re
from pathlib import Path

import govcrawl.settings
from tests.conftest import REPO

DOC = (REPO / "docs" / "settings.md").read_text("utf-8")
# | `NAME` | default | type | ...
ROWS = {m.group(1): m.group(2).strip() for m in re.finditer(r"^\| `(GOVCRAWL_[A-Z0-9_]+)` \|([^|]*)\|", DOC, re.M)}
DEFAULTS = {name: getattr(govcrawl.settings, name) for name in dir(govcrawl.settings) if name.startswith("GOVCRAWL_")}


def _read_by_the_code() -> set[str]:
    """Every GOVCRAWL_* name the package quotes (settings.get("…"), os.environ["…"], …)."""
    names: set[str] = set()
    for folder in ("govcrawl", "spiders", "pipelines"):
        for path in Path(REPO / folder).rglob("*.py"):
            names |= set(re.findall(r"[\"'](GOVCRAWL_[A-Z0-9_]+)[\"']", path.read_text("utf-8")))
    return names


def _as_written(value) -> str:
    """A default as the reference writes it: JSON for strings and lists, Python for the rest."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str | list) else repr(value)


def test_every_setting_the_code_reads_is_documented():
    assert sorted(_read_by_the_code() - set(ROWS)) == []


def test_every_default_in_settings_py_is_documented():
    assert sorted(set(DEFAULTS) - set(ROWS)) == []


def test_each_documented_default_is_the_one_in_settings_py():
    wrong = []
    for name, value in DEFAULTS.items():
        written = re.match(r"`([^`]*)`", ROWS.get(name, ""))
        if written is None:  # described in words (a User-Agent string)
            continue
        if written.group(1) != _as_written(value):
            wrong.append(f"{name}: docs say {written.group(1)}, settings.py has {_as_written(value)}")
    assert wrong == []
