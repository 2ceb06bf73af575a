"""What one crawl saw of each URL, for the availability of archived reports (issue 15).

The archive pipeline hands every item to `Sightings.saw_item`, the recheck middleware
(govcrawl.crawl.recheck) notes which report URLs the list pages linked (`listed`), and the
`response_received` signal keeps each answer's status and WARC record, so a failed fetch is
stored with its evidence. At the end of the job govcrawl.archive.availability turns these
sightings into observations. The crawl only finds: nothing here decides what a report's state is.

URL states: `online` (a report was read from it), `gone` (404/410), `soft_404` (a 200 that says
the page does not exist, or a redirect to the home page), `blocked` (anti-bot wall, robots.txt,
401/403/451) and `not_reached` (network failure, server error: we could not tell).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrapy import signals

from govcrawl.contract.errors import Stage
from govcrawl.contract.items import ColumnFound, FetchFailure, ReportItem
from govcrawl.crawl.downloader.warc import warc_provenance

ONLINE, GONE, SOFT_404, BLOCKED, NOT_REACHED = "online", "gone", "soft_404", "blocked", "not_reached"
# A URL met several times in one job keeps its most telling state: a report read wins over a
# failure before it (a flaky 500), a 404 over a later network error.
_RANK = {ONLINE: 0, GONE: 1, SOFT_404: 2, BLOCKED: 3, NOT_REACHED: 4}
_BLOCKING_STATUS = (401, 403, 451)
_NETWORK_STAGES = (Stage.DOWNLOAD, Stage.TLS, Stage.REDIRECT_LOOP, Stage.OFFSITE_REDIRECT, Stage.TRAP, Stage.REFUSED)
_LIST_CUTS = (Stage.TRAP, Stage.BUDGET, Stage.LIST)
_ATTRIBUTE = "govcrawl_sightings"


@dataclass
class Sighting:
    url: str
    state: str
    at: str
    http_status: int | None = None
    evidence: str = ""
    warc: dict[str, Any] = field(default_factory=dict)
    report_key: str | None = None
    content_sha256: str | None = None
    portal_id: str | None = None
    listed_by: str | None = None  # the page that linked a report read in this job (its referer)


def failure_state(stage: str, http_status: int | None) -> str | None:
    """The URL state a FetchFailure shows, or None when the page answered but could not be read."""
    stage = Stage(stage)
    if stage is Stage.HTTP:
        if http_status in (404, 410):
            return GONE
        return BLOCKED if http_status in _BLOCKING_STATUS else NOT_REACHED
    if stage is Stage.SOFT_404:
        return SOFT_404
    if stage in (Stage.BLOCKED, Stage.ROBOTS):
        return BLOCKED
    if stage in _NETWORK_STAGES:
        return NOT_REACHED
    return None  # decode, parse, validate …: the URL answered; its availability is not in question


class Sightings:
    def __init__(self) -> None:
        self.by_url: dict[str, Sighting] = {}
        self.listed: dict[str, str] = {}  # report URL -> the list page that linked it in this job
        self.columns: dict[tuple[str, str], str] = {}  # (portal, column url) -> 'ok' | 'stale: …'
        self.answers: dict[str, dict[str, Any]] = {}  # URL -> status, final URL and WARC record
        # What the archive holds of the crawled portals (filled before the first list is read): only
        # sightings that can bear on an archived report are kept, so memory follows the archive,
        # not the crawl (a first crawl keeps none).
        self.watched: set[str] = set()  # archived report URLs whose answers are kept
        self.archived_keys: set[str] = set()
        self.archived_hashes: set[str] = set()
        # Portals whose lists were not read to the end (paging cap, budget, an adapter error): a
        # report they do not link may sit on a page not read, so none of theirs is called unlisted.
        self.lists_cut: set[str] = set()

    def _bears_on_archive(self, sighting: Sighting) -> bool:
        if sighting.url in self.watched:
            return True
        return sighting.state == ONLINE and (
            sighting.report_key in self.archived_keys or sighting.content_sha256 in self.archived_hashes
        )

    def note_listed(self, url: str, list_url: str) -> None:
        """A list page linked report URL `url` in this job (kept for archived URLs only; a report
        read at a new URL carries its own `listed_by`)."""
        if url in self.watched:
            self.listed.setdefault(url, list_url)

    def listed_at(self, url: str) -> str | None:
        """The list page that linked `url` in this job, if any."""
        if url in self.listed:
            return self.listed[url]
        sighting = self.by_url.get(url)
        return sighting.listed_by if sighting is not None else None

    def _keep(self, sighting: Sighting) -> None:
        if not self._bears_on_archive(sighting):
            return
        old = self.by_url.get(sighting.url)
        if old is None or _RANK[sighting.state] <= _RANK[old.state]:
            self.by_url[sighting.url] = sighting

    def saw_item(self, item: Any) -> None:
        if isinstance(item, ReportItem):
            self._saw_report(item)
        elif isinstance(item, FetchFailure):
            self._saw_failure(item)
        elif isinstance(item, ColumnFound):
            self.columns[(item["portal_id"], item["url"])] = item["status"]

    def _saw_report(self, item: ReportItem) -> None:
        from govcrawl.archive.store import content_hash  # the archive's version rule, one definition

        record = dict(item)
        prov = record.get("provenance") or {}
        digest = content_hash(record)
        for url in filter(None, (prov.get("url"), record.get("content_url"))):
            self._keep(
                Sighting(
                    url,
                    ONLINE,
                    prov.get("fetched_at") or "",
                    http_status=prov.get("http_status"),
                    warc=warc_provenance(prov),
                    report_key=record.get("report_key"),
                    content_sha256=digest,
                    portal_id=prov.get("portal_id"),
                    listed_by=prov.get("referer") or None,
                )
            )

    def _saw_failure(self, item: FetchFailure) -> None:
        if Stage(item["stage"]) in _LIST_CUTS:
            self.lists_cut.add(str(item.get("portal_id")))
        state = failure_state(item["stage"], item.get("http_status"))
        if state is None:
            return
        answer = self.answers.get(item["url"], {})
        self._keep(
            Sighting(
                item["url"],
                state,
                item.get("at") or "",
                http_status=item.get("http_status") or answer.get("status"),
                evidence=f"{item['stage']}: {item['reason']}"[:500],
                warc=dict(answer.get("warc") or {}),
                portal_id=item.get("portal_id"),
            )
        )

    def request_dropped(self, request, spider=None) -> None:
        """A redirect the scheduler dropped as a duplicate: an archived report URL that now sends
        the reader to the home page (fetched already) is a soft 404 with no response of its own."""
        from govcrawl.process.soft404 import redirected_to_home

        hops = request.meta.get("redirect_urls") or []
        if hops and hops[0] in self.watched and redirected_to_home(hops[0], request.url):
            sighting = Sighting(hops[0], SOFT_404, "", evidence=f"redirected to the home page {request.url}")
            sighting.portal_id = request.meta.get("portal_id")
            sighting.warc = warc_provenance(request.meta)
            self._keep(sighting)

    def response_received(self, response, request, spider=None) -> None:
        url = request.meta.get("redirect_urls", [request.url])[0]
        if url in self.watched:
            self.answers[url] = {
                "status": response.status,
                "final_url": response.url,
                "warc": warc_provenance(request.meta),
            }


def sightings_of(crawler) -> Sightings:
    """The crawl's Sightings (made, and wired to `response_received`, on first use)."""
    found = getattr(crawler, _ATTRIBUTE, None)
    if found is None:
        found = Sightings()
        setattr(crawler, _ATTRIBUTE, found)
        crawler.signals.connect(found.response_received, signal=signals.response_received)
        crawler.signals.connect(found.request_dropped, signal=signals.request_dropped)
    return found
