"""The transparency scorecard: per portal and agency, for one province and year, from the archive only.

Columns (`SCORE_COLUMNS`):
- `published`: `yes` (a report on the year is archived), `not found` (the portal was reached by its
  latest crawl and no report on the year is archived) or `portal not reached` (its latest crawl
  never reached it: nothing is known about the agency).
- `on_time`: govcrawl.archive.crawl_report.deadline_check against the legal deadline of that year
  (条例 第四十九条: governments 31 March, their departments 31 January). Whether an agency is a
  government is read from its name (`…人民政府`): an inference, named in `evidence.deadline_basis`.
  With no date printed, `found_before_deadline` uses the archive's first_seen and says it is an
  estimate (`estimated: true`).
- `template_current`: the report uses the template in force for its year (2021 from 2021, 2019 for
  2019–2020); `unknown` when the parser found no evidence of a template.
- `sections_complete`: the six numbered parts 一–六 of the national outline, with the missing ones.
- `tables_parsed`: tables 二, 三 and 四 parsed (n/3), with the missing ones.
- `checks_passed` / `checks_failed`: the stored consistency checks, failing rules in the evidence.
- `attachments_unreadable`: attachments stored with an error.

Every row carries `report_key`, `version` and `url` of the version scored, and `evidence` with what
each score was read from. Nothing is filled in: a score that cannot be read is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from govcrawl.archive.crawl_report import deadline_check
from govcrawl.archive.export import select_records
from govcrawl.archive.reader import ArchiveReads
from govcrawl.archive.status import PortalStatus, latest_per_portal, load_runs
from govcrawl.registry import CENTRAL_ADCODE, CENTRAL_GROUP, resolve_province

SCORE_COLUMNS = (
    "portal_id",
    "agency",
    "published",
    "on_time",
    "published_date",
    "deadline",
    "template_current",
    "sections_complete",
    "tables_parsed",
    "checks_passed",
    "checks_failed",
    "attachments_unreadable",
    "report_key",
    "version",
    "url",
)
SECTION_NUMBERS = ("一", "二", "三", "四", "五", "六")
TABLES = {"active_disclosure": "二", "applications": "三", "review_litigation": "四"}
PUBLISHED, NOT_FOUND, NOT_REACHED = "yes", "not found", "portal not reached"


def current_template(year: int) -> str:
    return "2021" if year >= 2021 else ("2019" if year >= 2019 else "pre2019")


def is_government(agency: str | None) -> bool:
    return bool(agency) and str(agency).endswith("人民政府")


def portal_in_province(portal_id: str, code: str) -> bool:
    """Whether a portal id (an adcode for local portals, 'central-…' for central organs) lies in the province."""
    if code == CENTRAL_GROUP:
        return portal_id.startswith("central") or portal_id == CENTRAL_ADCODE
    return portal_id[:2] == code and portal_id[:2].isdigit()


@dataclass
class Score:
    row: dict[str, Any]
    evidence: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {**self.row, "evidence": self.evidence}


def score_report(record: dict[str, Any], version: int, first_seen: str | None, year: int, today: date) -> Score:
    prov = record.get("provenance") or {}
    agency = record.get("agency")
    government = is_government(agency)
    check = deadline_check(
        "city" if government else "department",
        year,
        {"published_date": record.get("published_date"), "first_seen": first_seen},
        today,
    )
    template = record.get("template")
    wanted = current_template(year)
    numbers = {s.get("number") for s in record.get("sections") or []}
    missing_sections = [n for n in SECTION_NUMBERS if n not in numbers]
    tables = record.get("tables") or {}
    missing_tables = [t for t in TABLES if not tables.get(t)]
    checks = record.get("checks") or []
    failed = [c for c in checks if c.get("status") == "fail"]
    unreadable = [a for a in record.get("attachments") or [] if a.get("error")]
    legacy = year < 2019
    row = {
        "portal_id": prov.get("portal_id"),
        "agency": agency,
        "published": PUBLISHED,
        "on_time": check["status"],
        "published_date": record.get("published_date"),
        "deadline": check["deadline"],
        "template_current": "unknown"
        if template == "unknown"
        else ("yes" if template == wanted else f"no ({template})"),
        "sections_complete": None
        if legacy
        else ("yes" if not missing_sections else f"no (missing {''.join(missing_sections)})"),
        "tables_parsed": None if legacy else f"{len(TABLES) - len(missing_tables)}/{len(TABLES)}",
        "checks_passed": sum(1 for c in checks if c.get("status") == "pass"),
        "checks_failed": len(failed),
        "attachments_unreadable": len(unreadable),
        "report_key": record.get("report_key"),
        "version": version,
        "url": prov.get("url"),
    }
    evidence = {
        "deadline_basis": (
            "agency name ends in 人民政府: a government, due 31 March"
            if government
            else "agency name does not end in 人民政府: taken as a department, due 31 January"
        ),
        "published_date": record.get("published_date"),
        "first_seen": first_seen,
        "estimated": check["status"] == "found_before_deadline",
        "template": template,
        "template_expected": wanted,
        "sections_found": [n for n in SECTION_NUMBERS if n in numbers],
        "tables_missing": [f"{t} ({TABLES[t]})" for t in missing_tables],
        "checks_failed": [{"rule": c.get("rule"), "detail": c.get("detail")} for c in failed],
        "attachments_unreadable": [{"url": a.get("url"), "error": a.get("error")} for a in unreadable],
        "body_sha256": prov.get("body_sha256"),
        "fetched_at": prov.get("fetched_at"),
    }
    if legacy:
        evidence["not_scored"] = "sections and tables: the pre-2019 outline has no fixed parts"
    return Score(row, evidence)


def absent(status: PortalStatus, year: int) -> Score:
    reached = not status.not_reached
    row: dict[str, Any] = dict.fromkeys(SCORE_COLUMNS)
    row |= {"portal_id": status.portal_id, "published": NOT_FOUND if reached else NOT_REACHED}
    evidence = {
        "crawl_job": status.job_id,
        "crawl_finished_at": status.finished_at,
        "portal_reached": reached,
        "pages": status.counts.get("pages"),
        "main_cause": status.main_cause or None,
    }
    if not reached:
        evidence["why"] = "the latest crawl of this portal fetched no page: nothing is known about its report"
    else:
        evidence["why"] = f"the latest crawl reached the portal and archived no report on {year}"
    return Score(row, evidence)


def scorecard(reads: ArchiveReads, province: str, year: int, today: date | None = None) -> list[Score]:
    """Scores for every portal crawled in the province and every report archived for `year`,
    ordered by portal and agency."""
    today = today or date.today()
    code = resolve_province(province)
    pairs = reads.latest_with_versions()
    in_region = {id(r) for r in select_records([r for r, _ in pairs], province=province, years={year})}
    scores: list[Score] = []
    with_reports: set[str] = set()
    for record, version in pairs:
        portal_id = str((record.get("provenance") or {}).get("portal_id") or "")
        # a report in the province by its region, or found on one of the province's portals
        chosen = id(record) in in_region or (record.get("year") == year and portal_in_province(portal_id, code))
        if not chosen or not record.get("is_annual_report", True):
            continue
        key = str(record.get("report_key"))
        score = score_report(record, version, reads.first_seen(key), year, today)
        scores.append(score)
        if score.row["portal_id"]:
            with_reports.add(str(score.row["portal_id"]))
    for status in latest_per_portal(load_runs(reads.conn)):
        if status.portal_id in with_reports or not portal_in_province(status.portal_id, code):
            continue
        scores.append(absent(status, year))
    scores.sort(key=lambda s: (str(s.row["portal_id"] or ""), str(s.row["agency"] or "")))
    return scores
