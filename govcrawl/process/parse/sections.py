"""Split a report into its numbered top-level sections (一、二、…).

Numbers must run in order from 一, so table rows such as 一、本年新收… inside section 三 are not
taken for sections; lines that belong to tables are not considered at all. Headings may stand on
their own line or open a paragraph (一、总体情况 2025年度,我局…), as in page dumps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = "一二三四五六七八九十"
_VALUE = {ch: i + 1 for i, ch in enumerate(_NUMERALS[:-1])}
_LINE_MARKER_RE = re.compile(rf"^[ \t\u3000]*([{_NUMERALS}]{{1,3}})[ \u3000]*[、．]")
_INLINE_MARKER_RE = re.compile(
    rf"(?:(?<=[ \u3000。；;！!？?])|(?<=情况|事项|概述|措施))([{_NUMERALS}]{{1,3}})[ \u3000]*、"
)
# A heading the cleaner glued to its paragraph: it ends with a heading word and the paragraph opens
# with a year, a pronoun or a preposition (政府信息主动公开情况2009年度我镇…).
_GLUED_HEADING_RE = re.compile(
    r"^(.{2,38}?(?:情况|概述|事项|措施|问题|建议|思路|计划|附表|成效))"
    r"(?=\s*(?:(?:19|20)\d{2}|目前|今年|全年|随着|针对|由于|虽然|通过|按照|[我本全根在为截自据经一二三四五六七八九十（(]))"
)
_SECTION_WORDS_RE = re.compile(r"情况|概述|事项|措施|问题|建议|思路|计划|附表|成效")
# Headings of the six-part templates and common older ones: found even when the cleaner glued the
# heading to its paragraph (一、总体情况2025年度,我局…).
KNOWN_HEADINGS = sorted(
    (
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议行政诉讼情况",
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "其他需要报告的事项",
        "概述",
        "基本情况",
    ),
    key=len,
    reverse=True,
)
_HEADING_END_RE = re.compile(r"[\s。：:；;]")
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_MAX_HEADING = 40


@dataclass
class _Marker:
    number: str
    start: int  # offset of the numeral in the text
    body_start: int  # offset after the heading
    heading: str


def numeral_value(numeral: str) -> int | None:
    if numeral == "十":
        return 10
    if len(numeral) == 1:
        return _VALUE.get(numeral)
    if numeral.startswith("十") and len(numeral) == 2:
        return 10 + (_VALUE.get(numeral[1]) or 0) if numeral[1] in _VALUE else None
    if len(numeral) in (2, 3) and numeral[1] == "十" and numeral[0] in _VALUE:
        ones = _VALUE.get(numeral[2]) if len(numeral) == 3 else 0
        return None if ones is None else _VALUE[numeral[0]] * 10 + ones
    return None


def _heading_at(text: str, start: int, after: int, inline: bool) -> tuple[str, int]:
    """Heading text starting at `after` and the offset where the section body starts.

    Inline markers after sentence punctuation must open a known heading: elsewhere 。二、 is
    more likely an enumeration inside a paragraph."""
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[after:line_end]
    lead = len(rest) - len(rest.lstrip(" \u3000\t"))
    rest = rest[lead:]
    known = next((h for h in KNOWN_HEADINGS if rest.startswith(h)), None)
    if known:
        return known, after + lead + len(known)
    glued = _GLUED_HEADING_RE.match(rest)
    if inline and text[start - 1] not in " \u3000" and not (glued or _SECTION_WORDS_RE.search(rest[:20])):
        return "", after
    m = _HEADING_END_RE.search(rest)
    heading = rest[: m.start()] if m else rest
    if glued and len(glued.group(1)) < len(heading):
        heading = glued.group(1)
    if len(heading) > _MAX_HEADING:
        comma = re.search(r"[，,]", heading)
        heading = heading[: comma.start()] if comma and comma.start() <= _MAX_HEADING else heading[:_MAX_HEADING]
    return heading.strip(), after + lead + len(heading)


def _candidates(text: str, table_lines: set[int]) -> list[_Marker]:
    out = []
    offset = 0
    for i, line in enumerate(text.split("\n")):
        if i not in table_lines and "\t" not in line:  # a \t-joined line is a table row
            m = _LINE_MARKER_RE.match(line)
            spots = [(m.group(1), offset + m.start(1), offset + m.end(), False)] if m else []
            for im in _INLINE_MARKER_RE.finditer(line):
                if not m or im.start() > m.end():
                    spots.append((im.group(1), offset + im.start(1), offset + im.end(), True))
            for number, start, after, inline in spots:
                heading, body_start = _heading_at(text, start, after, inline)
                if heading and not any(w in heading for w in _TABLE_ROW_WORDS):
                    out.append(_Marker(number, start, body_start, heading))
        offset += len(line) + 1
    return out


# A page that starts inside a report (one page of a flip-book, an excerpt) may start at a later part.
_PART_WORDS = ("总体情况", "主动公开", "收到和处理", "行政复议", "存在的主要问题", "其他需要报告", "概述")


def split_sections(text: str, table_lines: set[int]) -> list[dict]:
    candidates = _candidates(text, table_lines)
    accepted: list[_Marker] = []
    for marker in candidates:
        if numeral_value(marker.number) == len(accepted) + 1:
            accepted.append(marker)
    if not accepted:
        first = next((m for m in candidates if any(w in m.heading for w in _PART_WORDS)), None)
        if first is not None:
            base = numeral_value(first.number) or 1
            for marker in candidates[candidates.index(first) :]:
                if numeral_value(marker.number) == base + len(accepted):
                    accepted.append(marker)
    sections = []
    for k, marker in enumerate(accepted):
        end = accepted[k + 1].start if k + 1 < len(accepted) else len(text)
        body = text[marker.body_start : end].strip(" \t\u3000\n:：")
        sections.append({"number": marker.number, "heading": marker.heading.rstrip(":："), "text": body})
    return sections
