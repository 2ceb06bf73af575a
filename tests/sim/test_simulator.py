"""The portal simulator behaves like the real portals the crawler meets: paging, Hanweb dataproxy,
GBK pages, conditional GET, flaky / missing / soft-404 pages, robots.txt, and re-crawl changes."""

from __future__ import annotations

import http.client
import io
import json
import re
import time
import urllib.error
import urllib.request
import zipfile
from html import unescape
from urllib.parse import urljoin

import lxml.html
import pytest

from govsim import KINDS, Simulator, demo_world, generated_world
from govsim.demo import GBK_ONLY_NAMES
from govsim.tables import table3_keys

HUIZHOU_LIST = "http://yjj.huizhou.gov.cn/zwgk/zfxxgknb/index.html"
QUZHOU_LIST = "http://yjj.qz.gov.cn/col/col1229162518/index.html"
DATAPROXY = "http://yjj.qz.gov.cn/module/web/jpage/dataproxy.jsp"
HANWEB_FORM = b"col=1&appid=1&webid=3341&path=/&columnid=1229162518&unitid=6781234&permissiontype=0"


class Fetched:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(sim: Simulator, url: str, data: bytes | None = None, headers: dict | None = None) -> Fetched:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": sim.proxy_url}))
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=10) as resp:
            return Fetched(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        return Fetched(err.code, err.headers, err.read())


@pytest.fixture(scope="module")
def sim():
    with Simulator(demo_world(), slow_seconds=0.3) as s:
        yield s


@pytest.fixture()
def fresh_sim():
    """A simulator of its own, for tests that change per-URL state or the world."""
    with Simulator(demo_world(), slow_seconds=0.3) as s:
        yield s


def manifest_by_kind(sim: Simulator, kind: str) -> list[dict]:
    return [m for m in sim.manifest() if m["kind"] == kind]


def links(page_url: str, html: str) -> set[str]:
    return {
        urljoin(page_url, unescape(h))
        for h in re.findall(r'href="([^"#]+)"', html)
        if not h.startswith(("javascript", "mailto"))
    }


def listed_urls(sim: Simulator) -> set[str]:
    """Every URL linked from a column list page, following each CMS's paging (as a crawler must)."""
    found: set[str] = set()
    for seed in sim.seeds():
        start = seed["start_urls"][0]
        if seed["cms"] == "hanweb":
            first = fetch(sim, start).text
            found |= links(start, first)
            total = int(re.search(r"totalRecord:(\d+)", first).group(1))
            answer = fetch(sim, f"{DATAPROXY}?startrecord=1&endrecord={total}&perpage=3", HANWEB_FORM).text
            found |= links(start, answer)
            continue
        if seed["cms"] == "gkmlpt":
            shell = fetch(sim, start).text
            sid = re.search(r"SID: '(\d+)'", shell).group(1)
            category = re.search(r'"id": (\d+), "name": "政府信息公开年报"', shell).group(1)
            page = 1
            while articles := json.loads(
                fetch(sim, f"{urljoin(start, '/gkmlpt/api/all/')}{category}?page={page}&sid={sid}").text
            )["articles"]:
                found |= {a["url"] for a in articles}
                page += 1
            continue
        queue, seen = [start], set()
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            html = fetch(sim, url).body.decode("gbk" if "zqx" in url else "utf-8")
            found |= links(url, html)
            count = re.search(r"var countPage = (\d+)", html)
            if count:  # TRS: pages named by createPageHTML
                queue += [urljoin(url, f"index_{i}.html") for i in range(1, int(count.group(1)))]
            queue += [urljoin(url, unescape(h)) for h in re.findall(r'<a href="([^"]+)">下一页</a>', html)]
    return found


# ---- list paging ---------------------------------------------------------------------------------


def test_trs_list_declares_page_count_in_create_page_html(sim):
    html = fetch(sim, HUIZHOU_LIST).text
    assert 'createPageHTML(countPage, currentPage, "index", "html");' in html
    assert "var countPage = 2//共多少页" in html


def test_generated_trs_lists_also_use_the_literal_call():
    world = generated_world(portals=12, pages=120, seed=1)
    portal = next(p for p in world.portals if p.cms == "trs" and p.options["paging_style"] == "numbers")
    html = portal.renderer.list_html(portal, 0, portal.pages())
    assert f'createPageHTML({len(portal.pages())}, 0, "index", "html");' in html


def test_trs_second_list_page_holds_the_remaining_entries(sim):
    first = links(HUIZHOU_LIST, fetch(sim, HUIZHOU_LIST).text)
    second_url = HUIZHOU_LIST.replace("index.html", "index_1.html")
    second = links(second_url, fetch(sim, second_url).text)
    portal_urls = {m["url"] for m in sim.manifest() if m["portal_id"] == "441300-yjj"}
    assert portal_urls - first and portal_urls - first <= second


def test_trs_detail_has_editor_container_and_meta(sim):
    url = next(m["url"] for m in manifest_by_kind(sim, "report") if m["portal_id"] == "441300-yjj")
    html = fetch(sim, url).text
    assert '<div class="TRS_Editor">' in html
    for name in ("ArticleTitle", "PubDate", "ContentSource", "ColumnName", "SiteIDCode"):
        assert f'<meta name="{name}"' in html


def test_hanweb_first_page_carries_only_some_records_inline(sim):
    html = fetch(sim, QUZHOU_LIST).text
    inline = re.search(r'<script type="text/xml">(.*?)</script>', html, re.S).group(1)
    assert inline.count("<record>") == 3
    assert "totalRecord:5" in html


def test_hanweb_dataproxy_answers_the_rest_with_totalrecord(sim):
    answer = fetch(sim, f"{DATAPROXY}?startrecord=4&endrecord=6&perpage=3", HANWEB_FORM)
    assert answer.status == 200
    assert "<totalrecord>5</totalrecord>" in answer.text
    assert answer.text.count('<record><![CDATA[<li><a href="/art/') == 2


def test_hanweb_dataproxy_with_unknown_column_is_empty(sim):
    answer = fetch(sim, f"{DATAPROXY}?startrecord=1&endrecord=3&perpage=3", HANWEB_FORM.replace(b"1229162518", b"1"))
    assert "<totalrecord>0</totalrecord>" in answer.text


def test_classic_asp_list_pages_by_query_string(sim):
    url = "http://yjj.zqx.gov.cn/Article/ShowClass.asp?ClassID=68&page=2"
    page = fetch(sim, url)
    assert page.status == 200
    assert "ShowArticle.asp?ArticleID=1902" in page.body.decode("gbk")


# ---- encodings -----------------------------------------------------------------------------------


def _gbk_report(sim):
    return next(m for m in sim.manifest() if m["encoding"] == "gb2312" and m["snippet"] and "联系人" in m["snippet"])


def test_gbk_portal_declares_gb2312_in_header_and_meta(sim):
    page = fetch(sim, _gbk_report(sim)["url"])
    assert page.headers["Content-Type"] == "text/html; charset=gb2312"
    assert b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' in page.body


def test_gbk_page_holds_characters_outside_gb2312(sim):
    page = fetch(sim, _gbk_report(sim)["url"])
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("gb2312")
    assert GBK_ONLY_NAMES in page.body.decode("gbk")


def test_gbk_page_decodes_with_the_project_decoder(sim):
    from govcrawl.process.encoding import decode_body

    page = fetch(sim, _gbk_report(sim)["url"])
    text, _ = decode_body(page.body, page.headers["Content-Type"])
    assert GBK_ONLY_NAMES in text


def test_gbk_manifest_records_expected_decoded_text(sim):
    row = _gbk_report(sim)
    assert row["snippet"] == f"联系人：{GBK_ONLY_NAMES}"


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


# ---- robots and seeds ----------------------------------------------------------------------------


def test_robots_disallows_search(sim):
    assert "Disallow: /search/" in fetch(sim, "http://yjj.huizhou.gov.cn/robots.txt").text


def test_robots_disallows_a_column_that_the_seed_overrides(sim):
    assert "Disallow: /xxgk/ndbg/" in fetch(sim, "http://rfb.xuancheng.gov.cn/robots.txt").text
    seed = next(s for s in sim.seeds() if s["id"] == "341800-rfb")
    assert seed["obey_robots"] is False


def test_seeds_follow_the_fixed_format(sim):
    for seed in sim.seeds():
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", seed["id"])
        assert re.fullmatch(r"\d{6}", seed["adcode"])
        assert seed["level"] in ("province", "city", "county", "department", "central")
        assert seed["allowed_domains"] == [seed["start_urls"][0].split("/")[2]]


# ---- manifest ------------------------------------------------------------------------------------


def test_manifest_has_every_kind(sim):
    from govsim import hostile_world

    assert {m["kind"] for m in sim.manifest() + hostile_world().manifest()} == set(KINDS)


def test_manifest_urls_are_all_linked_from_list_pages(sim):
    missing = {m["url"] for m in sim.manifest()} - listed_urls(sim)
    assert missing == set()


def test_manifest_covers_all_five_samples(sim):
    samples = {m["sample"] for m in sim.manifest() if m["sample"]}
    assert {s[:3] for s in samples} >= {"000", "001", "002", "003", "004"}


def test_portals_hold_one_to_four_reports(sim):
    per_portal = {}
    for m in sim.manifest():
        if m["kind"] in ("report", "flaky_500", "slow"):
            per_portal[m["portal_id"]] = per_portal.get(m["portal_id"], 0) + 1
    assert set(per_portal.values()) <= {1, 2, 3, 4}


# ---- page content --------------------------------------------------------------------------------


def test_every_simplified_report_page_carries_chrome(sim):
    # Traditional-script pages carry the same chrome converted (網站標識碼), checked separately.
    for row in manifest_by_kind(sim, "report"):
        if row["script"] != "simplified" or row["document"]:  # a document link serves the file itself
            continue
        html = fetch(sim, row["url"]).body.decode(row["codec"])
        for chrome in ("当前位置", "字体", "打印本页", "关闭窗口", "分享到", "网站标识码", "ICP备"):
            assert chrome in html, (chrome, row["url"])


def test_report_snippets_appear_on_their_pages(sim):
    for row in sim.manifest():
        if row["kind"] == "report" and row["snippet"] and not row["document"]:
            assert row["snippet"] in fetch(sim, row["url"]).body.decode(row["codec"]), row["url"]


def test_traditional_sample_keeps_its_script(sim):
    row = next(m for m in sim.manifest() if (m["sample"] or "").startswith("000"))
    html = fetch(sim, row["url"]).text
    assert "惠州市應急管理局2019年政府信息公開工作年度報告" in html
    assert row["title_simplified"] == "惠州市应急管理局2019年政府信息公开工作年度报告"


def test_pinyin_sample_keeps_annotations_and_dumped_footer(sim):
    row = next(m for m in sim.manifest() if (m["sample"] or "").startswith("001"))
    html = fetch(sim, row["url"]).text
    assert "報(bào)告" in html
    assert "本站已支持IPv6訪問(wèn)" in html


def _table_rows(html: str, marker: str) -> list[list[str]]:
    doc = lxml.html.fromstring(html)
    table = next(t for t in doc.iter("table") if marker in t.text_content())
    return [[td.text_content() for td in tr.findall("td")] for tr in table.iter("tr")]


def test_sample_003_table_two_keeps_text_cells(sim):
    row = next(m for m in sim.manifest() if (m["sample"] or "").startswith("003"))
    rows = _table_rows(fetch(sim, row["url"]).text, "第二十条第（一）项")
    assert ["行政处罚", "13宗共113200元", "7宗共312800元", "7宗共312800元"] in rows


def test_sample_003_table_three_has_2019_rowspan(sim):
    row = next(m for m in sim.manifest() if (m["sample"] or "").startswith("003"))
    assert '<td rowspan="20">三、本年度办理结果</td>' in fetch(sim, row["url"]).text


def test_sample_003_table_four_has_fifteen_value_cells(sim):
    row = next(m for m in sim.manifest() if (m["sample"] or "").startswith("003"))
    rows = _table_rows(fetch(sim, row["url"]).text, "未经复议直接起诉")
    assert len(rows[-1]) == 15


def test_sample_002_statistics_table_has_three_columns(sim):
    row = next(m for m in sim.manifest() if (m["sample"] or "").startswith("002"))
    rows = _table_rows(fetch(sim, row["url"]).text, "统 计 指 标")
    assert rows[1] == ["统 计 指 标", "单位", "年度累计数"]
    assert ["(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", "条", "502"] in rows


def test_synthesized_2021_table_three_shows_its_numbers(fresh_sim):
    portal, entry = fresh_sim.world.entry_for_url(
        "http://yjj.huizhou.gov.cn/zwgk/zfxxgknb/202201/t20220118_4512876.html"
    )
    rows = _table_rows(fetch(fresh_sim, portal.url(entry.path)).text, "申请人情况")
    new_row = next(r for r in rows if r[0] == "一、本年新收政府信息公开申请数量")
    assert [int(v) for v in new_row[1:]] == entry.truth.table3["一"]


@pytest.mark.parametrize("seed", range(5))
def test_synthesized_numbers_balance(seed):
    from govsim.synth import synth_report

    rep = synth_report("测试局", 2022, "2021", seed)
    t3 = rep.table3
    for col in range(7):
        assert t3["一"][col] + t3["二"][col] == t3["三.七"][col] + t3["四"][col]
    assert set(t3) == set(table3_keys("2021"))


def test_attachments_are_real_pdf_and_docx(sim):
    row = next(m for m in sim.manifest() if len(m["attachments"]) == 2)
    pdf = fetch(sim, next(u for u in row["attachments"] if u.endswith(".pdf")))
    docx = fetch(sim, next(u for u in row["attachments"] if u.endswith(".docx")))
    assert pdf.body.startswith(b"%PDF")
    assert "洪泽区人民政府" in zipfile.ZipFile(io.BytesIO(docx.body)).read("word/document.xml").decode()


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


# ---- generated world -----------------------------------------------------------------------------


def test_generated_world_has_requested_size_and_is_deterministic():
    a, b = generated_world(portals=6, pages=90, seed=3), generated_world(portals=6, pages=90, seed=3)
    assert len(a.manifest()) == 90
    assert [m["url"] for m in a.manifest()] == [m["url"] for m in b.manifest()]


def test_generated_world_links_every_manifest_url():
    with Simulator(generated_world(portals=6, pages=90, seed=3), slow_seconds=0) as gen:
        linked: set[str] = set()
        for seed in gen.seeds():
            portal = gen.world.by_id[seed["id"]]
            if seed["cms"] == "hanweb":
                form = (f"col=1&columnid={portal.options['col_id']}").encode()
                url = f"http://{portal.host}/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=999&perpage=15"
                linked |= links(seed["start_urls"][0], fetch(gen, url, form).text)
            else:
                for path in portal.renderer.column_paths(portal):
                    url = portal.url(path)
                    linked |= links(url, fetch(gen, url).body.decode(portal.codec))
        assert {m["url"] for m in gen.manifest()} <= linked


def test_document_links_serve_the_file_with_its_content_type(sim):
    rows = [m for m in sim.manifest() if m["document"]]
    assert [
        (fetch(sim, m["url"]).headers["Content-Type"], fetch(sim, m["url"]).body[:4] in (b"%PDF", b"\xd0\xcf\x11\xe0"))
        for m in rows
    ] == [(m["document"], True) for m in rows]
