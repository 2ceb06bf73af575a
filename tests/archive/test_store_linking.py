"""One report reached as an HTML page and as its PDF: one report, a version chain per URL,
no flipping between the two texts on re-crawls."""

import pytest

from govcrawl.archive.store import Archive
from tests.archive.test_store import make_record

PAGE = "http://www.hongze.gov.cn/zfxxgknb/i8846.html"
PDF = "http://www.hongze.gov.cn/zfxxgknb/P020240226.pdf"


def page(text="一、总体情况\n网页正文", body=b"<html>page</html>", **extra):
    record, body = make_record(text=text, body=body, url=PAGE)
    record.update(content_source="page", **extra)
    return record, body


def pdf(text="一、总体情况\nPDF 正文", body=b"%PDF-1.4 v1", status="ok"):
    record, body = make_record(text=text, body=body, url=PDF)
    record.update(content_source="document", extraction={"format": "pdf", "tool": "pypdf", "status": status})
    return record, body


@pytest.fixture
def archive(archive_target):
    """A new archive on each backend: SQLite, and PostgreSQL (a schema of its own)."""
    with Archive(archive_target) as a:
        yield a


def latest_url(archive):
    return archive.latest_records()[0]["provenance"]["url"]


def test_second_url_of_a_known_report_is_linked(archive):
    archive.store_report(*page())
    assert archive.store_report(*pdf()).status == "linked"


def test_page_and_pdf_are_one_report_with_two_sources(archive):
    archive.store_report(*page())
    archive.store_report(*pdf())
    assert (archive.row_counts()["reports"], archive.sources(make_record()[0]["report_key"])) == (
        1,
        sorted([PAGE, PDF]),
    )


def test_recrawl_of_both_adds_no_rows(archive):
    archive.store_report(*page())
    archive.store_report(*pdf())
    before = archive.row_counts()
    outcomes = [archive.store_report(*page()).status, archive.store_report(*pdf()).status]
    assert (outcomes, archive.row_counts()) == (["unchanged", "unchanged"], before)


def test_page_content_stays_latest_whatever_the_order(archive):
    archive.store_report(*pdf())
    archive.store_report(*page())
    archive.store_report(*pdf())
    assert latest_url(archive) == PAGE


def test_a_change_in_the_pdf_is_a_new_version_but_the_page_stays_latest(archive):
    archive.store_report(*page())
    archive.store_report(*pdf())
    outcome = archive.store_report(*pdf(text="一、总体情况\nPDF 修订", body=b"%PDF-1.4 v2"))
    assert (outcome.status, latest_url(archive)) == ("changed", PAGE)


def test_scanned_pdf_never_displaces_a_readable_document(archive):
    archive.store_report(*pdf(text="", body=b"%PDF scan", status="no_text_layer"))
    readable, body = pdf()
    readable["provenance"]["url"] = "http://mirror.gov.cn/a.pdf"
    archive.store_report(readable, body)
    assert archive.latest_records()[0]["extraction"]["status"] == "ok"


def test_mirror_with_identical_content_only_adds_a_source(archive):
    archive.store_report(*page())
    mirror, body = page()
    mirror["provenance"]["url"] = "http://mirror.gov.cn/copy.html"
    assert (archive.store_report(mirror, body).status, archive.row_counts()["report_versions"]) == ("unchanged", 1)


def test_stub_page_lists_its_attachment_as_a_source(archive):
    record, body = page(content_url=PDF)
    archive.store_report(record, body)
    assert archive.sources(record["report_key"]) == sorted([PAGE, PDF])
