"""HTTP behaviour of the simulator: conditional GET, error pages (flaky, 404, soft 404, slow, bad
gateway), and transport (origin-form, keep-alive, request log)."""

from __future__ import annotations

import http.client
import time

from tests.sim.sim_support import HUIZHOU_LIST, fetch, manifest_by_kind

# ---- conditional GET -----------------------------------------------------------------------------


def test_if_none_match_gives_304(sim):
    url = next(m["url"] for m in manifest_by_kind(sim, "report"))
    etag = fetch(sim, url).headers["ETag"]
    assert fetch(sim, url, headers={"If-None-Match": etag}).status == 304


def test_if_modified_since_gives_304(sim):
    url = next(m["url"] for m in manifest_by_kind(sim, "report"))
    last = fetch(sim, url).headers["Last-Modified"]
    assert fetch(sim, url, headers={"If-Modified-Since": last}).status == 304


def test_stale_etag_gives_200(sim):
    url = next(m["url"] for m in manifest_by_kind(sim, "report"))
    assert fetch(sim, url, headers={"If-None-Match": '"stale"'}).status == 200


# ---- error pages ---------------------------------------------------------------------------------


def test_flaky_page_fails_once_then_serves_the_report(fresh_sim):
    row = manifest_by_kind(fresh_sim, "flaky_500")[0]
    assert fetch(fresh_sim, row["url"]).status == 500
    second = fetch(fresh_sim, row["url"])
    assert second.status == 200
    assert row["title"] in second.text
    assert fresh_sim.world.hits(row["url"]) == 2


def test_not_found_link_answers_404(sim):
    assert fetch(sim, manifest_by_kind(sim, "not_found")[0]["url"]).status == 404


def test_soft_404_answers_200_saying_page_missing(sim):
    page = fetch(sim, manifest_by_kind(sim, "soft_404")[0]["url"])
    assert page.status == 200
    assert "您访问的页面不存在" in page.text


def test_slow_page_waits_then_serves_report(sim):
    row = manifest_by_kind(sim, "slow")[0]
    started = time.monotonic()
    page = fetch(sim, row["url"])
    assert time.monotonic() - started >= 0.3
    assert row["title"] in page.text


def test_unknown_host_is_a_bad_gateway(sim):
    assert fetch(sim, "http://www.not-simulated.gov.cn/").status == 502


def test_connect_to_an_http_only_portal_is_refused_like_a_closed_port(sim):
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    conn.request("CONNECT", "yjj.huizhou.gov.cn:443")
    assert conn.getresponse().status == 502
    conn.close()


# ---- transport -----------------------------------------------------------------------------------


def test_origin_form_request_is_routed_by_host(sim):
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    conn.request("GET", "/robots.txt", headers={"Host": "yjj.qz.gov.cn"})
    assert conn.getresponse().status == 200
    conn.close()


def test_keep_alive_serves_many_requests_on_one_connection(sim):
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    statuses = []
    for _ in range(3):
        conn.request("GET", HUIZHOU_LIST)
        resp = conn.getresponse()
        body = resp.read()
        statuses.append((resp.status, len(body) == int(resp.headers["Content-Length"])))
    conn.close()
    assert statuses == [(200, True)] * 3


def test_request_log_records_method_url_status_and_bytes(fresh_sim):
    page = fetch(fresh_sim, HUIZHOU_LIST)
    assert fresh_sim.request_log[-1] == ("GET", HUIZHOU_LIST, 200, len(page.body))
