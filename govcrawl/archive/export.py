"""Export the archive for analysis: report records as JSON Lines, or flat CSV / JSONL tables.

- `select_records` picks the latest version of each report, by province and years.
- `report_rows` flattens records to one row per report (identity and provenance, no text).
- `table_rows` flattens one statistics table to one row per report and table row, keyed by
  report key, agency, province, adcode and year; the value columns are the table's own columns.

Cells keep the contract's meaning: a number, the cleaned text, or empty (null). Nothing is
computed or filled in. CSV files are UTF-8 with a byte-order mark so Excel detects the encoding
and shows Chinese correctly; pandas reads them with `encoding="utf-8-sig"`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from govcrawl.registry import CENTRAL_GROUP, resolve_province, years_contain

TABLES = ("active_disclosure", "applications", "review_litigation", "legacy_statistics")
ID_COLUMNS = ("report_key", "agency", "province", "adcode", "year")
REPORT_COLUMNS = (
    "report_key",
    "title",
    "agency",
    "province",
    "city",
    "county",
    "adcode",
    "year",
    "published_date",
    "template",
    "source_script",
    "is_annual_report",
    "url",
    "final_url",
    "portal_id",
    "fetched_at",
    "body_sha256",
    "warc_file",
    "warc_record_id",
    # What disappears (govcrawl.archive.availability_views): state and dates of the latest re-check.
    "availability",
    "first_missing_at",
    "last_seen_at",
    "withdrawn_at",
    "moved_to",
)
# Leading columns that describe the table row itself, before the value columns.
ROW_COLUMNS = {
    "active_disclosure": ("article", "label"),
    "applications": ("key", "label"),
    "review_litigation": (),
    "legacy_statistics": ("indicator", "unit"),
}
CSV_ENCODING = "utf-8-sig"  # UTF-8 with BOM: Excel opens Chinese correctly


# --- selection ------------------------------------------------------------------------------
def in_province(record: dict[str, Any], province_code: str) -> bool:
    """Whether the report's region lies in the province with this 2-digit code (or 'central')."""
    region = record.get("region") or {}
    adcode = region.get("adcode") or ""
    if province_code == CENTRAL_GROUP:
        return adcode == "100000" or (not adcode and not region.get("province"))
    return adcode[:2] == province_code


def select_records(
    records: Iterable[dict[str, Any]], province: str | None = None, years: tuple[int, int] | set[int] | None = None
) -> list[dict[str, Any]]:
    """Records in a province (name, short name or code) and in `years` (from seeds.parse_years)."""
    code = resolve_province(province) if province else None
    chosen = []
    for record in records:
        if code and not in_province(record, code):
            continue
        if years is not None and (record.get("year") is None or not years_contain(years, record["year"])):
            continue
        chosen.append(record)
    return chosen


# --- flattening -----------------------------------------------------------------------------
def identity(record: dict[str, Any]) -> dict[str, Any]:
    region = record.get("region") or {}
    return {
        "report_key": record.get("report_key"),
        "agency": record.get("agency"),
        "province": region.get("province"),
        "adcode": region.get("adcode"),
        "year": record.get("year"),
    }


def report_row(record: dict[str, Any]) -> dict[str, Any]:
    region = record.get("region") or {}
    prov = record.get("provenance") or {}
    row = {k: record.get(k) for k in REPORT_COLUMNS}
    row.update({k: region.get(k) for k in ("province", "city", "county", "adcode")})
    row.update(
        {
            k: prov.get(k)
            for k in ("url", "final_url", "portal_id", "fetched_at", "body_sha256", "warc_file", "warc_record_id")
        }
    )
    row.update((record.get("availability") or {}) if isinstance(record.get("availability"), dict) else {})
    return {k: row.get(k) for k in REPORT_COLUMNS}


def table_rows(records: Iterable[dict[str, Any]], table: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows) of one statistics table across reports; value columns in first-seen order."""
    value_columns: list[str] = []
    rows: list[dict[str, Any]] = []

    def add_columns(columns: Iterable[str]) -> None:
        for column in columns:
            if column not in value_columns:
                value_columns.append(column)

    # zip(strict=False): the schema does not tie a row's length to its columns'; an archived
    # row with fewer or more cells exports what pairs up, as it always has.
    for record in records:
        data = (record.get("tables") or {}).get(table)
        if not data:
            continue
        ident = identity(record)
        if table == "active_disclosure":
            for sub in data:
                add_columns(sub["columns"])
                for row in sub["rows"]:
                    rows.append(
                        {
                            **ident,
                            "article": sub["article"],
                            "label": row["label"],
                            **dict(zip(sub["columns"], row["values"], strict=False)),
                        }
                    )
        elif table == "applications":
            add_columns(data["columns"])
            for row in data["rows"]:
                rows.append(
                    {
                        **ident,
                        "key": row.get("key"),
                        "label": row["label"],
                        **dict(zip(data["columns"], row["values"], strict=False)),
                    }
                )
        elif table == "review_litigation":
            add_columns(data["columns"])
            rows.append({**ident, **dict(zip(data["columns"], data["values"], strict=False))})
        elif table == "legacy_statistics":
            add_columns(["value"])
            for row in data:
                rows.append({**ident, "indicator": row["indicator"], "unit": row.get("unit"), "value": row["value"]})
        else:
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    return [*ID_COLUMNS, *ROW_COLUMNS[table], *value_columns], rows


# --- writing --------------------------------------------------------------------------------
# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): text starting with one of
# these, also after leading whitespace or a tab/CR a spreadsheet strips.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """None → empty; a whole float → its integer form; bools as true/false; numbers as is; text that
    a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with a
    single quote, as OWASP recommends. Numbers, negative ones included, are never touched."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.lstrip(" ").startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(out: IO[str], columns: list[str] | tuple[str, ...], rows: Iterable[dict[str, Any]]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
        n += 1
    return n


def write_jsonl(out: IO[str], rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def export_records(records: list[dict[str, Any]], fmt: str, out: IO[str]) -> int:
    """Reports to one stream: full contract records (jsonl) or one CSV row per report (csv)."""
    if fmt == "jsonl":
        return write_jsonl(out, records)
    if fmt == "csv":
        return write_csv(out, REPORT_COLUMNS, (report_row(r) for r in records))
    raise ValueError(f"unknown format {fmt!r}")


def export_tables(records: list[dict[str, Any]], fmt: str, directory: str | Path) -> dict[str, tuple[Path, int]]:
    """One file per statistics table in `directory` ({table}.csv or .jsonl); {table: (path, rows)}."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in TABLES:
        columns, rows = table_rows(records, table)
        path = directory / f"{table}.{fmt}"
        if fmt == "csv":
            with open(path, "w", encoding=CSV_ENCODING, newline="") as out:
                n = write_csv(out, columns, rows)
        elif fmt == "jsonl":
            with open(path, "w", encoding="utf-8") as out:
                n = write_jsonl(out, ({c: r.get(c) for c in columns} for r in rows))
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written[table] = (path, n)
    return written
