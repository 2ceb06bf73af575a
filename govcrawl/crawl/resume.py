"""Resuming a crawl from JOBDIR after a hard kill (`kill -9`, OOM, power loss).

Scrapy persists two things in JOBDIR that must agree: the dupefilter's fingerprints
(`requests.seen`, appended the moment a request is *scheduled*) and the request queue
(`requests.queue/`, whose pointers are written only when the scheduler closes cleanly). After a
hard kill the fingerprints say "seen" for every request ever scheduled while the queue holding the
unfetched ones is lost or stale, so the resumed job filters every link it meets, fetches nothing
and reports "finished" with most reports missing.

The choice made here (`ResumableDupeFilter`, the `DUPEFILTER_CLASS`):

- Only requests that were actually **processed** are persisted, and only **leaves**: report pages
  and documents (requests the spider marks with `meta["govcrawl_leaf"]`), written to
  `requests.done` once their item has gone through every pipeline (signals `item_scraped`,
  `item_dropped`, `item_error`), i.e. once the report or its failure is in the archive. A leaf
  killed in flight is not in the file and is fetched again.
- List, column and discovery pages are never persisted: on resume the start requests walk them
  again (cheap: the HTTP cache revalidates them with 304s), which rediscovers every leaf whose
  request was lost with the queue, while leaves already stored are skipped.
- A `govcrawl.running` marker says a job is using the JOBDIR; it is removed on a clean close. When
  a job starts and finds it, the previous one was killed, and its `requests.queue/` is discarded
  rather than trusted (a half-written queue can resurrect stale requests or fail to unpickle).

Within one run the filter dedups exactly like Scrapy's (every scheduled request is remembered in
memory). The cost of the choice is that a resumed job refetches the list pages of its columns;
the gain is that a resumed job ends with the same reports as an uninterrupted one.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Request, Response
from scrapy.utils.job import job_dir

logger = logging.getLogger(__name__)

LEAF_META = "govcrawl_leaf"  # set by the spider on report-page and document requests
DONE_FILE = "requests.done"
RUNNING_MARKER = "govcrawl.running"
QUEUE_DIR = "requests.queue"
_SIZE_BYTES = 2


def _read_fingerprints(data: bytes) -> set[bytes]:
    found: set[bytes] = set()
    pos = 0
    while pos + _SIZE_BYTES <= len(data):
        size = int.from_bytes(data[pos : pos + _SIZE_BYTES], "big")
        fp = data[pos + _SIZE_BYTES : pos + _SIZE_BYTES + size]
        if len(fp) < size:
            break  # a record cut short by the kill
        found.add(fp)
        pos += _SIZE_BYTES + size
    return found


class ResumableDupeFilter(RFPDupeFilter):
    def __init__(self, path: str | None = None, debug: bool = False, *, fingerprinter=None) -> None:
        super().__init__(None, debug, fingerprinter=fingerprinter)  # no requests.seen
        self.jobdir = Path(path) if path else None
        self.done_file = None
        if self.jobdir is None:
            return
        self.jobdir.mkdir(parents=True, exist_ok=True)
        marker = self.jobdir / RUNNING_MARKER
        if marker.exists():
            logger.warning(
                "JOBDIR %s was not closed cleanly (the last job was killed): its request queue is discarded; "
                "the start requests walk the columns again and the reports already stored are skipped",
                self.jobdir,
            )
            shutil.rmtree(self.jobdir / QUEUE_DIR, ignore_errors=True)
        done = self.jobdir / DONE_FILE
        if done.exists():
            self._fingerprints.update(_read_fingerprints(done.read_bytes()))
        self.resumed_leaves = len(self._fingerprints)
        self.done_file = done.open("ab", buffering=0)  # unbuffered: each record reaches the file at once
        marker.write_text(str(os.getpid()), "utf-8")

    @classmethod
    def from_crawler(cls, crawler):
        dupefilter = cls(
            job_dir(crawler.settings),
            crawler.settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )
        if dupefilter.done_file is not None:
            for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
                crawler.signals.connect(dupefilter._item_done, signal=signal)
        return dupefilter

    def _item_done(self, item, response, spider, **_):
        """An item went through every pipeline: its leaf request is done for good."""
        if not isinstance(response, Response) or self.done_file is None:
            return
        request: Request | None = response.request
        if request is None or not request.meta.get(LEAF_META):
            return
        # The leaf as it was scheduled (before redirects) is what a resumed job would request again.
        original = request.replace(url=request.meta.get("redirect_urls", [request.url])[0])
        fp = self._fingerprint(original)
        self.done_file.write(len(fp).to_bytes(_SIZE_BYTES, "big") + fp)

    def close(self, reason: str) -> None:
        super().close(reason)
        if self.done_file is not None:
            self.done_file.close()
            self.done_file = None
            # The scheduler has persisted its queue: the next job may trust it.
            (self.jobdir / RUNNING_MARKER).unlink(missing_ok=True)  # type: ignore[operator]
