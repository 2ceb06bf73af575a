"""Failure causes in words, and the crawl verdict judged from the per-portal counters."""

import pytest
from scrapy.exceptions import CannotResolveHostError, DownloadTimeoutError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError

from govcrawl.contract.errors import Stage
from govcrawl.crawl.causes import cause_of
from govcrawl.crawl.counters import main_cause
from govcrawl.crawl.verdict import judge


@pytest.mark.parametrize(
    "stage,kwargs,cause",
    [
        (Stage.DOWNLOAD, {"error": DNSLookupError("no such host")}, "dns"),
        (Stage.DOWNLOAD, {"error": CannotResolveHostError("DNS lookup failed")}, "dns"),
        (Stage.DOWNLOAD, {"error": ConnectionRefusedError()}, "connect"),
        (Stage.DOWNLOAD, {"error": TCPTimedOutError()}, "timeout"),
        (Stage.DOWNLOAD, {"error": DownloadTimeoutError("took longer than 30 s")}, "timeout"),
        (
            Stage.DOWNLOAD,
            {"error": RuntimeError("BrowserType.launch: Executable doesn't exist at /opt/chromium")},
            "browser missing",
        ),
        (Stage.DOWNLOAD, {"error": RuntimeError("[('SSL routines', '', 'certificate verify failed')]")}, "tls"),
        (Stage.HTTP, {"http_status": 404}, "http 404"),
        (Stage.BLOCKED, {}, "blocked"),
        (Stage.ROBOTS, {}, "robots"),
        (Stage.TLS, {}, "tls"),
        (Stage.SOFT_404, {}, "soft 404"),
        (Stage.DOWNLOAD, {"error": ValueError("odd")}, "download"),
    ],
)
def test_cause_in_words(stage, kwargs, cause):
    assert cause_of(stage, **kwargs) == cause


def test_main_cause_is_the_most_frequent():
    assert (main_cause({"timeout": 1, "dns": 3}), main_cause({"b": 1, "a": 1}), main_cause({})) == ("dns", "a", "")


def table(**pages):
    return {p: {"pages": n, "failed": 0 if n else 2} for p, n in pages.items()}


def verdict(rows, causes=None, reason="finished", max_unreached=0, ratio=0.5):
    return judge(rows, causes or {}, finish_reason=reason, max_unreached=max_unreached, max_failed_ratio=ratio)


def test_every_portal_reached_is_ok():
    v = verdict(table(a=3, b=4))
    assert (v.word, v.message) == ("ok", "ok: all 2 portal(s) reached")


def test_no_portal_reached_is_unreached_with_causes():
    v = verdict(table(a=0, b=0), {"a": {"dns": 2}, "b": {"connect": 1, "timeout": 2}})
    assert (v.word, v.unreached) == ("unreached", ["a", "b"])
    assert "2 of 2 portal(s) not reached: a (dns), b (timeout)" in v.message


def test_some_portals_not_reached_is_incomplete_unless_allowed():
    rows = table(a=3, b=0, c=5)
    assert (verdict(rows).word, verdict(rows, max_unreached=1).word) == ("incomplete", "ok")


def test_too_many_failures_is_incomplete():
    rows = {"a": {"pages": 4, "failed": 6}}
    assert (verdict(rows).word, verdict(rows, ratio=0.7).word) == ("incomplete", "ok")


def test_a_crawl_that_did_not_finish_is_interrupted():
    assert verdict(table(a=3), reason="shutdown").word == "interrupted"
