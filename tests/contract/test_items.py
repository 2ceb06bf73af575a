"""Items and provenance: the report item carries the contract's fields; provenance is complete."""

import hashlib

from govcrawl.contract.items import FetchedPage, ReportItem
from govcrawl.contract.schema import report_schema
from govcrawl.process.provenance import build_provenance, kept_headers
from govcrawl.settings import FEED_EXPORT_FIELDS


def page(**extra):
    return FetchedPage(
        url="http://a.gov.cn/t.html",
        final_url="http://a.gov.cn/t2.html",
        referer="http://a.gov.cn/",
        portal_id="p1",
        http_status=200,
        headers={"Content-Type": "text/html"},
        body=b"<html>x</html>",
        fetched_at="2026-01-01T00:00:00+00:00",
        render="http",
        **extra,
    )


def test_report_item_has_every_contract_field():
    assert set(report_schema()["properties"]) <= set(ReportItem.fields)


def test_feeds_export_every_contract_field_and_no_raw_bytes():
    assert set(report_schema()["properties"]) <= set(FEED_EXPORT_FIELDS) and "body" not in FEED_EXPORT_FIELDS


def test_provenance_hashes_the_raw_bytes():
    prov = build_provenance(page(), encoding="utf-8", spider="annual_reports", job_id="j")
    assert prov["body_sha256"] == hashlib.sha256(b"<html>x</html>").hexdigest()


def test_provenance_has_every_required_key():
    prov = build_provenance(page(), encoding="utf-8", spider="annual_reports", job_id="j")
    required = report_schema()["properties"]["provenance"]["required"]
    assert all(prov.get(k) is not None for k in required)


def test_provenance_keeps_redirect_and_referer():
    prov = build_provenance(page(), encoding="utf-8", spider="annual_reports", job_id="j")
    assert (prov["url"], prov["final_url"], prov["referer"]) == (
        "http://a.gov.cn/t.html",
        "http://a.gov.cn/t2.html",
        "http://a.gov.cn/",
    )


def test_provenance_records_retries():
    prov = build_provenance(page(retries=["500 Internal Server Error"]), encoding="utf-8", spider="s", job_id=None)
    assert prov["retries"] == ["500 Internal Server Error"]


def test_kept_headers_decode_bytes_and_keep_only_useful_ones():
    from scrapy.http import Headers

    headers = Headers({"Content-Type": "text/html; charset=gb2312", "ETag": '"abc"', "Set-Cookie": "x=1"})
    assert kept_headers(headers) == {"Content-Type": "text/html; charset=gb2312", "ETag": '"abc"'}
