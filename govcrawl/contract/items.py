"""Items that flow from the spider through the pipelines.

The spider yields `FetchedPage` (exact bytes plus how they were fetched) and `FetchFailure`.
Pipelines turn a `FetchedPage` into a `ReportItem` (the contract record), or into a
`FetchFailure` when the page cannot be decoded or parsed, so every failure reaches the archive.
"""

from __future__ import annotations

import scrapy


class FetchedPage(scrapy.Item):
    url = scrapy.Field()  # URL requested
    final_url = scrapy.Field()  # URL after redirects
    referer = scrapy.Field()  # list page that linked to it
    link_text = scrapy.Field()  # anchor text on the list page
    portal_id = scrapy.Field()
    portal_adcode = scrapy.Field()
    http_status = scrapy.Field()
    headers = scrapy.Field()  # Content-Type, Last-Modified, ETag … as sent
    body = scrapy.Field()  # raw response bytes, untouched
    fetched_at = scrapy.Field()  # ISO 8601 UTC
    render = scrapy.Field()  # 'http' | 'browser'
    user_agent = scrapy.Field()  # 'crawler' (govcrawl's own) | 'browser' (the seed asked for one)
    warc_record_id = scrapy.Field()  # WARC-Record-ID of the response record, when WARC is on
    warc_file = scrapy.Field()
    warc_offset = scrapy.Field()
    revalidated = scrapy.Field()  # True: the server answered 304 and these are the bytes kept from before
    retries = scrapy.Field()  # reasons of earlier failed attempts (e.g. '500 Internal Server Error')
    tls = scrapy.Field()  # https only: {"verified": bool, "error": str | None}


class ReportItem(scrapy.Item):
    schema_version = scrapy.Field()
    is_annual_report = scrapy.Field()
    report_key = scrapy.Field()
    title = scrapy.Field()
    agency = scrapy.Field()
    region = scrapy.Field()
    year = scrapy.Field()
    published_date = scrapy.Field()
    template = scrapy.Field()
    source_script = scrapy.Field()
    text = scrapy.Field()
    sections = scrapy.Field()
    tables = scrapy.Field()
    checks = scrapy.Field()
    attachments = scrapy.Field()
    content_source = scrapy.Field()  # page | document | attachment: where text and tables came from
    content_url = scrapy.Field()  # the attachment a stub page's content came from
    extraction = scrapy.Field()  # documents: format, tool, status (ok | no_text_layer | extract_unavailable …)
    provenance = scrapy.Field()
    identity_evidence = (
        scrapy.Field()
    )  # where year/agency/region/title were read (title, statistics_period, registry …)
    source_host = scrapy.Field()  # the URL's host: government or not, its registered portal
    tables_missing = scrapy.Field()  # why each absent table is absent (not_in_text, image_only …)
    archive_status = scrapy.Field()  # new | changed | unchanged, set by the archive
    body = scrapy.Field()  # raw bytes, kept for the archive; never exported


class FetchFailure(scrapy.Item):
    url = scrapy.Field()
    portal_id = scrapy.Field()
    stage = scrapy.Field()  # a govcrawl.contract.errors.Stage
    cause = scrapy.Field()  # the reason in words (govcrawl.crawl.causes): dns, timeout, http 404 … (optional)
    reason = scrapy.Field()
    http_status = scrapy.Field()
    referer = scrapy.Field()
    at = scrapy.Field()


class ColumnFound(scrapy.Item):
    """A report column seen on a portal (found by discovery, or re-checked), for the archive's portal_columns."""

    portal_id = scrapy.Field()
    url = scrapy.Field()  # the column's first list page
    status = scrapy.Field()  # 'ok' (it lists reports) | 'stale: <why>' (it failed or lists none)
    reports_seen = scrapy.Field()  # report links on the page that confirmed it (0 when stale)
    at = scrapy.Field()  # ISO 8601 UTC
