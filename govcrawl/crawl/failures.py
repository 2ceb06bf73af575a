"""FetchFailure items as the spider records them: one builder, the time stamped in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from govcrawl.contract.errors import Stage
from govcrawl.contract.items import FetchFailure


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fetch_failure(
    url: str,
    portal_id: str | None,
    stage: Stage,
    reason: str,
    *,
    referer: str | None = None,
    http_status: int | None = None,
    cause: str | None = None,
) -> FetchFailure:
    """A failure against `url` and its portal; `cause` is the reason in words (govcrawl.crawl.causes)."""
    failure = FetchFailure(
        url=url, portal_id=portal_id, stage=stage, reason=reason, http_status=http_status, referer=referer, at=utc_now()
    )
    if cause is not None:
        failure["cause"] = cause
    return failure
