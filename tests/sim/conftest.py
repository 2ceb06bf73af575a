"""Fixtures shared by the simulator tests: the demo world served on loopback."""

from __future__ import annotations

import pytest

from govsim import Simulator, demo_world


@pytest.fixture(scope="module")
def sim():
    with Simulator(demo_world(), slow_seconds=0.3) as s:
        yield s


@pytest.fixture()
def fresh_sim():
    """A simulator of its own, for tests that change per-URL state or the world."""
    with Simulator(demo_world(), slow_seconds=0.3) as s:
        yield s
