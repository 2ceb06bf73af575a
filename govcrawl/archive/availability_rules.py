"""The rules that turn one job's sightings of a report's URLs into its availability (issue 15).

Report states in a job:
- `online`: a URL the report was archived from still serves it, and a list page links it;
- `unlisted`: it still answers, but no list page of the portal links it any more (the lists were read);
- `moved`: its old URLs no longer serve it, and the same report (same report key, or the same
  content hash under another key) was read at a new URL: the two are linked (`moved_to`);
- `gone` (404/410) and `soft_404` (a 200 saying it does not exist, or a redirect home): missing;
- `blocked`, `not_reached`: we could not tell. Never counted as missing, never a withdrawal;
- `restored`: online again after being missing or withdrawn;
- `withdrawn`: missing in at least N consecutive observations spanning at least D days
  (GOVCRAWL_WITHDRAWN_AFTER_MISSING, GOVCRAWL_WITHDRAWN_AFTER_DAYS). `blocked` / `not_reached`
  observations in between neither count nor break the streak.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

ONLINE, UNLISTED, MOVED, RESTORED = "online", "unlisted", "moved", "restored"
GONE, SOFT_404, BLOCKED, NOT_REACHED, WITHDRAWN = "gone", "soft_404", "blocked", "not_reached", "withdrawn"
MISSING = (GONE, SOFT_404)
UNKNOWN = (BLOCKED, NOT_REACHED)
PRESENT = (ONLINE, UNLISTED, MOVED, RESTORED)
STATES = (ONLINE, UNLISTED, MOVED, GONE, SOFT_404, BLOCKED, NOT_REACHED, RESTORED, WITHDRAWN)


def job_state(
    original: dict[str, str | None],
    new_urls_online: list[str],
    *,
    listed: bool,
    lists_read: bool,
    was_missing: bool,
) -> str | None:
    """The report's state in one job, from the states of its original URLs (None: not fetched).

    None when nothing was learnt about it (no URL fetched)."""
    states = [s for s in original.values() if s is not None]
    if "online" in states:
        if was_missing:
            return RESTORED
        return UNLISTED if lists_read and not listed else ONLINE
    if new_urls_online:
        return MOVED
    for state in (GONE, SOFT_404, BLOCKED, NOT_REACHED):
        if state in states:
            return state
    return None


@dataclass
class Availability:
    """One report's current availability (a row of `report_availability`)."""

    availability: str
    last_state: str
    first_missing_at: str | None = None
    last_seen_at: str | None = None
    missing_count: int = 0
    withdrawn_at: str | None = None
    moved_to: str | None = None
    moved_at: str | None = None
    restored_at: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any] | None) -> Availability | None:
        if row is None:
            return None
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})

    @property
    def missing(self) -> bool:
        return self.availability == WITHDRAWN or self.missing_count > 0


def _days(since: str, until: str) -> float:
    return (datetime.fromisoformat(until) - datetime.fromisoformat(since)).total_seconds() / 86400


def advance(
    prior: Availability | None,
    state: str,
    at: str,
    *,
    after_missing: int,
    after_days: float,
    moved_to: str | None = None,
    moved_at: str | None = None,
) -> Availability:
    """The availability after one more observation `state` at time `at` (ISO 8601)."""
    now = Availability(**vars(prior)) if prior else Availability(state, state)
    now.last_state = state
    if state in MISSING:
        now.missing_count += 1
        if now.first_missing_at is None:
            now.first_missing_at = at
        withdrawn = now.availability == WITHDRAWN or (
            now.missing_count >= after_missing and _days(now.first_missing_at, at) >= after_days
        )
        if withdrawn and now.withdrawn_at is None:
            now.withdrawn_at = at
        now.availability = WITHDRAWN if withdrawn else state
    elif state in UNKNOWN:
        # We could not tell: the streak is kept as it was, and a withdrawal stands.
        now.availability = WITHDRAWN if now.availability == WITHDRAWN else state
    else:
        now.availability = state
        now.missing_count, now.first_missing_at, now.withdrawn_at = 0, None, None
        now.last_seen_at = at
        if state == RESTORED:
            now.restored_at = at
        if state == MOVED:
            now.moved_to = moved_to or now.moved_to
            now.moved_at = now.moved_at or moved_at
    return now
