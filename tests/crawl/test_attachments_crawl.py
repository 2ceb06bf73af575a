"""A crawl of the demo world: attachment-only reports, stub pages and their PDFs, downloaded
attachments, and a second crawl that adds nothing."""

import hashlib
import shutil

import pytest

from govcrawl.archive.store import Archive
from govsim import Simulator, demo_world
from tests.conftest import run_crawl, write_seeds

pytestmark = pytest.mark.crawl

WORD97_TOOLS = ("soffice", "catdoc", "antiword")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("attach")
    sim = Simulator(demo_world(), slow_seconds=0.2)
    with sim:
        seeds = write_seeds(sim, tmp)
        archive_path = tmp / "archive.sqlite3"
        run_crawl(seeds, archive_path, sim.proxy_url)
        with Archive(archive_path) as archive:
            first = archive.row_counts()
        run_crawl(seeds, archive_path, sim.proxy_url)
        # A third, small crawl of one portal with a tiny attachment limit.
        small = tmp / "small" / "small.sqlite3"
        run_crawl(seeds, small, sim.proxy_url, "-a", "portal=330800-yjj", "-s", "GOVCRAWL_ATTACHMENT_MAXSIZE=2000")
        manifest, world = sim.manifest(), sim.world
    archive = Archive(archive_path)
    with Archive(small) as small_archive:
        small_failures = small_archive.failures()
    yield {
        "archive": archive,
        "first": first,
        "manifest": manifest,
        "world": world,
        "files": tmp / "files",
        "small_failures": small_failures,
    }
    archive.close()


def record_at(archive, url):
    for record in archive.latest_records():
        if url in archive.sources(record["report_key"]):
            return record
    raise AssertionError(f"no report has source {url}")


def row(manifest, predicate):
    return next(m for m in manifest if predicate(m))


def test_doc_attachment_only_report_is_stored_once(crawled):
    doc = row(crawled["manifest"], lambda m: m["document"] == "application/msword")
    keys = [
        r["report_key"]
        for r in crawled["archive"].latest_records()
        if r["year"] == 2022 and r["agency"] == "汕头市潮阳区应急管理局"
    ]
    assert (len(keys), record_at(crawled["archive"], doc["url"])["content_source"]) == (1, "document")


def test_doc_report_text_or_flag(crawled):
    doc = row(crawled["manifest"], lambda m: m["document"] == "application/msword")
    record = record_at(crawled["archive"], doc["url"])
    if any(shutil.which(t) for t in WORD97_TOOLS):
        assert doc["snippet"] in record["text"]
    else:
        assert record["extraction"]["status"] == "extract_unavailable"


def test_scanned_pdf_is_stored_and_flagged(crawled):
    scan = row(crawled["manifest"], lambda m: m["document"] and m["portal_id"] == "341800-rfb")
    record = record_at(crawled["archive"], scan["url"])
    assert (record["extraction"]["status"], record["year"], record["title"]) == ("no_text_layer", 2021, scan["title"])


def test_stub_page_takes_its_content_from_the_pdf(crawled):
    stub = row(crawled["manifest"], lambda m: m["portal_id"] == "441300-yjj" and m["year"] == 2023)
    record = record_at(crawled["archive"], stub["url"])
    truth = crawled["world"].entry_for_url(stub["url"])[1].truth
    assert (record["content_source"], record["content_url"], truth.snippet in record["text"]) == (
        "attachment",
        stub["attachments"][0],
        True,
    )


def test_stub_page_tables_come_from_the_pdf(crawled):
    stub = row(crawled["manifest"], lambda m: m["portal_id"] == "441300-yjj" and m["year"] == 2023)
    record = record_at(crawled["archive"], stub["url"])
    truth = crawled["world"].entry_for_url(stub["url"])[1].truth
    assert {r["key"]: r["values"] for r in record["tables"]["applications"]["rows"]} == truth.table3


def test_stub_page_and_its_pdf_are_one_report_with_two_sources(crawled):
    stub = row(crawled["manifest"], lambda m: m["portal_id"] == "441300-yjj" and m["year"] == 2023)
    key = record_at(crawled["archive"], stub["url"])["report_key"]
    assert crawled["archive"].sources(key) == sorted([stub["url"], stub["attachments"][0]])


def test_page_and_pdf_listed_separately_are_one_report(crawled):
    copy = row(crawled["manifest"], lambda m: m["same_as"])
    archive = crawled["archive"]
    key = record_at(archive, copy["same_as"])["report_key"]
    assert (
        record_at(archive, copy["url"])["report_key"],
        set(archive.sources(key)) >= {copy["url"], copy["same_as"]},
    ) == (key, True)


def test_attachments_are_downloaded_by_content_hash(crawled):
    page = row(crawled["manifest"], lambda m: m["portal_id"] == "330800-yjj" and m["attachments"])
    entry = record_at(crawled["archive"], page["url"])["attachments"][0]
    stored = crawled["files"] / entry["path"]
    assert (
        hashlib.sha256(stored.read_bytes()).hexdigest(),
        entry["path"].startswith(f"sha256/{entry['sha256'][:2]}/"),
    ) == (entry["sha256"], True)


def test_attachment_media_type_is_recorded(crawled):
    page = row(crawled["manifest"], lambda m: m["portal_id"] == "330800-yjj" and m["attachments"])
    entry = record_at(crawled["archive"], page["url"])["attachments"][0]
    assert entry["media_type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_second_crawl_adds_no_rows(crawled):
    assert crawled["archive"].row_counts() == dict(crawled["first"], crawl_runs=crawled["first"]["crawl_runs"] + 1)


def test_oversized_attachment_is_a_failure_against_its_url(crawled):
    page = row(crawled["manifest"], lambda m: m["portal_id"] == "330800-yjj" and m["attachments"])
    failure = next(f for f in crawled["small_failures"] if f["url"] == page["attachments"][0])
    assert (failure["stage"], failure["portal_id"], failure["referer"]) == ("attachment", "330800-yjj", page["url"])
