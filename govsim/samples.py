"""Turn the five real sample texts (data/*.txt) into article bodies as their portals published them.

Each sample keeps its own script (000 traditional, 001 traditional with pinyin). Text lines become
<p> paragraphs; flattened statistics tables are rebuilt as real <table>s (003's 2019-template cells,
002's pipe-separated 统计表); lines that were site chrome in the dump go back into the chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources

from . import tables

DATA = resources.files(__package__) / "data"


@dataclass(frozen=True)
class SampleArticle:
    sample: str  # file stem, e.g. "003_2094a5b1fba3121f"
    title: str  # as the page shows it (in the page's own script)
    agency: str  # publishing body, simplified script
    year: int
    template: str  # schema enum: 2021 | 2019 | pre2019 | unknown
    script: str  # simplified | traditional
    body_html: str  # inner HTML of the article container
    snippet: str  # a phrase that appears verbatim in the body text
    after_body_html: str = ""  # chrome that followed the article in the dump (mirror links)
    footer_lines: tuple[str, ...] = field(default=())  # the portal footer, as dumped
    byline: str | None = None  # the byline exactly as dumped, when the sample has one
    title_simplified: str | None = None


def read_data_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def read_data_bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


def paragraphs_html(lines: list[str]) -> str:
    return "\n".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())


@cache
def sample_000() -> SampleArticle:
    lines = read_data_text("000_bc7b1b1142d4411e.txt").split("\n")
    title = lines[0].strip()
    body = [ln for ln in lines[1:] if ln.strip()]
    tail = body[-3:]  # 相關詞條 / 熱門詞條 / 聯絡我們: the mirror's chrome
    body = body[:-3]
    after = (
        '<div class="related-terms">'
        + "".join(f'<div class="terms-block"><h4>{escape(t)}</h4><ul></ul></div>' for t in tail)
        + "</div>"
    )
    return SampleArticle(
        "000_bc7b1b1142d4411e",
        title,
        "惠州市应急管理局",
        2019,
        "pre2019",
        "traditional",
        paragraphs_html(body),
        "緊緊圍繞安全生產和應急管理中心工作",
        after_body_html=after,
        title_simplified="惠州市应急管理局2019年政府信息公开工作年度报告",
    )


@cache
def sample_001() -> SampleArticle:
    lines = [ln for ln in read_data_text("001_a63ccd5b319b1063.txt").split("\n") if ln.strip()]
    footer = tuple(lines[-3:])  # 主办/承办 … 本站已支持IPv6访问: the portal footer
    body = lines[:-3]
    title = "宣城市人防辦(bàn)2017年政府信息公開(kāi)工作年度報(bào)告"
    return SampleArticle(
        "001_a63ccd5b319b1063",
        title,
        "宣城市人民防空办公室",
        2017,
        "pre2019",
        "traditional",
        paragraphs_html(body),
        "本年度報(bào)告是根據(jù)",
        footer_lines=footer,
        title_simplified="宣城市人防办2017年政府信息公开工作年度报告",
    )


@cache
def sample_002() -> SampleArticle:
    lines = [ln for ln in read_data_text("002_7bcad31b0e10dcd8.txt").split("\n") if ln.strip()]
    cut = lines.index("附件")
    prose, table_lines = lines[:cut], lines[cut + 1 :]
    rows = [[c.strip() or None for c in ln.rstrip().rstrip("|").split("|")] for ln in table_lines]
    caption = rows[0][0]
    header, data = rows[1], rows[2:]
    html = paragraphs_html(prose) + "\n<p>附件</p>\n" + tables.indicator_table_html(caption, header, data)
    return SampleArticle(
        "002_7bcad31b0e10dcd8",
        "衢州市安全生产监督管理局2018年政府信息公开工作年度报告",
        "衢州市安全生产监督管理局",
        2018,
        "pre2019",
        "simplified",
        html,
        "至2018年底,我局在衢州市政府信息公开网站主动公开政府信息共 502 条",
    )


def _cells_after(lines: list[str], label: str, count: int, start: int = 0) -> list[str | None]:
    """The `count` tab-indented cells that follow the cell `label` in sample 003's dump."""
    i = lines.index("\t" + label, start)
    cells = []
    for ln in lines[i + 1 : i + 1 + count]:
        value = ln[1:] if ln.startswith("\t") else ln
        cells.append(value if value.strip() else None)
    return cells


