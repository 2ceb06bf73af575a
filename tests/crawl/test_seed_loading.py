"""SIGINT/SIGTERM during seed loading end the load with SeedLoadInterrupted, wherever the load is:
also inside the validator's `except ValueError` (a signal arriving while a URL is checked was once
reported as 'start URL … is not an http(s) URL' and the load went on)."""

import os
import signal

import pytest

from govcrawl.crawl.seed_loading import SeedLoadInterrupted, interruptible_load


def a_url_check_that_gets_the_signal(sig) -> None:
    try:
        os.kill(os.getpid(), sig)  # the handler runs before the next line, inside this try, as in urlsplit()
        len("http://p1.example.gov.cn/")
    except ValueError:
        pass  # what the URL validator does with a bad URL


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_inside_an_except_valueerror_still_ends_the_load(sig):
    before = signal.getsignal(sig)
    with pytest.raises(SeedLoadInterrupted, match=f"interrupted by {sig.name}; nothing was fetched"):
        with interruptible_load():
            a_url_check_that_gets_the_signal(sig)
            raise AssertionError("the load went on after the signal")
    assert signal.getsignal(sig) is before  # the previous handler is back
