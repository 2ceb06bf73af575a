"""Detectors behind the hostile-reality handling, on real-looking pages (no crawl)."""

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from OpenSSL import crypto
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler
from twisted.internet import ssl

from govcrawl.contract.errors import UntrustedCertificate
from govcrawl.crawl.downloader.antibot import is_challenge
from govcrawl.crawl.downloader.browser import proxy_pac, scripts_build_list
from govcrawl.crawl.downloader.tls import VERDICTS, TlsVerdictMiddleware, fingerprint
from govcrawl.crawl.downloader.traps import has_session_id, query_trap_reason, strip_session_ids
from govcrawl.process.soft404 import redirected_to_home
from govsim import demo_world, hostile_world
from govsim.certs import CertificateAuthority
from govsim.messages import Request as SimRequest


def sim_page(world, url):
    scheme, rest = url.split("://")
    host, _, path = rest.partition("/")
    path, _, query = ("/" + path).partition("?")
    resp = world.respond(SimRequest("GET", host, path, query), scheme=scheme)
    return resp, HtmlResponse(url, status=resp.status, body=resp.body, headers={"Content-Type": resp.content_type})


# ---- anti-bot --------------------------------------------------------------------------------


def test_jsl_challenge_page_is_a_challenge():
    resp, _ = sim_page(hostile_world(), "http://yjj.ahsz.gov.cn/xxgk/ndbg/index.html")
    assert is_challenge(resp.status, resp.body)


def test_ruishu_412_is_a_challenge():
    body = b"<html><head><meta id=\"9DhefwqGPrzA\"><script>$_ts=window['$_ts'];if(!$_ts)$_ts={};</script></head></html>"
    assert is_challenge(412, body)


def test_bare_412_is_not_a_challenge():
    assert not is_challenge(412, b"<html><body><h1>412 Precondition Failed</h1></body></html>")


def test_challenge_markers_on_a_200_page_are_not_a_wall():
    resp, _ = sim_page(hostile_world(), "http://yjj.ahsz.gov.cn/xxgk/ndbg/index.html")
    assert not is_challenge(200, resp.body)


# ---- script-built lists ------------------------------------------------------------------------


def test_document_write_list_needs_the_browser():
    assert scripts_build_list(sim_page(hostile_world(), "http://rfb.bengbu.gov.cn/xxgk/ndbg/index.html")[1])


def test_xhr_list_shell_needs_the_browser():
    assert scripts_build_list(sim_page(hostile_world(), "http://yjj.wuhu.gov.cn/zwgk/ndbg/index.html")[1])


@pytest.mark.parametrize(
    "url", ["http://yjj.gdcy.gov.cn/zwgk/zfxxgknb/index.html", "http://yjj.huizhou.gov.cn/zwgk/zfxxgknb/index.html"]
)
def test_static_lists_do_not_need_the_browser(url):
    # The TRS list writes only its pager with document.write; its rows are plain HTML.
    assert not scripts_build_list(sim_page(demo_world(), url)[1])


# ---- soft 404 by redirect --------------------------------------------------------------------


@pytest.mark.parametrize("final", ["http://a.gov.cn/", "http://a.gov.cn/index.html", "http://a.gov.cn/index.jsp"])
def test_detail_page_landing_on_home_is_a_soft_404(final):
    assert redirected_to_home("http://a.gov.cn/art/2021/1/2/art_1_2.html", final)


def test_home_page_requested_as_such_is_not_a_soft_404():
    assert not redirected_to_home("http://a.gov.cn/index.html", "http://a.gov.cn/")


def test_redirect_to_another_deep_page_is_not_a_soft_404():
    assert not redirected_to_home("http://a.gov.cn/old/1.html", "http://a.gov.cn/new/1.html")


# ---- traps ------------------------------------------------------------------------------------


def test_jsessionid_is_stripped():
    assert (
        strip_session_ids("http://A.gov.cn/x/index_2.html;jsessionid=ABC123?page=2")
        == "http://a.gov.cn/x/index_2.html?page=2"
    )


def test_session_query_parameter_is_found():
    assert has_session_id("http://a.gov.cn/list.php?PHPSESSID=1f2e&page=3")


def test_gkmlpt_sid_is_not_a_session_id():
    assert not has_session_id("http://www.sz.gov.cn/gkmlpt/api/all/5?page=2&sid=755001")


def test_growing_query_string_is_a_trap():
    assert query_trap_reason("http://a.gov.cn/l?f1=1&f2=2&f3=3&f4=4", 3, 512).startswith("query string with 4")


def test_repeated_parameter_is_a_trap():
    assert query_trap_reason("http://a.gov.cn/l?a=1&a=1", 8, 512) == "query string repeats a parameter"


def test_ordinary_query_is_not_a_trap():
    assert (
        query_trap_reason(
            "http://a.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15", 8, 512
        )
        is None
    )


# ---- TLS ----------------------------------------------------------------------------------------


def _response_with_certificate(host, kind):
    ca = CertificateAuthority()
    cert_pem, _ = ca.leaf(host, kind)
    cert = x509.load_pem_x509_certificate(cert_pem)
    der = cert.public_bytes(Encoding.DER)
    VERDICTS.record(host, fingerprint(der), ["self-signed certificate"])
    url = f"https://{host}/zwgk/a.html"
    certificate = ssl.Certificate(crypto.X509.from_cryptography(cert))
    return Request(url), HtmlResponse(url, body=b"<html></html>", certificate=certificate, request=Request(url))


def _middleware():
    return TlsVerdictMiddleware(get_crawler(settings_dict={"GOVCRAWL_TLS_TOLERATED_SUFFIXES": ["gov.cn"]}))


def test_bad_certificate_on_gov_cn_is_tolerated_and_recorded():
    request, response = _response_with_certificate("yjj.example.gov.cn", "self_signed")
    _middleware().process_response(request, response)
    assert request.meta["tls"] == {"verified": False, "error": "self-signed certificate"}


def test_bad_certificate_elsewhere_is_refused():
    request, response = _response_with_certificate("www.mirror-site.com", "self_signed")
    with pytest.raises(UntrustedCertificate):
        _middleware().process_response(request, response)


def test_expired_simulator_certificate_is_expired():
    cert = x509.load_pem_x509_certificate(CertificateAuthority().leaf("a.gov.cn", "expired")[0])
    assert cert.not_valid_after_utc < dt.datetime.now(dt.UTC)


# ---- browser proxy ------------------------------------------------------------------------------


def test_pac_sends_pages_through_the_crawl_proxy():
    assert 'return "PROXY 127.0.0.1:8899";' in proxy_pac({"http_proxy": "http://127.0.0.1:8899"})


def test_pac_cuts_off_google_services():
    assert 'shExpMatch(host, "*.googleapis.com")' in proxy_pac({})
