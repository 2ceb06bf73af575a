"""Gold-set tests: every page cleaned to its hand-checked body text, with no chrome left."""

from __future__ import annotations

import importlib.util

import opencc
import pytest

from govcrawl.process.clean import clean_html, clean_text
from tests.conftest import FIXTURES

_SPEC = importlib.util.spec_from_file_location("clean_scoring", FIXTURES / "clean/scoring.py")
scoring = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scoring)

PAGES = scoring.load_pages()
IDS = [page["input"] for page in PAGES]


def _clean(page):
    source = scoring.page_input(page)
    return clean_text(source) if page["kind"] == "text" else clean_html(source)


def test_gold_set_is_large_enough():
    assert len(PAGES) >= 12


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_no_chrome_residue(page):
    assert scoring.residue(_clean(page).text) == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_recall_of_gold_text(page, record_property):
    precision, recall = scoring.lcs_scores(_clean(page).text, page["gold"])
    record_property("precision", precision)
    print(f"{page['input']}: precision {precision:.4f} recall {recall:.4f}")
    assert recall >= 0.99


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_source_script(page):
    assert _clean(page).source_script == page["script"]


def test_gold_keeps_contact_line_inside_body():
    page = next(p for p in PAGES if p["input"] == "ucap_table_002.html")
    assert "地址:衢州市江郎中路2号;邮编:324000" in _clean(page).text


def test_gbk_page_declares_gb2312_and_is_not_utf8():
    raw = (scoring.GOLD_DIR / "ucap_gbk_2021.html").read_bytes()
    assert b"charset=gb2312" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p["script"] == "simplified" and p["kind"] == "html"][:4], ids=lambda p: p["input"]
)
def test_round_trip_through_taiwan_traditional(page):
    original = _clean(page).text
    converted = opencc.OpenCC("s2twp").convert(original)
    back = clean_text(converted).text
    _, recall = scoring.lcs_scores(back, original)
    precision, _ = scoring.lcs_scores(back, original)
    assert min(precision, recall) >= 0.995


def test_round_trip_of_a_long_simplified_report():
    report = (scoring.SAMPLES_DIR / "002_7bcad31b0e10dcd8.txt").read_text(encoding="utf-8")
    original = clean_text(report).text
    back = clean_text(opencc.OpenCC("s2twp").convert(original)).text
    precision, recall = scoring.lcs_scores(back, original)
    assert min(precision, recall) >= 0.995
