"""A FetchedPage from a response: the exact bytes and how they were fetched (URL requested and
final, referer, headers kept, render mode, User-Agent kind, retries, TLS verdict, cache
revalidation, WARC record)."""

from __future__ import annotations

from scrapy.http import Response

from govcrawl.contract.items import FetchedPage
from govcrawl.crawl.context import ListContext
from govcrawl.crawl.downloader.politeness import USER_AGENT_META
from govcrawl.crawl.downloader.warc import warc_provenance
from govcrawl.crawl.failures import utc_now
from govcrawl.process.provenance import kept_headers


def fetched_page(response: Response, context: ListContext, portal_adcode: str) -> FetchedPage:
    assert response.request is not None  # a downloaded response always carries its request
    return FetchedPage(
        url=response.request.meta.get("redirect_urls", [response.url])[0],
        final_url=response.url,
        referer=context.list_url,
        link_text=context.link_text,
        portal_id=context.portal_id,
        portal_adcode=portal_adcode,
        http_status=response.status,
        headers=kept_headers(response.headers),
        body=response.body,
        fetched_at=utc_now(),
        render="browser" if response.meta.get("playwright") else "http",
        user_agent=response.meta.get(USER_AGENT_META, "crawler"),
        retries=list(response.meta.get("retry_reasons", [])),
        tls=response.meta.get("tls"),
        revalidated="cached" in response.flags,
        **warc_provenance(response.meta),
    )
