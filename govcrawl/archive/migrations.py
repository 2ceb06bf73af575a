"""Versioned schema migrations, run when an archive is opened for writing.

`MIGRATIONS` is an ordered list of steps; an archive at version N gets every step above N, in one
transaction, and its version is set to the last one: SQLite keeps it in `PRAGMA user_version`,
PostgreSQL in the table `govcrawl_schema` (one row per step applied, with when). An archive from a
newer govcrawl (a version above the last step) is refused before anything is written.

A step is SQL: `sql` runs on both dialects (the portable subset: CREATE TABLE / INDEX IF NOT
EXISTS, ON CONFLICT upserts), `sqlite` / `postgres` only on theirs (run first), and `columns`
adds (table, column) as TEXT where an archive lacks it. A new step goes at the end with the next
version number; steps already released never change.

Version 0 is an archive from before versions were kept (or a new one): step 1 creates the tables
that are missing and adds the columns that came later (crawl_runs.verdict, crawl_runs.owner), so
it upgrades every older archive in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from govcrawl.archive.availability_schema import AVAILABILITY_SCHEMA
from govcrawl.archive.backend import Connection, ForeignArchive, dialect_of, statements, table_columns
from govcrawl.archive.schema import MIGRATED_COLUMNS, POSTGRES_SCHEMA, SCHEMA


@dataclass(frozen=True)
class Migration:
    version: int
    what: str
    sql: str = ""  # both dialects
    sqlite: str = ""  # SQLite only, before `sql`
    postgres: str = ""  # PostgreSQL only, before `sql`
    columns: tuple[tuple[str, str], ...] = ()  # (table, column) added as TEXT when missing


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "the archive's tables; crawl_runs.verdict and .owner in archives from before them",
        sqlite=SCHEMA,
        postgres=POSTGRES_SCHEMA,
        columns=MIGRATED_COLUMNS,
    ),
    Migration(
        2,
        "indexes: reports by portal (crawl reports), versions by content hash (every store)",
        sql="CREATE INDEX IF NOT EXISTS reports_portal ON reports(portal_id);"
        " CREATE INDEX IF NOT EXISTS report_versions_content ON report_versions(report_key, content_sha256)",
    ),
    Migration(
        3,
        "availability: observations of archived reports, their current state, column events (issue 15)",
        sql=AVAILABILITY_SCHEMA,
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
VERSION_TABLE = "govcrawl_schema"  # PostgreSQL
# Serialises migrations of one PostgreSQL database across processes (an advisory lock key).
MIGRATION_LOCK = 0x47564357


def newer_message(where: str, version: int) -> str:
    return (
        f"{where}: archive schema version {version} is newer than this govcrawl's ({SCHEMA_VERSION}); upgrade govcrawl"
    )


def schema_version(conn: Connection) -> int | None:
    """The archive's schema version; None for a PostgreSQL database without govcrawl's version table."""
    if dialect_of(conn) == "sqlite":
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    if not table_columns(conn, VERSION_TABLE):
        return None
    return int(conn.execute(f"SELECT COALESCE(MAX(version), 0) FROM {VERSION_TABLE}").fetchone()[0])


def apply(conn: Connection, step: Migration) -> None:
    """One step's SQL, inside the caller's transaction."""
    own = step.postgres if dialect_of(conn) == "postgres" else step.sqlite
    for statement in [*statements(own), *statements(step.sql)]:
        conn.execute(statement)
    for table, column in step.columns:
        if column not in table_columns(conn, table):
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


def migrate(conn: Connection, where: str) -> int:
    """Bring the archive to SCHEMA_VERSION in one transaction; return the version it had.

    ForeignArchive for an archive of a newer govcrawl, or a PostgreSQL database holding tables
    that are not a govcrawl archive's (govcrawl never adds tables to a database it did not create).
    """
    postgres = dialect_of(conn) == "postgres"
    if not postgres and schema_version(conn) == SCHEMA_VERSION:
        return SCHEMA_VERSION  # the usual open: nothing to do, no write lock taken
    conn.execute("BEGIN IMMEDIATE")  # SQLite: the write lock; PostgreSQL: BEGIN
    try:
        if postgres:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            _refuse_foreign_database(conn, where)
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER PRIMARY KEY,"
                " what TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        before = schema_version(conn) or 0
        if before > SCHEMA_VERSION:
            raise ForeignArchive(newer_message(where, before))
        now = datetime.now(UTC).isoformat()
        for step in MIGRATIONS:
            if step.version > before:
                apply(conn, step)
                if postgres:
                    conn.execute(
                        f"INSERT INTO {VERSION_TABLE}(version, what, applied_at) VALUES (?,?,?)",
                        (step.version, step.what, now),
                    )
        if not postgres:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return before


def _refuse_foreign_database(conn: Connection, where: str) -> None:
    if table_columns(conn, VERSION_TABLE):
        return
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
    ).fetchall()
    if rows:
        names = [str(r[0]) for r in rows]
        listed = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        raise ForeignArchive(
            f"{where}: the database holds tables that are not a govcrawl archive's ({listed});"
            " refusing to touch it (give an empty database)"
        )
