"""Table cell values: a number when the cell is numeric, the cleaned text otherwise, None when empty
(blank, or only a dash or slash: the forms' mark for a cell not filled in, which is not 0)."""

from __future__ import annotations

import re

Value = int | float | str | None

_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_WS_RE = re.compile(r"\s+")
_EMPTY_MARK_RE = re.compile(r"^[/／\\＼\-－—–―−_＿]+$")  # '/', '-', '—', '——' in a cell: printed empty


# Full-width letters and digits become ASCII; punctuation stays as printed (labels keep （一）).
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_NUMERIC_PUNCT = str.maketrans({"，": ",", "．": ".", "－": "-", "＋": "+", "−": "-"})


def clean_cell_text(text: str | None) -> str:
    """Full-width alphanumerics made ASCII and all whitespace removed: cells are short labels or values."""
    if not text:
        return ""
    return _WS_RE.sub("", text.translate(_FULLWIDTH_ALNUM))


def parse_value(text: str | None) -> Value:
    s = clean_cell_text(text)
    if not s or _EMPTY_MARK_RE.match(s):
        return None
    numeric = s.translate(_NUMERIC_PUNCT)
    if _NUMBER_RE.match(numeric):
        number = float(numeric.replace(",", ""))
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return s


def is_number(v: Value) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)
