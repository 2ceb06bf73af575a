"""Expected network failures in one log line, without a traceback.

Scrapy's robots.txt middleware logs a failed robots.txt fetch (a portal whose name does not
resolve, a refused connection) at ERROR with the full traceback, and its retry middleware logs
"Gave up retrying" at ERROR: for a crawl of many portals, most of them alive, these are expected
events, already recorded per URL in the archive's `failures`. This filter turns them into one
WARNING line with the cause in words; anything unexpected keeps its level and traceback.

Scrapy's MediaPipeline logs every failed attachment at ERROR with a traceback; an
`AttachmentError` (pipelines/attachments.py: HTTP error, too large, not stored on a full disk)
is recorded as a failure row of its report, so it becomes one WARNING line too.
"""

from __future__ import annotations

import logging

from govcrawl.contract.errors import Stage
from govcrawl.crawl.causes import cause_of

NETWORK_CAUSES = {"dns", "connect", "timeout", "tls"}
QUIETED_LOGGERS = (
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.downloadermiddlewares.retry",
    "scrapy.pipelines.media",
)
RECORDED_ERRORS = {"AttachmentError"}  # pipelines.attachments: recorded with the report


class ExpectedNetworkFailures(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and {c.__name__ for c in type(record.exc_info[1]).__mro__} & RECORDED_ERRORS:
            record.msg, record.args = f"attachment not fetched: {record.exc_info[1]}", ()
            record.exc_info, record.exc_text = None, None
            _demote(record)
        elif record.exc_info and record.exc_info[1] is not None:
            cause = cause_of(Stage.DOWNLOAD, error=record.exc_info[1])
            if cause in NETWORK_CAUSES:
                record.msg = f"{record.msg} [{cause}]"
                record.exc_info, record.exc_text = None, None
                _demote(record)
        elif str(record.msg).startswith("Gave up retrying"):
            _demote(record)
        return True


def _demote(record: logging.LogRecord) -> None:
    if record.levelno > logging.WARNING:
        record.levelno, record.levelname = logging.WARNING, "WARNING"


def quiet_expected_network_failures() -> None:
    """Install the filter on Scrapy's robots.txt and retry loggers (once per process)."""
    for name in QUIETED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ExpectedNetworkFailures) for f in logger.filters):
            logger.addFilter(ExpectedNetworkFailures())
