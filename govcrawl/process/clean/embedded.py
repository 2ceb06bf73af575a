"""Article bodies that exist only inside a page's script as a JSON string.

Guangdong's gkmlpt content pages (`…/gkmlpt/content/<a>/<b>/post_<id>.html`) can ship the article
only as `window._CONFIG = {SID: '…', DETAIL: {"title": …, "content": "\\u003Cp\\u003E…"}}` while
the visible container stays empty until the script runs. The string is read here as JSON, without
a browser; the page's fetched bytes stay what the archive keeps.
"""

from __future__ import annotations

import json
import re

from lxml import html as lxml_html

_CONFIG = re.compile(r"window\._CONFIG\s*=\s*\{")
_DETAIL = re.compile(r"""["']?\bDETAIL["']?\s*:\s*""")
_CONTENT_KEY = re.compile(r"""["']?\bcontent["']?\s*:\s*(?=")""")
_DECODER = json.JSONDecoder()
# The gap allowed between DETAIL and its content key when the object is not strict JSON.
_SCAN = 200_000
MIN_BODY_CHARS = 30


def embedded_content(html: str) -> str | None:
    """The HTML string of `window._CONFIG.DETAIL.content`, or None when the page has none."""
    config = _CONFIG.search(html)
    if config is None:
        return None
    detail = _DETAIL.search(html, config.end())
    if detail is None:
        return None
    try:
        value, _ = _DECODER.raw_decode(html, detail.end())
    except ValueError:
        value = None
    if isinstance(value, dict):
        content = value.get("content")
        return content if isinstance(content, str) else None
    # A JavaScript object literal (unquoted keys, single quotes): read only the content string.
    key = _CONTENT_KEY.search(html, detail.end(), detail.end() + _SCAN)
    if key is None:
        return None
    try:
        content, _ = _DECODER.raw_decode(html, key.end())
    except ValueError:
        return None
    return content if isinstance(content, str) else None


def embedded_body(html: str) -> lxml_html.HtmlElement | None:
    """The script-embedded article as a `<div>`, if it holds at least a sentence of text."""
    content = embedded_content(html)
    if not content or not content.strip():
        return None
    element = lxml_html.fragment_fromstring(content, create_parent="div")
    if len(element.text_content().strip()) < MIN_BODY_CHARS:
        return None
    return element
