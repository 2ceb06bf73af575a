"""Archives of real reports for the research commands (cells, compare, scorecard).

Reports are real pages and documents (tests/fixtures/parse, and the simulator's sample
texts, real PDFs and .doc), parsed by govcrawl.process.document.parse_document and stored by
govcrawl.archive.store.Archive with the provenance the crawl pipeline gives them; crawl runs are
recorded with per-portal summaries of the shape the archive pipeline writes (crawl_report).
"""

from __future__ import annotations

import copy
import functools
import hashlib
from pathlib import Path

from govcrawl.archive.store import Archive
from govcrawl.process.document import parse_document
from govcrawl.process.parse.report import report_key

ROOT = Path(__file__).resolve().parents[2]
GULOU_2020 = ROOT / "tests/fixtures/parse/gulou_2020_template2019.html"  # 2019 template, 2 failing checks
NANHAI_2022 = ROOT / "tests/fixtures/parse/nanhai_2022_template2021.html"  # 2021 template, all checks pass
CHAOYANG_2020 = ROOT / "govsim/data/003_2094a5b1fba3121f.txt"  # 汕头市潮阳区应急管理局, 2019 template
CHAOYANG_2022 = ROOT / "govsim/data/chaoyang_2022_annual_report.doc"  # the same agency, 2021 template
HONGZE_2023 = ROOT / "govsim/data/hongze_district_2023_annual_report.pdf"  # 洪泽区人民政府, 2 failing checks
HUIZHOU_2023 = ROOT / "govsim/data/huizhou_2023_annual_report.pdf"  # 惠州市应急管理局

MEDIA = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf"}
MEDIA[".doc"] = "application/msword"


def stored_record(
    path: Path,
    portal_id: str,
    *,
    fetched_at: str = "2025-06-01T08:00:00+00:00",
    published_hint: str | None = None,
    body: bytes | None = None,
    url: str | None = None,
    job_id: str = "job-1",
) -> tuple[dict, bytes]:
    """(record, body) of a real page as the crawl stores it: parsed, keyed, with provenance."""
    body = body if body is not None else path.read_bytes()
    url = url or f"http://www.{portal_id}.gov.cn/xxgk/ndbg/{path.name}"
    media = MEDIA.get(path.suffix, "text/html")
    record = copy.deepcopy(_parsed_record(body, url, media, portal_id, published_hint))
    record["report_key"] = report_key(record, url)
    record["provenance"] = {
        "url": url,
        "final_url": None,
        "referer": f"http://www.{portal_id}.gov.cn/xxgk/ndbg/",
        "portal_id": portal_id,
        "fetched_at": fetched_at,
        "http_status": 200,
        "headers": {"Content-Type": media},
        "encoding": "utf-8",
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "render": "http",
        "spider": "annual_reports",
        "job_id": job_id,
    }
    return record, body


@functools.lru_cache(maxsize=64)
def _parsed_record(body: bytes, url: str, media: str, adcode: str, published_hint: str | None) -> dict:
    # Parsing is deterministic and the PDFs take about a second each: each test gets its own copy.
    return parse_document(body, url=url, content_type=media, adcode=adcode, published_hint=published_hint).record


def store(archive: Archive, path: Path, portal_id: str, **kwargs) -> dict:
    record, body = stored_record(path, portal_id, **kwargs)
    archive.store_report(record, body)
    return record


def record_run(archive: Archive, job_id: str, finished_at: str, portals: dict[str, int]) -> None:
    """A finished crawl job whose summary says how many pages each portal gave (0: not reached)."""
    summary = {
        portal_id: {
            "pages": pages,
            "reports": 1 if pages else 0,
            "failed": 0 if pages else 1,
            "not_reached": pages == 0,
            "main_cause": "" if pages else "DNS lookup failed",
            "failed_by_reason": {} if pages else {"fetch: DNSLookupError": 1},
            "deadlines": [],
        }
        for portal_id, pages in portals.items()
    }
    archive.record_run(
        job_id=job_id,
        spider="annual_reports",
        started_at=finished_at,
        finished_at=finished_at,
        reason="finished",
        summary=summary,
    )


NEW_ROW = '一、本年新收政府信息公开申请数量</p></td><td><p style="text-align:center">10</p>'
SECTION_SIX = "<p>六、其他需要报告的事项</p>\n<p>本年度未收取信息处理费。</p>\n"


def corrected_nanhai() -> bytes:
    """The Nanhai page as re-published: 自然人 10 → 12 and 总计 13 → 15 in 一, part 六 removed."""
    html = NANHAI_2022.read_text(encoding="utf-8")
    assert NEW_ROW in html and SECTION_SIX in html
    head, rest = html.split(NEW_ROW, 1)
    rest = rest.replace('<p style="text-align:center">13</p>', '<p style="text-align:center">15</p>', 1)
    return (head + NEW_ROW.replace(">10<", ">12<") + rest).replace(SECTION_SIX, "").encode("utf-8")


def fill_research_archive(target) -> list[str]:
    """The archive the research commands are tested on (a SQLite path or a postgresql:// URL):
    Nanhai 2022 and its re-published correction, Chaoyang 2020 and 2022, Huizhou 2023, and one
    crawl run (Shenzhen not reached). Returns the latest report keys."""
    with Archive(target) as archive:
        store(archive, NANHAI_2022, "440605")
        store(archive, NANHAI_2022, "440605", body=corrected_nanhai(), fetched_at="2025-07-01T08:00:00+00:00")
        store(archive, CHAOYANG_2020, "440513")
        store(archive, CHAOYANG_2022, "440513", published_hint="2023-02-20")
        store(archive, HUIZHOU_2023, "441300")
        record_run(archive, "job-1", "2025-05-01T00:00:00+00:00", {"440605": 3, "440513": 2, "441300": 4, "440300": 0})
        return [r["report_key"] for r in archive.latest_records()]
