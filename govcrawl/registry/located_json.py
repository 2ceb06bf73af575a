"""JSON arrays and JSON Lines decoded with the line of every object and key, for file:line errors."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass
class Located:
    """A decoded object with the line it starts on and the line of each of its keys."""

    value: Any
    line: int
    key_lines: dict[str, int]
    duplicate_keys: list[str]


class _Lines:
    """Line numbers of positions in one text, from an index of its newlines built once.

    Counting newlines from the start for every key made loading quadratic (40,000 portals took
    271 s); a bisect over the index keeps it linear."""

    def __init__(self, text: str):
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(self, pos: int) -> int:
        return bisect_right(self.newlines, pos - 1) + 1


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


_DECODER = json.JSONDecoder()


def _locate_object(text: str, start: int, line_offset: int = 0, lines: _Lines | None = None) -> tuple[Located, int]:
    """Decode the JSON value at `start` of already-valid JSON; for an object also record key lines.

    Walks the object's members one by one with the json module's own scanners, so string
    contents (braces, quotes, newlines) can never be mistaken for structure.
    """
    line_of = lines.line_of if lines is not None else (lambda pos: _line_of(text, pos))
    line = line_of(start) + line_offset
    if text[start] != "{":
        value, end = _DECODER.raw_decode(text, start)
        return Located(value, line, {}, []), end
    members: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    duplicates: list[str] = []
    pos = _skip_ws(text, start + 1)
    if text[pos] == "}":
        return Located(members, line, key_lines, duplicates), pos + 1
    while True:
        key, pos_after_key = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]  # public, but untyped in typeshed
        if key in members:
            duplicates.append(key)
        key_lines[key] = line_of(pos) + line_offset
        pos = _skip_ws(text, pos_after_key)  # now at ':'
        pos = _skip_ws(text, pos + 1)
        members[key], pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if text[pos] == "}":
            return Located(members, line, key_lines, duplicates), pos + 1
        pos = _skip_ws(text, pos + 1)  # past ','


def _malformed(label: str, err: json.JSONDecodeError, line_offset: int = 0) -> str:
    message = f"{label}:{err.lineno + line_offset}:{err.colno}: malformed JSON: {err.msg}"
    if err.msg == "Extra data" and not label.endswith(".jsonl"):
        message += " (one object per line needs a .jsonl file name)"
    return message


def read_json_array(text: str, label: str) -> tuple[list[Located], list[str]]:
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        return [], [_malformed(label, err)]
    pos = _skip_ws(text, 0)
    if pos >= len(text) or text[pos] != "[":
        return [], [f"{label}:{_line_of(text, pos)}: expected a JSON array of portal objects"]
    items: list[Located] = []
    lines = _Lines(text)
    pos = _skip_ws(text, pos + 1)
    if text[pos] == "]":
        return items, []
    while True:
        item, pos = _locate_object(text, pos, lines=lines)
        items.append(item)
        pos = _skip_ws(text, pos)
        if text[pos] == "]":
            return items, []
        pos = _skip_ws(text, pos + 1)


def iter_json_lines(lines: Iterable[str], label: str) -> Iterator[tuple[Located | None, str | None]]:
    """(object, None) or (None, problem) per non-blank line, one line at a time: a 1 M-line file is
    never held as text nor as decoded objects all at once."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            json.loads(line)
        except json.JSONDecodeError as err:
            yield None, _malformed(label, err, line_offset=number - 1)
            continue
        item, _ = _locate_object(line, _skip_ws(line, 0), line_offset=number - 1)
        yield item, None


def read_json_lines(text: str, label: str) -> tuple[list[Located], list[str]]:
    items: list[Located] = []
    problems: list[str] = []
    for item, problem in iter_json_lines(text.splitlines(), label):
        if item is not None:
            items.append(item)
        elif problem is not None:
            problems.append(problem)
    return items, problems
