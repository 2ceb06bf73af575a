"""Report parser: CleanedPage → structured annual report (govcrawl/report.schema.json).

parse_report(page, *, url=None, adcode=None, published_hint=None) -> dict
report_key(record, url=None) -> str
"""

from govcrawl.process.parse.report import parse_report, report_key

__all__ = ["parse_report", "report_key"]
