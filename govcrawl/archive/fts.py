"""Full-text search over the latest version of every report, for datasette and SQL.

`build_fts(conn)` (re)creates two derived tables in the archive:
- `report_search`: one row per report (its latest version): key, title, agency, region, year,
  URL, fetch time and text — a plain table datasette can browse and facet;
- `report_search_fts`: an FTS5 index over title, agency and text of `report_search`, declared
  with `content="report_search"` so datasette detects it and shows a search box on that table.

The tokenizer is FTS5's `trigram`: Chinese has no spaces between words, so the default
tokenizer would index a whole run of characters as one token. Trigram indexing finds any
substring of three or more characters (应急管理局, 行政复议); shorter terms need SQL LIKE.

A PostgreSQL archive has the same `report_search` table with trigram (pg_trgm) indexes instead
of FTS5: govcrawl.archive.fts_postgres.

Rebuilding is idempotent: the derived tables are refilled from `reports`/`report_versions` in
one transaction, so running it after every crawl keeps the index current.
"""

from __future__ import annotations

from govcrawl.archive import fts_postgres
from govcrawl.archive.backend import Connection, dialect_of, statements
from govcrawl.archive.schema import LATEST_VERSION
from govcrawl.archive.search_table import COLUMNS, FIELDS_DDL, SEARCH_TABLE

FTS_TABLE = "report_search_fts"
MIN_TERM_CHARS = 3  # trigram tokenizer

DDL = f"""
CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} (
    rowid       INTEGER PRIMARY KEY,
    report_key  TEXT UNIQUE NOT NULL,
    {FIELDS_DDL}
);
CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
    title, agency, text, content="{SEARCH_TABLE}", content_rowid="rowid", tokenize="trigram"
);
"""

FILL = f"""
INSERT INTO {SEARCH_TABLE}({", ".join(COLUMNS)})
SELECT r.report_key, v.version,
       json_extract(v.record, '$.title'), json_extract(v.record, '$.agency'),
       json_extract(v.record, '$.region.province'), json_extract(v.record, '$.region.city'),
       json_extract(v.record, '$.region.county'), json_extract(v.record, '$.region.adcode'),
       json_extract(v.record, '$.year'), v.url, v.fetched_at, json_extract(v.record, '$.text')
FROM {LATEST_VERSION}
ORDER BY r.report_key
"""


def build_fts(conn: Connection) -> int:
    """Create or refresh the search tables; return the number of reports indexed."""
    if dialect_of(conn) == "postgres":
        return fts_postgres.build(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in statements(DDL):
            conn.execute(statement)
        conn.execute(f"DELETE FROM {SEARCH_TABLE}")
        conn.execute(FILL)
        # External-content FTS: 'rebuild' re-reads every row of report_search.
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        count = conn.execute(f"SELECT COUNT(*) FROM {SEARCH_TABLE}").fetchone()[0]
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(count)


def search(conn: Connection, term: str, limit: int = 20) -> list[tuple[str, str | None]]:
    """(report_key, title) of reports whose title, agency or text contain `term`, best first."""
    if dialect_of(conn) == "postgres":
        return fts_postgres.search(conn, term, limit)
    if len(term) < MIN_TERM_CHARS:
        like = f"%{term}%"
        rows = conn.execute(
            f"SELECT report_key, title FROM {SEARCH_TABLE} WHERE title LIKE ? OR agency LIKE ? OR text LIKE ?"
            " ORDER BY report_key LIMIT ?",
            (like, like, like, limit),
        )
        return [(str(key), title) for key, title in rows]
    phrase = '"' + term.replace('"', '""') + '"'
    rows = conn.execute(
        f"SELECT s.report_key, s.title FROM {FTS_TABLE} f JOIN {SEARCH_TABLE} s ON s.rowid = f.rowid"
        f" WHERE {FTS_TABLE} MATCH ? ORDER BY f.rank LIMIT ?",
        (phrase, limit),
    )
    return [(str(key), title) for key, title in rows]
