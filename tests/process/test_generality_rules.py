"""Rules added by the generality audit, on invented strings in the shapes real pages print
(the perturbation suite itself is tests/process/test_generality.py)."""

from __future__ import annotations

from govcrawl.process.clean import clean_text
from govcrawl.process.clean.chrome import site_owner
from govcrawl.process.clean.unwrap import unwrap, visual_width, wrap_width
from govcrawl.process.parse import agency, dates
from govcrawl.process.parse.title import title_kind

WRAPPED = [
    "一、总体情况",
    "本年度,某某局认真贯彻落实条例要求,围绕中心工作推进政府信",
    "息公开,全年主动公开政府信息一百余条,依申请公开办理及时,",
    "群众满意度进一步提升,政务新媒体运行平稳,公开平台建设持续",
    "加强。",
    "二、主动公开政府信息情况",
]


def test_hard_wrapped_prose_is_joined():
    out = unwrap(WRAPPED)
    assert out[0] == "一、总体情况" and out[-1] == "二、主动公开政府信息情况"
    assert out[1].startswith("本年度") and out[1].endswith("公开平台建设持续加强。")


def test_one_paragraph_per_line_is_left_alone():
    lines = ["本年度主动公开政府信息一百条。", "全年办理申请十件,均按期答复。", "公开平台运行平稳。"] * 3
    assert unwrap(lines) == lines


def test_headings_titles_rows_and_page_numbers_are_not_joined():
    lines = [
        "某某县某某局2023年政府信息公开工作年度报告",
        *WRAPPED[1:4],
        "- 2 -",
        "结果 结果 其他 尚未 总",
        "0 0 0 0 0",
    ]
    out = unwrap(lines)
    assert out[0] == lines[0]
    assert "- 2 -" in out and "结果 结果 其他 尚未 总" in out and "0 0 0 0 0" in out


def test_visual_width_counts_digits_as_half():
    assert visual_width("共12条") == 3
    assert wrap_width([30, 30, 29, 31, 12]) is not None
    assert wrap_width([30, 18, 25, 12]) is None


def _wrap(paragraph: str, width: int = 30) -> list[str]:
    """Cut as a PDF page does: `width` Han characters a line, digits and ASCII half as wide."""
    lines, piece, used = [], "", 0.0
    for ch in paragraph:
        cost = 0.5 if ord(ch) < 0x2000 else 1.0
        if used + cost > width:
            lines.append(piece)
            piece, used = "", 0.0
        piece += ch
        used += cost
    return [*lines, piece]


def test_unwrapped_citation_is_read_again():
    paragraph = (
        "本报告依据《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号)要求编制,"
        "数据统计期限为2023年1月1日至2023年12月31日,由某某县某某局负责编制,如有疑问请与某某县某某局"
        "办公室联系,联系电话为一二三四五六七,地址为某某县某某路一号某某大楼,邮政编码为一二三四五六。"
    )
    cleaned = clean_text("\n".join(_wrap(paragraph))).text
    assert "国办公开办函〔2021〕30号" in cleaned and "2023年12月31日" in cleaned


def test_site_owner_stops_at_the_next_footer_label():
    assert site_owner(["主办:某某县人民政府办公室承办:某某县大数据中心"]) == "某某县人民政府办公室"


def test_self_reference_rules_out_another_kind_of_body():
    text = "本年度,我局认真贯彻条例。我局全年主动公开信息。"
    assert agency.self_reference(text) == "局"
    assert not agency.consistent_with_self_reference("某某县人民政府办公室", "局")
    assert agency.consistent_with_self_reference("某某县某某局", "局")
    assert agency.consistent_with_self_reference("某某镇人民政府", "镇")


def test_site_owner_is_no_agency_on_a_copy():
    kwargs = dict(
        title=None,
        title_kind=None,
        title_line=None,
        is_report=True,
        text="本年度,本单位主动公开政府信息。",
        lines=[],
        prose=[],
        meta={"主办": "某某市人民政府办公室"},
        signature_line=None,
    )
    assert agency.resolve_agency(**kwargs, government_host=False) == (None, None)
    assert agency.resolve_agency(**kwargs, government_host=True)[1] == "site_owner"


def test_contact_section_of_a_bureau_names_the_bureau():
    assert agency.agency_from_contact("如有疑问,请与某某县某某局法规股联系(电话:1234)。") == "某某县某某局"


def test_statement_with_a_basis_between_body_and_verb():
    assert agency.agency_from_statement("本报告由某某县某某局根据《条例》要求编制。") == "某某县某某局"


def test_undated_statement_and_opening_name_the_body():
    assert agency.agency_from_statement("现将某某县某某局本年度政府信息公开工作情况报告如下。") == "某某县某某局"
    assert agency.agency_from_opening("本年,某某县某某局以提升质效为核心,推进公开。") == "某某县某某局"


def test_numeric_statistics_period():
    assert dates.period_year("统计期限为2023.1.1-2023.12.31。") == 2023
    assert dates.period_year("统计时间:2019/01/01至2019/12/31") == 2019
    assert dates.period_year("发布时间:2024.01.20") is None


def test_guide_and_other_reports_are_other_documents():
    assert title_kind("某某县某某局政府信息公开指南") == "other"
    assert title_kind("某某县人民政府关于2023年法治政府建设情况的报告") == "other"
    assert title_kind("某某县2022年度信息公开报告") is None  # a disclosure report in other words: not ruled out
