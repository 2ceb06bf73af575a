"""The simulated web: a World holds its portals (portal.py) and routes requests to their entries.

A World is independent of HTTP: `respond(Request) -> Response`. The server in server.py only
translates between sockets and these objects, so a CONNECT/TLS front end could reuse it.
Pages are rendered on request from small Entry records, which keeps large worlds cheap.
"""

from __future__ import annotations

import calendar
import email.utils
import hashlib
import threading
import time
from html import escape
from typing import Any

from .messages import Request, Response
from .portal import Attachment, Entry, Portal
from .synth import synth_report

NOT_FOUND_HTML = (
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
SERVER_ERROR_HTML = (
    '<!doctype html><html lang="en"><head><title>HTTP Status 500 – Internal Server Error</title>'
    '</head><body><h1>HTTP Status 500 – Internal Server Error</h1><hr class="line" />'
    "<p><b>Type</b> Exception Report</p><p><b>Message</b> java.lang.NullPointerException</p>"
    '<hr class="line" /><h3>Apache Tomcat/8.5.51</h3></body></html>'
)


def _date_epoch(date: str) -> float:
    """09:30 Beijing time on `date`, as epoch seconds (independent of the machine's time zone)."""
    y, m, d = (int(x) for x in date.split("-"))
    return float(calendar.timegm((y, m, d, 1, 30, 0)))


class World:
    """All portals of one simulation plus the mutable per-URL state (flaky counters, versions)."""

    def __init__(self, portals: list[Portal], name: str = "world"):
        self.name = name
        self.portals = portals
        # The portal at each host's root; sub-sites under a path prefix are found by portal_for().
        self.by_host = {p.host: p for p in portals if not p.prefix}
        self._by_key = sorted(portals, key=lambda p: len(p.prefix), reverse=True)
        self.by_id = {p.id: p for p in portals}
        self._lock = threading.Lock()
        self._hits: dict[tuple[str, str], int] = {}  # (host, path) -> GETs seen, for flaky pages
        self._routes: dict[tuple[str, str], Entry] = {}
        self._attachments: dict[tuple[str, str], Attachment] = {}
        self._removed: dict[str, tuple[Portal, Entry]] = {}  # URL -> a report taken down (delete_report)
        for portal in portals:
            portal.next_doc_id = max([portal.next_doc_id] + [e.doc_id for e in portal.entries])
            for entry in portal.entries:
                self._index(portal, entry)

    def _index(self, portal: Portal, entry: Entry) -> None:
        if not entry.modified:
            entry.modified = _date_epoch(entry.date)
        self._routes[(portal.key, entry.path)] = entry
        for att in entry.attachments:
            self._attachments[(portal.key, att.path)] = att

    def portal_for(self, host: str, path: str) -> Portal | None:
        """The portal serving `path` on `host`: the sub-site with the longest matching prefix, else the root one."""
        for portal in self._by_key:
            if portal.host == host and (
                not portal.prefix or path == portal.prefix or path.startswith(portal.prefix + "/")
            ):
                return portal
        return None

    # ---- introspection -------------------------------------------------------------------
    def entry_for_url(self, url: str) -> tuple[Portal, Entry]:
        rest = url.split("://", 1)[-1]
        host, _, path = rest.partition("/")
        portal = self.portal_for(host, "/" + path)
        if portal is None:
            raise KeyError(url)
        return portal, self._routes[(portal.key, ("/" + path)[len(portal.prefix) :])]

    def manifest(self) -> list[dict[str, Any]]:
        out = []
        for portal in self.portals:
            for entry in portal.listed_entries():
                out.append(self.manifest_row(portal, entry))
        return out

    def manifest_row(self, portal: Portal, entry: Entry) -> dict[str, Any]:
        return {
            "url": portal.url(entry.path),
            "portal_id": portal.id,
            "kind": entry.kind,
            "title": entry.title,
            "agency": entry.agency,
            "year": entry.year,
            "adcode": portal.adcode,
            "sample": entry.sample,
            "encoding": portal.charset_label,
            # Extra truth for tests; the keys above are the fixed contract.
            "title_simplified": entry.title_simplified or entry.title,
            "codec": portal.codec,
            "template": entry.template,
            "script": entry.script,
            "snippet": entry.snippet,
            "date": entry.date,
            "cms": portal.cms,
            "attachments": [portal.url(a.path) for a in entry.attachments],
            "robots_disallowed": any(entry.path.startswith(p) for p in portal.robots_disallow),
            "document": entry.document.content_type if entry.document else None,
            "same_as": portal.url(entry.same_as) if entry.same_as else None,
        }

    def seeds(self, home_only: bool = False) -> list[dict[str, Any]]:
        """One seed per portal starting at its column; with home_only, starting at its home page, and
        department sub-sites left to be found from their parent portal's pages."""
        if home_only:
            return [p.seed(home_only=True) for p in self.portals if p.parent is None]
        return [p.seed() for p in self.portals]

    def move_column(self, portal_id: str, column_dir: str) -> None:
        """A redesign: the portal's report column (and its articles) move to `column_dir`; old URLs 404."""
        portal = self.by_id[portal_id]
        with self._lock:
            for entry in portal.entries:
                self._routes.pop((portal.key, entry.path), None)
            portal.column_dir = column_dir
            for entry in portal.entries:
                entry.path = portal.renderer.entry_path(portal, entry.date, entry.doc_id)
                self._routes[(portal.key, entry.path)] = entry

    # ---- changes for re-crawl tests --------------------------------------------------------
    def update_report(self, url: str, new_text: str) -> dict[str, Any]:
        """Replace a report's body with `new_text` (paragraphs split on newlines); bumps ETag/Last-Modified."""
        portal, entry = self.entry_for_url(url)
        html = "\n".join(f"<p>{escape(line)}</p>" for line in new_text.split("\n") if line.strip())
        with self._lock:
            entry.body = lambda: html  # html is not rebound in this function
            entry.snippet = next((ln.strip() for ln in new_text.split("\n") if ln.strip()), entry.snippet)
            entry.truth = None
            entry.version += 1
            entry.modified = max(time.time(), entry.modified + 1)
        return self.manifest_row(portal, entry)

    def add_report(
        self,
        portal_id: str,
        title: str | None = None,
        year: int | None = None,
        text: str | None = None,
        date: str | None = None,
        agency: str | None = None,
    ) -> dict[str, Any]:
        """Publish a new report on a portal; it appears first on the column's list. Returns its manifest row."""
        portal = self.by_id[portal_id]
        year = year or 2024
        agency = agency or portal.name
        date = date or f"{year + 1}-01-{20 + len(portal.entries) % 8:02d}"
        snippet: str | None
        if text is None:
            report = synth_report(agency, year, "2021", seed=portal.next_doc_id)
            body_html, snippet, truth, template = report.body_html, report.snippet, report, "2021"
            title = title or report.title
        else:
            body_html = "\n".join(f"<p>{escape(ln)}</p>" for ln in text.split("\n") if ln.strip())
            snippet = next((ln.strip() for ln in text.split("\n") if ln.strip()), None)
            truth, template = None, None
            title = title or f"{agency}{year}年政府信息公开工作年度报告"
        with self._lock:
            portal.next_doc_id += 1
            doc_id = portal.next_doc_id
            entry = Entry(
                portal.renderer.entry_path(portal, date, doc_id),
                "report",
                title,
                date,
                lambda: body_html,
                year=year,
                agency=agency,
                source=portal.name,
                template=template,
                snippet=snippet,
                truth=truth,
                doc_id=doc_id,
                modified=max(time.time(), portal.last_modified() + 1),
            )
            portal.entries.append(entry)
            self._index(portal, entry)
        return self.manifest_row(portal, entry)

    def delete_report(self, url: str, *, soft: bool = False, home: bool = False) -> dict[str, Any]:
        """Take a report down as portals do: it leaves the column's list, and its URL answers 404
        (nginx's page), or with `soft` 200 with the site's "页面不存在" page, or with `home` a 302
        to the home page."""
        portal, entry = self.entry_for_url(url)
        row = self.manifest_row(portal, entry)
        with self._lock:
            portal.entries.remove(entry)
            self._removed[url] = (portal, entry)
            if soft:
                entry.answer = lambda p, e, req: p.html_response(p.renderer.soft_404_html(p, e))
            elif home:
                entry.answer = lambda p, e, req: Response(302, b"", "text/html", {"Location": p.url("/")})
            else:
                self._routes.pop((portal.key, entry.path), None)
        return row

    def unlist_report(self, url: str) -> dict[str, Any]:
        """The report leaves the column's list; its page still answers at the old URL."""
        portal, entry = self.entry_for_url(url)
        with self._lock:
            portal.entries.remove(entry)
        return self.manifest_row(portal, entry)

    def restore_report(self, url: str) -> dict[str, Any]:
        """Put a deleted report back, at its old URL and on the list."""
        portal, entry = self._removed.pop(url)
        with self._lock:
            entry.answer = None
            portal.entries.append(entry)
            self._index(portal, entry)
        return self.manifest_row(portal, entry)

    def republish_report(self, url: str) -> dict[str, Any]:
        """The CMS publishes the same report again under a new document id: a new URL on the list,
        the old URL answers 404. Returns the new manifest row."""
        portal, entry = self.entry_for_url(url)
        with self._lock:
            self._routes.pop((portal.key, entry.path), None)
            portal.next_doc_id += 1
            entry.doc_id = portal.next_doc_id
            entry.path = portal.renderer.entry_path(portal, entry.date, entry.doc_id)
            self._routes[(portal.key, entry.path)] = entry
        return self.manifest_row(portal, entry)

    def take_offline(self, portal_id: str) -> None:
        """The portal's server refuses every client (connections reset), as a host that is down."""
        self.by_id[portal_id].gate = lambda portal, req: Response(0, reset=True)

    # ---- HTTP semantics ------------------------------------------------------------------
    def respond(self, req: Request, slow_seconds: float = 0.0, scheme: str = "http") -> Response:
        portal = self.portal_for(req.host.split(":")[0].lower(), req.path)
        if portal is None:
            return bad_gateway(req.host)
        if portal.prefix:
            # A sub-site sees its own paths; the prefix only places it on the shared host.
            path = req.path[len(portal.prefix) :] or "/"
            req = Request(req.method, req.host, path, req.query, req.headers, req.body)
        if scheme != portal.scheme:
            # An https-only portal sends plain http to https (real sites do); http-only ones have no 443.
            return Response(301, b"", "text/html", {"Location": portal.url(req.target)})
        if portal.gate is not None and (gated := portal.gate(portal, req)) is not None:
            return gated
        if ";" in req.path:
            # Path parameters (;jsessionid=…) do not take part in routing, as in servlet containers.
            req = Request(req.method, req.host, req.path.split(";", 1)[0], req.query, req.headers, req.body)
        if req.path == "/robots.txt":
            return Response(
                200,
                portal.robots_txt().encode(),
                "text/plain",
                {"Last-Modified": email.utils.formatdate(0, usegmt=True)},
            )
        entry = self._routes.get((portal.key, req.target)) or self._routes.get((portal.key, req.path))
        if entry is not None:
            return self._entry_response(portal, entry, req, slow_seconds)
        att = self._attachments.get((portal.key, req.path))
        if att is not None:
            return Response(
                200,
                att.data(),
                att.content_type,
                {"Last-Modified": email.utils.formatdate(_date_epoch("2024-02-26"), usegmt=True)},
            )
        routed = portal.renderer.route(portal, req) or portal.renderer.nav_route(portal, req)
        if routed is not None:
            return routed
        if req.path.endswith(".png"):
            return Response(200, TINY_PNG, "image/png")
        return Response(404, NOT_FOUND_HTML.encode(), "text/html")

    def _entry_response(self, portal: Portal, entry: Entry, req: Request, slow_seconds: float) -> Response:
        if entry.answer is not None:
            return entry.answer(portal, entry, req)
        if entry.kind == "not_found":
            return Response(404, NOT_FOUND_HTML.encode(), "text/html")
        if entry.kind == "soft_404":
            return portal.html_response(portal.renderer.soft_404_html(portal, entry))
        if entry.kind == "flaky_500" and req.method == "GET":
            key = (portal.key, entry.path)
            with self._lock:
                self._hits[key] = hits = self._hits.get(key, 0) + 1
            if hits == 1:
                return Response(500, SERVER_ERROR_HTML.encode(), "text/html;charset=utf-8")
        if entry.document is not None:
            return Response(
                200,
                entry.document.data(),
                entry.document.content_type,
                {"Last-Modified": email.utils.formatdate(entry.modified, usegmt=True)},
            )
        resp = portal.html_response(portal.renderer.detail_html(portal, entry), modified=entry.modified)
        if entry.kind == "slow":
            resp.delay = slow_seconds
        return resp

    def hits(self, url: str) -> int:
        """How many GETs a flaky URL has had."""
        portal, entry = self.entry_for_url(url)
        return self._hits.get((portal.key, entry.path), 0)


def bad_gateway(host: str) -> Response:
    html = (
        f"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
        f"<p>The proxy could not connect to <b>{escape(host)}</b>: Name or service not known.</p></body></html>"
    )
    return Response(502, html.encode(), "text/html")


def etag_for(body: bytes) -> str:
    return '"' + hashlib.md5(body).hexdigest()[:16] + '"'


# A 1x1 transparent PNG: stands in for the table images some reports publish.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000005000157a2a0f50000000049454e44ae426082"
)
