"""Table rows in PDF text: pypdf prints a table row as one line, cells separated by spaces.

A row reads `label v1 v2 … vn` (the values numeric) or is all numbers (table 四's single row).
Lines around such rows that are short and have no sentence punctuation (headers, group labels
such as （三）不予公开, labels wrapped over two lines) belong to the same table. A run holding at
least two value rows is a table: its rows become '\\t'-joined lines in the text (the CleanedPage
contract) and a RawTable, so the parser gets the same structure it gets from an HTML page.
Prose, section headings (一、…) and short runs are left alone.
"""

from __future__ import annotations

import re

from govcrawl.contract.cleaned_page import RawTable, TableCell

_VALUE = re.compile(r"^-?\d+(?:[.,]\d+)*%?$|^[-—/]$")
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}、\S{6,}")  # not a cell fragment like 三、本年
_NUMBERED = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、)")
_SENTENCE_END = re.compile(r"[。；;！？]")
_MAX_TABLE_LINE = 40  # a header or label line in a table is short
_MIN_VALUE_ROWS = 2
_MAX_WRAP = 4  # lines a wrapped label may take before its values
_MAX_VERTICAL = 24  # characters of a label printed one per line
_MAX_GROUP_ROW = 16  # a numbered group label inside a table
_WIDE_ROW = 5  # one row this wide is a table on its own (table 四)
_MIN_HEADER_WORDS = 5
_REVIEW_HEADER_CHARS = set("行政复议诉讼未经直接起后结果维持纠正其他尚审总计合")
_MAX_HEADER_WORD = 6


def split_values(line: str) -> tuple[str, list[str]] | None:
    """(label, trailing values) when the line ends in at least one numeric token after a label,
    or is only numbers (two or more); None otherwise."""
    tokens = line.split()
    n = len(tokens)
    while n > 0 and _VALUE.match(tokens[n - 1]):
        n -= 1
    values = tokens[n:]
    if not values:
        return None
    label = " ".join(tokens[:n])
    if not label and len(values) < 2:
        return None
    if label and (_SENTENCE_END.search(label) or label.endswith(("年", "第"))):
        return None  # prose ending in a number (…洪泽湖大道 90) or a date
    return label, values


def _table_line(line: str) -> bool:
    if _SENTENCE_END.search(line) or _SECTION_HEADING.match(line):
        return False
    return len(line) <= _MAX_TABLE_LINE or _header_words(line)


def _header_words(line: str) -> bool:
    """A long line of short space-separated words is a header row, not prose: table 四's three
    groups of 结果 结果 其他 尚未 总 / 维持 纠正 结果 审结 计 on one line."""
    tokens = line.split()
    # not text spaced out character by character ('本 报 告 依 据 …'): mostly words of two or more
    # characters, or only the words of table 四's header ('结 果 维持 结 果 纠正 …')
    return (
        len(tokens) >= _MIN_HEADER_WORDS
        and all(len(t) <= _MAX_HEADER_WORD for t in tokens)
        and (sum(len(t) >= 2 for t in tokens) >= 0.7 * len(tokens) or set("".join(tokens)) <= _REVIEW_HEADER_CHARS)
    )


def _group_row(lines: list[str], j: int, start: int) -> bool:
    """A numbered group label between two value rows of a table ('二、依申请公开情况' in a 统计表),
    not a section heading: a heading is not followed by a value row."""
    line = lines[j].strip()
    return (
        j > start
        and len(line) <= _MAX_GROUP_ROW
        and bool(_SECTION_HEADING.match(line))
        and not _SENTENCE_END.search(line)
        and split_values(lines[j - 1].strip()) is not None
        and j + 1 < len(lines)
        and split_values(lines[j + 1].strip()) is not None
    )


def _row(line: str, width: int) -> list[str]:
    split = split_values(line)
    if split is not None:
        label, values = split
        return ([label] if label else []) + values
    cells = line.split()
    if len(cells) == 1:  # a label alone (group label, header cell): empty value cells follow
        return cells + [""] * width
    return cells


def lay_out_tables(lines: list[str]) -> tuple[list[str], list[RawTable]]:
    """Lines with table rows rewritten as '\\t'-joined cells, and the tables found."""
    out: list[str] = []
    tables: list[RawTable] = []
    i, n = 0, len(lines)
    while i < n:
        if not (split_values(lines[i].strip()) or _table_line(lines[i].strip())):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while (
            j < n
            and lines[j].strip()
            and (split_values(lines[j].strip()) or _table_line(lines[j].strip()) or _group_row(lines, j, i))
        ):
            j += 1
        run = [ln.strip() for ln in lines[i:j]]
        value_rows = [split_values(ln) for ln in run]
        found = [v for v in value_rows if v is not None]
        if len(found) < _MIN_VALUE_ROWS and not any(len(v[1]) >= _WIDE_ROW for v in found):
            out.extend(lines[i:j] if j > i else [lines[i]])
            i = max(j, i + 1)
            continue
        run = _join_wrapped_labels(run)
        widths = [len(v[1]) for v in map(split_values, run) if v]
        width = max(set(widths), key=widths.count)
        table = [[TableCell(c) for c in _row(ln, width)] for ln in run]
        tables.append(table)
        out.extend("\t".join(c.text for c in row) for row in table)
        i = j
    return out, tables


def _join_wrapped_labels(run: list[str]) -> list[str]:
    """A label wrapped over lines is one row: '（二）部分公开（…只计这一情形，不' + '计其他情形） 4 0 …',
    or '1.申请人无正当理由逾期' + '不补正、…' + '理其政府信息公开申请' + '0 1 0 0 0 0 1'. The lines back to
    the nearest numbered label (at most _MAX_WRAP) join the value row's label."""
    out: list[str] = []
    for line in run:
        split = split_values(line)
        if split and not _NUMBERED.match(split[0]):
            back = None
            for k in range(1, min(_MAX_WRAP, len(out)) + 1):
                prev = out[-k]
                if split_values(prev) is not None or len(prev.split()) > 2:
                    break
                if _NUMBERED.match(prev):
                    back = k
                    break
            if back is None:
                back = _vertical_label(out, split[0])
            if back:
                label = "".join(out[-back:]) + split[0]
                del out[-back:]
                out.append(" ".join([label, *split[1]]))
                continue
        out.append(line)
    return out


def _vertical_label(out: list[str], label: str) -> int | None:
    """A label printed one character per line in a narrow cell ('四' '、' '结' '转' … '办' + '理 0 0 …'):
    the run of one-character lines back to where the joined label starts with its number."""
    k = 0
    while k < min(_MAX_VERTICAL, len(out)) and len(out[-(k + 1)].strip()) == 1:
        k += 1
    for start in range(k, 1, -1):
        if _NUMBERED.match("".join(out[-start:]) + label):
            return start
    return None
