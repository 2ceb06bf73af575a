"""parse_report: a CleanedPage → the structured report of report.schema.json."""

from __future__ import annotations

import hashlib
import re

from govcrawl.contract.cleaned_page import CleanedPage
from govcrawl.contract.schema import empty_report
from govcrawl.process.parse import agency as agency_mod
from govcrawl.process.parse import celllines, dates
from govcrawl.process.parse import checks as checks_mod
from govcrawl.process.parse.cells import clean_cell_text
from govcrawl.process.parse.classify import is_annual_report
from govcrawl.process.parse.grid import expand
from govcrawl.process.parse.region import resolve_region
from govcrawl.process.parse.sections import split_sections
from govcrawl.process.parse.tables.active import find_active_disclosure
from govcrawl.process.parse.tables.applications import find_applications
from govcrawl.process.parse.tables.blocks import Block
from govcrawl.process.parse.tables.legacy import find_legacy_statistics
from govcrawl.process.parse.tables.review import find_review_litigation
from govcrawl.process.parse.template import detect_template
from govcrawl.process.parse.textrows import is_page_footer, table_line_numbers, text_blocks
from govcrawl.process.parse.title import REPORT_PHRASE_RE, find_title
from govcrawl.registry.host_lookup import host_info

_TABLE_NAMES = ("active_disclosure", "applications", "review_litigation", "legacy_statistics")


def parse_report(
    page: CleanedPage, *, url: str | None = None, adcode: str | None = None, published_hint: str | None = None
) -> dict:
    record = empty_report()
    text = page.text or ""
    lines = text.split("\n")
    text_tables = text_blocks(lines)
    table_lines = table_line_numbers(lines, text_tables)
    prose = [ln for i, ln in enumerate(lines) if i not in table_lines]

    found = find_title(page.title, page.meta, lines, text, url)
    title = found.text
    record["title"] = title
    record["text"] = text
    record["source_script"] = (
        page.source_script if page.source_script in ("simplified", "traditional", "mixed") else "simplified"
    )
    record["published_date"] = (
        dates.meta_date(page.meta)
        or dates.byline_date(lines)
        or dates.signature_date(prose)
        or dates.parse_date(published_hint)
    )

    blocks = [Block(expand(t), from_html=True) for t in page.tables]
    blocks += [Block(b.rows, from_html=False) for b in text_tables]
    sections = split_sections(text, table_lines)
    tables, table_checks, reasons = _parse_tables(
        blocks, [ln.strip() for ln in prose if ln.strip() and not is_page_footer(ln)]
    )
    has_values = _has_values(tables)

    is_report = is_annual_report(found, text, prose, sections, any(tables.values()), has_values)
    record["is_annual_report"] = is_report
    host = host_info(url)
    evidence: dict = {"title": found.source}

    year, evidence["year"] = dates.resolve_year(
        title=title,
        title_source=found.source,
        text=text,
        lines=lines,
        title_line=found.line,
        is_report=is_report,
        url=url,
    )
    record["year"] = year
    sig = _signature_line(prose)
    record["agency"], evidence["agency"] = agency_mod.resolve_agency(
        title=title,
        title_kind=found.kind,
        title_line=found.line,
        is_report=is_report,
        text=text,
        lines=lines,
        prose=prose,
        meta=page.meta,
        signature_line=sig,
        government_host=host.government,
    )
    region, evidence["region"] = resolve_region(
        adcode, record["agency"], title, host_adcode=host.adcode, text=text, meta_index=page.meta.get("索引号")
    )
    record["region"] = region.as_dict()
    record["identity_evidence"] = evidence
    record["source_host"] = host.as_dict()
    if not is_report:
        all_table_text = clean_cell_text(text) + "".join(
            clean_cell_text(c.text) for t in page.tables for r in t for c in r
        )
        # a blank form or template still shows its era; the tables themselves are not kept
        record["template"] = detect_template(all_table_text, tables, [], None, text=text, is_report=False)
        if record["template"] == "unknown" and title and REPORT_PHRASE_RE.search(title):
            record["template"] = era_from_text(text, record["year"])  # a notice on compiling reports
        record["report_key"] = report_key(record, url)
        return record

    record["sections"] = sections
    record["tables"] = tables
    title_year = dates.title_year(title)
    period_year = dates.report_period_year(text)

    all_table_text = clean_cell_text(text) + "".join(clean_cell_text(c.text) for t in page.tables for r in t for c in r)
    record["template"] = detect_template(all_table_text, tables, sections, record["year"], text=text)
    if record["template"] == "pre2019" and not tables["legacy_statistics"] and (record["year"] or 0) >= 2020:
        record["template"] = "unknown"  # old-style headings alone do not make a 2020+ report pre-2019
    if record["template"] == "unknown":
        record["template"] = era_from_text(text, record["year"])
    record["tables_missing"] = missing_tables(tables, reasons, record["template"], sections, text)
    record["checks"] = (
        table_checks
        + _missing_table_checks(record["tables_missing"])
        + [checks_mod.year_check(title_year or dates.statement_year(text), period_year)]
    )
    record["report_key"] = report_key(record, url)
    return record


