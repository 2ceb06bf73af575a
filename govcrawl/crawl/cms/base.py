"""What every CMS adapter offers, and the link rules they share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import scrapy

from govcrawl.contract.documents import is_document_url
from govcrawl.process.clean import normalise

# Anchor text of a link that may lead to an annual report (the parser makes the final call).
REPORT_LINK = re.compile(r"(年度报告|年报|年度.{0,12}报告|工作报告)")
NEXT_PAGE_TEXT = re.compile(r"^\s*(下一页|下页|后一页|尾页|末页|>|»|›)\s*$")
PAGE_URL = re.compile(r"(index_\d+\.s?html?$|[?&](page|pageNo|pageIndex|curPage|p)=\d+)", re.I)


@dataclass(frozen=True)
class ListLink:
    url: str  # absolute
    text: str  # anchor text or title attribute, whitespace-collapsed


def clean_anchor_text(text: str) -> str:
    """Whitespace-collapsed and simplified (mirrors link 年度報(bào)告 too), so one rule set matches."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return normalise(text)[0] if text else text


def looks_like_report_link(link: ListLink) -> bool:
    return bool(REPORT_LINK.search(link.text)) or (is_document_url(link.url) and "报告" in link.text)


def anchor_links(response, selector: scrapy.Selector | None = None) -> Iterable[ListLink]:
    """Every <a href> in `selector` (default: the whole page) as an absolute ListLink."""
    root = selector if selector is not None else response
    for a in root.css("a[href]"):
        href = (a.attrib.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        text = clean_anchor_text(a.attrib.get("title") or " ".join(a.css("::text").getall()))
        yield ListLink(response.urljoin(href), text)


class MalformedList(ValueError):
    """A list page an adapter could read only in part (raised after yielding what it could read).

    The spider records it as a `list` failure and still follows everything yielded before it; an
    adapter never needs to catch its own parsing errors to keep the rows it found."""


class CmsAdapter:
    name = "base"

    def detect(self, response) -> bool:
        raise NotImplementedError

    def list_links(self, response) -> Iterable[ListLink]:
        """Article links on a list page (all of them; the spider filters for reports)."""
        raise NotImplementedError

    def is_list(self, response) -> bool:
        """Whether the page is a list even when it shows no article links yet (rows loaded by script)."""
        return False

    def next_pages(self, response) -> Iterable[scrapy.Request]:
        """Requests for the other pages of this list (callback and meta are set by the spider)."""
        raise NotImplementedError
