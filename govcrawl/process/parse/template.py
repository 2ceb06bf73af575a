"""Format era of the report: '2021', '2019', 'pre2019' or 'unknown' (see DOMAIN.md)."""

from __future__ import annotations

# Column headers and rows only one template prints.
_MARKERS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "缴纳费用")
_MARKERS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数", "上一年项目数量", "其他对外管理服务事项",
                 "第二十条第（九）项", "采购总金额")
_SIX_PART_HEADINGS = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼情况",
                      "行政复议行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项")
_OLD_HEADINGS = ("概述", "基本情况", "依申请公开", "收费", "减免", "行政复议和", "诉讼情况", "存在的问题", "主要问题",
                 "改进措施", "工作计划", "申诉")


def detect_template(table_text: str, tables: dict, sections: list[dict], year: int | None) -> str:
    n2021 = sum(m in table_text for m in _MARKERS_2021)
    n2019 = sum(m in table_text for m in _MARKERS_2019)
    if n2021 or n2019:
        return "2021" if n2021 > n2019 else "2019"
    if tables.get("legacy_statistics"):
        return "pre2019"
    apps = tables.get("applications")
    if apps:
        keys = {r["key"] for r in apps["rows"]}
        if keys & {"三.六.1", "三.六.2", "三.六.3"}:
            return "2021"
        if "三.六" in keys:
            return "2019"
    headings = [s["heading"] for s in sections]
    six_part = sum(any(h in heading for h in _SIX_PART_HEADINGS) for heading in headings)
    if six_part >= 3 and year is not None:
        return "2021" if year >= 2021 else "2019" if year >= 2019 else "unknown"
    old = sum(any(h in heading for h in _OLD_HEADINGS) for heading in headings)
    if old >= 2 and six_part < 3:
        return "pre2019"
    return "unknown"
