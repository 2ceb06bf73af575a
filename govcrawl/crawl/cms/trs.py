"""TRS WCM (拓尔思): lists are index.html, index_1.html, …; the count sits in
`createPageHTML(total, current, "index", "html")` or `var countPage = N`."""

from __future__ import annotations

import re

import scrapy

from govcrawl.crawl.cms.base import CmsAdapter, anchor_links

CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]"
)
COUNT_PAGE = re.compile(r"var\s+countPage\s*=\s*['\"]?(\d+)")


class TrsAdapter(CmsAdapter):
    name = "trs"

    def detect(self, response) -> bool:
        head = response.text
        return "createPageHTML" in head or "countPage" in head or "TRS_Editor" in head

    def list_links(self, response):
        return anchor_links(response)

    def page_count(self, response) -> tuple[int, str, str] | None:
        m = CREATE_PAGE.search(response.text)
        if m:
            return int(m.group(1)), m.group(3), m.group(4)
        m = COUNT_PAGE.search(response.text)
        if m:
            return int(m.group(1)), "index", "html"
        return None

    def next_pages(self, response):
        found = self.page_count(response)
        if not found:
            return
        total, prefix, ext = found
        for n in range(1, total):
            yield scrapy.Request(response.urljoin(f"{prefix}_{n}.{ext}"))
