"""Changes to a world for re-crawl tests: an updated report, an added report."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from tests.sim.sim_support import DATAPROXY, HANWEB_FORM, HUIZHOU_LIST, fetch, manifest_by_kind

# ---- re-crawl changes ----------------------------------------------------------------------------


def test_update_report_changes_etag_and_last_modified(fresh_sim):
    url = manifest_by_kind(fresh_sim, "report")[0]["url"]
    before = fetch(fresh_sim, url)
    fresh_sim.world.update_report(url, "更正后的报告正文。\n第二段。")
    after = fetch(fresh_sim, url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status == 200
    assert "更正后的报告正文。" in after.body.decode("gbk" if "zqx" in url else "utf-8")
    assert after.headers["Last-Modified"] != before.headers["Last-Modified"]


def test_added_report_appears_first_on_the_list(fresh_sim):
    row = fresh_sim.world.add_report("441300-yjj", year=2024, date="2025-01-20")
    html = fetch(fresh_sim, HUIZHOU_LIST).text
    first_item = re.search(r'<ul class="list-ul">\s*<li><a href="([^"]+)"', html).group(1)
    assert urljoin(HUIZHOU_LIST, first_item) == row["url"]
    assert fetch(fresh_sim, row["url"]).status == 200
    assert row in fresh_sim.manifest()


def test_added_report_reaches_hanweb_dataproxy_total(fresh_sim):
    fresh_sim.world.add_report("330800-yjj", year=2024)
    answer = fetch(fresh_sim, f"{DATAPROXY}?startrecord=1&endrecord=3&perpage=3", HANWEB_FORM)
    assert "<totalrecord>6</totalrecord>" in answer.text
