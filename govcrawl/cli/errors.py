"""The CLI's one error type and its exit codes (the table the README documents)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # the command ran and failed (bad file, crawl not finished, …)
EXIT_USAGE = 2  # bad arguments or bad seed input; nothing was fetched
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A one-line error for the user; exit status EXIT_FAILED, or EXIT_USAGE for bad arguments."""

    def __init__(self, message: str, status: int = EXIT_FAILED):
        super().__init__(message)
        self.status = status
