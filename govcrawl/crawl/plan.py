"""The crawl plan: which portals, which report years, which job. Built once from the spider's
arguments and published on the crawler, so pipelines and middlewares read one object instead of
the spider's attributes."""

from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.registry import (
    Portal,
    load_registry,
    load_seed_file,
    parse_years,
    select_portals,
    years_contain,
)

Years = tuple[int, int] | set[int]
_ATTRIBUTE = "govcrawl_plan"  # where the plan lives on the Crawler


@dataclass(frozen=True)
class CrawlPlan:
    portals: tuple[Portal, ...]
    job_id: str
    years: Years | None = None
    portal_by_id: dict[str, Portal] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "portal_by_id", {p.id: p for p in self.portals})

    @classmethod
    def from_arguments(
        cls,
        *,
        job_id: str,
        province: str | None = None,
        portal: str | None = None,
        seeds: str | None = None,
        years: str | None = None,
        allow_private_hosts: bool = False,
    ) -> CrawlPlan:
        """The plan for spider arguments (-a); bad seed input raises SeedError before any fetch."""
        portals = load_seed_file(seeds, allow_private_hosts=allow_private_hosts) if seeds else load_registry()
        ids = [p.strip() for p in portal.split(",") if p.strip()] if portal else None
        selected = select_portals(portals, province=province, portal_ids=ids)
        return cls(tuple(selected), job_id, parse_years(years) if years else None)

    @property
    def portal_ids(self) -> list[str]:
        return list(self.portal_by_id)

    @property
    def allowed_domains(self) -> list[str]:
        return sorted({d for p in self.portals for d in p.allowed_domains})

    def keeps_year(self, year: int | None) -> bool:
        """Whether a report on `year` is wanted; an unknown year is kept (the parser may not know)."""
        return self.years is None or year is None or years_contain(self.years, year)


def publish_plan(crawler, plan: CrawlPlan) -> None:
    setattr(crawler, _ATTRIBUTE, plan)


def plan_of(crawler) -> CrawlPlan | None:
    """The plan published by the spider, or None for a crawler without one (a bare test crawler)."""
    return getattr(crawler, _ATTRIBUTE, None)
