"""Find the report body in a portal page's DOM and drop the chrome inside it.

Known CMS containers come first (most specific first); an unknown template falls back to a
text/link-density score with a bonus for report heading cues (一、总体情况 …).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from govcrawl.process.clean.meta import is_metadata_table

# Comment/meta markers around the article body that Hanweb (ZJEG_RSS) and TRS templates print.
_MARKER_PAIRS = (
    ("<!--ZJEG_RSS.content.begin-->", "<!--ZJEG_RSS.content.end-->"),
    ("<!--<$[信息内容]>begin-->", "<!--<$[信息内容]>end-->"),
)

# (xpath, name) of body containers of common CMSs, most specific first.
_CONTAINERS = (
    ("//*[@id='UCAP-CONTENT']", "gov.cn UCAP-CONTENT"),
    ("//ucapcontent", "Ucap <ucapcontent>"),
    ("//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]", "TRS_Editor"),
    ("//*[contains(concat(' ', normalize-space(@class), ' '), ' trs_editor_view ')]", "TRS trs_editor_view"),
    ("//*[contains(@class, 'TRS_UEDITOR') or contains(@class, 'trs_paper_default')]", "TRS UEditor"),
    ("//*[@id='zoomcon']", "Ucap #zoomcon"),
    ("//*[contains(concat(' ', normalize-space(@class), ' '), ' news_cont_d_wrap ')]", "Shenzhen news CMS"),
    ("//*[@id='zoom']", "Hanweb/Ucap #zoom"),
    ("//*[contains(concat(' ', normalize-space(@class), ' '), ' bt_content ')]", "Hanweb .bt_content"),
    (
        "//*[@id='Zoom' or @id='fontzoom' or @id='zoomcontent' or @id='detailContent' or @id='NewsContent' "
        "or @id='art_content' or @id='article_content' or @id='ArticleContent' or @id='xxgk_content']",
        "common ids",
    ),
    (
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-content ') or "
        "contains(concat(' ', normalize-space(@class), ' '), ' article_content ') or "
        "contains(concat(' ', normalize-space(@class), ' '), ' news_content ') or "
        "contains(concat(' ', normalize-space(@class), ' '), ' detail-content ') or "
        "contains(concat(' ', normalize-space(@class), ' '), ' zwxl-article ') or "
        "contains(concat(' ', normalize-space(@class), ' '), ' pages_content ')]",
        "common classes",
    ),
    ("//*[@id='c']", "Hanweb #c"),
)

_MIN_BODY_CHARS = 30

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "select",
    "button",
    "textarea",
    "nav",
    "footer",
    "rt",
    "rp",
    "svg",
    "canvas",
    "video",
    "audio",
    "link",
    "head",
    "title",
)
# class/id fragments of chrome widgets that sit inside article containers.
_CHROME_ATTR_RE = re.compile(
    r"share|bdshare|jiathis|print|close|fontsize|font-size|font_size|zihao|fontzoom-?btn|crumb|qrcode|erweima|"
    r"\bewm\b|footer|copyright|prenext|pre-next|pre_next|\bxgwz\b|\bxglj\b|related|relation|\bsxp\b|"
    r"\bnext\b|\bprev\b|\bposition\b|\blocation\b|\btoolbar\b|\btools?\b|\bpagesource\b",
    re.I,
)
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CUES_RE = re.compile(
    r"[一二三四五六]、\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告|概述)"
    r"|政府信息公开工作年度报告|年度报告"
)


def parse(html: str) -> lxml_html.HtmlElement:
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    parser = lxml_html.HTMLParser()
    root = lxml_html.document_fromstring(html or "<html></html>", parser=parser)
    for depth in FLATTEN_DEPTHS:
        if not any("Excessive depth" in error.message for error in parser.error_log):
            break
        # libxml2 drops everything of a tree deeper than 256 elements: flatten, then parse again.
        parser = lxml_html.HTMLParser()
        root = lxml_html.document_fromstring(flatten(html, depth) or "<html></html>", parser=parser)
    return root


# Elements nested deeper than this lose their tags (not their text) in flatten(); the next depth
# is tried if libxml2, which closes some elements later than flatten() assumes, still nests too deep.
FLATTEN_DEPTHS = (160, 60, 0)
_CLOSE_SEARCH = 64  # open elements a closing tag may close at once (bounds the work per tag)
_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(/?)([a-zA-Z][\w:-]*)([^>]*)>", re.S | re.I)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def flatten(html: str, max_depth: int) -> str:
    """`html` with every element nested deeper than `max_depth` unwrapped: its tags go, its text
    and its children stay, a block element's edges become line breaks. Keeps the words of a page
    nested thousands of <div>s deep, which libxml2 would drop."""
    from govcrawl.process.clean.render import BLOCK_TAGS

    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, kept)
    pos = 0
    for match in _TAG.finditer(html):
        out.append(html[pos : match.start()])
        pos = match.end()
        name = (match.group(3) or "").lower()
        if not name or name in _VOID or match.group(4).rstrip().endswith("/"):
            out.append(match.group(0))  # comments, scripts, styles, void and self-closed elements
            continue
        block = name in BLOCK_TAGS
        if match.group(2):  # a closing tag: close up to the matching open one, as browsers do
            bottom = max(0, len(stack) - _CLOSE_SEARCH)
            depth = next((i for i in range(len(stack) - 1, bottom - 1, -1) if stack[i][0] == name), None)
            if depth is None:
                continue
            kept = stack[depth][1]
            del stack[depth:]
            out.append(match.group(0) if kept else "<br>" if block else "")
        else:
            kept = len(stack) < max_depth
            stack.append((name, kept))
            out.append(match.group(0) if kept else "<br>" if block else "")
    out.append(html[pos:])
    return "".join(out)


def visible_chars(root: lxml_html.HtmlElement) -> int:
    """Characters of text in the page's <body> outside scripts and styles."""
    body = root.find("body")
    if body is None:
        return 0
    texts = body.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    return sum(len(t.strip()) for t in texts)


