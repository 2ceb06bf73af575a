"""Report bodies only in a gkmlpt page script's DETAIL.content, the Shenzhen news CMS, and pages
whose cleaned text is only chrome (empty_body).

The fixtures in tests/fixtures/embedded/ are modelled on the platform's pages: a gkmlpt content
page whose article container is empty and whose article is the `DETAIL.content` JSON string
(`<` written `\\u003C`); the same report on the Shenzhen news CMS (meta ArticleTitle / PubDate /
ContentSource, body div.news_cont_d_wrap) and on a TRS page."""

import json

import pytest

from govcrawl.contract.cleaned_page import CleanedPage
from govcrawl.process.clean import clean_html
from govcrawl.process.clean.embedded import embedded_content
from govcrawl.process.document import parse_document
from govcrawl.process.emptybody import is_empty_body
from tests.conftest import FIXTURES

PAGES = FIXTURES / "embedded"
GKMLPT = (PAGES / "gkmlpt_post_detail.html").read_text("utf-8")
TRUTH = json.loads((PAGES / "gkmlpt_post_detail.truth.json").read_text("utf-8"))
URL = "http://www.lg.gov.cn/mzj/gkmlpt/content/11/11956/post_11956962.html"


@pytest.fixture(scope="module")
def record():
    return parse_document(GKMLPT.encode("utf-8"), url=URL, content_type="text/html; charset=utf-8").record


def test_the_visible_container_is_empty():
    assert '<div class="article-content" id="zoom"></div>' in GKMLPT


def test_detail_content_is_read_as_html():
    assert embedded_content(GKMLPT).startswith("<p>")


def test_cleaned_text_is_the_article(record):
    assert TRUTH["snippet"] in record["text"]


def test_cleaned_text_has_no_breadcrumb(record):
    assert "政府信息公开\n" not in record["text"][:40]


def test_title_comes_from_the_page_meta(record):
    assert record["title"] == TRUTH["title"]


def test_is_an_annual_report(record):
    assert record["is_annual_report"] is True


def test_year(record):
    assert record["year"] == 2023


def test_applications_table(record):
    rows = record["tables"]["applications"]["rows"]
    assert {row["key"]: row["values"] for row in rows} == TRUTH["table3"]


def test_review_litigation_table(record):
    assert record["tables"]["review_litigation"]["values"] == TRUTH["table4"]


def test_no_check_fails(record):
    assert [c for c in record["checks"] if c["status"] == "fail"] == []


def test_page_metadata_is_kept(record):
    assert clean_html(GKMLPT).meta["索引号"] == "11440307MB2C91534X/2024-00512"


def test_a_page_without_config_has_no_embedded_content():
    assert embedded_content("<html><body><div id='zoom'><p>正文</p></div></body></html>") is None


def test_a_javascript_object_literal_detail_is_read():
    page = "<script>window._CONFIG = {SID: '1', DETAIL: {id: 5, content: \"\\u003Cp\\u003E正文\\u003C/p\\u003E\"}};</script>"
    assert embedded_content(page) == "<p>正文</p>"


# ---- the Shenzhen news CMS cleans as a TRS page does ------------------------------------------------

NEWS = clean_html((PAGES / "shenzhen_news_cms.html").read_text("utf-8"))
TRS = clean_html((PAGES / "trs_same_report.html").read_text("utf-8"))


def test_news_cms_text_equals_the_trs_text():
    assert NEWS.text == TRS.text


def test_news_cms_tables_equal_the_trs_tables():
    assert NEWS.tables == TRS.tables


def test_news_cms_title_from_article_title_meta():
    assert NEWS.title == TRUTH["title"]


def test_news_cms_source_meta():
    assert NEWS.meta["ContentSource"] == "深圳市龙岗区民政局"


def test_news_cms_byline_is_not_text():
    assert "字号" not in NEWS.text


# ---- empty bodies --------------------------------------------------------------------------------


def test_a_breadcrumb_only_page_is_empty():
    assert is_empty_body(CleanedPage(title="某局2023年政府信息公开工作年度报告", text="首页 | 政府信息公开")) is True


def test_a_stub_with_an_attachment_is_not_empty():
    page = CleanedPage(title="x", text="详见附件。", attachment_links=[("/a.pdf", "年度报告.pdf")])
    assert is_empty_body(page) is False


def test_a_report_is_not_empty():
    assert is_empty_body(clean_html(GKMLPT)) is False


def test_the_page_read_without_its_script_would_be_empty():
    # What govcrawl stored before: the page with DETAIL removed cleans to chrome only.
    without = GKMLPT.replace("DETAIL:", "NOT_DETAIL:")
    assert is_empty_body(clean_html(without)) is True
