"""Random spans, blank cells and junk fed to the table parser: never a crash, never an invented number."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govcrawl.contract.cleaned_page import CleanedPage, TableCell
from govcrawl.contract.schema import validation_errors
from govcrawl.process.parse import parse_report
from govcrawl.process.parse.cells import parse_value
from govcrawl.process.parse.grid import expand

# Examples per property come from the hypothesis profile (tests/conftest.py): a few dozen by default,
# hundreds with HYPOTHESIS_PROFILE=thorough.

WORDS = [
    "",
    "",
    "0",
    "12",
    "１０",
    "1,234",
    "0.00",
    "—",
    "13宗共113200元",
    "自然人",
    "总计",
    "商业企业",
    "一、本年新收政府信息公开申请数量",
    "（三）不予公开",
    "1.属于国家秘密",
    "行政复议",
    "结果维持",
    "第二十条第（一）项",
    "信息内容",
    "统计指标",
    "单位",
    "x|y",
    "\t",
    "  ",
]

cells = st.builds(
    TableCell,
    text=st.sampled_from(WORDS) | st.text(max_size=8),
    rowspan=st.integers(-2, 6) | st.just(10**6),
    colspan=st.integers(-2, 6) | st.just(10**6),
)
tables = st.lists(st.lists(cells, max_size=9), max_size=12)
lines = st.lists(st.sampled_from(WORDS) | st.text(max_size=20), max_size=40)


@given(st.lists(tables, max_size=3), lines)
def test_random_tables_never_crash_and_stay_valid(raw_tables, text_lines):
    page = CleanedPage(
        title="某县应急管理局2021年政府信息公开工作年度报告", text="\n".join(text_lines), tables=raw_tables
    )
    record = parse_report(page)
    assert validation_errors(record) == []


@given(tables)
def test_grid_is_rectangular(raw_table):
    grid = expand(raw_table)
    assert len({len(row) for row in grid}) <= 1


@given(st.lists(tables, max_size=2))
def test_every_missing_table_has_a_reason(raw_tables):
    record = parse_report(CleanedPage(title="某县应急管理局2021年政府信息公开工作年度报告", text="", tables=raw_tables))
    flagged = {c["rule"] for c in record["checks"] if c["status"] == "skipped" and c.get("detail")}
    missing = {
        f"tables.{n}" for n in ("active_disclosure", "applications", "review_litigation") if record["tables"][n] is None
    }
    assert missing <= flagged


@given(st.text(max_size=12))
def test_cell_value_is_number_text_or_null(text):
    value = parse_value(text)
    assert value is None or isinstance(value, (int, float, str))


@given(st.integers(-(10**9), 10**9))
def test_integers_round_trip(n):
    assert parse_value(f"{n:,}") == n
