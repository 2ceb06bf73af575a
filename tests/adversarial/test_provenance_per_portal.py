"""A sibling portal's page claiming the same report never becomes the latest version of a report
another portal owns; it is kept as a linked version and source (issue 12)."""

import pytest

from govcrawl.archive.store import Archive
from tests.archive.test_store import make_record


def owned(text="一、总体情况\n本县正文", body=b"<html>own</html>", url="http://www.a.gov.cn/art/1.html", portal="p1"):
    record, body = make_record(text=text, body=body, url=url)
    record["provenance"]["portal_id"] = portal
    record["content_source"] = "page"
    return record, body


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "a.sqlite3") as a:
        yield a


def test_a_sibling_portals_copy_is_linked_not_latest(archive):
    archive.store_report(*owned())
    sibling = owned(
        text="一、总体情况\n冒名正文", body=b"<html>fake</html>", url="http://www.b.gov.cn/1.html", portal="p2"
    )
    assert archive.store_report(*sibling).status == "linked"
    [latest] = archive.latest_records()
    assert latest["provenance"]["portal_id"] == "p1" and "本县正文" in latest["text"]
    assert "http://www.b.gov.cn/1.html" in archive.sources(latest["report_key"])


def test_a_sibling_copy_that_changes_never_takes_over(archive):
    archive.store_report(*owned())
    for n in range(3):
        archive.store_report(
            *owned(
                text=f"一、总体情况\n冒名{n}",
                body=f"<html>{n}</html>".encode(),
                url="http://www.b.gov.cn/1.html",
                portal="p2",
            )
        )
    assert archive.latest_records()[0]["provenance"]["portal_id"] == "p1"


def test_the_owner_still_updates_its_own_report(archive):
    archive.store_report(*owned())
    archive.store_report(*owned(text="一、总体情况\n修订正文", body=b"<html>v2</html>"))
    assert "修订正文" in archive.latest_records()[0]["text"]
