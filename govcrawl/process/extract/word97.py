"""Word 97–2003 binary documents (.doc, and Kingsoft WPS Writer .wps, which uses the same OLE
format) through an installed converter. No maintained pure-Python reader exists.

Route, first installed tool wins:
1. LibreOffice headless (`soffice`): converts to .docx, then the DOCX extractor keeps the tables
   with their merged cells. Best result; a large install, so optional.
2. `catdoc` (Debian package catdoc): text, table cells joined by tabs.
3. `antiword` (Debian package antiword): text, tables as '|' rows.
catdoc and antiword lose rows of tables with many merged cells (table 三); the parser then
records the missing rows in `checks`. With none installed the file is kept, flagged
`extract_unavailable` with the reason; nothing is guessed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from govcrawl.process.extract.base import EXTRACT_FAILED, EXTRACT_UNAVAILABLE, OK, Extracted, leading_title
from govcrawl.process.limits import Limits

TOOLS = ("soffice", "catdoc", "antiword")
TIMEOUT = 120  # seconds; LibreOffice's first start is slow


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, **kwargs)


def _soffice(path: Path, workdir: Path, limits: Limits | None) -> Extracted:
    from govcrawl.process.extract import check_zip
    from govcrawl.process.extract.docx import extract_docx

    # A private profile: concurrent conversions with a shared one block each other.
    profile = (workdir / "profile").as_uri()
    proc = _run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(workdir),
            str(path),
        ]
    )
    out = workdir / (path.stem + ".docx")
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"soffice exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[:200]}")
    converted = out.read_bytes()
    check_zip(converted, "docx", limits or Limits())
    return extract_docx(converted, limits)


def _text_tool(cmd: list[str]) -> str:
    proc = _run(cmd)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[:200]}")
    return proc.stdout.decode("utf-8", "replace")


def extract_word97(
    body: bytes, fmt: str = "doc", tools: tuple[str, ...] = TOOLS, limits: Limits | None = None
) -> Extracted:
    installed = [t for t in tools if shutil.which(t)]
    if not installed:
        return Extracted(
            fmt,
            status=EXTRACT_UNAVAILABLE,
            tool="",
            detail=f"no converter for Word 97 binary (.doc/.wps) installed; tried {', '.join(tools)}",
        )
    errors = []
    with tempfile.TemporaryDirectory(prefix="govcrawl-doc-") as tmp:
        work = Path(tmp)
        path = work / "document.doc"
        path.write_bytes(body)
        for tool in installed:
            try:
                if tool == "soffice":
                    extracted = _soffice(path, work, limits)
                    if extracted.status != OK:
                        raise RuntimeError(extracted.detail)
                    extracted.format, extracted.tool = fmt, "soffice→" + extracted.tool
                    return extracted
                if tool == "catdoc":
                    text = _text_tool(["catdoc", "-w", "-d", "utf-8", str(path)])
                else:
                    text = _text_tool(["antiword", "-w", "0", "-m", "UTF-8.txt", str(path)])
            except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
                errors.append(f"{tool}: {exc}")
                continue
            if text.strip():
                lines = text.replace("\f", "\n").split("\n")
                return Extracted(fmt, "\n".join(lines), [], leading_title(lines), OK, tool=tool)
            errors.append(f"{tool}: no text")
    return Extracted(fmt, status=EXTRACT_FAILED, tool=",".join(installed), detail="; ".join(errors)[:500])


def available_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t)]


__all__ = ["extract_word97", "available_tools", "TOOLS"]
