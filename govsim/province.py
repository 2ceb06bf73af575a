"""A simulated province for whole-province harvests: every kind of portal a researcher meets.

Generated governments of one province (TRS, Hanweb, generic, GBK; gkmlpt in Guangdong), the
hostile portals (script-built lists, an anti-bot wall, TLS faults, traps), the demo world's
attachment-only and gkmlpt portals, a Shenzhen district on gkmlpt with two department sub-sites under
path prefixes (guangdong.py: bodies only in the page script, a host that resets non-browser
User-Agents), and dead portals (hosts that do not answer). Harvested from home pages.
"""

from __future__ import annotations

from .demo import demo_world
from .generated import generated_world
from .guangdong import guangdong_world
from .hostile import hostile_world
from .world import World

# Seeds for portals whose hosts are gone: the proxy answers 502 Bad Gateway, as for a dead host.
DEAD_PORTALS = (
    {"id": "340181-dead", "name": "巢湖市人民政府", "adcode": "340181", "level": "county", "host": "www.chaohu.gov.cn"},
    {
        "id": "341882-dead",
        "name": "广德市人民政府",
        "adcode": "341882",
        "level": "county",
        "host": "www.guangde.gov.cn",
    },
)
# From the demo world: the portal whose reports are PDF/DOCX files (with its department
# sub-site), and a Guangdong gkmlpt platform, so every CMS adapter is exercised.
FROM_DEMO = ("320813-zf", "320813-jyj", "441303-zf")


class ProvinceWorld(World):
    """A World whose seeds also name the dead portals (there is nothing behind them to serve)."""

    def seeds(self, home_only: bool = False):
        dead = [
            {
                "id": d["id"],
                "name": d["name"],
                "adcode": d["adcode"],
                "level": d["level"],
                "start_urls": [f"http://{d['host']}/"],
                "allowed_domains": [d["host"]],
            }
            for d in DEAD_PORTALS
        ]
        return super().seeds(home_only=home_only) + dead


def province_world(portals: int = 32, pages: int | None = None, seed: int = 0, province: str = "34") -> ProvinceWorld:
    hostile = hostile_world().portals
    for portal in hostile:
        # Columns only a seed names are not linked from the home page (the trap portal's filter
        # list): their reports are not there for a home-page harvest to find.
        unlinked = [path for path in (portal.start_paths or [])[1:]]
        portal.entries = [
            e for e in portal.entries if not any(e.path.startswith(p.rsplit("/", 1)[0] + "/") for p in unlinked)
        ]
    borrowed = [p for p in demo_world().portals if p.id in FROM_DEMO] + guangdong_world().portals
    taken = {p.host for p in hostile + borrowed} | {d["host"] for d in DEAD_PORTALS}
    # Sub-sites under a path of their government's host are part of that site, not portals of their own.
    sites = [p for p in borrowed if not p.prefix]
    count = max(1, portals - len(hostile) - len(sites) - len(DEAD_PORTALS))
    generated = generated_world(
        count, pages if pages is not None else count * 12, seed, province=province, exclude_hosts=frozenset(taken)
    ).portals
    return ProvinceWorld([*generated, *hostile, *borrowed], name=f"province-{province}-{portals}")