@cache
def sample_003() -> SampleArticle:
    text = read_data_text("003_2094a5b1fba3121f.txt")
    lines = text.split("\n")
    title = lines[0].strip()
    i2 = lines.index("二、主动公开政府信息情况")
    i3 = lines.index("三、收到和处理政府信息公开申请情况")
    i4 = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    i5 = lines.index("五、存在的主要问题及改进情况")
    t2_rows = {}
    for label, n in (
        ("规章", 3),
        ("规范性文件", 3),
        ("行政许可", 3),
        ("其他对外管理服务事项", 3),
        ("行政处罚", 3),
        ("行政强制", 3),
        ("行政事业性收费", 2),
        ("政府集中采购", 2),
    ):
        t2_rows[label] = _cells_after(lines, label, n, i2)
    t3_values = {}
    labels = {
        "一": "一、本年新收政府信息公开申请数量",
        "二": "二、上年结转政府信息公开申请数量",
        "三.七": "（七）总计",
        "四": "四、结转下年度继续办理",
    }
    for _, label, key in tables.table3_leaf_rows("2019"):
        labels[key] = label
    for key, label in labels.items():
        t3_values[key] = _cells_after(lines, label, 7, i3)
    t4_cells = [ln for ln in lines[i4 + 1 : i5] if ln.startswith("\t")][-15:]
    t4_values = [c[1:] if c[1:].strip() else None for c in t4_cells]
    prose_top = [ln for ln in lines[1:i2] if ln.strip()]
    prose_bottom = [ln for ln in lines[i5 + 1 :] if ln.strip()]
    html = "\n".join(
        [
            paragraphs_html(prose_top),
            f"<p>{lines[i2]}</p>",
            tables.table2_html("2019", t2_rows),
            f"<p>{lines[i3]}</p>",
            tables.table3_html("2019", t3_values),
            f"<p>{lines[i4]}</p>",
            tables.table4_html(t4_values),
            f"<p>{lines[i5]}</p>",
            paragraphs_html(prose_bottom),
        ]
    )
    return SampleArticle(
        "003_2094a5b1fba3121f",
        title,
        "汕头市潮阳区应急管理局",
        2020,
        "2019",
        "simplified",
        html,
        "持续将政务信息公开工作向深度、广度推进",
    )


# Where the long run-on line of 004 breaks into paragraphs: before section numbers and sub-items.
_SPLIT_004 = re.compile(r" (?=[一二三四五六]、|\([一二三四五六七八九]\)|改进情况:)")


@cache
def sample_004() -> SampleArticle:
    lines = read_data_text("004_e47ad0a698eae0a9.txt").split("\n")
    title = lines[1].strip()
    byline = lines[4].strip(" |")
    content = [
        ln.strip(" |") for ln in lines if ln.strip(" |") and ln.strip(" |") not in (title, byline, "【关闭窗口】")
    ]
    paragraphs: list[str] = []
    for ln in content:
        paragraphs.extend(p.strip() for p in _SPLIT_004.split(ln) if p.strip())
    html_parts = []
    for n, p in enumerate(paragraphs):
        html_parts.append(f"<p>{escape(p)}</p>")
        # Sections 二–四 were published as images of the tables.
        if re.match(r"[二三四]、", p) and len(p) < 30:
            html_parts.append(
                f'<p style="text-align:center;"><img src="/UploadFiles/2026/01/2026012009{n:04d}.png" '
                f'border="0" alt=""></p>'
            )
    return SampleArticle(
        "004_e47ad0a698eae0a9",
        title,
        "舟曲县应急管理局",
        2025,
        "2021",
        "simplified",
        "\n".join(html_parts),
        "全年通过县政府门户网站政府信息公开栏目公开应急管理信息22条",
        byline=byline,
    )
