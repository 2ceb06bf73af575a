"""Attachments: extraction per format on fixture files, format sniffing, and the flags for
files whose text cannot be had (scans, missing converters)."""

import io
import json
import os
import shutil

import pytest

from govcrawl.contract.schema import validation_errors
from govcrawl.process.document import parse_document
from govcrawl.process.extract import EXTRACT_UNAVAILABLE, NO_TEXT_LAYER, OK, extract, sniff
from govcrawl.process.extract.word97 import extract_word97
from govsim.demo import CHAOYANG_2022_SEED, HUIZHOU_2023_SEED
from govsim.docx import make_docx
from govsim.samples import read_data_bytes
from govsim.scan import make_scanned_pdf
from govsim.synth import synth_report
from tests.conftest import FIXTURES, SIM_DATA

ATTACHMENTS = FIXTURES / "attachments"
HONGZE_PDF = (SIM_DATA / "hongze_district_2023_annual_report.pdf").read_bytes()
CHAOYANG_DOC = (SIM_DATA / "chaoyang_2022_annual_report.doc").read_bytes()
CHAOYANG_DOCX = (ATTACHMENTS / "chaoyang_2022.docx").read_bytes()
REQUIRE = os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1"


def rows(record):
    return {r["key"]: r["values"] for r in record["tables"]["applications"]["rows"]}


@pytest.fixture(scope="module")
def hongze():
    return parse_document(HONGZE_PDF, url="http://www.hongze.gov.cn/P020240226145645123.pdf", adcode="320813").record


# --- PDF (the real Hongze report) ---------------------------------------------------------------


def test_pdf_title_is_read_from_its_first_lines(hongze):
    assert hongze["title"] == "洪泽区人民政府2023年政府信息公开工作年度报告"


def test_pdf_agency(hongze):
    assert hongze["agency"] == "洪泽区人民政府"


def test_pdf_year(hongze):
    assert hongze["year"] == 2023


def test_pdf_template(hongze):
    assert hongze["template"] == "2021"


def test_pdf_page_numbers_are_not_text(hongze):
    assert "- 2 -" not in hongze["text"]


def test_pdf_sections(hongze):
    assert [s["number"] for s in hongze["sections"]] == ["一", "二", "三", "四", "五", "六"]


def test_pdf_table3_first_row(hongze):
    assert rows(hongze)["一"] == [21, 0, 0, 0, 0, 0, 21]


def test_pdf_table3_row_with_wrapped_label(hongze):
    assert rows(hongze)["三.二"] == [4, 0, 0, 0, 0, 0, 4]


def test_pdf_table3_has_every_row_printed(hongze):
    assert len(rows(hongze)) == 23


def test_pdf_table4_values_as_printed(hongze):
    assert hongze["tables"]["review_litigation"]["values"] == [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]


def test_pdf_table2_fee_row(hongze):
    fee = hongze["tables"]["active_disclosure"][3]
    assert (fee["article"], fee["rows"][0]["values"]) == ("第二十条第（八）项", [7730.28])


def test_pdf_extraction_is_recorded(hongze):
    assert (hongze["content_source"], hongze["extraction"]["format"], hongze["extraction"]["status"]) == (
        "document",
        "pdf",
        OK,
    )


def test_pdf_record_validates(hongze):
    assert validation_errors(hongze) == []


def test_pdf_tables_match_the_truth_of_a_generated_report():
    truth = synth_report("惠州市应急管理局", 2023, "2021", seed=HUIZHOU_2023_SEED)
    record = parse_document(read_data_bytes("huizhou_2023_annual_report.pdf"), url="http://x/a.pdf").record
    assert (rows(record), record["tables"]["review_litigation"]["values"]) == (truth.table3, truth.table4)


# --- scanned PDF --------------------------------------------------------------------------------


def test_scanned_pdf_is_flagged_no_text_layer():
    assert extract(make_scanned_pdf(2), "pdf").status == NO_TEXT_LAYER


def test_scanned_pdf_with_its_link_text_is_still_a_report():
    title = "宣城市人民防空办公室2021年政府信息公开工作年度报告"
    record = parse_document(make_scanned_pdf(1), url="http://x/2021ndbg.pdf", title_hint=title).record
    assert (record["is_annual_report"], record["year"], record["extraction"]["status"], record["text"]) == (
        True,
        2021,
        NO_TEXT_LAYER,
        "",
    )


# --- DOCX ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chaoyang_docx():
    return extract(CHAOYANG_DOCX, "docx")


def test_docx_table_rows_are_tab_joined_in_the_text(chaoyang_docx):
    assert "（七）总计\t94\t56\t0\t0\t0\t1\t151" in chaoyang_docx.text.split("\n")


