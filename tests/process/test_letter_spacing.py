"""Titles set with character spacing ('2 0 2 3 年 政 府 信 息 公 开 …'): Word's 字间距 read out of a
PDF or a converted page. The gaps go; digits that may be table values keep theirs.

Strings are invented in the shape of the real pages.
"""

from __future__ import annotations

import pytest

from govcrawl.process.clean.normalise import collapse_spaces
from govcrawl.process.document import parse_document
from govcrawl.process.extract.base import leading_title

BODY = (
    "\n一、总体情况\n本年度我局主动公开政府信息120条。\n二、主动公开政府信息情况\n"
    "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
)


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告", "2023年政府信息公开工作年度报告"),
        ("1 9 9 8 年度", "1998年度"),
        ("行政复议 10 1 0 0 0", "行政复议10 1 0 0 0"),  # table values keep their spaces
        ("0 0 1 2 年", "0 0 1 2年"),  # not a year
        ("国务院令第 711 号", "国务院令第711号"),
    ],
)
def test_collapse_spaces(printed, read):
    assert collapse_spaces(printed) == read


def test_letter_spaced_title_gives_title_year_and_agency():
    text = "某 县 应 急 管 理 局\n2 0 2 2 年 政 府 信 息 公 开 工 作 年 度 报 告" + BODY
    record = parse_document(text.encode(), url="page.txt", content_type="text/plain").record
    assert (record["title"], record["year"], record["agency"]) == (
        "某县应急管理局2022年政府信息公开工作年度报告",
        2022,
        "某县应急管理局",
    )


def test_a_pdf_title_letter_spaced_over_two_lines_is_read():
    lines = ["某 县 人 民 政 府 办 公 室", "2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告", "一、总体情况"]
    assert leading_title(lines) == "某县人民政府办公室2023年政府信息公开工作年度报告"
