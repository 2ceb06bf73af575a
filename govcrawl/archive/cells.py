"""Tidy cells: every statistics table cell of a report as one long-format row.

One row per `report_key, version, agency, adcode, year, template, table, row_key, row_label,
column, value, unit` (`CELL_COLUMNS`). `row_key` and `column` come from the canonical vocabulary
(govcrawl.archive.vocabulary), so a 2019 cell and its 2021 successor share them; a row the
vocabulary does not know has an empty row_key and a column it does not know keeps its printed
header. `value` is the stored number, or None for an empty cell or a cell printed as text: never
guessed. Researchers pivot these rows in pandas or R without touching JSON.

`build_cells(conn)` (re)writes them into the archive's `cells` table, for SQL and datasette.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from govcrawl.archive import vocabulary as vocab
from govcrawl.archive.backend import Connection, dialect_of, statements
from govcrawl.archive.export import CSV_ENCODING, write_csv
from govcrawl.archive.reader import ArchiveReads

CELL_COLUMNS = (
    "report_key",
    "version",
    "agency",
    "adcode",
    "year",
    "template",
    "table",
    "row_key",
    "row_label",
    "column",
    "value",
    "unit",
)
CELLS_TABLE = "cells"
CELLS_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {CELLS_TABLE} (
    report_key TEXT NOT NULL, version INTEGER, agency TEXT, adcode TEXT, year INTEGER, template TEXT,
    "table" TEXT NOT NULL, row_key TEXT, row_label TEXT, "column" TEXT NOT NULL, value REAL, unit TEXT
);
CREATE INDEX IF NOT EXISTS cells_metric ON {CELLS_TABLE}("table", row_key, "column", year);
CREATE INDEX IF NOT EXISTS cells_report ON {CELLS_TABLE}(report_key, version);
"""


def number(value: object) -> float | int | None:
    """The cell as a number; None for empty or text cells (never parsed from text here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def record_cells(record: dict[str, Any], version: int | None = None) -> Iterator[dict[str, Any]]:
    """The cells of one stored record, in table order."""
    region = record.get("region") or {}
    ident = {
        "report_key": record.get("report_key"),
        "version": version,
        "agency": record.get("agency"),
        "adcode": region.get("adcode"),
        "year": record.get("year"),
        "template": record.get("template"),
    }
    tables = record.get("tables") or {}

    def cell(
        table: str, row_key: str | None, label: str | None, column: str, value: object, unit: str | None
    ) -> dict[str, Any]:
        return {
            **ident,
            "table": table,
            "row_key": row_key,
            "row_label": label,
            "column": column,
            "value": number(value),
            "unit": unit,
        }

    for sub in tables.get("active_disclosure") or []:
        for row in sub.get("rows") or []:
            row_key = vocab.active_row(row["label"])
            for header, value in zip(sub.get("columns") or [], row.get("values") or [], strict=False):
                known = vocab.active_column(header)
                column, unit = known if known else (header, None)
                yield cell("active_disclosure", row_key, row["label"], column, value, unit)
    applications = tables.get("applications")
    if applications:
        for row in applications.get("rows") or []:
            row_key = vocab.application_row(row.get("key"))
            for header, value in zip(applications.get("columns") or [], row.get("values") or [], strict=False):
                yield cell(
                    "applications", row_key, row["label"], vocab.application_column(header) or header, value, "件"
                )
    review = tables.get("review_litigation")
    if review:
        for header, value in zip(review.get("columns") or [], review.get("values") or [], strict=False):
            known_cell = vocab.review_cell(header)
            group = header.rpartition(".")[0]
            if known_cell:
                yield cell("review_litigation", known_cell[0], group, known_cell[1], value, "件")
            else:
                yield cell("review_litigation", None, group or None, header, value, "件")
    for stat in tables.get("legacy_statistics") or []:
        yield cell("legacy_statistics", None, stat.get("indicator"), "value", stat.get("value"), stat.get("unit"))


def cells_of(rows: Iterable[tuple[dict[str, Any], int | None]]) -> Iterator[dict[str, Any]]:
    """Cells of (record, version) pairs."""
    for record, version in rows:
        yield from record_cells(record, version)


def build_cells(conn: Connection) -> int:
    """Rewrite the archive's `cells` table from the latest version of every report; the row count."""
    rows = ArchiveReads.over(conn).latest_with_versions()
    conn.execute("BEGIN IMMEDIATE")
    try:
        schema = CELLS_SCHEMA
        if dialect_of(conn) == "postgres":  # PostgreSQL's REAL is 4 bytes: counts above 2^24 would round
            schema = schema.replace("value REAL", "value DOUBLE PRECISION")
        for statement in statements(schema):
            conn.execute(statement)
        conn.execute(f"DELETE FROM {CELLS_TABLE}")
        placeholders = ",".join("?" * len(CELL_COLUMNS))
        columns = ",".join(f'"{c}"' for c in CELL_COLUMNS)
        values = [[c[k] for k in CELL_COLUMNS] for record, version in rows for c in record_cells(record, version)]
        conn.executemany(f"INSERT INTO {CELLS_TABLE}({columns}) VALUES ({placeholders})", values)
        n = len(values)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n


def write_cells(rows: Iterable[dict[str, Any]], path: str | Path) -> tuple[Path, int, str | None]:
    """Write cells to `path`: Parquet for a .parquet path when pyarrow is installed, else CSV.

    (path written, rows, note): the note says when Parquet was asked for but CSV written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = list(rows)
    note = None
    if path.suffix == ".parquet":
        try:
            import pyarrow as pa  # optional: pip install pyarrow
            import pyarrow.parquet as pq
        except ImportError:
            path = path.with_suffix(".csv")
            note = f"pyarrow is not installed, so no Parquet: wrote CSV to {path} (pip install pyarrow for Parquet)"
        else:
            table = pa.Table.from_pylist([{c: r.get(c) for c in CELL_COLUMNS} for r in rows])
            pq.write_table(table, path)
            return path, len(rows), None
    with open(path, "w", encoding=CSV_ENCODING, newline="") as out:
        n = write_csv(out, CELL_COLUMNS, rows)
    return path, n, note
