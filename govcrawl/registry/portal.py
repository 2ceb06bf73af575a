"""A seed portal: one site a crawl starts from (its id, region, start URLs and allowed domains)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govcrawl.registry.provinces import CENTRAL_ADCODE, CENTRAL_GROUP, province_name

LEVELS = ("province", "city", "county", "department", "central")

CMS_HINTS = ("trs", "hanweb", "gkmlpt", "ucap", "generic")

RENDER_MODES = ("http", "browser")

# "crawler": govcrawl's own User-Agent; "browser": a browser's, for portals that refuse others
# (the contact URL then goes in the From header).
USER_AGENTS = ("crawler", "browser")


@dataclass(frozen=True)
class Portal:
    id: str
    name: str
    adcode: str
    level: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    cms: str | None = None
    render: str = "http"
    obey_robots: bool = True
    user_agent: str = "crawler"
    province: str = field(default="", compare=False)
    """Name of the provincial-level region ('浙江省'), or '中央' for central organs."""

    def __post_init__(self) -> None:
        if not self.province:
            object.__setattr__(self, "province", province_name(self.adcode))

    @property
    def province_code(self) -> str:
        """'33' for Zhejiang portals, 'central' for central organs."""
        return CENTRAL_GROUP if self.adcode == CENTRAL_ADCODE else self.adcode[:2]

    def to_dict(self) -> dict[str, Any]:
        """The seed-file object for this portal (defaults left out)."""
        record: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "adcode": self.adcode,
            "level": self.level,
            "start_urls": list(self.start_urls),
            "allowed_domains": list(self.allowed_domains),
        }
        if self.cms is not None:
            record["cms"] = self.cms
        if self.render != "http":
            record["render"] = self.render
        if not self.obey_robots:
            record["obey_robots"] = False
        if self.user_agent != "crawler":
            record["user_agent"] = self.user_agent
        return record
