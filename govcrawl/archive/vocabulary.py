"""The canonical row/column vocabulary of the statistics tables, across the 2019 and 2021 templates.

A cell is named by (table, row_key, column). The 2019 form (国办公开办函〔2019〕60号) and the
2021 form (国办公开办函〔2021〕30号) print some rows and columns differently; where the 2021 form
continues a 2019 row or column under another name both map to one key, so a 2019 cell and its
2021 successor line up. Rows and columns only one form prints get their own key and are listed
in `NO_SUCCESSOR` (docs/vocabulary.md is the table for readers). A printed label the vocabulary
does not know maps to None: it is kept as printed, never forced onto a key.

Metric names are `table.row_key_column`, e.g. `applications.new_total`.
"""

from __future__ import annotations

from govcrawl.process.parse.lookup import normalise_label

# --- table 二 (active_disclosure) ----------------------------------------------------------
# (row_key, normalised label prefixes): first match wins, longest labels first.
ACTIVE_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("regulations", ("规章",)),
    ("normative_documents", ("行政规范性文件", "规范性文件")),
    ("other_documents", ("其他主动公开文件",)),
    ("licensing", ("行政许可",)),
    ("other_services", ("其他对外管理服务事项",)),
    ("penalties", ("行政处罚",)),
    ("enforcement", ("行政强制",)),
    ("fees", ("行政事业性收费",)),
    ("procurement", ("政府集中采购",)),
)
# (column key, normalised header prefixes, unit)
ACTIVE_COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("issued", ("本年新制作数量", "本年制发件数"), "件"),
    ("newly_published", ("本年新公开数量",), "件"),
    ("published_total", ("对外公开总数",), "件"),
    ("repealed", ("本年废止件数",), "件"),
    ("in_force", ("现行有效件数",), "件"),
    ("items_prev", ("上一年项目数量",), "项"),
    ("items_change", ("本年增减",), "项"),
    ("decisions", ("本年处理决定数量", "处理决定数量"), "件"),
    ("fee_amount", ("本年收费金额",), "万元"),
    ("procurement_items", ("采购项目数量",), "项"),
    ("procurement_amount", ("采购总金额",), "万元"),
)

# --- table 三 (applications): rows by the parser's canonical key ----------------------------
APPLICATION_ROWS: dict[str, str] = {
    "一": "new",
    "二": "carried_over",
    "三.一": "result.disclosed",
    "三.二": "result.partly_disclosed",
    "三.三": "result.refused",
    "三.三.1": "result.refused.state_secret",
    "三.三.2": "result.refused.prohibited_by_law",
    "三.三.3": "result.refused.security_stability",
    "三.三.4": "result.refused.third_party",
    "三.三.5": "result.refused.internal_affairs",
    "三.三.6": "result.refused.process_information",
    "三.三.7": "result.refused.enforcement_files",
    "三.三.8": "result.refused.query_matters",
    "三.四": "result.unable",
    "三.四.1": "result.unable.not_held",
    "三.四.2": "result.unable.needs_creating",
    "三.四.3": "result.unable.still_unclear",
    "三.五": "result.not_handled",
    "三.五.1": "result.not_handled.petition",
    "三.五.2": "result.not_handled.repeated",
    "三.五.3": "result.not_handled.publication",
    "三.五.4": "result.not_handled.vexatious",
    "三.五.5": "result.not_handled.reconfirmation",
    "三.六": "result.other",
    "三.六.1": "result.other.no_correction",
    "三.六.2": "result.other.fee_unpaid",
    "三.六.3": "result.other.other",
    "三.七": "result.total",
    "四": "carried_forward",
}
APPLICATION_COLUMNS: dict[str, str] = {
    "自然人": "person",
    "商业企业": "business",
    "科研机构": "research",
    "社会公益组织": "nonprofit",
    "法律服务机构": "legal",
    "其他": "other",
    "总计": "total",
}

# --- table 四 (review_litigation): the parser's dotted columns -> (row_key, column) ------------
REVIEW_ROWS = {
    "行政复议": "review",
    "行政诉讼.未经复议直接起诉": "litigation_direct",
    "行政诉讼.复议后起诉": "litigation_after_review",
}
REVIEW_COLUMNS = {
    "结果维持": "upheld",
    "结果纠正": "corrected",
    "其他结果": "other",
    "尚未审结": "pending",
    "总计": "total",
}

