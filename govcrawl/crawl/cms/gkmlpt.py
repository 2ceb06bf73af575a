"""Guangdong 政府信息公开目录平台 (gkmlpt), as deployed on every Guangdong government site.

- A site runs it at `<prefix>/gkmlpt/`: at the host root for a government's own directory, under
  a path for departments and districts sharing a host (`http://www.szpsq.gov.cn/<dept>/gkmlpt/…`),
  each with its own SID. Every URL below is relative to that prefix.
- `<prefix>/gkmlpt/index` is an empty shell whose script sets `window._CONFIG = {SID: '…',
  TREE: [{id, name, children, jump_url?, post_count}, …], …}`. Leaf categories (no children, no
  `jump_url`) hold the documents.
- `<prefix>/gkmlpt/api/all/<category>?page=N&sid=SID` answers JSON: `{"classify": {"post_count": N,
  …}, "total": N, "articles": [{"id", "title", "url", "post_url", "create_time" (epoch s), …}]}`,
  up to 100 articles a page; category `0` lists everything.
- Articles are `<prefix>/gkmlpt/content/<a>/<b>/post_<id>.html` (or `mpost_…`); their text may be only
  in the page script's `DETAIL.content` (read by govcrawl.process.clean.embedded).

The adapter lists the leaf categories under a node named as an annual-report column (年报, 年度报告),
skipping those whose `post_count` says they are empty; a tree without one is listed whole through
category 0 (the spider keeps the report-titled links). Page 1 of an answer plans the others from
`total` or `classify.post_count` and the page size (`size` / `per_page` / `pageSize`, else the
length of page 1).
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
SID = re.compile(r"""\bSID['"]?\s*[:=]\s*['"]?([\w-]+)""")
TREE = re.compile(r"""\bTREE['"]?\s*:\s*""")
API_PATH = re.compile(r"^(?P<prefix>.*?)/gkmlpt/api/all/(?P<category>\d+)")
PLATFORM = re.compile(r"^(?P<prefix>.*?)/gkmlpt(?:/|$)")
REPORT_CATEGORY = re.compile(r"年报|年度报告")
ALL_CATEGORIES = 0
_DECODER = json.JSONDecoder()


def site_prefix(url: str) -> str | None:
    """The path the platform sits under ('' at the host root, '/wjj' for a sub-site), or None."""
    m = PLATFORM.match(urlsplit(url).path)
    return m.group("prefix").rstrip("/") if m else None


def config_sid(text: str) -> str | None:
    m = CONFIG.search(text)
    sid = SID.search(text, m.end()) if m else None
    return sid.group(1) if sid else None


def _count(value: Any) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None


def _tree_value(text: str) -> list[Any]:
    m = CONFIG.search(text)
    tree = TREE.search(text, m.end()) if m else None
    if not tree:
        return []
    try:
        value, _ = _DECODER.raw_decode(text, tree.end())
    except ValueError:
        return []
    return list(value) if isinstance(value, list) else [value]


def _node(node: dict[str, Any]) -> dict[str, Any]:
    children = [c for c in node.get("children") or [] if isinstance(c, dict)]
    return {
        "id": node.get("id"),
        "name": str(node.get("name") or node.get("title") or ""),
        "leaf": not children and not node.get("jump_url"),
        "post_count": _count(node.get("post_count")),
        "children": children,
    }


def config_tree(text: str) -> list[dict[str, Any]]:
    """The category tree of window._CONFIG as a flat list, breadth first, of nodes
    {id, name, leaf, post_count} ([] if unreadable)."""
    flat: list[dict[str, Any]] = []
    stack = [n for n in _tree_value(text) if isinstance(n, dict)]
    while stack:
        node = _node(stack.pop(0))
        stack.extend(node.pop("children"))
        flat.append(node)
    return flat


def report_categories(text: str) -> list[int]:
    """Ids of the leaf categories at or under a node named as an annual-report column, in tree
    order, without those whose post_count says they are empty."""
    found: list[int] = []

    def leaves(raw: dict[str, Any]) -> Iterable[dict[str, Any]]:
        node = _node(raw)
        if node["leaf"]:
            yield node
        for child in node["children"]:
            yield from leaves(child)

    def walk(raw: dict[str, Any]) -> None:
        node = _node(raw)
        if REPORT_CATEGORY.search(node["name"]):
            for leaf in leaves(raw):
                if str(leaf["id"]).isdigit() and leaf["post_count"] != 0 and int(leaf["id"]) not in found:
                    found.append(int(leaf["id"]))
            return
        for child in node["children"]:
            walk(child)

    for root in _tree_value(text):
        if isinstance(root, dict):
            walk(root)
    return found


def listed_categories(text: str) -> list[int]:
    """The categories to page through: the annual-report ones, else everything (category 0)."""
    if not config_tree(text):
        return []
    return report_categories(text) or [ALL_CATEGORIES]


def api_answer(response) -> dict[str, Any] | None:
    try:
        data = json.loads(response.text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def answer_count(data: dict[str, Any]) -> int | None:
    """Articles in the whole category: `total`, else `classify.post_count`."""
    total = _count(data.get("total"))
    if total is not None:
        return total
    classify = data.get("classify")
    return _count(classify.get("post_count")) if isinstance(classify, dict) else None


class GkmlptAdapter(CmsAdapter):
    name = "gkmlpt"

    def _is_api(self, response) -> bool:
        return bool(API_PATH.match(urlsplit(response.url).path))

    def detect(self, response) -> bool:
        if self._is_api(response):
            return True
        return site_prefix(response.url) is not None and bool(CONFIG.search(response.text))

    def is_list(self, response) -> bool:
        return self._is_api(response) or bool(listed_categories(response.text))

    def list_links(self, response) -> Iterable[ListLink]:
        if not self._is_api(response):
            yield from anchor_links(response)
            return
        data = api_answer(response) or {}
        for article in data.get("articles") or []:
            if not isinstance(article, dict):
                continue
            url = article.get("url") or article.get("post_url")
            if url:
                yield ListLink(response.urljoin(str(url)), clean_anchor_text(str(article.get("title") or "")))

    def next_pages(self, response) -> Iterable[scrapy.Request]:
        if not self._is_api(response):
            prefix = site_prefix(response.url) or ""
            sid = config_sid(response.text)
            for category in listed_categories(response.text):
                first_page = urlencode({"page": 1, **({"sid": sid} if sid else {})})
                yield scrapy.Request(response.urljoin(f"{prefix}/gkmlpt/api/all/{category}?{first_page}"))
            return
        query = dict(parse_qsl(urlsplit(response.url).query))
        if query.get("page", "1") != "1":
            return  # page 1 plans the rest, so each page is asked for once
        data = api_answer(response) or {}
        articles = data.get("articles") or []
        size = next((n for k in ("size", "per_page", "pageSize") if (n := _count(data.get(k)))), 0)
        size = size or len(articles)
        total = answer_count(data)
        if not size or total is None:
            return
        path = urlsplit(response.url).path
        for page in range(2, math.ceil(total / size) + 1):
            yield scrapy.Request(response.urljoin(f"{path}?{urlencode({**query, 'page': page})}"))
