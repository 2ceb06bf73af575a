"""The CLI's one error type and its exit codes (the table the README documents)."""

from __future__ import annotations

EXIT_OK = 0  # harvest: verdict ok, every portal reached (within --max-unreached / --max-failed-ratio)
EXIT_FAILED = 1  # the command ran and failed (bad file, crawl not finished, …)
EXIT_USAGE = 2  # bad arguments or bad seed input; nothing was fetched
EXIT_INCOMPLETE = 3  # harvest: some portals not reached, or failures over --max-failed-ratio
EXIT_UNREACHED = 4  # harvest: not one portal was reached
EXIT_STORAGE = 5  # harvest: the archive or WARC folder could not be written (full, read-only, foreign file,
# a PostgreSQL archive unreachable or its connection lost)
EXIT_INTERRUPTED = 130

# `govcrawl harvest`'s exit status for each verdict (govcrawl.crawl.verdict).
VERDICT_EXIT = {"ok": EXIT_OK, "incomplete": EXIT_INCOMPLETE, "unreached": EXIT_UNREACHED, "interrupted": EXIT_FAILED}


class CliError(Exception):
    """A one-line error for the user; exit status EXIT_FAILED, or EXIT_USAGE for bad arguments."""

    def __init__(self, message: str, status: int = EXIT_FAILED):
        super().__init__(message)
        self.status = status
