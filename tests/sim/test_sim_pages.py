"""What the simulator's pages hold: encodings (GBK declared as gb2312), chrome, snippets, the
samples' scripts and tables, synthesized numbers, attachments."""

from __future__ import annotations

import io
import zipfile

import lxml.html
import pytest

from govsim.demo import GBK_ONLY_NAMES
from govsim.tables import table3_keys
from tests.sim.sim_support import fetch, manifest_by_kind

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
