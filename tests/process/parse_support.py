"""Helpers for the parser tests (no tests here): fixtures as CleanedPage objects.

When govcrawl.process.clean is importable and works, pages go through it; otherwise a crude stand-in
converts to simplified script (opencc t2s), drops pinyin and page-dump pipes, and reads HTML
tables with lxml into TableCell rows.
"""

from __future__ import annotations

import re

import opencc
from lxml import html as lxml_html

from govcrawl.contract.cleaned_page import CleanedPage, TableCell
from tests.conftest import FIXTURES, SIM_DATA

PARSE_FIXTURES = FIXTURES / "parse"  # HTML template pages and non-reports
SAMPLES = SIM_DATA  # the five sample report texts (00N_*.txt), shared with the clean gold set
_T2S = opencc.OpenCC("t2s")
_PINYIN_RE = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def fixture_text(name: str) -> str:
    directory = SAMPLES if (SAMPLES / name).exists() else PARSE_FIXTURES
    return (directory / name).read_text("utf-8")


def _clean_module():
    try:
        from govcrawl.process import clean  # noqa: PLC0415
    except ImportError:
        return None
    return clean if hasattr(clean, "clean_text") and hasattr(clean, "clean_html") else None


def page_from_text(text: str) -> CleanedPage:
    """Through govcrawl.process.clean when it exists (the pipeline's path)."""
    clean = _clean_module()
    if clean is not None:
        return clean.clean_text(text)
    return raw_page_from_text(text)


def raw_page_from_text(text: str) -> CleanedPage:
    """The stand-in cleaner: keeps tab-indented cells and bylines exactly as printed."""
    traditional = _T2S.convert(text) != text
    text = _PINYIN_RE.sub("", text)
    text = _T2S.convert(text)
    lines = []
    for line in text.split("\n"):
        if line.strip() and not line.strip().strip("|").strip():
            continue  # page-dump separators made of pipes
        stripped = line.strip(" |") if line.count("|") <= 2 and not line.startswith("\t") else line
        lines.append(stripped if not line.startswith("\t") else line)
    return CleanedPage(
        title=None, text="\n".join(lines).strip("\n"), source_script="traditional" if traditional else "simplified"
    )


def page_from_html(html: str) -> CleanedPage:
    clean = _clean_module()
    if clean is not None:
        return clean.clean_html(html)
    doc = lxml_html.fromstring(html)
    title = (doc.findtext(".//title") or "").strip() or None
    meta = {m.get("name"): m.get("content") for m in doc.iter("meta") if m.get("name")}
    tables = []
    for table in doc.iter("table"):
        rows = []
        for tr in table.iter("tr"):
            rows.append(
                [
                    TableCell(" ".join(td.text_content().split()), int(td.get("rowspan", 1)), int(td.get("colspan", 1)))
                    for td in tr
                    if td.tag in ("td", "th")
                ]
            )
        tables.append(rows)
        for tr in table.iter("tr"):
            tr.tail = (
                "\n"
                + "\t".join(" ".join(td.text_content().split()) for td in tr if td.tag in ("td", "th"))
                + "\n"
                + (tr.tail or "")
            )
            for td in list(tr):
                tr.remove(td)
    body = doc.find(".//body")
    text = "\n".join(
        ln.strip(" ") for ln in (body.text_content() if body is not None else "").split("\n") if ln.strip()
    )
    return CleanedPage(title=title, text=text, tables=tables, meta=meta)
