"""Clean and parse in worker processes, so CPU-heavy parsing does not stall the crawl's reactor.

`GOVCRAWL_PARSE_WORKERS` worker processes (0: parse in the crawl process). Workers are
started with 'spawn', never forked from a process running a reactor and thread pools.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from govcrawl.process.document import ParsedDocument, parse_document


def default_workers() -> int:
    return max(1, (os.cpu_count() or 2) - 1)


def parse_workers(settings) -> int:
    """GOVCRAWL_PARSE_WORKERS as a number: 'auto' (or unset) is cores − 1, at least 1; 0 parses in-process."""
    value = settings.get("GOVCRAWL_PARSE_WORKERS")
    return default_workers() if value in (None, "", "auto") else int(value)


class DocumentParser:
    def __init__(self, workers: int):
        self.workers = workers
        self.pool = (
            ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) if workers > 0 else None
        )

    async def parse(self, body: bytes, **kwargs) -> ParsedDocument:
        if self.pool is None:
            return parse_document(body, **kwargs)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, _parse, body, kwargs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _parse(body: bytes, kwargs: dict) -> ParsedDocument:
    return parse_document(body, **kwargs)
