"""The simulator's robots.txt, seeds and manifest."""

from __future__ import annotations

import re

from govsim import KINDS
from tests.sim.sim_support import fetch, listed_urls

# ---- robots and seeds ----------------------------------------------------------------------------


def test_robots_disallows_search(sim):
    assert "Disallow: /search/" in fetch(sim, "http://yjj.huizhou.gov.cn/robots.txt").text


def test_robots_disallows_a_column_that_the_seed_overrides(sim):
    assert "Disallow: /xxgk/ndbg/" in fetch(sim, "http://rfb.xuancheng.gov.cn/robots.txt").text
    seed = next(s for s in sim.seeds() if s["id"] == "341800-rfb")
    assert seed["obey_robots"] is False


def test_seeds_follow_the_fixed_format(sim):
    for seed in sim.seeds():
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", seed["id"])
        assert re.fullmatch(r"\d{6}", seed["adcode"])
        assert seed["level"] in ("province", "city", "county", "department", "central")
        assert seed["allowed_domains"] == [seed["start_urls"][0].split("/")[2]]


# ---- manifest ------------------------------------------------------------------------------------


def test_manifest_has_every_kind(sim):
    from govsim import hostile_world

    assert {m["kind"] for m in sim.manifest() + hostile_world().manifest()} == set(KINDS)


def test_manifest_urls_are_all_linked_from_list_pages(sim):
    missing = {m["url"] for m in sim.manifest()} - listed_urls(sim)
    assert missing == set()


def test_manifest_covers_all_five_samples(sim):
    samples = {m["sample"] for m in sim.manifest() if m["sample"]}
    assert {s[:3] for s in samples} >= {"000", "001", "002", "003", "004"}


def test_portals_hold_one_to_four_reports(sim):
    per_portal = {}
    for m in sim.manifest():
        if m["kind"] in ("report", "flaky_500", "slow"):
            per_portal[m["portal_id"]] = per_portal.get(m["portal_id"], 0) + 1
    assert set(per_portal.values()) <= {1, 2, 3, 4}