_FORMAT_2021_RE = re.compile(r"国办公开办?函\s*[〔\[［(（]\s*2021\s*[〕\]］)）]\s*30\s*号")


def era_from_text(text: str, year: int | None) -> str:
    """The template era when no table or heading settles it: a report for 2018 or earlier can only
    be on the pre-2019 layout (the 2019 template came with the revised 条例); a report that
    cites the 2021 format notice (国办公开办函〔2021〕30号) is on the 2021 layout; else the parts
    the report lists for itself (概述, 依申请公开政府信息情况, 收费及减免 are the old parts; 总体情况
    and 收到和处理… the new ones, dated by the report year as for headings)."""
    if year is not None and year <= 2018:
        return "pre2019"
    if _FORMAT_2021_RE.search(text[:3000]) and (year is None or year >= 2021):
        return "2021"
    for parts in _PARTS_RE.finditer(text[:1500]):
        listed = parts.group(0)
        new = sum(w in listed for w in ("总体情况", "收到和处理"))
        old = sum(w in listed for w in ("概述", "依申请公开政府信息", "收费及减免", "收费和减免", "咨询"))
        if old >= 2 and not new:
            return "pre2019"
        if new >= 2 and not old and year is not None and year >= 2019:
            return "2021" if year >= 2021 else "2019"
    return "unknown"


# The report's own list of its parts: 全文包括概述、主动公开政府信息情况、…; 本报告由…组成.
_PARTS_RE = re.compile(r"(?:全文|报告|年报)[^。]{0,6}?(?:包括|包含|由|分为|共分)[^。]{10,240}")


def _has_values(tables: dict) -> bool:
    """Any number in any table (a blank form has the labels and no values)."""

    def numeric(v) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    for sub in tables.get("active_disclosure") or []:
        if any(numeric(v) for row in sub.get("rows") or [] for v in row.get("values") or []):
            return True
    apps = tables.get("applications")
    if apps and any(numeric(v) for row in apps.get("rows") or [] for v in row.get("values") or []):
        return True
    review = tables.get("review_litigation")
    if review and any(numeric(v) for v in review.get("values") or []):
        return True
    return any(numeric(row.get("value")) for row in tables.get("legacy_statistics") or [])


def _parse_tables(blocks: list[Block], prose: list[str]) -> tuple[dict, list[dict], dict[str, str]]:
    """The four tables, their consistency checks, and why each missing one is missing."""
    tables = dict.fromkeys(_TABLE_NAMES)
    out: list[dict] = []
    reasons: dict[str, str] = {}
    active, reasons["active_disclosure"] = find_active_disclosure(blocks)
    if active is None or not _row_count(active):
        # no table rows read from the text tables (a caption or a header alone): the cells may
        # be printed one per line
        by_lines, problems = celllines.active_disclosure(prose)
        if active is None or _row_count(by_lines or []) > 0:
            active = by_lines
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


