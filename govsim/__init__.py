"""Simulated Chinese government portals on loopback, for govcrawl's tests, demo and benchmarks.

from govsim import Simulator, demo_world, generated_world
with Simulator(demo_world(), slow_seconds=2.0) as sim:
    sim.proxy_url, sim.seeds(), sim.manifest(), sim.request_log
"""

from .demo import demo_world
from .generated import generated_world
from .hostile import hostile_world
from .portal import KINDS, REPORT_KINDS
from .server import RequestLog, Simulator
from .world import World

__all__ = [
    "Simulator",
    "demo_world",
    "generated_world",
    "hostile_world",
    "World",
    "RequestLog",
    "KINDS",
    "REPORT_KINDS",
]