def marked_body(html: str) -> lxml_html.HtmlElement | None:
    """The fragment between CMS content markers, if the page has them."""
    for begin, end in _MARKER_PAIRS:
        start = html.find(begin)
        stop = html.find(end, start + len(begin)) if start >= 0 else -1
        if start >= 0 and stop > start:
            fragment = html[start + len(begin) : stop]
            element = lxml_html.fragment_fromstring(fragment, create_parent="div")
            if len(element.text_content().strip()) >= _MIN_BODY_CHARS:
                return element
    return None


def find_body(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    for xpath, _name in _CONTAINERS:
        candidates = [el for el in root.xpath(xpath) if len(visible_text(el)) >= _MIN_BODY_CHARS]
        if candidates:
            # Templates sometimes repeat a container (summary + body): take the fullest one.
            return max(candidates, key=lambda el: len(visible_text(el)))
    return density_body(root)


def visible_text(element: lxml_html.HtmlElement) -> str:
    return element.text_content().strip()


def density_body(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """General fallback: the block with the most non-link text, then descend while a child keeps most of it."""
    body = root.find("body") if root.find("body") is not None else root
    stats: dict[lxml_html.HtmlElement, float] = {}

    def score(element) -> tuple[int, int]:
        if not isinstance(element.tag, str) or element.tag in _DROP_TAGS:
            return 0, 0
        text_len = len((element.text or "").strip())
        link_len = text_len if element.tag == "a" else 0
        for child in element:
            child_text, child_links = score(child)
            text_len += child_text + len((child.tail or "").strip())
            link_len += child_text if element.tag == "a" else child_links
        if element.tag in ("div", "td", "article", "section", "main", "body", "center", "font", "span"):
            density = link_len / text_len if text_len else 1.0
            cues = len(_CUES_RE.findall(element.text_content())) if text_len > 200 else 0
            stats[element] = (text_len - link_len) * (1 - density) ** 2 * (1 + 0.1 * min(cues, 5))
        return text_len, link_len

    score(body)
    if not stats:
        return body
    best = max(stats, key=stats.__getitem__)
    while True:
        children = [c for c in best if c in stats]
        child = max(children, key=stats.__getitem__, default=None)
        if child is None or stats[child] < 0.85 * stats[best]:
            return best
        best = child


def drop_chrome(body: lxml_html.HtmlElement) -> None:
    """Remove scripts, widgets, hidden parts and metadata tables inside the body, in place."""
    doomed = []
    for element in body.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)  # comments, processing instructions
            continue
        if element is body:
            continue
        if element.tag in _DROP_TAGS or _HIDDEN_RE.search(element.get("style") or ""):
            doomed.append(element)
            continue
        marker = f"{element.get('class') or ''} {element.get('id') or ''}"
        if marker.strip() and _CHROME_ATTR_RE.search(marker) and len(element.text_content()) < 300:
            doomed.append(element)
        elif element.tag == "table" and is_metadata_table(element):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            _drop_keep_tail(element)


def _drop_keep_tail(element: etree._Element) -> None:
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
