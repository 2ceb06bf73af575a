"""Join prose that a PDF or a text export hard-wrapped at a fixed width.

Text saved from a PDF keeps the line ends of the page: a paragraph comes as lines of (about) the
same length, cut anywhere — inside a name (合江县人民 / 政府), a document number (〔2021〕 / 30号) or
a title. Rules that read a name or a citation then miss it. A text is taken as hard-wrapped when
many of its lines have the same length (the wrap width); a line of about that width that does not
end a sentence is joined with the next line, unless the next line starts a heading, an item or a
table row. Texts with one paragraph per line (lengths all different) are left as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

_MIN_WIDTH = 16  # shorter lines are headings, labels, cells: no wrap width is read from them
_MIN_WRAPPED = 2  # lines of the wrap width needed to call a text hard-wrapped
_SHARE = 0.3  # …and their share among the long lines
_END_RE = re.compile(r"[。！？!?；;：:」』”》）)]$")
# A line ending with a document word is a title (a wrapped sentence rarely breaks right there).
_TITLE_END_RE = re.compile(
    r"(?:[报報]告|年[报報]|通知|通[报報]|公告|要[点點]|[总總][结結]|[决決]算|[预預]算|公[报報]|[报報]表|[办辦]法|[规規]定|"
    r"[细細]则|[细細]則|方案|意[见見])$"
)
# Page numbers a PDF prints between the lines: '- 5 -', '第3页', 'P. 8', '3/5'.
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-—－–]+\s*\d{1,4}\s*[-—－–]+|第\s*\d+\s*页.{0,8}|\d{1,4}\s*/\s*\d{1,4}|[Pp]\.?\s*\d{1,4})\s*$"
)
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_STARTS_ITEM_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.．、](?!\d)|"
    r"第[一二三四五六七八九十百\d]+[条章节部分]|[•·●■◆\-—]\s)"
)


_WIDE_RE = re.compile(r"[^\x00-\u1fff]+")
_SPACED_ROW_RE = re.compile(r"(?:\S\s+){3,}\S")  # 结果 结果 其他 尚未 总: a table row, not prose
_HEADING_RE = re.compile(r"^[^，,。；;：:]*$")  # an item line without punctuation: a heading


def visual_width(line: str) -> int:
    """Width of a printed line in Han characters: ASCII letters, digits and spaces count half."""
    line = line.rstrip()
    narrow = len(_WIDE_RE.sub("", line))
    return len(line) - narrow + (narrow + 1) // 2


def wrap_width(
    lengths: list[int], lines: list[str] | None = None, measure: Callable[[str], int] = visual_width
) -> int | None:
    """The width most long lines share (±1), when enough of them do."""
    long = [n for n in lengths if n >= _MIN_WIDTH]
    if len(long) < _MIN_WRAPPED:
        return None
    counts = Counter(long)
    width, hits = max(((w, counts[w - 1] + counts[w] + counts[w + 1]) for w in counts), key=lambda wh: (wh[1], wh[0]))
    if hits < _MIN_WRAPPED or hits < _SHARE * len(long):
        return None
    band = [ln for ln in lines if abs(measure(ln) - width) <= 1] if lines else []
    if band and 2 * sum(1 for ln in band if not _END_RE.search(ln.rstrip())) <= len(band):
        return None  # lines of one length that end their sentences: not cut by a wrap
    # the upper edge of the band: wrapped lines are at most this long
    return max(w for w in (width - 1, width, width + 1) if counts[w]) if counts[width + 1] or counts[width] else width


def _row_like(line: str) -> bool:
    return bool(_SPACED_ROW_RE.search(line.strip())) and " " in line.strip()


def unwrap(
    lines: list[str],
    protected: Callable[[str], bool] = lambda line: False,
    measure: Callable[[str], int] = visual_width,
) -> list[str]:
    """`lines` (as printed, before spacing is normalised) with hard-wrapped paragraphs joined;
    `protected` lines (table rows) never touched; `measure` gives a line's printed width (the
    caller may measure it without readings such as 政(zhèng))."""
    # the width is read off lines a wrap may have cut: not headings, items or titles
    long = [
        ln
        for ln in lines
        if len(ln) >= _MIN_WIDTH and not _STARTS_ITEM_RE.match(ln) and not _TITLE_END_RE.search(ln.rstrip()[-3:])
    ]
    width = wrap_width([measure(ln) for ln in long], long, measure)
    if width is None:
        return lines
    out: list[str] = []
    joining = False
    for line in lines:
        if (
            joining
            and line
            and not _STARTS_ITEM_RE.match(line)
            and not _PAGE_NUMBER_RE.match(line)
            and _HAN_RE.search(line)  # a row of values is no sentence's end
            and not _row_like(line)
            and "\t" not in line
            and not protected(line)
        ):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
        last = out[-1]
        joining = (
            width - 2 <= measure(line) <= width + 1
            and not _END_RE.search(last.rstrip())
            and not _TITLE_END_RE.search(last.rstrip()[-3:])
            and not _row_like(line)
            and not (_STARTS_ITEM_RE.match(last) and _HEADING_RE.match(last))
            and "|" not in last
            and "\t" not in last
            and not protected(line)
        )
    return out
