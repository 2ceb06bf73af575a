"""Rendering with Chromium (scrapy-playwright), only for the pages that need it.

`BrowserOnDemandDownloadHandler` is the http/https download handler. Requests without
`meta["playwright"]` go through Scrapy's HTTP/1.1 handler as usual; the first request that has it
starts scrapy-playwright's handler (and with it Chromium, /usr/bin/chromium by default), so a
crawl that renders nothing never starts a browser. The browser goes through the same proxy as the
crawler (http_proxy / https_proxy / no_proxy, given to Chromium as a PAC script that also cuts off
Chromium's own calls to Google services), and images, fonts and media are not fetched.

Plain requests get govcrawl's TLS context factory (see govcrawl.crawl.downloader.tls).

A page is rendered when its portal's seed says `"render": "browser"`, or when a list page has no
usable links but its scripts build the list (`scripts_build_list`); the spider then asks for it
once more with the browser, once per URL.

What is kept of a rendered page: the DOM serialized by the browser once the page is loaded and the
network is idle (`page.content()`), encoded by scrapy-playwright in the charset of the response
headers. Those bytes are the response body: the archive keeps them and provenance.body_sha256 is
their sha256; provenance.render is "browser".
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy_playwright.page import PageMethod

from govcrawl.crawl.downloader.tls import VerifyingContextFactory

# Markers of scripts that fetch data or write list rows into the page.
_SCRIPT_FETCH = re.compile(r"(XMLHttpRequest|\bfetch\s*\(|\$\.(ajax|get|getJSON|post)\s*\(|axios\.)")
_SCRIPT_WRITE = re.compile(r"(document\.write\s*\(|\.innerHTML\s*=|\.appendChild\s*\(|\.append\s*\(|\.html\s*\()")
_WRITES_ROWS = re.compile(r"document\.write\s*\(\s*['\"]\s*<(li|tr)\b", re.I)
_DATA_ARRAY = re.compile(r"=\s*\[\s*[\[{]?\s*['\"]?(url|href|title)?['\"]?\s*:?\s*['\"](/|\./|https?://)", re.I)
_FRAMEWORK_MOUNT = re.compile(r"(new\s+Vue\s*\(|createApp\s*\(|ReactDOM\.|\bReact\.createElement|ng-app|data-v-app)")


def scripts_build_list(response) -> bool:
    """True when the page's own scripts write content into it: a script that fetches data and writes
    it, a document.write loop, or a Vue/React/Angular mount point."""
    if b"<script" not in response.body[:4_000_000].lower():
        return False
    scripts = "\n".join(response.css("script:not([src])::text").getall())
    if _FRAMEWORK_MOUNT.search(scripts) or response.css("[ng-app], [data-v-app]"):
        return True
    # List rows written out (<li>, <tr>), or a loop writing entries from an inline data array. A
    # pager written by document.write (TRS createPageHTML) is neither.
    if _WRITES_ROWS.search(scripts) or (
        "document.write" in scripts and _DATA_ARRAY.search(scripts) and re.search(r"\bfor\s*\(", scripts)
    ):
        return True
    return bool(_SCRIPT_FETCH.search(scripts) and _SCRIPT_WRITE.search(scripts))


def browser_meta() -> dict:
    """Request meta that renders the page: wait for the network to go idle so script-built lists are in."""
    # Not through the HTTP cache: it holds the page as served, and its conditional headers would make
    # the browser's navigation a 304.
    return {
        "playwright": True,
        "dont_cache": True,
        "playwright_page_methods": [PageMethod("wait_for_load_state", "networkidle")],
    }


def skip_heavy_resources(request) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: rendering a list needs scripts and data, not pictures."""
    return request.resource_type in ("image", "media", "font")


# Chromium calls Google services (component and extension updates, sign-in) even with background
# networking off; a PAC script sends those hosts to a closed port so nothing leaves for them.
_GOOGLE_SERVICE_HOSTS = ("*.google.com", "*.googleapis.com", "*.gvt1.com", "*.gstatic.com", "*.googleusercontent.com")


def proxy_pac(env=os.environ) -> str:
    """A PAC script: Google service hosts → nowhere; no_proxy hosts → direct; the rest → http(s)_proxy."""
    server = env.get("https_proxy") or env.get("HTTPS_PROXY") or env.get("http_proxy") or env.get("HTTP_PROXY")
    route = "DIRECT"
    if server:
        parts = urlsplit(server if "://" in server else "http://" + server)
        route = f"PROXY {parts.hostname}:{parts.port or 80}"
    direct = [h.strip() for h in (env.get("no_proxy") or env.get("NO_PROXY") or "").split(",") if h.strip()]
    rules = [f'shExpMatch(host, "{h}")' for h in _GOOGLE_SERVICE_HOSTS]
    lines = ["function FindProxyForURL(url, host) {", f'  if ({" || ".join(rules)}) return "PROXY 127.0.0.1:9";']
    for h in direct:
        pattern = "*" + h if h.startswith(".") else h
        lines.append(f'  if (shExpMatch(host, "{pattern}") || dnsDomainIs(host, ".{h.lstrip(".")}")) return "DIRECT";')
    lines += [f'  return "{route}";', "}"]
    return "\n".join(lines)


def proxy_pac_arg(env=os.environ) -> str:
    return (
        "--proxy-pac-url=data:application/x-ns-proxy-autoconfig;base64,"
        + base64.b64encode(proxy_pac(env).encode()).decode()
    )


# Private parts of Scrapy and scrapy-playwright this module relies on (tests/test_private_apis.py):
# the HTTP/1.1 handler's context factory attribute (replaced below) and the Playwright handler's
# launch coroutine (called on first use instead of at engine start).
PRIVATE_APIS = (("scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler", "_launch"),)
PRIVATE_INSTANCE_ATTRIBUTES = ("_contextFactory",)


class BrowserOnDemandDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        # TLS: accept every certificate but learn whether it verified (govcrawl.crawl.downloader.tls). Set here because
        # Scrapy 2.19 deprecates the DOWNLOADER_CLIENTCONTEXTFACTORY setting.
        self._contextFactory = VerifyingContextFactory.from_crawler(crawler)
        self._crawler = crawler
        self._browser_handler = None
        self._starting = asyncio.Lock()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def _browser(self):
        async with self._starting:
            if self._browser_handler is None:
                from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

                handler = ScrapyPlaywrightDownloadHandler(self._crawler)
                launch = handler.config.launch_options
                if "proxy" not in launch:
                    launch["args"] = [*launch.get("args", []), proxy_pac_arg()]
                await handler._launch()  # its engine_started hook has fired long ago
                self._crawler.stats.set_value("govcrawl/browser_started", True)
                self._browser_handler = handler
        return self._browser_handler

    async def download_request(self, request):
        if not request.meta.get("playwright"):
            return await super().download_request(request)
        handler = await self._browser()
        return await handler.download_request(request)

    async def close(self) -> None:
        await super().close()
        if self._browser_handler is not None:
            await self._browser_handler.close()
