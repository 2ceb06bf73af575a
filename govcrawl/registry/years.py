"""Report years a crawl keeps: '2019-2025', '2021' or '2019,2021'."""

from __future__ import annotations

import re
from datetime import date

from govcrawl.registry.errors import SeedError

FIRST_REPORT_YEAR = 2008  # the 2007 regulations took effect on 2008-05-01


def parse_years(text: str) -> tuple[int, int] | set[int]:
    """'2019-2025' -> (2019, 2025); '2021' -> (2021, 2021); '2019,2021' -> {2019, 2021}."""
    last_possible = date.today().year
    raw = str(text).strip()

    def year(token: str) -> int:
        token = token.strip()
        if not re.fullmatch(r"\d{4}", token):
            raise SeedError(f'bad years "{text}": "{token}" is not a 4-digit year (use 2019-2025, 2021 or 2019,2021)')
        value = int(token)
        if not FIRST_REPORT_YEAR <= value <= last_possible:
            raise SeedError(
                f'bad years "{text}": {value} is outside {FIRST_REPORT_YEAR}-{last_possible} '
                f"(reports exist from {FIRST_REPORT_YEAR})"
            )
        return value

    if not raw:
        raise SeedError('bad years "": give 2019-2025, 2021 or 2019,2021')
    if "," in raw:
        return {year(token) for token in raw.split(",")}
    if "-" in raw:
        first_text, _, last_text = raw.partition("-")
        first, last = year(first_text), year(last_text)
        if first > last:
            raise SeedError(f'bad years "{text}": {first} is after {last}')
        return first, last
    single = year(raw)
    return single, single


def years_contain(years: tuple[int, int] | set[int], year: int) -> bool:
    """Whether `year` is selected by what parse_years returned (a range or a set)."""
    if isinstance(years, tuple):
        return years[0] <= year <= years[1]
    return year in years
