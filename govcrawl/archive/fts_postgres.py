"""Full-text search in a PostgreSQL archive: trigram indexes (pg_trgm), as SQLite's FTS5 `trigram`.

PostgreSQL's own text search splits words at spaces, and Chinese has none; a Chinese tokeniser
(zhparser) is an extension few servers have. `pg_trgm` ships with PostgreSQL: `report_search`
(the same columns as in SQLite) gets GIN `gin_trgm_ops` indexes on title, agency and text, and a
search is a case-insensitive substring match (ILIKE) those indexes serve for terms of three
characters or more; shorter terms are matched too, by a scan. Hits whose title contains the term
come first, then by report key (SQLite ranks by FTS5's bm25 instead).

`build` refills the table from the latest version of every report in one transaction, reading the
fields from the stored records in Python (no JSON functions on the server).
"""

from __future__ import annotations

import json

from govcrawl.archive.backend import Connection, statements
from govcrawl.archive.schema import LATEST_VERSION
from govcrawl.archive.search_table import COLUMNS, FIELDS_DDL, SEARCH_TABLE

DDL = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} (
    report_key  TEXT PRIMARY KEY,
    {FIELDS_DDL}
);
CREATE INDEX IF NOT EXISTS report_search_title_trgm ON {SEARCH_TABLE} USING gin (title gin_trgm_ops);
CREATE INDEX IF NOT EXISTS report_search_agency_trgm ON {SEARCH_TABLE} USING gin (agency gin_trgm_ops);
CREATE INDEX IF NOT EXISTS report_search_text_trgm ON {SEARCH_TABLE} USING gin (text gin_trgm_ops)
"""


def build(conn: Connection) -> int:
    """Create or refresh report_search and its trigram indexes; the number of reports indexed."""
    conn.execute("BEGIN")
    try:
        for statement in statements(DDL):
            conn.execute(statement)
        conn.execute(f"DELETE FROM {SEARCH_TABLE}")
        rows = conn.execute(
            f"SELECT r.report_key, v.version, v.url, v.fetched_at, v.record FROM {LATEST_VERSION} ORDER BY r.report_key"
        ).fetchall()
        values = []
        for key, version, url, fetched_at, text in rows:
            record = json.loads(text)
            region = record.get("region") or {}
            year = record.get("year")
            values.append(
                (key, version, record.get("title"), record.get("agency"), region.get("province"),
                 region.get("city"), region.get("county"), region.get("adcode"),
                 year if isinstance(year, int) else None, url, fetched_at, record.get("text"))
            )  # fmt: skip
        placeholders = ",".join("?" * len(COLUMNS))
        conn.executemany(f"INSERT INTO {SEARCH_TABLE}({','.join(COLUMNS)}) VALUES ({placeholders})", values)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(values)


def like_pattern(term: str) -> str:
    """`%term%` with LIKE's own wildcards in the term taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(conn: Connection, term: str, limit: int = 20) -> list[tuple[str, str | None]]:
    """(report_key, title) of reports whose title, agency or text contain `term`: title hits first."""
    like = like_pattern(term)
    rows = conn.execute(
        f"SELECT report_key, title FROM {SEARCH_TABLE} WHERE title ILIKE ? OR agency ILIKE ? OR text ILIKE ?"
        " ORDER BY (title ILIKE ?) DESC, report_key LIMIT ?",
        (like, like, like, like, limit),
    )
    return [(str(key), title) for key, title in rows]
