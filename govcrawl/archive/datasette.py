"""datasette metadata for the archive: facets on the `cells` and `report_search` (fts) tables and
canned queries for the scorecard metrics, in SQL over the archive.

`govcrawl cells --metadata OUT.json` writes it; `datasette ARCHIVE -m OUT.json` serves it. The
queries read the latest version of each report (schema.LATEST_VERSION). The deadline rule is the
scorecard's (govcrawl.archive.scorecard): an agency named `…人民政府` is due 31 March, any other
31 January of the next year; reports without a printed date are `no date`, never guessed.
"""

from __future__ import annotations

from typing import Any

from govcrawl.archive.availability_views import DATASETTE_QUERIES, DATASETTE_TABLES
from govcrawl.archive.cells import CELLS_TABLE
from govcrawl.archive.schema import LATEST_VERSION
from govcrawl.archive.search_table import SEARCH_TABLE

_DEADLINE = "CASE WHEN r.agency LIKE '%人民政府' THEN (r.year + 1) || '-03-31' ELSE (r.year + 1) || '-01-31' END"

QUERIES: dict[str, dict[str, Any]] = {
    "metric_ranking": {
        "title": "Agencies ranked by one cell (e.g. applications / new / total) in a year",
        "sql": f'SELECT agency, adcode, report_key, version, template, value FROM {CELLS_TABLE} WHERE "table" = :table'
        " AND row_key = :row_key AND \"column\" = :column AND year = :year AND adcode LIKE :province || '%'"
        " ORDER BY value DESC NULLS LAST, agency",
    },
    "published": {
        "title": "Published, not found, or portal not reached: per portal in its latest crawl, for a year",
        # The latest run that covered each portal (crawl_runs summaries), as `govcrawl status` reads
        # them; a report on file is `yes` whatever the latest crawl met, as in the scorecard.
        "sql": "WITH covered AS (SELECT s.key AS portal_id, cr.job_id,"
        " json_extract(s.value, '$.not_reached') AS not_reached, ROW_NUMBER() OVER (PARTITION BY s.key"
        " ORDER BY COALESCE(cr.finished_at, cr.started_at, '') DESC, cr.job_id DESC) AS latest"
        " FROM crawl_runs cr, json_each(cr.summary) s)"
        " SELECT c.portal_id, c.job_id AS latest_job,"
        " CASE WHEN EXISTS (SELECT 1 FROM reports r WHERE r.portal_id = c.portal_id AND r.year = :year) THEN 'yes'"
        " WHEN c.not_reached THEN 'portal not reached' ELSE 'not found' END AS published,"
        " (SELECT group_concat(r.report_key) FROM reports r WHERE r.portal_id = c.portal_id AND r.year = :year)"
        " AS report_keys FROM covered c WHERE c.latest = 1 ORDER BY c.portal_id",
    },
    "on_time": {
        "title": "Publication date against the legal deadline, per report",
        "sql": "SELECT r.portal_id, r.agency, r.year, r.report_key, r.latest_version AS version,"
        " json_extract(v.record, '$.published_date') AS published_date,"
        f" {_DEADLINE} AS deadline,"
        " CASE WHEN json_extract(v.record, '$.published_date') IS NULL THEN 'no date'"
        f" WHEN json_extract(v.record, '$.published_date') <= {_DEADLINE} THEN 'on_time' ELSE 'late' END AS on_time"
        f" FROM {LATEST_VERSION} WHERE r.year = :year AND r.adcode LIKE :province || '%' ORDER BY r.portal_id, r.agency",
    },
    "checks_failed": {
        "title": "Consistency checks failed per report",
        "sql": "SELECT r.portal_id, r.agency, r.year, r.report_key, r.latest_version AS version,"
        " SUM(json_extract(c.value, '$.status') = 'pass') AS passed,"
        " SUM(json_extract(c.value, '$.status') = 'fail') AS failed,"
        " group_concat(CASE WHEN json_extract(c.value, '$.status') = 'fail' THEN json_extract(c.value, '$.rule') END)"
        " AS failed_rules"
        f" FROM {LATEST_VERSION}, json_each(v.record, '$.checks') c"
        " WHERE r.year = :year AND r.adcode LIKE :province || '%' GROUP BY r.report_key ORDER BY failed DESC, r.agency",
    },
    "failing_check_rates": {
        "title": "Share of reports failing each check rule, per year",
        "sql": "SELECT r.year, json_extract(c.value, '$.rule') AS rule, COUNT(*) AS checked,"
        " SUM(json_extract(c.value, '$.status') = 'fail') AS failed,"
        " ROUND(100.0 * SUM(json_extract(c.value, '$.status') = 'fail') / COUNT(*), 1) AS failed_pct"
        f" FROM {LATEST_VERSION}, json_each(v.record, '$.checks') c"
        " WHERE json_extract(c.value, '$.status') != 'skipped' AND r.adcode LIKE :province || '%'"
        " GROUP BY r.year, rule ORDER BY r.year, failed_pct DESC",
    },
    "tables_parsed": {
        "title": "Tables 二, 三, 四 parsed and template per report",
        "sql": "SELECT r.portal_id, r.agency, r.year, r.report_key, r.latest_version AS version,"
        " json_extract(v.record, '$.template') AS template,"
        " (json_extract(v.record, '$.tables.active_disclosure') IS NOT NULL)"
        " + (json_extract(v.record, '$.tables.applications') IS NOT NULL)"
        " + (json_extract(v.record, '$.tables.review_litigation') IS NOT NULL) AS tables_parsed"
        f" FROM {LATEST_VERSION} WHERE r.year = :year AND r.adcode LIKE :province || '%' ORDER BY r.portal_id, r.agency",
    },
    "review_litigation": {
        "title": "Administrative review and litigation cases (totals) per agency and year",
        "sql": f'SELECT agency, adcode, year, report_key, version, row_key, value FROM {CELLS_TABLE} WHERE "table" ='
        " 'review_litigation' AND \"column\" = 'total' AND adcode LIKE :province || '%' ORDER BY year, value DESC",
    },
}


QUERIES.update(DATASETTE_QUERIES)  # what disappears: withdrawn reports (govcrawl.archive.availability_views)


def datasette_metadata(database: str) -> dict[str, Any]:
    """Metadata for datasette serving the archive file whose stem is `database`."""
    return {
        "title": "govcrawl archive",
        "databases": {
            database: {
                "tables": {
                    CELLS_TABLE: {
                        "description": "One row per statistics table cell (latest versions); docs/vocabulary.md",
                        "facets": ["table", "row_key", "column", "year", "template", "unit"],
                    },
                    SEARCH_TABLE: {"facets": ["province", "year", "city"]},
                    **DATASETTE_TABLES,  # what disappears: the "withdrawn" facet
                },
                "queries": QUERIES,
            }
        },
    }
