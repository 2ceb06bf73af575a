"""What every extractor returns, and the helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govcrawl.contract.cleaned_page import RawTable

# Extraction outcomes. Anything but OK still yields a stored, flagged record; nothing is dropped.
OK = "ok"
NO_TEXT_LAYER = "no_text_layer"  # a scanned PDF: pages are images, no text to read
EXTRACT_UNAVAILABLE = "extract_unavailable"  # no installed tool reads this format
EXTRACT_FAILED = "extract_failed"  # the tool ran and could not read this file

_REPORT_TITLE = re.compile(r"(政府信息|政务|信息)公开.{0,4}(年度报告|年报)|年度.{0,8}公开.{0,4}报告")
_SENTENCE = re.compile(r"[。；;！!？?，,：:]")


@dataclass
class Extracted:
    format: str  # pdf | docx | doc | xlsx | …
    text: str = ""  # paragraphs and table rows ('\t'-joined cells), one per line
    tables: list[RawTable] = field(default_factory=list)
    title: str | None = None  # from document metadata or the first lines, when it reads like a title
    status: str = OK
    detail: str = ""  # why the status is not OK
    tool: str = ""  # library or program (with version) that read the file

    def summary(self) -> dict:
        """The `extraction` key of the contract record (an extra key the contract allows)."""
        out = {"format": self.format, "tool": self.tool, "status": self.status}
        if self.detail:
            out["detail"] = self.detail
        return out


def report_title(candidate: str | None) -> str | None:
    """`candidate` squeezed of spaces, if it reads like a report title (metadata titles are often junk)."""
    if not candidate:
        return None
    title = re.sub(r"\s+", "", candidate)
    if len(title) > 80 or _SENTENCE.search(title) or not _REPORT_TITLE.search(title):
        return None
    return title


def leading_title(lines: list[str], max_lines: int = 3) -> str | None:
    """A title printed over the first one to three short lines (洪泽区人民政府 / 2023 年政府信息公开工作年度报告)."""
    head = [ln.strip() for ln in lines if ln.strip()][:max_lines]
    for n in range(1, len(head) + 1):
        if any(len(re.sub(r"\s+", "", ln)) > 40 or _SENTENCE.search(ln) for ln in head[:n]):
            return None
        title = report_title("".join(head[:n]))
        if title:
            return title
    return None
