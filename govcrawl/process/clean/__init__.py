"""Cleaning stage: from a fetched page (or extracted attachment text) to the report only.

    clean_html(html, url=None) -> CleanedPage   # portal page: body, tables, meta, attachments
    clean_text(text) -> CleanedPage             # plain text: same text rules, no tables
    normalise(text) -> (simplified text, source_script)

Steps: find the body by CMS container (else density fallback) -> drop chrome by structure ->
render lines and tables -> normalise (script, readings, spacing) -> drop leftover chrome lines.
"""

from __future__ import annotations

import re

from govcrawl.contract.cleaned_page import CleanedPage
from govcrawl.process.clean.attachblock import attachment_block_links
from govcrawl.process.clean.body import drop_chrome, find_body, marked_body, parse, visible_chars
from govcrawl.process.clean.chrome import byline_date, is_footer_line, remove_chrome_lines, site_owner, strip_pipes
from govcrawl.process.clean.embedded import embedded_body
from govcrawl.process.clean.flattened import split_rows
from govcrawl.process.clean.meta import meta_tags, metadata_pairs, strip_site_suffix, text_metadata
from govcrawl.process.clean.normalise import PageNormaliser, normalise, strip_annotations
from govcrawl.process.clean.render import ROW_MARK, is_row_line, render, unmark_row
from govcrawl.process.clean.unwrap import unwrap, visual_width
from govcrawl.process.limits import Limits

__all__ = ["clean_html", "clean_html_measured", "clean_text", "normalise"]

# Inline images (data: URIs) hold no text; a long one is cut before the page is measured and parsed.
_DATA_URI = re.compile(r"data:[\w/+.-]{0,64};base64,[A-Za-z0-9+/=\s]{1024,}")


def clean_html(html: str, url: str | None = None, limits: Limits | None = None) -> CleanedPage:
    """Clean one portal page. `url` is accepted for callers' logging; extraction does not need it."""
    return clean_html_measured(html, url, limits)[0]


def clean_html_measured(html: str, url: str | None = None, limits: Limits | None = None) -> tuple[CleanedPage, int]:
    """(cleaned page, characters of visible text in the page's <body>). The count is exact only when
    the cleaned text is empty (it tells a page with nothing to say from one the cleaner emptied);
    otherwise it is the cleaned text's length.

    Raises ResourceLimit for a page over `limits` (markup length, body text, table cells)."""
    limits = limits or Limits()
    if "data:" in html:
        html = _DATA_URI.sub("data:,", html)
    limits.check("page_chars", len(html), "page markup in characters")
    root = parse(html)
    block_links = attachment_block_links(root)  # before drop_chrome may remove them
    raw_meta = {**meta_tags(root), **metadata_pairs(root)}
    raw_title = raw_meta.get("ArticleTitle") or _page_title(root, raw_meta)
    body = marked_body(html)
    if body is None:
        body = embedded_body(html)  # gkmlpt: the article only in the page script's DETAIL.content
    if body is None:
        body = find_body(root)
    drop_chrome(body)
    body_text = body.text_content()
    limits.check("text_chars", len(body_text), "body text in characters")
    limits.check("table_cells", sum(1 for _ in body.iter("td", "th")), "table cells in the body")
    page = PageNormaliser((raw_title or "") + "\n" + body_text)
    rendered = render(body, page.line)
    lines = [line if is_row_line(line) else page.line(line) for line in rendered.lines]
    dated = byline_date([line for line in lines if not is_row_line(line)])
    lines = [unmark_row(line) for line in remove_chrome_lines(lines, protected=is_row_line)]
    # The title gets its own script check: mirrors sometimes convert only the body.
    title = PageNormaliser(raw_title).line(raw_title) if raw_title else None
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the heading printed above the body; it is CleanedPage.title
    text = "\n".join(lines)
    return CleanedPage(
        title=title or None,
        text=text,
        source_script=page.script,
        tables=rendered.tables,
        meta={**({"发布时间": dated} if dated else {}), **{name: page.line(value) for name, value in raw_meta.items()}},
        attachment_links=[
            (href, page.line(anchor)) for href, anchor in _merged(rendered.attachment_links, block_links)
        ],
    ), len(text) if text.strip() else visible_chars(root)


def clean_text(text: str) -> CleanedPage:
    """Clean plain text (a text dump of a page or an attachment's extracted text).

    Flattened tables (a cell per line, or tab-separated rows) come out as `\t`-joined row lines
    with their empty cells, like rendered HTML tables, and are never taken for chrome."""
    page = PageNormaliser(text)
    lines: list[str] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            lines.extend(page.text("\n".join(prose)).split("\n"))
            prose.clear()

    for piece in _unwrapped(split_rows(text), page):
        if isinstance(piece, list):
            flush()
            lines.append(ROW_MARK + "\t".join(page.line(cell) for cell in piece))
        else:
            prose.append(piece)
    flush()
    plain = [line for line in lines if not is_row_line(line)]
    # A metadata block of tab-separated cells was read as a table row: its labels count too.
    meta = {
        **text_metadata([unmark_row(line) for line in lines]),
        "发布时间": byline_date(plain),
        "主办": site_owner(plain),
    }
    cleaned = [unmark_row(line) for line in remove_chrome_lines(lines, protected=is_row_line)]
    return CleanedPage(
        title=None, text="\n".join(cleaned), source_script=page.script, meta={k: v for k, v in meta.items() if v}
    )


def _unwrapped(pieces: list, page: PageNormaliser) -> list:
    """Hard-wrapped prose joined again (rows kept where they stand; chrome never joined)."""
    marked = [ROW_MARK if isinstance(p, list) else p for p in pieces]
    rows = iter(p for p in pieces if isinstance(p, list))

    def kept_apart(line: str) -> bool:  # a table row, or chrome (read in simplified script)
        return line == ROW_MARK or is_footer_line(strip_pipes(page.line(line)))

    def width(line: str) -> int:  # as printed, readings (政(zhèng)) and script aside
        return visual_width(strip_annotations(line, True)) if page.readings else visual_width(line)

    joined = unwrap(marked, protected=kept_apart, measure=width)
    return [next(rows) if line == ROW_MARK else line for line in joined]


def _page_title(root, raw_meta: dict[str, str]) -> str | None:
    title = root.findtext(".//title")
    if not title or not title.strip():
        return None
    return strip_site_suffix(title, [raw_meta.get("SiteName", ""), raw_meta.get("ColumnName", "")])


def _merged(body_links: list[tuple[str, str]], block_links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    hrefs = {h for h, _ in body_links}
    return body_links + [(h, t) for h, t in block_links if h not in hrefs]
