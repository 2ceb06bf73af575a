"""Helpers for the table tests (no tests here): parse a text or PDF-lines snippet under a report
title, parse a real page of the dev set, and pick the failed checks of a rule."""

from dataclasses import replace

from govcrawl.process.clean import clean_text
from govcrawl.process.document import parse_document
from govcrawl.process.extract.pdfrows import lay_out_tables
from govcrawl.process.parse import parse_report
from tests.conftest import FIXTURES, SIM_DATA

REAL = FIXTURES / "real_pages"
HONGZE_PDF = SIM_DATA / "hongze_district_2023_annual_report.pdf"
TITLE = "某县农业农村局2021年政府信息公开工作年度报告"


def parsed_text(text: str, title: str = TITLE) -> dict:
    """A plain-text dump as `govcrawl parse` cleans it, under a report title."""
    return parse_report(replace(clean_text(text), title=title))


def parsed_pdf_lines(text: str, title: str = TITLE) -> dict:
    """PDF text lines as the PDF extractor lays out their tables."""
    lines, tables = lay_out_tables(text.split("\n"))
    return parse_report(replace(clean_text("\n".join(lines)), title=title, tables=tables))


def real(name: str, url: str | None = None) -> dict:
    path = REAL / name
    return parse_document(path.read_bytes(), url=url or name, content_type="text/plain").record


def fails(record: dict, rule_prefix: str) -> list[dict]:
    return [c for c in record["checks"] if c["rule"].startswith(rule_prefix) and c["status"] == "fail"]


# A table 四 whose header words are split over lines (used by the table 四 and template tests).
SPLIT_HEADER_TEXT = """四、因政府信息公开工作被申请行政复议提起行政诉讼情况
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 维持 纠正 结果 审结 计
2 1 0 / 3 0 0 0 0 0 1 0 0 0 1
五、政府信息公开工作存在的主要问题及改进情况
"""
