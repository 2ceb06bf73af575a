"""What a crawl needs from the machine, checked before it starts (`govcrawl doctor`, and
`govcrawl harvest` up front): Chromium, the .doc/.wps converters, a writable archive, sane proxy
settings and a contact URL of the operator's own. Each check says what is missing and the exact
command that installs or sets it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# The contact URL govcrawl ships with: the project's, not the operator's.
PLACEHOLDER_CONTACT_URL = "https://github.com/govcrawl/govcrawl"
WORD97_TOOLS = ("soffice", "catdoc", "antiword")

INSTALL_CHROMIUM = 'sudo apt-get install -y chromium   # then: -s PLAYWRIGHT_LAUNCH_OPTIONS=\'{"executable_path": "/usr/bin/chromium"}\' if elsewhere'
INSTALL_WORD97 = (
    "sudo apt-get install -y catdoc antiword   # or libreoffice-writer-nogui (soffice) for complete .doc tables"
)
SET_CONTACT = "govcrawl harvest --contact https://your.org/contact …   (or -s GOVCRAWL_CONTACT_URL=…)"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""  # the command that fixes it (empty when ok)
    needed_by: str = ""  # what a crawl loses without it

    def line(self) -> str:
        mark = "ok  " if self.ok else "MISSING" if self.fix.startswith("sudo") else "WARN"
        text = f"{mark:8}{self.name}: {self.detail}"
        if not self.ok and self.needed_by:
            text += f"\n        needed by: {self.needed_by}"
        if not self.ok and self.fix:
            text += f"\n        fix: {self.fix}"
        return text


def chromium_path(settings) -> str:
    options = settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") or {}
    return str(options.get("executable_path") or "chromium")


def check_chromium(settings) -> Check:
    path = chromium_path(settings)
    found = shutil.which(path)
    if found:
        return Check("chromium", True, found)
    return Check(
        "chromium",
        False,
        f"{path} not found",
        INSTALL_CHROMIUM,
        "portals with render: browser, and list pages built by scripts",
    )


def check_word97() -> Check:
    installed = [t for t in WORD97_TOOLS if shutil.which(t)]
    if installed:
        missing = [t for t in WORD97_TOOLS if t not in installed]
        extra = f" (not installed: {', '.join(missing)})" if missing else ""
        return Check(".doc/.wps converter", True, ", ".join(installed) + extra)
    return Check(
        ".doc/.wps converter",
        False,
        f"none of {', '.join(WORD97_TOOLS)} installed",
        INSTALL_WORD97,
        ".doc and .wps reports and attachments (stored unread: extract_unavailable)",
    )


def check_archive(path: str | Path) -> Check:
    """The archive file (or the nearest existing folder it will be created in) must be writable;
    SQLite's WAL files go next to it, so its folder must be writable too. A PostgreSQL archive
    must be reachable."""
    from govcrawl.archive.backend import is_postgres

    if is_postgres(str(path)):
        return check_database(str(path))
    archive = Path(path)
    folder = next((p for p in archive.parents if p.exists()), Path("."))
    blocker = archive if archive.exists() and not os.access(archive, os.W_OK) else None
    if blocker is None and not os.access(folder, os.W_OK):
        blocker = folder
    if blocker is None:
        return Check("archive", True, f"{archive} ({'exists' if archive.exists() else 'will be created'})")
    return Check(
        "archive",
        False,
        f"{archive}: {blocker} is not writable",
        f"--archive PATH (somewhere writable), or: sudo chown $USER {blocker}",
    )


def check_database(url: str) -> Check:
    """The PostgreSQL server at the archive URL answers (nothing is created by this check)."""
    from govcrawl.archive.backend import ArchiveError, one_line, postgres, shown

    fix = "start PostgreSQL, or give --archive postgresql://USER@HOST:PORT/DATABASE of a reachable server"
    try:
        postgres.connect(url, read_only=True).close()
    except ArchiveError as exc:
        return Check("archive", False, str(exc), fix)
    except Exception as exc:  # psycopg.OperationalError: refused, unknown host, no such database
        return Check("archive", False, f"{shown(url)}: cannot connect: {one_line(exc)}", fix)
    return Check("archive", True, f"{shown(url)} (PostgreSQL, reachable)")


def check_archive_opens(path: str | Path, busy_timeout: float = 60.0) -> Check:
    """The file at the archive path is a govcrawl archive (or nothing yet) and takes a write:
    another application's database or a garbage file is refused untouched; a full or read-only
    one is found here, before anything is fetched."""
    from govcrawl.archive.backend import ArchiveError, shown
    from govcrawl.archive.store import Archive
    from govcrawl.archive.writer_thread import classify, describe

    fix = "--archive PATH (a govcrawl archive, or a new file) or a postgresql:// URL"
    where = shown(path)  # never a password in a message
    try:
        with Archive(path, busy_timeout=min(busy_timeout, 5.0)) as archive:
            archive.conn.execute("BEGIN IMMEDIATE")  # the write lock, as the crawl will take it
            archive.conn.execute("ROLLBACK")
    except ArchiveError as exc:  # another application's file or database; no psycopg for a URL
        return Check("archive", False, str(exc), fix)
    except Exception as exc:
        kind = classify(exc)
        if kind is None:
            raise
        if kind == "busy":  # another process writes to it: the crawl's writer will wait its turn
            return Check("archive", True, f"{where} (locked by another process for now)")
        return Check("archive", False, f"{where}: cannot be written: {describe(exc)}", fix)
    return Check("archive", True, where)


def check_proxy(environ: dict[str, str] | None = None) -> Check:
    env = os.environ if environ is None else environ
    values = {k: env.get(k) or env.get(k.upper()) for k in ("http_proxy", "https_proxy", "no_proxy")}
    shown = ", ".join(f"{k}={v}" for k, v in values.items() if v) or "no proxy (direct connections)"
    for name in ("http_proxy", "https_proxy"):
        value = values[name]
        if value and not (urlsplit(value).scheme and urlsplit(value).hostname):
            return Check("proxy", False, f"{name}={value} is not a URL", f"export {name}=http://HOST:PORT")
    if values["http_proxy"] and not values["https_proxy"]:
        return Check(
            "proxy",
            False,
            f"{shown}: https:// portals bypass the proxy",
            f"export https_proxy={values['http_proxy']}   (if https should use it too)",
        )
    return Check("proxy", True, shown)


def check_contact(settings) -> Check:
    if settings.get("USER_AGENT"):
        return Check("contact URL", True, f"USER_AGENT set: {settings.get('USER_AGENT')}")
    url = settings.get("GOVCRAWL_CONTACT_URL")
    if not url or url == PLACEHOLDER_CONTACT_URL:
        return Check(
            "contact URL",
            False,
            f"{url or 'none'} is govcrawl's own placeholder: portal webmasters cannot reach you",
            SET_CONTACT,
        )
    return Check("contact URL", True, url)


def all_checks(settings, archive: str | Path) -> list[Check]:
    return [
        check_chromium(settings),
        check_word97(),
        check_archive(archive),
        check_proxy(),
        check_contact(settings),
    ]


def browser_seeds(portals: Iterable) -> list[str]:
    """Ids of the portals whose seed says render: browser."""
    return [p.id for p in portals if getattr(p, "render", None) == "browser"]
