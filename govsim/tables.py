"""HTML statistics tables laid out the way portals publish the national templates.

Values are passed in as strings (or None for an empty cell), so a table rebuilt from a real
report keeps its cells verbatim ("13宗共113200元", padded numbers, blanks) and a synthesized one
shows exactly the numbers it was generated with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

Cell = str | int | float | None

TABLE_ATTRS = 'border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;"'

APPLICANT_SUBCOLUMNS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# Rows of table 三 below 三、本年度办理结果: (group label or None, leaf label, schema key).
_TABLE3_COMMON = [
    (None, "（一）予以公开", "三.一"),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三.二"),
    ("（三）不予公开", "1.属于国家秘密", "三.三.1"),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", "三.三.2"),
    ("（三）不予公开", "3.危及“三安全一稳定”", "三.三.3"),
    ("（三）不予公开", "4.保护第三方合法权益", "三.三.4"),
    ("（三）不予公开", "5.属于三类内部事务信息", "三.三.5"),
    ("（三）不予公开", "6.属于四类过程性信息", "三.三.6"),
    ("（三）不予公开", "7.属于行政执法案卷", "三.三.7"),
    ("（三）不予公开", "8.属于行政查询事项", "三.三.8"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", "三.四.1"),
    ("（四）无法提供", "2.没有现成信息需要另行制作", "三.四.2"),
    ("（四）无法提供", "3.补正后申请内容仍不明确", "三.四.3"),
    ("（五）不予处理", "1.信访举报投诉类申请", "三.五.1"),
    ("（五）不予处理", "2.重复申请", "三.五.2"),
    ("（五）不予处理", "3.要求提供公开出版物", "三.五.3"),
    ("（五）不予处理", "4.无正当理由大量反复申请", "三.五.4"),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "三.五.5"),
]
_TABLE3_OTHER_2019 = [(None, "（六）其他处理", "三.六")]
_TABLE3_OTHER_2021 = [
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "三.六.1"),
    ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "三.六.2"),
    ("（六）其他处理", "3.其他", "三.六.3"),
]


def table3_leaf_rows(template: str) -> list[tuple[str | None, str, str]]:
    """The leaf rows of 三 (everything summed into 三.七) for '2019' or '2021'."""
    return _TABLE3_COMMON + (_TABLE3_OTHER_2021 if template == "2021" else _TABLE3_OTHER_2019)


def table3_keys(template: str) -> list[str]:
    """Every value row key of table 三, in document order."""
    return ["一", "二"] + [key for _, _, key in table3_leaf_rows(template)] + ["三.七", "四"]


def _td(value: Cell, attrs: str = "") -> str:
    text = "" if value is None else escape(str(value))
    return f"<td{(' ' + attrs) if attrs else ''}>{text}</td>"


def _values(values: Sequence[Cell]) -> str:
    return "".join(_td(v) for v in values)


def table2_html(template: str, rows: Mapping[str, Sequence[Cell]]) -> str:
    """Table 二. `rows` maps row labels (规章, 行政许可, …) to their value cells."""
    if template == "2021":
        blocks = [
            ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "行政规范性文件")),
            ("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",)),
            ("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
            ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("行政事业性收费",)),
        ]
    else:
        blocks = [
            ("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"), ("规章", "规范性文件")),
            (
                "第二十条第（五）项",
                ("上一年项目数量", "本年增/减", "处理决定数量"),
                ("行政许可", "其他对外管理服务事项"),
            ),
            ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("行政处罚", "行政强制")),
            ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("行政事业性收费",)),
            ("第二十条第（九）项", ("采购项目数量", "采购总金额"), ("政府集中采购",)),
        ]
    out = [f"<table {TABLE_ATTRS}><tbody>"]
    for title, columns, labels in blocks:
        spans = _spans(len(columns))
        out.append(f'<tr><td colspan="4" style="background:#DDEBF7;"><strong>{title}</strong></td></tr>')
        out.append("<tr><td>信息内容</td>" + "".join(_td(c, s) for c, s in zip(columns, spans, strict=True)) + "</tr>")
        for label in labels:
            values = list(rows.get(label, [None] * len(columns)))
            # A caller's row may have more or fewer cells than the block has columns: strict=False.
            out.append(f"<tr>{_td(label)}" + "".join(_td(v, s) for v, s in zip(values, spans, strict=False)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _spans(n_columns: int) -> list[str]:
    """Spread n value columns over the 3 grid columns after 信息内容."""
    if n_columns == 3:
        return ["", "", ""]
    if n_columns == 2:
        return ["", 'colspan="2"']
    return ['colspan="3"']


def table3_html(template: str, values: Mapping[str, Sequence[Cell]]) -> str:
    """Table 三 with its three header rows and the big 三、本年度办理结果 rowspan."""
    leaves = table3_leaf_rows(template)
    out = [f"<table {TABLE_ATTRS}><tbody>"]
    out.append(f'<tr><td colspan="3" rowspan="3">{TABLE3_NOTE}</td><td colspan="7">申请人情况</td></tr>')
    out.append('<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>')
    out.append("<tr>" + "".join(_td(c) for c in APPLICANT_SUBCOLUMNS) + "</tr>")
    empty = [None] * 7
    out.append('<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>' + _values(values.get("一", empty)) + "</tr>")
    out.append('<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>' + _values(values.get("二", empty)) + "</tr>")
    group_sizes: dict[str, int] = {}
    for group, _, _ in leaves:
        if group:
            group_sizes[group] = group_sizes.get(group, 0) + 1
    first = True
    seen_groups: set[str] = set()
    for group, label, key in leaves + [(None, "（七）总计", "三.七")]:
        cells = ""
        if first:
            cells += f'<td rowspan="{len(leaves) + 1}">三、本年度办理结果</td>'
            first = False
        if group is None:
            cells += f'<td colspan="2">{escape(label)}</td>'
        else:
            if group not in seen_groups:
                cells += f'<td rowspan="{group_sizes[group]}">{escape(group)}</td>'
                seen_groups.add(group)
            cells += _td(label)
        out.append(f"<tr>{cells}{_values(values.get(key, empty))}</tr>")
    out.append('<tr><td colspan="3">四、结转下年度继续办理</td>' + _values(values.get("四", empty)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def table4_html(values: Sequence[Cell]) -> str:
    """Table 四: 行政复议 (5) + 行政诉讼 未经复议直接起诉 (5) + 复议后起诉 (5)."""
    out = [f"<table {TABLE_ATTRS}><tbody>"]
    out.append('<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>')
    out.append(
        "<tr>"
        + "".join(_td(c, 'rowspan="2"') for c in REVIEW_COLUMNS)
        + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>'
    )
    out.append("<tr>" + "".join(_td(c) for c in REVIEW_COLUMNS * 2) + "</tr>")
    out.append("<tr>" + _values(list(values)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def indicator_table_html(caption: str | None, header: Sequence[str | None], rows: Sequence[Sequence[Cell]]) -> str:
    """A pre-2019 统计表: 统计指标 | 单位 | 统计数 rows, with an optional caption row."""
    out = [f"<table {TABLE_ATTRS}><tbody>"]
    if caption:
        out.append(f'<tr><td colspan="{len(header)}" style="text-align:center;">{escape(caption)}</td></tr>')
    out.append("<tr>" + "".join(_td(h) for h in header) + "</tr>")
    for row in rows:
        out.append("<tr>" + _values(row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)
