"""Building blocks of the hand-made worlds (demo.py, demo_counties.py, hostile.py): the navigation
bar their sites share, paragraphs of HTML, and entries made from a real sample, a synthesized
report, another page (news, notice, error) or a file the list links directly."""

from __future__ import annotations

from html import escape

from . import samples
from .portal import Attachment, Entry, Portal
from .synth import synth_report

_NAV = (
    ("政务公开", "/zwgk/"),
    ("新闻动态", "/xwdt/"),
    ("政策文件", "/zcwj/"),
    ("互动交流", "/hdjl/"),
    ("办事服务", "/bsfw/"),
)


def _paras(*lines: str) -> str:
    return "\n".join(f"<p>{escape(x)}</p>" for x in lines)


def _report_from_sample(
    portal: Portal,
    art: samples.SampleArticle,
    date: str,
    doc_id: int,
    kind: str = "report",
    attachments: list[Attachment] | None = None,
) -> Entry:
    return Entry(
        portal.renderer.entry_path(portal, date, doc_id),
        kind,
        art.title,
        date,
        lambda: art.body_html,
        year=art.year,
        agency=art.agency,
        source=art.agency,
        sample=art.sample,
        template=art.template,
        script=art.script,
        snippet=art.snippet,
        attachments=attachments or [],
        after_body=art.after_body_html,
        dumped_footer=art.footer_lines,
        byline=art.byline,
        doc_id=doc_id,
        title_simplified=art.title_simplified,
    )


def _synth_entry(
    portal: Portal,
    agency: str,
    year: int,
    template: str,
    date: str,
    doc_id: int,
    kind: str = "report",
    contact: str | None = None,
) -> Entry:
    rep = synth_report(agency, year, template, seed=doc_id, contact=contact)
    snippet = f"联系人：{contact}" if contact else rep.snippet
    return Entry(
        portal.renderer.entry_path(portal, date, doc_id),
        kind,
        rep.title,
        date,
        lambda: rep.body_html,
        year=year,
        agency=agency,
        source=portal.name,
        template=template,
        snippet=snippet,
        truth=rep,
        doc_id=doc_id,
    )


def _other(
    portal: Portal, kind: str, title: str, date: str, doc_id: int, body: str = "", snippet: str | None = None
) -> Entry:
    return Entry(
        portal.renderer.entry_path(portal, date, doc_id),
        kind,
        title,
        date,
        lambda: body,
        source=portal.name,
        snippet=snippet,
        doc_id=doc_id,
    )


def _document_entry(
    portal: Portal,
    path: str,
    title: str,
    date: str,
    doc_id: int,
    document: Attachment,
    *,
    year: int,
    agency: str,
    template: str | None = None,
    snippet: str | None = None,
    truth=None,
    same_as: str | None = None,
) -> Entry:
    """A list link straight to a file: the report is only the attachment."""
    return Entry(
        path,
        "report",
        title,
        date,
        lambda: "",
        year=year,
        agency=agency,
        source=portal.name,
        template=template,
        snippet=snippet,
        truth=truth,
        doc_id=doc_id,
        document=document,
        same_as=same_as,
    )
