"""Archive write benchmark: reports stored per second into SQLite and into PostgreSQL, by 1 and by
3 writer processes at once (each storing reports of its own, plus one report all of them revise).

    .venv/bin/python benchmarks/archive_backends.py [--reports 300] [--postgres postgresql://postgres@127.0.0.1:5432/test]

A fresh SQLite file and a fresh PostgreSQL database (created from a connection to the URL's
database, dropped after) per run. Prints wall time and reports/s per backend and writer count,
and checks what was stored: every report once, the shared report's versions 1..N without a gap.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from govcrawl.archive.store import Archive  # noqa: E402
from govcrawl.contract.schema import empty_report  # noqa: E402

SHARED = "000000/共享机关/2024"


def record(key: str, text: str) -> tuple[dict, bytes]:
    body = f"<html>{key}{text}</html>".encode()
    rec = empty_report()
    rec.update(is_annual_report=True, report_key=key, title="报告", agency="机关", year=2024, text=text)
    rec["provenance"] = {
        "url": f"http://x.gov.cn/{hashlib.sha1(key.encode()).hexdigest()}.html",
        "portal_id": "p",
        "fetched_at": "2026-01-01T00:00:00+00:00",
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "job_id": "bench",
    }
    return rec, body


def writer(target: str, worker: int, count: int, start: multiprocessing.synchronize.Event) -> None:
    archive = Archive(target, busy_timeout=60)
    start.wait()
    for i in range(count):
        archive.store_report(*record(f"{worker}/机关{i}/2024", "一、总体情况\n" + "正文" * 500))
        if i % 10 == 0:
            archive.store_report(*record(SHARED, f"一、总体情况\n{worker} 修订 {i}"))
    archive.close()


def run(target: str, writers: int, reports: int) -> float:
    Archive(target).close()
    start = multiprocessing.Event()
    per = reports // writers
    procs = [multiprocessing.Process(target=writer, args=(target, w, per, start)) for w in range(writers)]
    for p in procs:
        p.start()
    time.sleep(1)  # every writer connected
    began = time.perf_counter()
    start.set()
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - began
    with Archive(target) as archive:
        versions = [
            r[0]
            for r in archive.conn.execute(
                "SELECT version FROM report_versions WHERE report_key = ? ORDER BY version", (SHARED,)
            )
        ]
        count = archive.row_counts()["reports"]
    assert versions == list(range(1, len(versions) + 1)), versions
    assert count == per * writers + 1, count
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=300)
    ap.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    import psycopg

    name = f"govcrawl_bench_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(args.postgres, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    base = urlunsplit(urlsplit(args.postgres)._replace(path=f"/{name}"))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for writers in (1, 3):
                for label, target in (
                    ("sqlite", str(Path(tmp) / f"a{writers}.sqlite3")),
                    ("postgres", f"{base}?options=-csearch_path%3Dw{writers}"),
                ):
                    if label == "postgres":
                        with psycopg.connect(base, autocommit=True) as db:
                            db.execute(f"CREATE SCHEMA w{writers}")
                    elapsed = run(target, writers, args.reports)
                    print(
                        f"{label:8} {writers} writer(s): {args.reports} reports in {elapsed:6.2f} s"
                        f" = {args.reports / elapsed:7.1f} reports/s"
                    )
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
