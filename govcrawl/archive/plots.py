"""The scorecard as one self-contained HTML page with plots (matplotlib, inline SVG).

`scorecard_html(reads, province, year, scores)` draws, from the archive only:
1. publication date against the legal deadline, per portal/agency (days early or late);
2. applications received (table 三 一 new, total column) and their outcome mix (三.一 … 三.六; a group
   printed only as numbered sub-rows is their sum) by year;
3. administrative review and litigation cases (table 四 totals) by year;
4. failing-check rates: the share of reports with a failing consistency check, by year;
then the scorecard table, each row linking to the report version scored and its evidence.

matplotlib is optional (`pip install 'govcrawl[plots]'`): without it the page has the table and
says that the plots were left out. SVG text is kept as text (`svg.fonttype = none`), so Chinese
labels are drawn by the reader's browser fonts; the page loads nothing from the network.
"""

from __future__ import annotations

import html
import io
import json
import warnings
from datetime import date
from typing import Any

from govcrawl.archive.cells import record_cells
from govcrawl.archive.export import select_records
from govcrawl.archive.reader import ArchiveReads
from govcrawl.archive.scorecard import SCORE_COLUMNS, Score

OUTCOMES = (
    ("result.disclosed", "予以公开 disclosed"),
    ("result.partly_disclosed", "部分公开 partly"),
    ("result.refused", "不予公开 refused"),
    ("result.unable", "无法提供 unable"),
    ("result.not_handled", "不予处理 not handled"),
    ("result.other", "其他处理 other"),
)
REVIEW_ROWS = (
    ("review", "行政复议 review"),
    ("litigation_direct", "行政诉讼 direct"),
    ("litigation_after_review", "行政诉讼 after review"),
)
# Fonts with Chinese glyphs, tried first for text metrics (the browser draws the text itself).
CJK_FONTS = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "SimHei"]
PLOTS_MISSING = "matplotlib is not installed: the plots are left out (pip install 'govcrawl[plots]')"


def plots_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def province_series(reads: ArchiveReads, province: str) -> dict[str, Any]:
    """Per-year sums over the province's reports (latest versions): outcomes, review/litigation, checks."""
    pairs = reads.latest_with_versions()
    chosen = {id(r) for r in select_records([r for r, _ in pairs], province=province)}
    outcomes: dict[int, dict[str, float]] = {}
    received: dict[int, float] = {}
    review: dict[int, dict[str, float]] = {}
    checked: dict[int, list[int]] = {}
    for record, version in pairs:
        year = record.get("year")
        if id(record) not in chosen or not isinstance(year, int) or not record.get("is_annual_report", True):
            continue
        statuses = [c.get("status") for c in record.get("checks") or []]
        if any(s in ("pass", "fail") for s in statuses):
            counts = checked.setdefault(year, [0, 0])
            counts[0] += 1
            counts[1] += "fail" in statuses
        groups: dict[str, float] = {}  # this report's outcome groups from their rows
        leaves: dict[str, float] = {}  # … and from their numbered sub-rows (三.三.1 …), preferred
        for cell in record_cells(record, version):
            value, row_key = cell["value"], cell["row_key"] or ""
            if value is None or cell["column"] != "total":
                continue
            if cell["table"] == "applications":
                if row_key == "new":
                    received[year] = received.get(year, 0) + value
                group = ".".join(row_key.split(".")[:2])
                if group in dict(OUTCOMES):
                    target = leaves if row_key != group else groups
                    target[group] = target.get(group, 0) + value
            elif cell["table"] == "review_litigation" and row_key:
                bucket = review.setdefault(year, {})
                bucket[row_key] = bucket.get(row_key, 0) + value
        if groups or leaves:
            bucket = outcomes.setdefault(year, {})
            for group in set(groups) | set(leaves):
                bucket[group] = bucket.get(group, 0) + leaves.get(group, groups.get(group, 0))
    return {"received": received, "outcomes": outcomes, "review": review, "checked": checked}


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyph warnings for CJK labels: the browser draws the text
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def plot_deadlines(scores: list[Score], year: int) -> str:
    import matplotlib.pyplot as plt

    dated = [s for s in scores if s.row.get("published_date") and s.row.get("deadline")]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(dated), 2) + 1.2))
    if not dated:
        _empty(ax, f"no report on {year} has a publication date")
    else:
        labels, days, colours = [], [], []
        for s in dated:
            delay = (date.fromisoformat(s.row["published_date"]) - date.fromisoformat(s.row["deadline"])).days
            labels.append(f"{s.row['agency'] or '?'} ({s.row['portal_id']})")
            days.append(delay)
            colours.append("#c0392b" if delay > 0 else "#27ae60")
        ax.barh(labels, days, color=colours)
        ax.axvline(0, color="black", linewidth=1)
        ax.set_xlabel("days after the legal deadline (negative: before)")
    ax.set_title(f"Publication date against the deadline, reports on {year}")
    return _svg(fig)


