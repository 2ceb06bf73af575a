"""Fixtures shared by the registry tests."""

from __future__ import annotations

import pytest

from govcrawl.registry import Portal, load_registry


@pytest.fixture(scope="module")
def registry() -> list[Portal]:
    return load_registry()
