"""Settings that follow from where the archive is (a Scrapy add-on, applied before settings freeze).

The HTTP cache (for conditional re-crawls) and the WARC files live next to the SQLite archive
unless set explicitly, so one `-s GOVCRAWL_ARCHIVE=…` (or `--archive`) moves everything together.
"""

from __future__ import annotations

from pathlib import Path


class ArchiveLayout:
    def update_settings(self, settings) -> None:
        base = Path(settings.get("GOVCRAWL_ARCHIVE")).resolve().parent
        # "auto" is resolved at the priority it was set with, so explicit values always win.
        for name, folder in (("HTTPCACHE_DIR", "httpcache"), ("GOVCRAWL_WARC_DIR", "warc")):
            if settings.get(name) == "auto":
                settings.set(name, str(base / folder), priority=settings.getpriority(name))
