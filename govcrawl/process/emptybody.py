"""Empty bodies: a page whose cleaned text is only chrome (a breadcrumb, a footer, a tool bar).

Such a page can still carry a report's title (in <title> or the ArticleTitle meta) when its
article is written by a script the cleaner could not read, so the parser may take it for a
report. It is never stored as one: the pipeline records it as an `empty_body` failure.
"""

from __future__ import annotations

import re

from govcrawl.contract.cleaned_page import CleanedPage

# A navigation line: short items joined by separators (首页 | 政府信息公开, 首页 > 政务公开 > 年报).
_NAV_SEPARATORS = re.compile(r"\s*[|丨｜>»›/]\s*")
_NAV_ITEM_CHARS = 16
# A report, even an excerpt or a stub (该报告详见附件), says more than this outside navigation.
MIN_CONTENT_CHARS = 30


def is_navigation_line(line: str) -> bool:
    items = [item for item in _NAV_SEPARATORS.split(line.strip()) if item]
    return len(items) >= 2 and all(len(item) <= _NAV_ITEM_CHARS for item in items)


def content_chars(page: CleanedPage) -> int:
    """Characters of the cleaned text outside navigation lines, whitespace not counted."""
    return sum(len(re.sub(r"\s+", "", line)) for line in page.text.split("\n") if not is_navigation_line(line))


def is_empty_body(page: CleanedPage) -> bool:
    """True when the page has no tables, no attachment links and almost no text outside navigation."""
    if page.tables or page.attachment_links:
        return False
    return content_chars(page) < MIN_CONTENT_CHARS
