"""What the operator sees: preflight checks, quiet network failures, the offline suffix list,
the progress line and dropped-item log levels."""

import logging

from scrapy.exceptions import CannotResolveHostError, DropItem
from scrapy.settings import Settings

from govcrawl.crawl import preflight
from govcrawl.crawl.logformatter import GovcrawlLogFormatter
from govcrawl.crawl.progress import progress_line
from govcrawl.crawl.quietlog import ExpectedNetworkFailures
from govcrawl.crawl.suffixes import offline_extractor, use_bundled_suffix_list


def settings(**values):
    s = Settings()
    s.setmodule("govcrawl.settings")
    for k, v in values.items():
        s.set(k, v)
    return s


def test_missing_chromium_names_the_install_command():
    check = preflight.check_chromium(settings(PLAYWRIGHT_LAUNCH_OPTIONS={"executable_path": "/nonexistent/chromium"}))
    assert (check.ok, check.fix.startswith("sudo apt-get install -y chromium")) == (False, True)


def test_no_word97_converter_names_the_install_command(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    check = preflight.check_word97()
    assert (check.ok, "catdoc antiword" in check.fix) == (False, True)


def test_archive_in_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        ok = preflight.check_archive(tmp_path / "new" / "archive.sqlite3").ok
        check = preflight.check_archive(folder / "archive.sqlite3")
    finally:
        folder.chmod(0o700)
    import os

    refused = os.geteuid() != 0  # root writes anywhere
    assert (ok, check.ok) == (True, not refused)


def test_placeholder_contact_url_is_flagged_and_yours_is_not():
    assert (
        preflight.check_contact(settings()).ok,
        preflight.check_contact(settings(GOVCRAWL_CONTACT_URL="https://example.org/c")).ok,
    ) == (False, True)


def test_http_proxy_without_https_proxy_is_flagged():
    assert (
        preflight.check_proxy({"http_proxy": "http://p:3128"}).ok,
        preflight.check_proxy({"http_proxy": "http://p:3128", "https_proxy": "http://p:3128"}).ok,
        preflight.check_proxy({}).ok,
    ) == (False, True, True)


def record_with(exc, msg="Error downloading %(request)s: %(f_exception)s"):
    try:
        raise exc
    except type(exc):
        import sys

        return logging.LogRecord(
            "scrapy.downloadermiddlewares.robotstxt", logging.ERROR, __file__, 1, msg, None, sys.exc_info()
        )


def test_robots_dns_failure_is_one_warning_line_without_traceback():
    record = record_with(CannotResolveHostError("DNS lookup failed: www.x.invalid"))
    ExpectedNetworkFailures().filter(record)
    assert (record.levelname, record.exc_info, record.msg.endswith("[dns]")) == ("WARNING", None, True)


def test_an_unexpected_error_keeps_its_traceback():
    record = record_with(ZeroDivisionError("bug"))
    ExpectedNetworkFailures().filter(record)
    assert (record.levelname, record.exc_info is not None) == ("ERROR", True)


def test_cookie_domains_split_from_the_bundled_suffix_list():
    from scrapy.downloadermiddlewares import cookies

    use_bundled_suffix_list()
    extractor = offline_extractor()
    assert (cookies._split_domain.suffix_list_urls, extractor("www.hangzhou.gov.cn").suffix) == ((), "gov.cn")


def test_progress_line_has_portals_pages_reports_failures_rate_and_eta():
    line = progress_line(2, 8, 120, 10, 3, 60.0)
    assert line == "portals 2/8  pages 120  reports 10  failures 3  120 pages/min  ETA 3m00s"


def test_recorded_failures_drop_at_debug_and_not_reports_at_info():
    formatter = GovcrawlLogFormatter()
    quiet = formatter.dropped({}, DropItem("column recorded: ok", log_level="DEBUG"), None)
    loud = formatter.dropped({}, DropItem("not an annual report"), None)
    assert (quiet["level"], loud["level"]) == (logging.DEBUG, logging.INFO)
