"""Attachment blocks outside the article body.

Portals often print the attachment list after the content container: TRS `<div class="fj">`
or 相关附件, Hanweb `#fujian`, others `<div class="attachments">附件：…`. Document links in such a
block belong to the report; document links elsewhere outside the body (sidebars, related
reports) do not.
"""

from __future__ import annotations

import re

from govcrawl.process.clean.render import attachment_links

_BLOCK_NAME = re.compile(r"attach|fujian|(^|[-_ ])fj([-_ ]|$)|xgfj|appendix|download", re.I)
_BLOCK_TEXT = re.compile(r"^\s*(相关)?附\s*件\s*[:：\d]?")


def attachment_block_links(root) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for element in root.iter("div", "p", "ul", "table", "span", "section"):
        name = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _BLOCK_NAME.search(name) or _BLOCK_TEXT.match(element.text_content()[:10]):
            links.extend(attachment_links(element))
    first: dict[str, str] = {}  # each href once, with the first text given for it
    for href, text in links:
        first.setdefault(href, text)
    return list(first.items())
