"""Loading a crawl's seeds so that SIGINT/SIGTERM stop it at once (a 1 M-portal JSONL takes minutes)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from govcrawl.registry import SeedError


class SeedLoadInterrupted(SeedError):
    """SIGINT/SIGTERM arrived while the seeds were loading: the job stops before anything is fetched."""


class _Signalled(BaseException):
    """Raised by the handler wherever the load is. A BaseException, like KeyboardInterrupt: the
    loader's `except ValueError` (a bad URL, a bad port) must not take it for bad input."""


@contextmanager
def interruptible_load() -> Iterator[None]:
    """Scrapy's own handlers only schedule a stop on the reactor, which would run once the load is
    over; here SIGINT/SIGTERM end the load itself with SeedLoadInterrupted. The previous handlers
    are back in place as soon as the block ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def stop(signum: int, frame: object) -> None:
        raise _Signalled(signum)

    for sig in previous:
        signal.signal(sig, stop)
    try:
        yield
    except _Signalled as signalled:
        name = signal.Signals(signalled.args[0]).name
        raise SeedLoadInterrupted(f"seed loading interrupted by {name}; nothing was fetched") from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def flag(value: object) -> bool:
    """A spider argument as a flag: -a arrives as a string ("1", "true", "yes")."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