def plot_applications(series: dict[str, Any]) -> str:
    import matplotlib.pyplot as plt

    years = sorted(set(series["received"]) | set(series["outcomes"]))
    fig, ax = plt.subplots(figsize=(8, 4))
    if not years:
        _empty(ax, "no application table parsed")
    else:
        bottom = [0.0] * len(years)
        x = [str(y) for y in years]
        for key, label in OUTCOMES:
            values = [series["outcomes"].get(y, {}).get(key, 0) for y in years]
            ax.bar(x, values, bottom=bottom, label=label)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.plot(x, [series["received"].get(y, 0) for y in years], "ko-", label="本年新收 received")
        ax.set_ylabel("applications")
        ax.legend(fontsize=8, loc="upper left")
    ax.set_title("Applications received and their outcomes, by year")
    return _svg(fig)


def plot_review(series: dict[str, Any]) -> str:
    import matplotlib.pyplot as plt

    years = sorted(series["review"])
    fig, ax = plt.subplots(figsize=(8, 4))
    if not years:
        _empty(ax, "no review/litigation table parsed")
    else:
        width = 0.8 / len(REVIEW_ROWS)
        for i, (key, label) in enumerate(REVIEW_ROWS):
            xs = [n + i * width for n in range(len(years))]
            ax.bar(xs, [series["review"][y].get(key, 0) for y in years], width=width, label=label)
        ax.set_xticks([n + width for n in range(len(years))], [str(y) for y in years])
        ax.set_ylabel("cases")
        ax.legend(fontsize=8)
    ax.set_title("Administrative review and litigation cases, by year")
    return _svg(fig)


def plot_checks(series: dict[str, Any]) -> str:
    import matplotlib.pyplot as plt

    years = sorted(series["checked"])
    fig, ax = plt.subplots(figsize=(8, 3.5))
    if not years:
        _empty(ax, "no consistency check ran")
    else:
        rates = [100.0 * series["checked"][y][1] / series["checked"][y][0] for y in years]
        bars = ax.bar([str(y) for y in years], rates, color="#8e44ad")
        ax.bar_label(bars, [f"{series['checked'][y][1]}/{series['checked'][y][0]}" for y in years])
        ax.set_ylim(0, 110)
        ax.set_ylabel("% of reports with a failing check")
    ax.set_title("Failing-check rate, by year")
    return _svg(fig)


def _score_table(scores: list[Score]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in SCORE_COLUMNS if c not in ("url", "version"))
    body = []
    for i, s in enumerate(scores):
        cells = []
        for c in SCORE_COLUMNS:
            if c in ("url", "version"):
                continue
            value = s.row.get(c)
            text = "" if value is None else str(value)
            if c == "report_key" and value:
                link = s.row.get("url") or ""
                text = f'<a href="#evidence-{i}">{html.escape(text)} v{s.row.get("version")}</a>'
                if link:
                    text += f' <a href="{html.escape(link)}">source</a>'
                cells.append(f"<td>{text}</td>")
            else:
                cells.append(f"<td>{html.escape(text)}</td>")
        body.append(f'<tr id="score-{i}">{"".join(cells)}</tr>')
    evidence = "".join(
        f'<details id="evidence-{i}"><summary>{html.escape(str(s.row.get("agency") or s.row.get("portal_id")))}'
        f" — evidence</summary><pre>{html.escape(json.dumps(s.to_json(), ensure_ascii=False, indent=1))}</pre></details>"
        for i, s in enumerate(scores)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{evidence}"


STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;max-width:1200px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}
figure{margin:1em 0}.note{background:#fff3cd;padding:.5em}pre{font-size:12px;white-space:pre-wrap}
"""


def scorecard_html(reads: ArchiveReads, province: str, year: int, scores: list[Score]) -> str:
    """The page, as text; plots only when matplotlib is installed (the page says so otherwise)."""
    parts = [
        f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>Scorecard {html.escape(province)} "
        f"{year}</title><style>{STYLE}</style></head><body>",
        f"<h1>Transparency scorecard: {html.escape(province)}, reports on {year}</h1>",
        "<p>From the archive only. Deadlines: 条例 第四十九条 (governments 31 March, departments 31 January); "
        "whether an agency is a government is read from its name. <code>found_before_deadline</code> is an "
        "estimate from when the archive first saw the report (no date printed).</p>",
    ]
    if plots_available():
        import matplotlib

        matplotlib.use("Agg")
        matplotlib.rcParams["svg.fonttype"] = "none"
        matplotlib.rcParams["font.sans-serif"] = [*CJK_FONTS, *matplotlib.rcParams["font.sans-serif"]]
        series = province_series(reads, province)
        plots = [
            plot_deadlines(scores, year),
            plot_applications(series),
            plot_review(series),
            plot_checks(series),
        ]
        parts += [f'<figure class="plot">{svg}</figure>' for svg in plots]
    else:
        parts.append(f'<p class="note">{html.escape(PLOTS_MISSING)}</p>')
    parts += ["<h2>Scores</h2>", _score_table(scores), "</body></html>"]
    return "\n".join(parts)
