"""Consistency checks on parsed tables. A failure is recorded, never corrected."""

from __future__ import annotations

from govcrawl.process.parse.cells import Value, is_number
from govcrawl.process.parse.tables.applications import APPLICATION_COLUMNS, LEAF_KEYS

_TOLERANCE = 1e-6


def check(rule: str, status: str, detail: str | None = None) -> dict:
    out = {"rule": rule, "status": status}
    if detail:
        out["detail"] = detail
    return out


def _compare(rule: str, left: list[tuple[str, Value]], right: list[tuple[str, Value]]) -> dict:
    missing = [name for name, v in left + right if not is_number(v)]
    if missing:
        return check(rule, "skipped", "not numeric or empty: " + ", ".join(dict.fromkeys(missing)))
    lsum = sum(v for _, v in left)  # type: ignore[misc]
    rsum = sum(v for _, v in right)  # type: ignore[misc]
    status = "pass" if abs(lsum - rsum) <= _TOLERANCE else "fail"
    return check(
        rule,
        status,
        f"{' + '.join(n for n, _ in left)} = {_fmt(lsum)}; {' + '.join(n for n, _ in right)} = {_fmt(rsum)}",
    )


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def application_checks(table: dict) -> list[dict]:
    rows = {r["key"]: r["values"] for r in table["rows"]}
    out = []
    leaves = LEAF_KEYS + (["三.六.1", "三.六.2", "三.六.3"] if any(k.startswith("三.六.") for k in rows) else ["三.六"])
    for c, col in enumerate(APPLICATION_COLUMNS):

        def cell(key: str, c: int = c) -> tuple[str, Value]:
            return key, rows[key][c] if key in rows else None

        out.append(_compare(f"applications.balance:{col}", [cell("一"), cell("二")], [cell("三.七"), cell("四")]))
        out.append(_compare(f"applications.outcome_total:{col}", [cell("三.七")], [cell(k) for k in leaves]))
    for key, values in rows.items():
        names = APPLICATION_COLUMNS[:-1]
        out.append(
            _compare(
                f"applications.row_total:{key}", [("总计", values[-1])], list(zip(names, values[:-1], strict=False))
            )
        )
    return out


def review_checks(table: dict) -> list[dict]:
    values = table["values"]
    out = []
    for g, group in enumerate(("行政复议", "行政诉讼.未经复议直接起诉", "行政诉讼.复议后起诉")):
        part = values[g * 5 : (g + 1) * 5]
        names = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
        out.append(
            _compare(f"review_litigation.total:{group}", [("总计", part[4])], list(zip(names, part[:4], strict=False)))
        )
    return out


def year_check(title_year: int | None, period_year: int | None) -> dict:
    rule = "year.title_vs_period"
    if title_year is None or period_year is None:
        missing = "title year" if title_year is None else "统计期限"
        return check(rule, "skipped", f"no {missing} found")
    status = "pass" if title_year == period_year else "fail"
    return check(rule, status, f"title {title_year}, 统计期限 {period_year}")
