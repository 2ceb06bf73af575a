"""Text normalisation shared by HTML and plain-text cleaning.

Policy (the one applied everywhere; also in govcrawl/process/clean/README.md):

* Script: the page's script is detected first ('simplified', 'traditional' or 'mixed').
  Traditional and mixed text is converted with opencc 'tw2sp' (characters plus reversal of
  Taiwan phrasing such as 最佳化→优化, 網路→网络), with the corrections in `phrases.py`.
  Simplified text is left alone: tw2sp's phrase rules would rewrite words that are valid
  simplified Chinese (程式化 → 程序化).
* Phonetic annotations: pinyin or zhuyin in brackets right after a Han character
  (報(bào)告) are removed; other brackets ((一), (2019), (www.x.gov.cn), (以下简称…)) stay.
* Width: full-width ASCII letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９) become half-width.
  Punctuation is kept as printed (full-width ，（）：；、 and half-width ,():; both occur in
  real reports; the parser accepts both).
* Whitespace: every run of spaces, tabs, U+3000 and no-break spaces becomes one ASCII space;
  a space between two Han characters or Chinese punctuation marks, or between one of
  them and a digit, is dropped (统 计 指 标 → 统计指标, 共 502 条 → 共502条); lines are stripped;
  line breaks are kept as paragraph breaks; runs of blank lines become one line break.
  Tabs inside table rows are the cell separator and are handled by the table renderer,
  which normalises each cell on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from govcrawl.process.clean.phrases import KEEP_TRADITIONAL, TW_TO_MAINLAND

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")
_TW2SP = opencc.OpenCC("tw2sp")

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")

# Pinyin syllable letters (with tone marks) or a zhuyin group, in ASCII or full-width brackets,
# directly after a Han character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN_BODY = f"[a-z{_TONED}]{{1,6}}[1-5]?"
_ZHUYIN_BODY = "[\u3105-\u312f\u31a0-\u31bf]{1,4}[ˊˇˋ˙]?"
_ANNOTATION_RE = re.compile(f"(?<=[{_HAN}])[(（](?:(?P<py>{_PINYIN_BODY})|{_ZHUYIN_BODY})[)）]")
_HAS_TONE_RE = re.compile(f"[{_TONED}]")

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_SPACES_RE = re.compile(r"[ \t\u00a0\u2002-\u200a\u3000\u202f\u205f\ufeff]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\xad]")
_CJK = _HAN + "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d\u2014\u2026"
_HAN_SPACE_RE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}0-9])|(?<=[0-9]) (?=[{_CJK}])")
_BLANK_LINES_RE = re.compile(r"\n{2,}")

# Share of script-specific characters that must be traditional for the page to count as
# traditional (or simplified); in between the page is 'mixed'.
_PURE_SHARE = 0.9


def normalise(text: str) -> tuple[str, str]:
    """Return (simplified normalised text, source_script of the input)."""
    page = PageNormaliser(text)
    return page.text(text), page.script


class PageNormaliser:
    """Normalises the pieces of one page with decisions taken once for the whole page:
    its script, and whether it carries phonetic readings at all."""

    def __init__(self, sample: str) -> None:
        self.script = detect_script(sample)
        self.readings = has_readings(sample)

    def text(self, text: str) -> str:
        """Multi-line text: paragraph breaks kept."""
        text = to_simplified(strip_annotations(text, self.readings), self.script)
        return normalise_spacing(text.translate(_FULLWIDTH_ALNUM))

    def line(self, text: str) -> str:
        """One line or table cell: every line break is just a space (as in HTML)."""
        if not text or text.isspace():
            return ""
        text = to_simplified(strip_annotations(text, self.readings), self.script).translate(_FULLWIDTH_ALNUM)
        text = _ZERO_WIDTH_RE.sub("", text).replace("\r", " ").replace("\n", " ")
        return collapse_spaces(text).strip()


def detect_script(text: str) -> str:
    traditional = simplified = 0
    for char in set(_HAN_RE.findall(text)):
        kind = _char_kind(char)
        if kind:
            weight = text.count(char)
            if kind == "t":
                traditional += weight
            else:
                simplified += weight
    total = traditional + simplified
    if total == 0 or simplified >= _PURE_SHARE * total:
        return "simplified"
    if traditional >= _PURE_SHARE * total:
        return "traditional"
    return "mixed"


@lru_cache(maxsize=65536)
def _char_kind(char: str) -> str:
    """'t' if only traditional text uses the character, 's' if only simplified, '' if both."""
    if _T2S.convert(char) != char:
        return "t"
    if _S2T.convert(char) != char:
        return "s"
    return ""


def to_simplified(text: str, script: str) -> str:
    if script == "simplified":
        return text
    # Shield words tw2sp would turn into IT jargon; private-use placeholders pass through opencc.
    shielded: list[str] = []
    for word in KEEP_TRADITIONAL:
        if word in text:
            text = text.replace(word, chr(0xE000 + len(shielded)))
            shielded.append(word)
    text = _TW2SP.convert(text)
    for index, word in enumerate(shielded):
        text = text.replace(chr(0xE000 + index), _T2S.convert(word))
    for taiwan, mainland in TW_TO_MAINLAND.items():
        text = text.replace(taiwan, mainland)
    return text


def has_readings(text: str) -> bool:
    """Pages annotated with readings carry many of them, or tone marks / zhuyin."""
    matches = _ANNOTATION_RE.findall(text)  # group 'py' only
    return len(matches) >= 3 or any(not py or _HAS_TONE_RE.search(py) for py in matches)


def strip_annotations(text: str, readings: bool | None = None) -> str:
    """Remove pinyin/zhuyin readings after Han characters, keeping real brackets.

    A lone untoned "(ok)" after a character is more likely an English aside than a reading,
    so untoned pinyin is only removed on pages that carry readings (`readings`).
    """
    if readings is None:
        readings = has_readings(text)
    if not readings:
        return text
    # a reading printed twice, 和(he)(he): the second follows the first, not the character
    for _ in range(3):
        stripped = _ANNOTATION_RE.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text


# A year set with character spacing ('2 0 2 3 年', a title read out of a PDF or a Word page); other
# digits keep their spaces, which may separate table values ('10 1 0 0 0').
_SPACED_YEAR_RE = re.compile(r"(?<![\d.])([12]) ([09]) (\d) (\d)(?= ?[年度])")


def collapse_spaces(text: str) -> str:
    text = _SPACED_YEAR_RE.sub(r"\1\2\3\4", _SPACES_RE.sub(" ", text))
    return _HAN_SPACE_RE.sub("", text)


def normalise_spacing(text: str) -> str:
    text = _ZERO_WIDTH_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (collapse_spaces(line).strip() for line in text.split("\n"))
    return _BLANK_LINES_RE.sub("\n", "\n".join(lines)).strip("\n")