def _row_count(subs: list[dict]) -> int:
    return sum(len(sub.get("rows") or []) for sub in subs)


def _cell_line_problems(table: str, problems: list[str]) -> list[dict]:
    """Rows of a one-cell-per-line table whose values could not be placed (left null)."""
    if not problems:
        return []
    return [checks_mod.check(f"{table}.cell_positions", "fail", "; ".join(problems)[:500])]


# Where each table stands in the 2019/2021 six-part report: the words of its section heading.
_TABLE_SECTION_WORDS = {
    "active_disclosure": ("主动公开",),
    "applications": ("收到和处理", "依申请", "申请情况"),
    "review_litigation": ("行政复议", "行政诉讼"),
    "legacy_statistics": ("统计表", "附表", "统计数据"),
}
_IMAGE_HINT_RE = re.compile(
    r"图片|图表|见附件|详见附件|附件[:：]?$|相关附件|\.(?:jpe?g|png|gif|pdf)\b|扫描件|如下图|见下图", re.M
)


# Words only the table itself prints (found in the text when its section heading is missing).
_TABLE_TEXT_RE = {
    "active_disclosure": re.compile(r"第二十条第\s*[(（]\s*[一二三四五六七八九十]+\s*[)）]\s*项"),
    "applications": re.compile(r"本年新收政府信息公开申请数量"),
    "review_litigation": re.compile(r"未经复议直接起诉"),
    "legacy_statistics": re.compile(r"指标名称|统计指标"),
}


def missing_tables(
    tables: dict, reasons: dict[str, str], template: str, sections: list[dict], text: str = ""
) -> dict[str, dict]:
    """Why each absent table is absent, as a code and a detail.

    not_in_template: the report's template has no such table; not_in_text: no section that would
    hold it is in the text (a truncated excerpt, or a report without it); image_only: its section
    is there but holds no table text, only a picture, an attachment or nothing; not_parsed: its
    section has text but no table could be read from it; truncated: the text stops in its section."""
    era_lacks = {"pre2019": _TABLE_NAMES[:3], "2019": _TABLE_NAMES[3:], "2021": _TABLE_NAMES[3:]}.get(template, ())
    out: dict[str, dict] = {}
    for name in _TABLE_NAMES:
        if tables[name] is not None:
            continue
        if name in era_lacks:
            out[name] = {"reason": "not_in_template", "detail": f"not part of the {template} template"}
            continue
        if template == "unknown" and name == "legacy_statistics":
            out[name] = {"reason": "not_in_text", "detail": "no 统计表 in the text"}
            continue
        words = _TABLE_SECTION_WORDS[name]
        section = next((s for s in sections if any(w in s["heading"] for w in words)), None)
        if section is None and _TABLE_TEXT_RE[name].search(text):
            out[name] = {"reason": "not_parsed", "detail": reasons.get(name) or "table text present but not read"}
        elif section is None:
            numbers = [s["number"] for s in sections]
            out[name] = {
                "reason": "not_in_text",
                "detail": "its section is not in the text"
                + (f" (text has parts {'、'.join(numbers)})" if numbers else ""),
            }
        elif (
            section is sections[-1]
            and len(re.sub(r"\s", "", section["text"])) < 40
            and not _IMAGE_HINT_RE.search(section["text"])
        ):
            out[name] = {"reason": "truncated", "detail": f"the text ends in section {section['number']}"}
        elif _IMAGE_HINT_RE.search(section["text"]) or len(re.sub(r"\s", "", section["text"])) < 40:
            out[name] = {
                "reason": "image_only",
                "detail": f"section {section['number']} has no table text (image or attachment)",
            }
        else:
            out[name] = {"reason": "not_parsed", "detail": reasons.get(name) or "no table found in its section"}
    return out


def _missing_table_checks(missing: dict[str, dict]) -> list[dict]:
    """Every table that is null gets a skipped check saying why."""
    return [
        checks_mod.check(f"tables.{name}", "skipped", f"{why['reason']}: {why['detail']}")
        for name, why in missing.items()
    ]


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