NO_SUCCESSOR: dict[str, str] = {
    "active_disclosure.newly_published": "2019 only (本年新公开数量); the 2021 form has no such column",
    "active_disclosure.published_total": "2019 only (对外公开总数量); 2021's 现行有效件数 (in_force) counts documents in force, not a successor",
    "active_disclosure.repealed": "2021 only (本年废止件数)",
    "active_disclosure.in_force": "2021 only (现行有效件数)",
    "active_disclosure.items_prev": "2019 only (上一年项目数量); the 2021 form counts decisions, not items",
    "active_disclosure.items_change": "2019 only (本年增/减)",
    "active_disclosure.fee_amount": "2021 only (本年收费金额, 万元); 2019 counted fee items, not amounts",
    "active_disclosure.procurement_items": "2019 only (第二十条第（九）项 采购项目数量); 2021 dropped the item",
    "active_disclosure.procurement_amount": "2019 only (采购总金额)",
    "active_disclosure.other_services": "2019 only (其他对外管理服务事项 row)",
    "active_disclosure.procurement": "2019 only (政府集中采购 row)",
    "active_disclosure.other_documents": "a regional extra row (其他主动公开文件), in neither national form",
    "applications.result.other": "2019 prints 其他处理 as one row; 2021 splits it into result.other.* (their sum is its successor)",
    "applications.result.other.no_correction": "2021 only (申请人无正当理由逾期不补正…)",
    "applications.result.other.fee_unpaid": "2021 only (申请人逾期未按收费通知要求缴纳费用…)",
    "applications.result.other.other": "2021 only (其他)",
    "legacy_statistics": "pre-2019 统计表 indicators are kept as printed (row_key empty); no national form fixes them",
}


def _match(label: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    norm = normalise_label(label)
    for key, prefixes in table:
        if any(norm.startswith(p) for p in prefixes):
            return key
    return None


def active_row(label: str) -> str | None:
    """The canonical key of a table 二 row label, or None when the vocabulary does not know it."""
    return _match(label, ACTIVE_ROWS)


def active_column(header: str) -> tuple[str, str] | None:
    """(column key, unit) of a table 二 column header, or None."""
    norm = normalise_label(header)
    for key, prefixes, unit in ACTIVE_COLUMNS:
        if any(norm.startswith(p) for p in prefixes):
            return key, unit
    return None


def application_row(key: str | None) -> str | None:
    return APPLICATION_ROWS.get(key) if key else None


def application_column(header: str) -> str | None:
    return APPLICATION_COLUMNS.get(normalise_label(header))


def review_cell(header: str) -> tuple[str, str] | None:
    """(row_key, column) of one of table 四's dotted columns (行政复议.结果维持 …), or None."""
    group, _, leaf = header.rpartition(".")
    row, column = REVIEW_ROWS.get(group), REVIEW_COLUMNS.get(leaf)
    return (row, column) if row and column else None


def metric_name(table: str, row_key: str, column: str) -> str:
    return f"{table}.{row_key}_{column}"


def parse_metric(metric: str) -> tuple[str, str, str]:
    """(table, row_key, column) of `table.row_key_column`; ValueError when it names no cell."""
    cell = known_metrics().get(metric)
    if cell is None:
        raise ValueError(f"unknown metric {metric!r} (e.g. applications.new_total; the list: docs/vocabulary.md)")
    return cell


def known_metrics() -> dict[str, tuple[str, str, str]]:
    """{metric name: (table, row_key, column)} of every cell the vocabulary names."""
    cells = [("applications", r, c) for r in APPLICATION_ROWS.values() for c in APPLICATION_COLUMNS.values()]
    cells += [("review_litigation", r, c) for r in REVIEW_ROWS.values() for c in REVIEW_COLUMNS.values()]
    cells += [("active_disclosure", r, c[0]) for r, _ in ACTIVE_ROWS for c in ACTIVE_COLUMNS]
    return {metric_name(*cell): cell for cell in cells}
