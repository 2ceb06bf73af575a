"""Hostile bytes against the parse stage (issue 12, "Parse isolation and limits").

Each attack is rebuilt here (tests/process/hostile_files.py) and parsed in a parse worker under a
memory cap (RLIMIT_AS) and a time limit, so a regression fails the test instead of eating the
machine. Each asserts the outcome: the document is refused with its reason (`ResourceLimit`,
recorded as a `resource_limit` failure by the pipeline) or kept with its text, and the worker
parses the next document.
"""

from __future__ import annotations

import time

import pytest

from govcrawl.process.document import EmptyText, parse_document
from govcrawl.process.limits import Limits, ResourceLimit
from govcrawl.process.workers import DocumentParser
from tests.process import hostile_files as hostile

# Bombs parsed in real worker processes under memory caps: seconds each, so outside the fast unit suite.
pytestmark = pytest.mark.slow

MEMORY_CAP = 1024**3  # what the bombs get; the defaults are bigger


@pytest.fixture(scope="module")
def parser():
    parser = DocumentParser(1, Limits(memory=MEMORY_CAP, timeout=60))
    yield parser
    parser.close()


def parse(parser, body: bytes, name: str):
    start = time.monotonic()
    try:
        return parser.parse_now(body, {"url": f"http://yjj.example.gov.cn/{name}"})
    finally:
        assert time.monotonic() - start < 30, f"{name} took {time.monotonic() - start:.0f} s"


def test_xlsx_merge_bomb_is_read_as_its_data(parser):
    # One merge A2:XFD1048576 (17 billion cells) in a 5 KB file: clipped to the three rows of data.
    doc = parse(parser, hostile.xlsx_merge_bomb(), "tj.xlsx")
    assert (doc.record["extraction"]["status"], doc.record["text"].splitlines()[0]) == ("ok", hostile.REPORT_TITLE)


def test_xlsx_with_too_many_merges_is_refused(parser):
    with pytest.raises(ResourceLimit, match="GOVCRAWL_SHEET_MAX_MERGES"):
        parse(parser, hostile.xlsx_with_many_merges(6000), "merges.xlsx")


def test_docx_bomb_is_refused_before_it_is_opened(parser):
    body = hostile.docx_bomb(100)  # 400 KB, 100 MB of XML: over the 64 MB default
    with pytest.raises(ResourceLimit, match="GOVCRAWL_DOCUMENT_MAX_UNCOMPRESSED"):
        parse(parser, body, "bomb.docx")


def test_docx_with_too_many_members_is_refused(parser):
    with pytest.raises(ResourceLimit, match="GOVCRAWL_DOCUMENT_MAX_MEMBERS"):
        parse(parser, hostile.zip_with_members("docx", 1200), "members.docx")


def test_a_one_table_page_over_the_markup_limit_is_refused(parser):
    # 24 MB, about 21 million characters: over the 16 Mi default (a 50 MB one had a worker at 2.9 GB).
    with pytest.raises(ResourceLimit, match="GOVCRAWL_PAGE_MAX_CHARS"):
        parse(parser, hostile.one_table_page(24), "table.html")


def test_table_cells_are_capped_per_page():
    body = hostile.table_page(2_000)
    with pytest.raises(ResourceLimit, match=r"GOVCRAWL_MAX_TABLE_CELLS \(1,000\)"):
        parse_document(body, url="http://yjj.example.gov.cn/t.html", limits=Limits(table_cells=1_000))
    assert parse_document(body, url="http://yjj.example.gov.cn/t.html").record["is_annual_report"]


def test_body_text_is_capped_per_page():
    body = hostile.report_html("<p>" + "公开" * 5000 + "</p>").encode()
    with pytest.raises(ResourceLimit, match="GOVCRAWL_MAX_TEXT_CHARS"):
        parse_document(body, url="http://yjj.example.gov.cn/t.html", limits=Limits(text_chars=5000))


@pytest.mark.parametrize("depth", [300, 3000])
def test_deep_nesting_keeps_its_text(parser, depth):
    doc = parse(parser, hostile.deep_page(depth), "deep.html")
    assert doc.record["is_annual_report"]
    assert "本年度收到政府信息公开申请15件" in doc.record["text"]
    assert [s["number"] for s in doc.record["sections"]] == ["一", "二", "三", "四", "五", "六"]


def test_a_report_page_the_cleaner_empties_is_a_failure():
    # Text only in the chrome (a script-built page fetched without its script): never a stored empty report.
    body = (
        f"<html><head><title>{hostile.REPORT_TITLE}</title></head><body><nav>首页 政务公开 互动交流</nav>"
        "<div id='zoom'></div><footer>主办单位：某某市人民政府办公室 版权所有</footer></body></html>"
    ).encode()
    with pytest.raises(EmptyText, match="no text"):
        parse_document(body, url="http://yjj.example.gov.cn/spa.html")


def test_utf8_report_with_gbk_footer_is_kept_with_its_decode_errors(parser):
    body = hostile.utf8_with_gbk_footer()
    doc = parse(parser, body, "mixed.html")
    footer_start = body.rindex(b"<p>")  # the GBK footer's paragraph
    errors = doc.decode_errors
    assert doc.record["is_annual_report"] and doc.encoding == "utf-8"
    assert errors["count"] > 0 and all(p >= footer_start for p in errors["positions"])
    assert "本年度主动公开政府信息120条" in doc.record["text"]


def test_nul_byte_in_the_first_4_kb_is_not_binary(parser):
    doc = parse(parser, hostile.nul_in_head(), "nul.html")
    assert doc.record["is_annual_report"] and doc.decode_errors["controls_removed"] == 1


def test_binary_files_are_still_refused():
    from govcrawl.process.encoding import UndecodableBody

    with pytest.raises(UndecodableBody, match="binary"):
        parse_document(bytes(range(256)) * 20, url="http://yjj.example.gov.cn/x.bin")


def test_worker_over_its_memory_limit_is_replaced_and_the_next_document_parses():
    # The zip limit off: the 100 MB of XML reach python-docx, in a worker capped at 200 MB.
    limits = Limits(memory=200 * 1024**2, zip_uncompressed=0, timeout=120)
    parser = DocumentParser(1, limits)
    try:
        with pytest.raises(ResourceLimit, match="GOVCRAWL_PARSE_MEMORY_LIMIT"):
            parse(parser, hostile.docx_bomb(100), "bomb.docx")
        doc = parse(parser, hostile.small_docx(), "ok.docx")
        assert (doc.record["is_annual_report"], parser.replaced) == (True, 1)
    finally:
        parser.close()


def test_worker_over_its_time_limit_is_killed_and_replaced():
    # Every size limit off: the table page parses for longer than the 1 s allowed.
    limits = Limits(timeout=1, page_chars=0, table_cells=0, text_chars=0)
    parser = DocumentParser(1, limits)
    try:
        start = time.monotonic()
        with pytest.raises(ResourceLimit, match="GOVCRAWL_PARSE_TIMEOUT"):
            parser.parse_now(hostile.one_table_page(8), {"url": "http://yjj.example.gov.cn/t.html"})
        assert time.monotonic() - start < 15
        doc = parse(parser, hostile.small_docx(), "ok.docx")
        assert (doc.record["is_annual_report"], parser.replaced) == (True, 1)
    finally:
        parser.close()
