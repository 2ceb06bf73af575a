"""One pool of parse workers per crawl, shared by every pipeline that parses.

ReportPipeline parses every fetched page and StubContentPipeline the attachments of stub pages.
Each used to start its own DocumentParser, so a crawl ran `GOVCRAWL_PARSE_WORKERS` workers plus
one more for stubs: another interpreter with the whole parse stack loaded (50-80 MB of RSS) for
documents that are rare. The pipelines now take the crawl's one pool; a worker is held only
while it parses, so a stub's attachment waits at most for the documents queued before it.
"""

from __future__ import annotations

import threading

from govcrawl.process.limits import Limits
from govcrawl.process.workers import DocumentParser, parse_workers

_ATTRIBUTE = "_govcrawl_document_parser"
_lock = threading.Lock()


class _Shared:
    def __init__(self, parser: DocumentParser) -> None:
        self.parser = parser
        self.users = 0


def acquire(crawler) -> DocumentParser:
    """The crawl's parser (started on first use); pair every call with `release(crawler)`."""
    with _lock:
        shared: _Shared | None = getattr(crawler, _ATTRIBUTE, None)
        if shared is None:
            settings = crawler.settings
            shared = _Shared(DocumentParser(parse_workers(settings), Limits.from_settings(settings)))
            setattr(crawler, _ATTRIBUTE, shared)
        shared.users += 1
        return shared.parser


def release(crawler) -> None:
    """One user is done; the last one stops the workers."""
    with _lock:
        shared: _Shared | None = getattr(crawler, _ATTRIBUTE, None)
        if shared is None:
            return
        shared.users -= 1
        if shared.users > 0:
            return
        delattr(crawler, _ATTRIBUTE)
    shared.parser.close()
