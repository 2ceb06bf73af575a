"""Unit tests for govcrawl.process.clean.normalise: script, phrases, readings, width and spacing policy."""

from __future__ import annotations

import pytest

from govcrawl.process.clean import clean_text, normalise
from govcrawl.process.clean.phrases import KEEP_TRADITIONAL, TW_TO_MAINLAND


@pytest.mark.parametrize(
    "taiwan, mainland",
    [
        ("科學最佳化調整網站欄目", "科学优化调整网站栏目"),
        ("辦事程式", "办事程序"),
        ("網路問政", "网络问政"),
        ("有關檔案", "有关文件"),
        ("信息較為巨觀", "信息较为宏观"),
    ],
)
def test_taiwan_phrasing_is_reversed(taiwan, mainland):
    assert normalise(taiwan)[0] == mainland


@pytest.mark.parametrize("word", KEEP_TRADITIONAL)
def test_shielded_words_keep_their_meaning(word):
    import opencc

    assert normalise("我局認真" + word)[0] == "我局认真" + opencc.OpenCC("t2s").convert(word)


@pytest.mark.parametrize("taiwan, mainland", sorted(TW_TO_MAINLAND.items()))
def test_phrase_table_entries_apply_to_traditional_text(taiwan, mainland):
    import opencc

    traditional = opencc.OpenCC("s2t").convert("較為" + taiwan + "的內容")
    assert mainland in normalise(traditional)[0]


def test_simplified_text_is_not_rewritten_by_taiwan_phrases():
    assert normalise("这一程式化的做法")[0] == "这一程式化的做法"


@pytest.mark.parametrize(
    "text, script",
    [
        ("政府信息公开工作年度报告", "simplified"),
        ("政府資訊公開工作年度報告", "traditional"),
        ("政府信息公開工作年度报告和條例", "mixed"),
        ("2019 ABC", "simplified"),
    ],
)
def test_source_script(text, script):
    assert normalise(text)[1] == script


def test_pinyin_readings_are_stripped():
    assert normalise("本年度報(bào)告是根據(jù)《條例》")[0] == "本年度报告是根据《条例》"


def test_zhuyin_readings_are_stripped():
    assert normalise("報(ㄅㄠˋ)告")[0] == "报告"


@pytest.mark.parametrize(
    "kept", ["(以下简称《条例》)", "(www.example.gov.cn)", "(2019)", "(一)", "（二）", "(设在局办公室)"]
)
def test_real_parentheses_are_kept(kept):
    text = f"报(bào)告规定{kept}如下"
    assert normalise(text)[0] == f"报告规定{kept}如下"


def test_lone_untoned_latin_in_brackets_is_not_a_reading():
    assert normalise("使用办公(oa)系统")[0] == "使用办公(oa)系统"


def test_fullwidth_letters_and_digits_become_halfwidth():
    assert normalise("ＯＡ系统２０２０年")[0] == "OA系统2020年"


def test_chinese_punctuation_is_kept_as_printed():
    assert normalise("一、总体情况：（一）“三公”，；")[0] == "一、总体情况：（一）“三公”，；"


def test_fullwidth_and_nbsp_spaces_collapse():
    assert normalise("\u3000\u30002020年，我局\u00a0 按照 plan  A 执行")[0] == "2020年，我局按照 plan A 执行"


def test_spaces_between_han_characters_are_dropped():
    assert normalise("统 计 指 标 共 502 条")[0] == "统计指标共502条"


def test_paragraph_breaks_are_kept_and_blank_runs_collapse():
    assert (
        normalise("一、总体情况\n\n\n  正文第一段。\r\n二、主动公开")[0] == "一、总体情况\n正文第一段。\n二、主动公开"
    )


def test_clean_text_drops_footer_run_but_keeps_body_contact_line():
    text = "联系办公室(地址:衢州市江郎中路2号;邮编:324000)\n正文最后一段。\n主办:某某办公室\n地址:某路1号 邮编:242000\n皖ICP备19012725号"
    assert clean_text(text).text == "联系办公室(地址:衢州市江郎中路2号;邮编:324000)\n正文最后一段。"


def test_clean_text_keeps_contact_lines_that_are_not_trailing():
    text = "如有疑问请联系:\n地址:衢州市江郎中路2号\n一、总体情况"
    assert clean_text(text).text == text


def test_clean_text_removes_pipe_runs_byline_and_close_button():
    text = "|\n报告标题\n|||||||\n| 2026-01-20 作者:佚名 点击数: | ||||\n正文。 |\n| 【关闭窗口】 | |||||"
    assert clean_text(text).text == "报告标题\n正文。"


def test_clean_text_keeps_pipe_table_rows():
    assert clean_text("统计指标 | 单位 | 年度累计数 |").text == "统计指标 | 单位 | 年度累计数 |"
