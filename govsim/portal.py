"""A simulated portal: its site, its CMS flavour (`Renderer`), and the entries of its annual-report
column (reports, distractors, error pages; `KINDS`) with their attachments. A Portal also knows its
URLs, list pages, encoding and seed."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .chrome import SiteInfo
from .messages import Request, Response

KINDS = (
    "report",
    "distractor",
    "not_found",
    "soft_404",
    "flaky_500",
    "slow",
    "redirect_loop",
    "offsite_redirect",
    "blocked",
)
# Kinds whose 200 answer is a real annual report.
REPORT_KINDS = ("report", "flaky_500", "slow")


@dataclass
class Attachment:
    path: str  # absolute path on the portal host
    label: str  # link text as shown on the page
    content_type: str
    data: Callable[[], bytes]


@dataclass
class Entry:
    """One detail URL linked from a portal's annual-report column."""

    path: str  # absolute path (with query for ASP-style sites) on the host
    kind: str
    title: str
    date: str  # YYYY-MM-DD shown on the list and in the byline
    body: Callable[[], str]  # inner HTML of the article container
    year: int | None = None
    agency: str | None = None
    source: str = ""
    sample: str | None = None
    template: str | None = None
    script: str = "simplified"
    snippet: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    after_body: str = ""  # chrome the source dump had after the article (mirror links)
    dumped_footer: tuple[str, ...] = ()
    byline: str | None = None
    title_simplified: str | None = None  # the title in simplified script when the page shows another
    truth: Any = None  # SynthReport for synthesized reports: the numbers in its tables
    doc_id: int = 0
    modified: float = 0.0  # epoch seconds; Last-Modified
    version: int = 0
    document: Attachment | None = None  # the list links straight to this file (attachment-only report)
    same_as: str | None = None  # path of the entry this one is another copy of (same report)
    category: int | None = None  # gkmlpt: the TREE category listing it (None: the report column's)
    # Answers the request instead of the kind's default behaviour (redirects, hostile pages).
    answer: Callable[[Portal, Entry, Request], Response] | None = None


class Renderer(Protocol):
    """What a CMS flavour (TRS, Hanweb, generic) provides for a portal."""

    cms: str

    def column_paths(self, portal: Portal) -> list[str]: ...
    def entry_path(self, portal: Portal, date: str, doc_id: int) -> str: ...
    def route(self, portal: Portal, req: Request) -> Response | None: ...
    def detail_html(self, portal: Portal, entry: Entry) -> str: ...
    def soft_404_html(self, portal: Portal, entry: Entry) -> str: ...
    def home_html(self, portal: Portal) -> str: ...
    def nav_route(self, portal: Portal, req: Request) -> Response | None: ...


@dataclass
class Portal:
    id: str
    name: str
    adcode: str
    level: str
    host: str
    renderer: Renderer
    site: SiteInfo
    column_dir: str  # the annual-report column, e.g. /zwgk/zfxxgknb/
    column_name: str = "政府信息公开年报"
    codec: str = "utf-8"  # how bodies are encoded
    charset_label: str = "utf-8"  # what the header and meta tag declare
    page_size: int = 5
    entries: list[Entry] = field(default_factory=list)
    robots_disallow: list[str] = field(default_factory=lambda: ["/search/"])
    obey_robots: bool | None = None  # seed override, written to the seed when set
    options: dict[str, Any] = field(default_factory=dict)  # renderer-specific ids
    next_doc_id: int = 100000
    parent: str | None = None  # a department sub-site reached from this portal's pages
    domain: str | None = None  # allowed domain when seeded from the home page (covers sub-sites)
    scheme: str = "http"  # "https": served through CONNECT with a `tls_cert` certificate
    tls_cert: str = "valid"  # valid | self_signed | expired | wrong_host (certs.py)
    render: str = "http"  # the seed's render hint ("browser" for script-built portals)
    start_paths: list[str] | None = None  # seed start URLs when not just the first column page
    # Runs before any routing (anti-bot walls); returns a Response to short-circuit, or None.
    gate: Callable[[Portal, Request], Response | None] | None = None
    # A sub-site under a path of a shared host ("/wjj"): its paths (entries, routes) are relative
    # to it, its URLs and the root-relative links of its pages carry it.
    prefix: str = ""
    user_agent: str = "crawler"  # the seed's user_agent hint ("browser" for portals that refuse others)

    @property
    def key(self) -> str:
        """host + prefix: what routes a request to this portal."""
        return self.host + self.prefix

    @property
    def cms(self) -> str:
        return self.renderer.cms

    @property
    def start_url(self) -> str:
        return self.url(self.renderer.column_paths(self)[0])

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}{self.prefix}{path}"

    def listed_entries(self) -> list[Entry]:
        """Entries as the column lists them: newest first."""
        return sorted(self.entries, key=lambda e: (e.date, e.doc_id), reverse=True)

    def pages(self) -> list[list[Entry]]:
        listed = self.listed_entries()
        return [listed[i : i + self.page_size] for i in range(0, len(listed), self.page_size)] or [[]]

    def encode(self, html: str) -> bytes:
        if self.prefix:
            html = _ROOT_LINK.sub(rf"\1\2{self.prefix}/", html)
        return html.encode(self.codec)

    def html_response(self, html: str, status: int = 200, modified: float | None = None) -> Response:
        headers = {"Last-Modified": email.utils.formatdate(modified, usegmt=True)} if modified else {}
        return Response(status, self.encode(html), f"text/html; charset={self.charset_label}", headers)

    def last_modified(self) -> float:
        return max((e.modified for e in self.entries), default=0.0)

    def robots_txt(self) -> str:
        lines = ["User-agent: *"] + [f"Disallow: {p}" for p in self.robots_disallow]
        return "\n".join(lines) + "\n"

    def seed(self, home_only: bool = False) -> dict[str, Any]:
        """The portal's seed: starting at its report column, or (home_only) at its home page only."""
        seed: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "adcode": self.adcode,
            "level": self.level,
            "start_urls": (
                [f"{self.scheme}://{self.host}{self.prefix}/"]
                if home_only
                else [self.url(p) for p in self.start_paths]
                if self.start_paths
                else [self.start_url]
            ),
            "allowed_domains": [(self.domain or self.host) if home_only else self.host],
            "cms": self.cms,
            "render": self.render,
        }
        if self.obey_robots is not None:
            seed["obey_robots"] = self.obey_robots
        if self.user_agent != "crawler":
            seed["user_agent"] = self.user_agent
        return seed


# A root-relative link in a page attribute (href="/zwgk/"), not a protocol-relative one (//host).
_ROOT_LINK = re.compile(r"""(\b(?:href|src|action)=)(["'])/(?!/)""")
