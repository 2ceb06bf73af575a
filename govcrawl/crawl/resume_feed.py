"""A JSON Lines output that survives `kill -9` and a resume: nothing lost, nothing twice.

- `FlushedFileFeedStorage` (FEED_STORAGES for local files) opens the file unbuffered, so each
  exported line reaches the file in one write the moment the item is scraped, before
  govcrawl.crawl.resume records its request as done (the feed exporter's `item_scraped` handler
  is connected before the scheduler's). A killed job has written every line of every report it
  marked done; with Python's 8 KiB buffer it lost the last few.
- `ResumedFeedFilter` (FEEDS `item_filter`, with the option `govcrawl_resume: true`) is used
  when a job appends to the output of its killed run: it first cuts a line the kill left
  half-written, then skips the reports whose line is already there (same `report_key` and
  `provenance.url`): those a killed job wrote but had not yet marked done are fetched again on
  resume, and stored in the archive as unchanged, but not written twice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage, ItemFilter

logger = logging.getLogger(__name__)

RESUME_OPTION = "govcrawl_resume"
PATH_OPTION = "govcrawl_path"


class FlushedFileFeedStorage(FileFeedStorage):
    def open(self, spider) -> IO[bytes]:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open(self.write_mode, buffering=0)

    def store(self, file: IO[bytes]) -> None:
        # On disk, not only in the page cache, when the harvest says it is done.
        with contextlib.suppress(OSError):  # a pipe or a terminal cannot be synced
            os.fsync(file.fileno())
        file.close()


def line_key(record: dict[str, Any]) -> tuple[str, str]:
    provenance = record.get("provenance") or {}
    return str(record.get("report_key")), str(provenance.get("url"))


def cut_half_line(path: Path) -> int:
    """Drop a last line without its newline (a write cut by a kill); return the bytes dropped."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with path.open("rb+") as f:
        f.seek(-1, os.SEEK_END)
        if f.read(1) == b"\n":
            return 0
        # Walk back to the last newline in blocks (a report line can be long).
        end, pos = size, size
        while pos > 0:
            step = min(pos, 1 << 16)
            f.seek(pos - step)
            block = f.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                pos = pos - step + cut + 1
                break
            pos -= step
        f.truncate(pos)
        return end - pos


def written_keys(path: Path) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    keys.add(line_key(json.loads(line)))
                except ValueError:
                    continue  # not ours to judge; a cut line was removed before
    except FileNotFoundError:
        pass
    return keys


class ResumedFeedFilter(ItemFilter):
    def __init__(self, feed_options: dict[str, Any] | None) -> None:
        super().__init__(feed_options)
        self.already: set[tuple[str, str]] = set()
        options = feed_options or {}
        if options.get(RESUME_OPTION) and options.get(PATH_OPTION):
            path = Path(options[PATH_OPTION])
            dropped = cut_half_line(path)
            if dropped:
                logger.warning("%s: dropped a half-written last line (%d bytes) left by the killed run", path, dropped)
            self.already = written_keys(path)

    def accepts(self, item: Any) -> bool:
        if not super().accepts(item):
            return False
        if not self.already:
            return True
        key = line_key(dict(item))
        if key in self.already:
            self.already.discard(key)  # written by the killed run; a later duplicate is the crawl's own
            return False
        return True
