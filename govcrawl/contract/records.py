"""The report record as Python types: the shape report.schema.json describes, for type checkers.

These TypedDicts mirror the schema; the schema stays the authority (every stored record is
validated against it by govcrawl.contract.schema). `total=False` marks keys that are optional in
`govcrawl parse` output (provenance, attachments, report_key …) or extra keys govcrawl adds.
"""

from __future__ import annotations

from typing import Literal, TypedDict

Cell = float | int | str | None
"""A number, the cleaned text of a non-numeric cell, or None for an empty cell; never a guess."""


class Region(TypedDict):
    province: str | None
    city: str | None
    county: str | None
    adcode: str | None


class Section(TypedDict):
    number: str | None
    heading: str
    text: str


class LabelledRow(TypedDict):
    label: str
    values: list[Cell]


class DisclosureTable(TypedDict):
    article: str
    columns: list[str]
    rows: list[LabelledRow]


class ApplicationsTable(TypedDict):
    columns: list[str]
    rows: list[LabelledRow]


class ReviewLitigationTable(TypedDict):
    columns: list[str]
    values: list[Cell]


class LegacyStatistic(TypedDict):
    indicator: str
    unit: str | None
    value: Cell


class Tables(TypedDict):
    active_disclosure: list[DisclosureTable] | None
    applications: ApplicationsTable | None
    review_litigation: ReviewLitigationTable | None
    legacy_statistics: list[LegacyStatistic] | None


class Check(TypedDict, total=False):
    rule: str
    status: Literal["pass", "fail", "skipped"]
    detail: str


class Attachment(TypedDict, total=False):
    url: str
    filename: str | None
    media_type: str | None
    sha256: str | None
    path: str | None
    size: int | None
    error: str | None


class Provenance(TypedDict, total=False):
    url: str
    final_url: str | None
    referer: str | None
    portal_id: str | None
    fetched_at: str
    http_status: int
    headers: dict[str, str]
    encoding: str
    body_sha256: str
    render: str
    job_id: str | None
    spider: str | None
    retries: list[str]
    revalidated: bool
    tls: dict[str, object] | None
    warc_record_id: str
    warc_file: str
    warc_offset: int


class _RequiredReport(TypedDict):
    schema_version: Literal["1"]
    is_annual_report: bool
    title: str | None
    agency: str | None
    region: Region
    year: int | None
    published_date: str | None
    template: Literal["2021", "2019", "pre2019", "unknown"]
    source_script: Literal["simplified", "traditional", "mixed"]
    text: str
    sections: list[Section]
    tables: Tables
    checks: list[Check]


class ReportRecord(_RequiredReport, total=False):
    report_key: str | None
    attachments: list[Attachment]
    content_source: str
    content_url: str | None
    extraction: dict[str, object]
    provenance: Provenance
    archive_status: str
