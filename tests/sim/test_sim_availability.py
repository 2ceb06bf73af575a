"""Simulated take-downs for the availability tests (issue 15): as real portals do them."""

from __future__ import annotations

import urllib.error

import pytest

from tests.sim.sim_support import HUIZHOU_LIST, fetch, listed_urls, manifest_by_kind


def huizhou_report(sim):
    return next(m["url"] for m in manifest_by_kind(sim, "report") if m["portal_id"] == "441300-yjj")


def test_deleted_report_answers_404_and_leaves_the_list(fresh_sim):
    url = huizhou_report(fresh_sim)
    fresh_sim.world.delete_report(url)
    assert (fetch(fresh_sim, url).status, url in listed_urls(fresh_sim)) == (404, False)


def test_soft_deleted_report_answers_200_saying_it_does_not_exist(fresh_sim):
    url = huizhou_report(fresh_sim)
    fresh_sim.world.delete_report(url, soft=True)
    page = fetch(fresh_sim, url)
    assert (page.status, "页面不存在" in page.text, url in listed_urls(fresh_sim)) == (200, True, False)


def test_restored_report_is_back_at_its_url_and_on_the_list(fresh_sim):
    url = huizhou_report(fresh_sim)
    fresh_sim.world.delete_report(url, soft=True)
    fresh_sim.world.restore_report(url)
    page = fetch(fresh_sim, url)
    assert (page.status, "页面不存在" in page.text, url in listed_urls(fresh_sim)) == (200, False, True)


def test_republished_report_has_a_new_url_on_the_list_and_the_old_one_404s(fresh_sim):
    url = huizhou_report(fresh_sim)
    new = fresh_sim.world.republish_report(url)["url"]
    listed = listed_urls(fresh_sim)
    assert (new != url, fetch(fresh_sim, url).status, fetch(fresh_sim, new).status, new in listed, url in listed) == (
        True,
        404,
        200,
        True,
        False,
    )


def test_unlisted_report_still_answers(fresh_sim):
    url = huizhou_report(fresh_sim)
    fresh_sim.world.unlist_report(url)
    assert (fetch(fresh_sim, url).status, url in listed_urls(fresh_sim)) == (200, False)


def test_portal_taken_offline_resets_every_connection(fresh_sim):
    fresh_sim.world.take_offline("441300-yjj")
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        fetch(fresh_sim, HUIZHOU_LIST)


def test_report_deleted_to_the_home_page_redirects_there(fresh_sim):
    url = huizhou_report(fresh_sim)
    fresh_sim.world.delete_report(url, home=True)
    resp = fresh_sim.world.respond(_request(url))
    assert (resp.status, resp.headers.get("Location")) == (302, "http://yjj.huizhou.gov.cn/")


def _request(url):
    from govsim.messages import Request

    host, _, path = url.split("://", 1)[1].partition("/")
    return Request("GET", host, "/" + path)
