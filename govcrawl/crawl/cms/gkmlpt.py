"""Guangdong 政府信息公开目录平台 (gkmlpt): the /gkmlpt/index page is an empty shell whose script sets
`window._CONFIG = {SID: '…', TREE: [...]}` (the site id and the category tree); the rows come from
`/gkmlpt/api/all/{category}?page=N&sid=SID` as JSON: `{"articles": [{"id", "title", "url", "date", …}],
"total": N, …}`; articles are /gkmlpt/content/{id//10**6}/{id//1000}/post_{id}.html.

The adapter lists the categories whose name is an annual-report column (年报, 年度报告) and pages
their API; the page size is the answer's `size` (or `per_page` / `pageSize`), else the length of
the first page.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import scrapy

from govcrawl.crawl.cms.base import CmsAdapter, ListLink, anchor_links, clean_anchor_text

CONFIG = re.compile(r"window\._CONFIG\s*=\s*\{")
SID = re.compile(r"""\bSID\s*[:=]\s*['"]?([\w-]+)""")
TREE = re.compile(r"""\bTREE['"]?\s*:\s*""")
API_PATH = re.compile(r"/gkmlpt/api/all/(\d+)")
REPORT_CATEGORY = re.compile(r"年报|年度报告")
_DECODER = json.JSONDecoder()


def config_sid(text: str) -> str | None:
    m = CONFIG.search(text)
    sid = SID.search(text, m.end()) if m else None
    return sid.group(1) if sid else None


def config_tree(text: str) -> list[dict[str, Any]]:
    """The category tree of window._CONFIG as a flat list of {id, name} nodes ([] if unreadable)."""
    m = CONFIG.search(text)
    tree = TREE.search(text, m.end()) if m else None
    if not tree:
        return []
    try:
        value, _ = _DECODER.raw_decode(text, tree.end())
    except ValueError:
        return []
    flat: list[dict[str, Any]] = []
    stack = list(value) if isinstance(value, list) else [value]
    while stack:
        node = stack.pop(0)
        if not isinstance(node, dict):
            continue
        flat.append({"id": node.get("id"), "name": str(node.get("name") or node.get("title") or "")})
        stack.extend(node.get("children") or [])
    return flat


def report_categories(text: str) -> list[int]:
    """Ids of the tree's annual-report categories, in tree order."""
    return [int(n["id"]) for n in config_tree(text) if str(n["id"]).isdigit() and REPORT_CATEGORY.search(n["name"])]


def api_answer(response) -> dict[str, Any] | None:
    try:
        data = json.loads(response.text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


class GkmlptAdapter(CmsAdapter):
    name = "gkmlpt"

    def _is_api(self, response) -> bool:
        return bool(API_PATH.search(urlsplit(response.url).path))

    def detect(self, response) -> bool:
        if self._is_api(response):
            return True
        return "/gkmlpt/" in response.url and bool(CONFIG.search(response.text))

    def is_list(self, response) -> bool:
        return self._is_api(response) or bool(report_categories(response.text))

    def list_links(self, response) -> Iterable[ListLink]:
        if not self._is_api(response):
            yield from anchor_links(response)
            return
        data = api_answer(response) or {}
        for article in data.get("articles") or []:
            if isinstance(article, dict) and article.get("url"):
                yield ListLink(
                    response.urljoin(str(article["url"])), clean_anchor_text(str(article.get("title") or ""))
                )

    def next_pages(self, response) -> Iterable[scrapy.Request]:
        if not self._is_api(response):
            sid = config_sid(response.text)
            for category in report_categories(response.text):
                first_page = urlencode({"page": 1, **({"sid": sid} if sid else {})})
                yield scrapy.Request(response.urljoin(f"/gkmlpt/api/all/{category}?{first_page}"))
            return
        query = dict(parse_qsl(urlsplit(response.url).query))
        if query.get("page", "1") != "1":
            return  # page 1 plans the rest, so each page is asked for once
        data = api_answer(response) or {}
        articles = data.get("articles") or []
        size = next((int(data[k]) for k in ("size", "per_page", "pageSize") if str(data.get(k, "")).isdigit()), 0)
        size = size or len(articles)
        total = data.get("total")
        if not size or not isinstance(total, int):
            return
        path = urlsplit(response.url).path
        for page in range(2, math.ceil(total / size) + 1):
            yield scrapy.Request(response.urljoin(f"{path}?{urlencode({**query, 'page': page})}"))
