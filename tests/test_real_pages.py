"""The parser on real pages nobody on the project wrote: tests/fixtures/real_pages (dev set).

One case per item and gold field (scoring: tests/real_pages_scoring.py, also used by
benchmarks/real_pages.py). Misses that remain are xfail(strict) with their reason, and listed
in the README section "Parsing real pages".
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from real_pages_scoring import FIXTURES, cases, got_value, matches, parsed

FIXTURES_ROOT = FIXTURES.parent

# case id -> why it is still missed (keep in step with the README section "Parsing real pages").
_TABLES = "table parsing (tables work, parser-tables branch): "
KNOWN_MISSES: dict[str, str] = {
    "txt_aggregator_dalian_city_report_fragment:template":
        "mid-document fragment: no title, year, headings, table or part list, so nothing dates its layout",
    **{f"txt_flipbook_wendeng_xinfang_2022_p8_table4:cells:{k}|总计":
       _TABLES + "table 四 header split vertically over two lines ('结果 结果 其他 尚未 总' / '维持 纠正 …'), "
       "value row not read" for k in ("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")},
    **{f"txt_shenzhen_longgang_dept_2024_pipetables:cells:{k}":
       _TABLES + "第二十条 sub-tables as '|' rows under a caption line are not read as table 二"
       for k in ("规章|本年制发件数", "行政规范性文件|本年制发件数", "行政规范性文件|现行有效件数")},
    **{f"txt_wiki_wuhan_ecoenv_bureau_2020_traditional_annotated_rows:cells:{k}":
       _TABLES + "2019 table 二 with long fill-in hints inside labels and headers and a trailing '||' column is not read"
       for k in ("規章|本年新製作數量", "規範性檔案|對外公開總數量", "行政許可|處理決定數量", "行政處罰|上一年項目數量")},
    **{f"txt_baokang_agri_bureau_2021_annotated_label:cells:{k}":
       _TABLES + "table 二 with an annotated label '规章(县级无此项)' and an empty 行政许可 cell is not read"
       for k in ("规章|本年制发件数", "行政规范性文件|现行有效件数", "行政处罚|本年处理决定数量",
                 "行政事业性收费|本年收费金额(单位:万元)")},
}


def _params():
    out = []
    for case in cases():
        marks = []
        if case.id in KNOWN_MISSES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case.id]))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


@pytest.mark.parametrize("case", _params())
def test_gold_field(case):
    got = got_value(parsed(case.item), case.field, case.key)
    assert matches(case.field, case.gold, got), f"{case.id}: gold {case.gold!r}, got {got!r}"


def test_known_misses_are_cases():
    ids = {c.id for c in cases()}
    assert not set(KNOWN_MISSES) - ids


# Every real page we hold: the dev set, and the older real pages kept among the clean fixtures.
_OLDER_REAL = ["clean/cmse.gov.cn__detail.html", "clean/fgw.zj.gov.cn__detail.html",
               "clean/shanxi.gov.cn__detail_trs.html", "clean/www.gov.cn__gongbao_detail.html",
               "attachments/hongze_district_2023_annual_report.pdf"]
_ALL_REAL = sorted({*(p.relative_to(FIXTURES_ROOT).as_posix() for p in FIXTURES.iterdir()
                      if p.suffix in (".txt", ".html", ".pdf", ".docx")), *_OLDER_REAL})


@pytest.mark.parametrize("rel", _ALL_REAL)
def test_cli_parse_never_raises(rel):
    from govcrawl.cli import main

    index = {(FIXTURES / i["file"]).resolve(): i for i in json.loads((FIXTURES / "index.json").read_text("utf-8"))}
    path = (FIXTURES_ROOT / rel).resolve()
    argv = ["parse", str(path), "--compact"]
    if index.get(path, {}).get("url"):
        argv += ["--url", index[path]["url"]]
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(argv)
    assert status == 0
    record = json.loads(out.getvalue())
    assert isinstance(record["is_annual_report"], bool)


def test_fixture_files_exist():
    for item in json.loads((FIXTURES / "index.json").read_text("utf-8")):
        assert (FIXTURES / item["file"]).exists(), item["file"]
    assert Path(FIXTURES_ROOT / "attachments/hongze_district_2023_annual_report.pdf").exists()
