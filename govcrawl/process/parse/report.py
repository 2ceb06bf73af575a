"""parse_report: a CleanedPage → the structured report of report.schema.json."""

from __future__ import annotations

import hashlib
import re

from govcrawl.contract.cleaned_page import CleanedPage
from govcrawl.process.parse import agency as agency_mod
from govcrawl.process.parse import celllines
from govcrawl.process.parse import checks as checks_mod
from govcrawl.process.parse import dates
from govcrawl.process.parse.cells import clean_cell_text
from govcrawl.process.parse.grid import expand
from govcrawl.process.parse.identity import is_annual_report, title_from_text
from govcrawl.process.parse.region import region_for
from govcrawl.process.parse.sections import split_sections
from govcrawl.process.parse.tables import (
    Block,
    find_active_disclosure,
    find_applications,
    find_legacy_statistics,
    find_review_litigation,
)
from govcrawl.process.parse.template import detect_template
from govcrawl.process.parse.textrows import is_page_footer, table_line_numbers, text_blocks
from govcrawl.contract.schema import empty_report

_TABLE_NAMES = ("active_disclosure", "applications", "review_litigation", "legacy_statistics")


def parse_report(page: CleanedPage, *, url: str | None = None, adcode: str | None = None,
                 published_hint: str | None = None) -> dict:
    record = empty_report()
    text = page.text or ""
    lines = text.split("\n")
    text_tables = text_blocks(lines)
    table_lines = table_line_numbers(lines, text_tables)
    prose = [ln for i, ln in enumerate(lines) if i not in table_lines]

    title = page.title or page.meta.get("ArticleTitle") or title_from_text(lines)
    record["title"] = title
    record["text"] = text
    record["source_script"] = page.source_script if page.source_script in ("simplified", "traditional", "mixed") else "simplified"
    record["published_date"] = (dates.meta_date(page.meta) or dates.byline_date(lines)
                                or dates.signature_date(prose) or dates.parse_date(published_hint))

    blocks = [Block(expand(t), from_html=True) for t in page.tables]
    blocks += [Block(b.rows, from_html=False) for b in text_tables]
    sections = split_sections(text, table_lines)
    tables, table_checks, reasons = _parse_tables(
        blocks, [ln.strip() for ln in prose if ln.strip() and not is_page_footer(ln)])

    record["is_annual_report"] = is_annual_report(title, text, prose, sections, any(tables.values()))
    if not record["is_annual_report"]:
        # a blank form or template still shows its era; the tables themselves are not kept
        record["template"] = detect_template("", tables, [], None, text=text, is_report=False)
        record["region"] = region_for(adcode, []).as_dict()
        record["report_key"] = report_key(record, url)
        return record

    record["sections"] = sections
    record["tables"] = tables
    title_year = dates.title_year(title)
    period_year = dates.period_year(text)
    record["year"] = title_year or dates.body_report_year(text) or period_year

    sig = _signature_line(prose)
    record["agency"] = (agency_mod.agency_from_title(title) or agency_mod.agency_from_meta(page.meta)
                        or agency_mod.agency_from_body(text, prose, sig)
                        # last: who runs the site, from a page dump's footer (clean keeps it as meta)
                        or agency_mod.plausible_agency(page.meta.get("主办")))
    record["region"] = region_for(adcode, [record["agency"], title]).as_dict()

    all_table_text = clean_cell_text(text) + "".join(clean_cell_text(c.text) for t in page.tables for r in t for c in r)
    record["template"] = detect_template(all_table_text, tables, sections, record["year"], text=text)
    record["checks"] = table_checks + _missing_table_checks(tables, reasons, record["template"]) + [
        checks_mod.year_check(title_year or dates.body_report_year(text), period_year)]
    record["report_key"] = report_key(record, url)
    return record


def _parse_tables(blocks: list[Block], prose: list[str]) -> tuple[dict, list[dict], dict[str, str]]:
    """The four tables, their consistency checks, and why each missing one is missing."""
    tables = dict.fromkeys(_TABLE_NAMES)
    out: list[dict] = []
    reasons: dict[str, str] = {}
    active, reasons["active_disclosure"] = find_active_disclosure(blocks)
    if active is None:
        active, problems = celllines.active_disclosure(prose)
        out += _cell_line_problems("active_disclosure", problems)
    if active:
        for sub in active:
            for problem in sub.pop("shape_problems", []):
                out.append(checks_mod.check(f"active_disclosure.shape:{sub['article']}", "fail", problem))
    tables["active_disclosure"] = active
    apps, reasons["applications"], problems = find_applications(blocks)
    if apps is None:
        apps, lossy = celllines.applications(prose)
        out += _cell_line_problems("applications", lossy)
    tables["applications"] = apps
    if problems:
        out.append(checks_mod.check("applications.rows", "fail", "; ".join(problems)[:500]))
    if apps:
        out += checks_mod.application_checks(apps)
    review, reasons["review_litigation"] = find_review_litigation(blocks)
    if review is None:
        review, lossy = celllines.review_litigation(prose)
        out += _cell_line_problems("review_litigation", lossy)
    tables["review_litigation"] = review
    if review:
        out += checks_mod.review_checks(review)
    legacy, reasons["legacy_statistics"] = find_legacy_statistics(blocks)
    if legacy is None:
        legacy, lossy = celllines.legacy_statistics(prose)
        out += _cell_line_problems("legacy_statistics", lossy)
    tables["legacy_statistics"] = legacy
    return tables, out, reasons


def _cell_line_problems(table: str, problems: list[str]) -> list[dict]:
    """Rows of a one-cell-per-line table whose values could not be placed (left null)."""
    if not problems:
        return []
    return [checks_mod.check(f"{table}.cell_positions", "fail", "; ".join(problems)[:500])]


def _missing_table_checks(tables: dict, reasons: dict[str, str], template: str) -> list[dict]:
    """Every table that is null gets a skipped check saying why."""
    era_lacks = {"pre2019": _TABLE_NAMES[:3], "2019": _TABLE_NAMES[3:], "2021": _TABLE_NAMES[3:]}.get(template, ())
    out = []
    for name in _TABLE_NAMES:
        if tables[name] is None:
            why = f"not part of the {template} template" if name in era_lacks else f"table not parsed: {reasons.get(name) or 'absent'}"
            out.append(checks_mod.check(f"tables.{name}", "skipped", why))
    return out


def _signature_line(prose: list[str]) -> int | None:
    for i in range(len(prose) - 1, -1, -1):
        if dates.signature_date([prose[i]]):
            j = i - 1
            while j >= 0 and not prose[j].strip():
                j -= 1
            return j + 1 if j >= 0 else None
    return None


def report_key(record: dict, url: str | None = None) -> str:
    """Identity of a report across URLs and re-crawls.

    Identified report (is_annual_report, agency and year known):
        'r-' + sha1('{adcode}|{agency}|{year}')[:20], adcode = region.adcode or '' and agency with
        whitespace and parenthesised aliases removed — the same report at two URLs gets one key.
    Otherwise: 'u-' + sha1(url)[:20]; without a url, 't-' + sha1(title + text)[:20].
    """
    agency = record.get("agency")
    year = record.get("year")
    if record.get("is_annual_report") and agency and year:
        region = record.get("region") or {}
        name = re.sub(r"\s+|[（(][^()（）]*[)）]", "", agency)
        basis, prefix = f"{region.get('adcode') or ''}|{name}|{year}", "r-"
    elif url:
        basis, prefix = url.strip(), "u-"
    else:
        basis, prefix = f"{record.get('title') or ''}\n{record.get('text') or ''}", "t-"
    return prefix + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]
