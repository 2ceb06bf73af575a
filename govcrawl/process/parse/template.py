"""Format era of the report: '2021', '2019', 'pre2019' or 'unknown' (the three eras: docs/tables.md).

Evidence, strongest first:

1. table structure: column headers and rows only one template prints (any document, a blank form
   included);
2. a report that says which national format it follows (国办公开办函〔2021〕30号 / 〔2019〕60号);
3. a report covering 2018 or earlier (the 2019 format did not exist yet);
4. a report written in the pre-2019 structure (一、概述, 收费及减免 …);
5. a report (for 2021 or later, or of unknown year) reporting the 信息处理费 under
   国办函〔2020〕109号, which the 2021 format has section 六 carry.

Nothing else: the six section headings are the same in both later formats, a table 四 too, and a
year ≥ 2019 alone says nothing of the layout (agencies kept the 2019 tables after 2021).
No evidence → 'unknown'.
"""

from __future__ import annotations

import re

# Column headers and rows only one template prints.
_MARKERS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "缴纳费用")
_MARKERS_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数",
    "上一年项目数量",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "第二十条第(九)项",
    "采购总金额",
    "采购项目数量",
)
# The pre-2019 统计表: its header and indicators no later table has.
_LEGACY_HEADER = re.compile(r"(?:统计|指标)(?:指标|名称)[^\n]{0,40}?(?:计量)?单位")
_LEGACY_ROWS = (
    "当面申请",
    "信函申请",
    "传真申请",
    "网上申请",
    "电子邮件申请",
    "同意公开答复",
    "同意部分公开",
    "否决公开",
    "依申请公开信息收取的费用",
    "行政申诉",
)

# 〔2021〕30号 / 〔2019〕60号: the national format notices (brackets and spacing vary).
_FORMAT_NOTICE = re.compile(r"[〔\[【(（]\s*(2021|2019)\s*[〕\]】)）]\s*(30|60)\s*号")
_FORMAT_NUMBER = {"2021": "30", "2019": "60"}

# Headings and wording of the pre-2019 report structure (2007 regulation, 第三十二条).
_OLD_HEADING = re.compile(r"(?:[一二三四五六七八九十]\s*[、.．]|包括|分为)\s*概\s*述")
_OLD_WORDS = ("收费及减免", "收费和减免")
_OLD_WORDS_NO_YEAR = ("查阅场所", "历年累计")  # also found in later reports: only when no year is known
# 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号, in force 2021-01-01): the 2021 format has
# section 六 report the 信息处理费 charged under it.
_FEE_MEASURES = re.compile(r"[〔\[【(（]\s*2020\s*[〕\]】)）]\s*109\s*号|信息处理费管理办法")


def template_from_tables(table_text: str, tables: dict, is_report: bool = True) -> str | None:
    """'2021', '2019' or 'pre2019' when the tables' own headers or rows say so, else None.

    For a document that is not a report (a blank form, a notice) only a form laid out as a
    report's table counts: table 三 with its era's rows, or a 统计表 with the report-year and
    历年累计 columns of the annual report's 附表 (a periodic 统计报表 with 本期/本年累计 is not one)."""
    n2021 = sum(m in table_text for m in _MARKERS_2021)
    n2019 = sum(m in table_text for m in _MARKERS_2019)
    if n2021 or n2019:
        return "2021" if n2021 > n2019 else "2019"
    apps = tables.get("applications")
    if apps:
        keys = {r["key"] for r in apps["rows"]}
        if keys & {"三.六.1", "三.六.2", "三.六.3"}:
            return "2021"
        if "三.六" in keys:
            return "2019"
    legacy = tables.get("legacy_statistics")
    if legacy and (is_report or any("cumulative" in row for row in legacy)):
        return "pre2019"
    return None


def template_from_text(text: str, year: int | None) -> str | None:
    """For a report: the format it says it follows, its year, its pre-2019 structure, or the
    信息处理费 rules only the 2021 format reports on."""
    cited = {era for era, number in _FORMAT_NOTICE.findall(text) if _FORMAT_NUMBER[era] == number}
    if cited:
        return "2021" if "2021" in cited else "2019"
    if year is not None and year <= 2018:
        return "pre2019"
    if _OLD_HEADING.search(text) or any(w in text for w in _OLD_WORDS):
        return "pre2019"
    if year is None and any(w in text for w in _OLD_WORDS_NO_YEAR):
        return "pre2019"
    if _FEE_MEASURES.search(text) and (year is None or year >= 2021):
        return "2021"
    return None


def detect_template(
    table_text: str, tables: dict, sections: list[dict], year: int | None, *, text: str = "", is_report: bool = True
) -> str:
    """The era from the evidence above. `table_text`: the tables' (for a report, also the page's)
    text with whitespace removed; `text`: the page text, for what a report says of itself.
    `sections` is accepted for callers but is no evidence (see above)."""
    found = template_from_tables(table_text, tables, is_report)
    if found is None and is_report:
        found = template_from_text(text, year)
    return found or "unknown"
