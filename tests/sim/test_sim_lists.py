"""Column lists of the simulator: each CMS's paging, and the generated world's size and links."""

from __future__ import annotations

import re

from govsim import Simulator, generated_world
from tests.sim.sim_support import DATAPROXY, HANWEB_FORM, HUIZHOU_LIST, QUZHOU_LIST, fetch, links, manifest_by_kind

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
