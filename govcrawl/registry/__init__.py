"""The seed registry: which portals exist, where a crawl starts, and which years it keeps.

Bundled seeds live in the top-level `seeds` package (one JSON file per province plus
central.json); user seed files use the same format (seeds/README.md).
"""

from govcrawl.registry.errors import SeedError
from govcrawl.registry.hosts import host_in
from govcrawl.registry.loading import check_registry, load_registry, load_seed_file
from govcrawl.registry.portal import CMS_HINTS, LEVELS, RENDER_MODES, USER_AGENTS, Portal
from govcrawl.registry.provinces import (
    CENTRAL_ADCODE,
    CENTRAL_GROUP,
    CENTRAL_NAME,
    PROVINCE_FILE_STEMS,
    PROVINCE_NAMES,
    PROVINCES,
    province_name,
    resolve_province,
    short_province_name,
)
from govcrawl.registry.selection import select_portals
from govcrawl.registry.years import FIRST_REPORT_YEAR, parse_years, years_contain

__all__ = [
    "CENTRAL_ADCODE",
    "CENTRAL_GROUP",
    "CENTRAL_NAME",
    "CMS_HINTS",
    "FIRST_REPORT_YEAR",
    "LEVELS",
    "PROVINCES",
    "PROVINCE_FILE_STEMS",
    "PROVINCE_NAMES",
    "RENDER_MODES",
    "USER_AGENTS",
    "Portal",
    "SeedError",
    "check_registry",
    "host_in",
    "load_registry",
    "load_seed_file",
    "parse_years",
    "province_name",
    "resolve_province",
    "select_portals",
    "short_province_name",
    "years_contain",
]
