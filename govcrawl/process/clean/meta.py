"""Page metadata: <meta name=…> values, CMS metadata tables (索引号/发布机构…) and the title."""

from __future__ import annotations

import re

from lxml import html as lxml_html

# Labels of the metadata block Ucap/TRS/Hanweb 信息公开 pages print above the article.
METADATA_LABELS = (
    "索引号",
    "发布机构",
    "发文机关",
    "公开日期",
    "发布日期",
    "成文日期",
    "发文日期",
    "生效日期",
    "废止日期",
    "文号",
    "发文字号",
    "主题分类",
    "主题词",
    "组配分类",
    "体裁分类",
    "服务对象分类",
    "公开方式",
    "公开范围",
    "公开时限",
    "信息来源",
    "信息分类",
    "所属机构",
    "内容概述",
    "信息名称",
    "文件名称",
    "名称",
    "标题",
    "有效性",
    "时效",
)
_LABEL_RE = re.compile(r"^\s*(" + "|".join(sorted(METADATA_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*(.*)$", re.S)
_LABEL_ONLY_RE = re.compile(r"^\s*(" + "|".join(METADATA_LABELS) + r")\s*[:：]?\s*$")

_BLOCKS = frozenset(("td", "th", "tr", "table", "tbody", "p", "div", "li", "ul", "ol", "dl", "dt", "dd"))
_TITLE_SEPARATORS_RE = re.compile(r"\s*(?:-|_|\||｜|－|—{1,2}|–)\s*")
_SITE_LIKE_RE = re.compile(
    r"(?:[网網]|[网網]站|门户|門戶|官[网網]|官方[网網]站|政府|人民政府|平台|gov\.cn)\s*$|政府[网網]|(?:门户|門戶)[网網]站",
    re.I,
)


def meta_tags(root: lxml_html.HtmlElement) -> dict[str, str]:
    """<meta name=X content=Y> pairs with a non-empty content, in page order (first wins)."""
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        name = (element.get("name") or "").strip()
        content = (element.get("content") or "").strip()
        if name and content and name not in found:
            found[name] = content
    return found


_ANY_LABEL_RE = re.compile("|".join(METADATA_LABELS))
_LEAF_TAGS = frozenset(("td", "th", "li", "span", "p", "div", "dt", "dd", "b", "strong", "label", "em", "font"))


def metadata_pairs(root: lxml_html.HtmlElement) -> dict[str, str]:
    """索引号/发布机构/… label-value pairs, from tables (label cell + value cell) or inline text."""
    found: dict[str, str] = {}
    # Only elements whose own text starts with a label are looked at (fast on big pages).
    for element in root.iter(*_LEAF_TAGS):
        if not element.text or not _ANY_LABEL_RE.search(_compact_label(element.text[:30])):
            continue
        # Only leaf-like elements: a wrapper's text would run on into the next label and the body.
        if len(element) > 6 or any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
            continue
        text = element.text_content()
        if len(text) > 200:
            continue
        inline = _LABEL_RE.match(text.translate(_LABEL_T2S))  # the value is simplified with the page
        if inline and inline.group(2).strip():
            # "索引号：123 发布机构：XX" on one line: keep only up to the next label.
            value = re.split(r"\s+(?:" + "|".join(METADATA_LABELS) + r")\s*[:：]", inline.group(2))[0]
            found.setdefault(inline.group(1), " ".join(value.split()))
            continue
        label = _LABEL_ONLY_RE.match(_compact_label(text))
        if label:
            sibling = element.getnext()
            if sibling is None and element.getparent() is not None and element.getparent().tag in _LEAF_TAGS:
                sibling = element.getparent().getnext()  # <td><b>索引号：</b></td><td>value</td>
            if sibling is not None:
                value = " ".join(sibling.text_content().split())
                if value and not _LABEL_ONLY_RE.match(value) and len(value) < 200:
                    found.setdefault(label.group(1), value)
    return found


def _traditional_label_chars() -> dict[int, str]:
    """Each traditional character of a label (號, 發, 機, 構 …) → its simplified form."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    table: dict[int, str] = {}
    for label in (*METADATA_LABELS, *TEXT_METADATA_LABELS):
        for simplified, traditional in zip(label, s2t.convert(label), strict=False):
            if simplified != traditional:
                table[ord(traditional)] = simplified
    return table


def _compact_label(text: str) -> str:
    """A label cell as some CMSs set it, '[ 索 引 号 ]', '【发布机构】' or '索引號' on a traditional-script
    page, read as '索引号' (the page's text is converted later; its metadata is read here, first)."""
    return re.sub(r"[\s\[\]【】]", "", text).translate(_LABEL_T2S)


def is_metadata_table(table: lxml_html.HtmlElement) -> bool:
    text = table.text_content()
    return (
        sum(
            1
            for label in ("索引号", "发布机构", "公开日期", "成文日期", "发文字号", "主题分类", "文号", "组配分类")
            if label in text
        )
        >= 2
        and len(text) < 1500
    )


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """'报告_XX市人民政府' or '报告 - 山西省人民政府门户网站' -> '报告'."""
    title = " ".join(title.split())
    if "__" in title:  # gov.cn: "title__column_site"
        title = title.split("__", 1)[0]
    parts = _TITLE_SEPARATORS_RE.split(title)
    names = {name.strip() for name in site_names if name and name.strip()}
    while len(parts) > 1 and (parts[-1].strip() in names or _SITE_LIKE_RE.search(parts[-1]) or not parts[-1].strip()):
        parts.pop()
    # Re-join with the separators that stood between the kept parts.
    kept = len(parts)
    pieces = _TITLE_SEPARATORS_RE.split(title)
    if kept == len(pieces):
        return title.strip()
    matches = list(_TITLE_SEPARATORS_RE.finditer(title))
    return title[: matches[kept - 1].start()].strip()


# Labels of the same metadata block as a page dump prints it: "发布机构 | 宁国市商务局 | 发文日期 | …",
# "[ 索引号 ] | … |", "发布单位: | 下管镇 |".
TEXT_METADATA_LABELS = frozenset(
    (
        *METADATA_LABELS,
        "发布单位",
        "分类",
        "发布文号",
        "文件编号",
        "关键词",
        "主题导航",
        "发文单位",
        "发布部门",
        "来源单位",
        "效力属性",
    )
)
_CELL_STRIP = " \t[]【】:："


def text_metadata(lines: list[str], head: int = 15) -> dict[str, str]:
    """Label/value pairs of a metadata block printed as pipe- or tab-separated rows near the top of a
    text dump (a page's metadata table copied as text keeps its cells apart with either)."""
    found: dict[str, str] = {}
    for line in lines[:head]:
        if "|" not in line and "\t" not in line:
            continue
        cells = [c.strip(_CELL_STRIP) for c in re.split(r"[|\t]", line)]
        cells = [_compact_label(c) if _compact_label(c) in TEXT_METADATA_LABELS else c for c in cells]
        for i, cell in enumerate(cells[:-1]):
            value = cells[i + 1]
            if cell in TEXT_METADATA_LABELS and value and value not in TEXT_METADATA_LABELS and len(value) < 200:
                found.setdefault(cell, value)
    return found


_LABEL_T2S = _traditional_label_chars()