def test_docx_merged_cells_keep_their_spans(chaoyang_docx):
    corner = chaoyang_docx.tables[1][0][0]
    assert (corner.rowspan, corner.colspan) == (3, 3)


def test_docx_tables_parse_to_the_truth():
    truth = synth_report("汕头市潮阳区应急管理局", 2022, "2021", seed=CHAOYANG_2022_SEED)
    record = parse_document(CHAOYANG_DOCX, url="http://x/a.docx").record
    assert (rows(record), record["tables"]["review_litigation"]["values"]) == (truth.table3, truth.table4)


def test_docx_made_by_the_simulator_keeps_its_table():
    body = make_docx(["统计表", [["统计指标", "单位", "统计数"], ["主动公开政府信息数", "条", "502"]]])
    assert extract(body, "docx").tables[0][1][2].text == "502"


# --- DOC / WPS ----------------------------------------------------------------------------------


@pytest.mark.parametrize("tool", ["catdoc", "antiword", "soffice"])
def test_doc_route_reads_the_word97_file(tool):
    if not shutil.which(tool):
        if REQUIRE and tool != "soffice":
            pytest.fail(f"{tool} is not installed (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed")
    extracted = extract_word97(CHAOYANG_DOC, tools=(tool,))
    assert (extracted.status, "全年共主动公开政府信息2275条" in extracted.text) == (OK, True)


def test_doc_without_a_converter_is_flagged_not_dropped():
    extracted = extract_word97(CHAOYANG_DOC, tools=("no-such-converter",))
    assert (extracted.status, "no-such-converter" in extracted.detail) == (EXTRACT_UNAVAILABLE, True)


def test_wps_is_read_on_the_word97_route():
    assert sniff(CHAOYANG_DOC, "http://x/report.wps") == "wps"


# --- spreadsheets -------------------------------------------------------------------------------


def test_xlsx_statistics_table_parses_as_legacy_statistics():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县安监局2017年政府信息公开工作年度报告统计表", None, None])
    sheet.merge_cells("A1:C1")
    sheet.append(["统计指标", "单位", "统计数"])
    sheet.append(["（一）主动公开政府信息数", "条", 502])
    buf = io.BytesIO()
    book.save(buf)
    record = parse_document(buf.getvalue(), url="http://x/tj.xlsx").record
    assert record["tables"]["legacy_statistics"] == [
        {"indicator": "（一）主动公开政府信息数", "unit": "条", "value": 502}
    ]


# --- sniffing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,url,expected",
    [
        (HONGZE_PDF, "http://x/view.jsp?id=1", "pdf"),  # served with no extension
        (CHAOYANG_DOCX, "http://x/a.doc", "docx"),  # a DOCX named .doc
        (CHAOYANG_DOC, "http://x/a.doc", "doc"),
        (b"{\\rtf1\\ansi hello}", "http://x/a.doc", "rtf"),  # Word's RTF saved as .doc
        (b"<html><body>report</body></html>", "http://x/a.pdf", None),  # an error page at a .pdf URL
    ],
)
def test_sniff_by_magic_bytes(body, url, expected):
    assert sniff(body, url) == expected


def test_unreadable_format_is_flagged_extract_unavailable():
    assert extract(b"PK\x03\x04rest", "ofd").status == EXTRACT_UNAVAILABLE


# --- the CLI takes documents too ----------------------------------------------------------------


def test_cli_parses_a_pdf(tmp_path, capsys, hongze):
    from govcrawl.cli.main import main

    path = tmp_path / "report.pdf"
    path.write_bytes(HONGZE_PDF)
    status = main(
        ["parse", str(path), "--adcode", "320813", "--url", "http://www.hongze.gov.cn/P020240226145645123.pdf"]
    )
    record = json.loads(capsys.readouterr().out)
    assert (status, record["report_key"], validation_errors(record)) == (0, hongze["report_key"], [])


# --- attachment links of a page -----------------------------------------------------------------


def test_attachment_block_after_the_body_counts_but_a_sidebar_document_does_not():
    html = (
        "<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>"
        "<div class='sidebar'><a href='/other/2022.pdf'>某局2022年政府信息公开工作年度报告</a></div>"
        "<div class='TRS_Editor'><p>现将《某局2023年政府信息公开工作年度报告》予以公布，详见附件。</p></div>"
        "<div class='fj'><p>附件：<a href='/zfxxgknb/P0202401.pdf'>年度报告.pdf</a></p></div></body></html>"
    )
    record = parse_document(html.encode(), url="http://x.gov.cn/zfxxgknb/t1.html").record
    assert [a["url"] for a in record["attachments"]] == ["http://x.gov.cn/zfxxgknb/P0202401.pdf"]
