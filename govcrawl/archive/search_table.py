"""The `report_search` table both search backends fill (fts.py: SQLite FTS5, fts_postgres.py:
pg_trgm): its name and the columns after the report key, which each backend keys its own way."""

from __future__ import annotations

SEARCH_TABLE = "report_search"
FIELDS = (
    ("version", "INTEGER NOT NULL"),
    ("title", "TEXT"),
    ("agency", "TEXT"),
    ("province", "TEXT"),
    ("city", "TEXT"),
    ("county", "TEXT"),
    ("adcode", "TEXT"),
    ("year", "INTEGER"),
    ("url", "TEXT"),
    ("fetched_at", "TEXT"),
    ("text", "TEXT"),
)
COLUMNS = ("report_key", *(name for name, _ in FIELDS))
FIELDS_DDL = ",\n    ".join(f"{name:<11} {kind}" for name, kind in FIELDS)  # inside CREATE TABLE (…)
