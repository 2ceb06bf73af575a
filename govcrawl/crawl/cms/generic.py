"""Any other portal: every link on the page, and pagination links (下一页, 尾页, index_N, ?page=N)."""

from __future__ import annotations

import scrapy

from govcrawl.crawl.cms.base import NEXT_PAGE_TEXT, PAGE_URL, CmsAdapter, anchor_links


class GenericAdapter(CmsAdapter):
    name = "generic"

    def detect(self, response) -> bool:
        return True

    def list_links(self, response):
        return anchor_links(response)

    def next_pages(self, response):
        for link in anchor_links(response):
            if NEXT_PAGE_TEXT.match(link.text) or PAGE_URL.search(link.url):
                yield scrapy.Request(link.url)
