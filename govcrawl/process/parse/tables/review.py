"""Table 四 (行政复议、行政诉讼): the 15 values under a header however it is split or wrapped."""

from __future__ import annotations

from govcrawl.process.parse.cells import parse_value
from govcrawl.process.parse.tables.blocks import Block, _numeric, _row_has, _texts

REVIEW_COLUMNS = [
    f"{group}.{col}"
    for group in ("行政复议", "行政诉讼.未经复议直接起诉", "行政诉讼.复议后起诉")
    for col in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
]


_REVIEW_HEADER_WORDS = (
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议",
    "复议后起诉",
)


_REVIEW_HEADER_CHARS = set("行政复议诉讼未经直接起后结果维持纠正其他尚审总计合数量情况")
_MAX_REVIEW_HEADER_ROWS = 8


def _review_header_row(texts: list[str]) -> bool:
    """A header row of table 四, its words split anyhow (结 果 / 维持, 结果结果其他尚未总)."""
    joined = "".join(texts)
    return bool(joined) and set(joined) <= _REVIEW_HEADER_CHARS


def find_review_litigation(blocks: list[Block]) -> tuple[dict | None, str]:
    for block in blocks:
        start = next((i for i, r in enumerate(block.rows) if _row_has(r, "结果维持")), None)
        if start is None:  # header words split over rows: 结果 / 维持
            if not any("复议" in c.text for r in block.rows for c in r):
                continue
            start = next(
                (
                    i
                    for i, r in enumerate(block.rows)
                    if _row_has(r, "行政复议") and _review_header_row(_texts(r, block.from_html))
                ),
                None,
            )
            if start is None:
                continue
            end = start
            while (
                end < len(block.rows)
                and end - start < _MAX_REVIEW_HEADER_ROWS
                and _review_header_row(_texts(block.rows[end], block.from_html))
            ):
                end += 1
            header = "".join("".join(_texts(r)) for r in block.rows[start:end])
            if not all(w in header for w in ("行政诉讼", "维持", "纠正")):
                continue
        texts: list[str] = []
        rows = block.rows[start + 1 :]
        for k, row in enumerate(rows):
            row_texts = _texts(row, originals_only=block.from_html)
            if any(w in t for t in row_texts for w in _REVIEW_HEADER_WORDS) or (
                not texts and _review_header_row(row_texts)
            ):
                if texts:
                    break
                continue
            while (
                len(row_texts) > 15
                and row_texts
                and parse_value(row_texts[0]) is not None
                and not _numeric(row_texts[0])
            ):
                row_texts = row_texts[1:]  # a leading label cell such as 数量
            filled = _without_trailing_blanks(row_texts)
            if (
                _wrapped_part(texts + filled)
                and k + 1 < len(rows)
                and _wrapped_part(_without_trailing_blanks(_texts(rows[k + 1], block.from_html)), tail=True)
            ):
                texts += filled  # a row of 15 wrapped after a group of five (10 + 5, 5 + 5 + 5)
                continue
            while len(texts) + len(row_texts) > 15 and row_texts and row_texts[-1] == "":
                row_texts = row_texts[:-1]
            texts += row_texts
            break
        if len(texts) != 15:
            return None, f"table 四 data row has {len(texts)} cells, expected 15"
        return {"columns": list(REVIEW_COLUMNS), "values": [parse_value(t) for t in texts]}, ""
    return None, "no 行政复议/行政诉讼 table found"


def _without_trailing_blanks(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    return texts[:end]


def _wrapped_part(texts: list[str], tail: bool = False) -> bool:
    """Whole groups of five values, fewer than 15 (or, for the `tail`, at most 10)."""
    limit = 10 if tail else 14
    return (
        bool(texts)
        and len(texts) % 5 == 0
        and len(texts) <= limit
        and all(_numeric(t) or parse_value(t) is None for t in texts)
    )
