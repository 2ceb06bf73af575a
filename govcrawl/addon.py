"""govcrawl as a Scrapy add-on: wires its components and lays out the files next to the archive.

`ADDONS = {"govcrawl.addon.Govcrawl": 0}` (as govcrawl.settings does) installs the downloader
middlewares, item pipelines, summary extension and download handlers, each at add-on priority,
so a project's own settings still win. The HTTP cache (for conditional re-crawls) and the WARC
files live next to the SQLite archive (in `data/` for a PostgreSQL one) unless set explicitly, so one `-s GOVCRAWL_ARCHIVE=…` (or
`--archive`) moves everything together.
"""

from __future__ import annotations

from govcrawl.crawl.quietlog import quiet_expected_network_failures
from govcrawl.crawl.suffixes import use_bundled_suffix_list

BROWSER_HANDLER = "govcrawl.crawl.downloader.browser.BrowserOnDemandDownloadHandler"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "govcrawl.crawl.downloader.politeness.ContactUserAgentMiddleware": 50,  # before robots.txt (100)
    "govcrawl.crawl.downloader.traps.TrapGuardMiddleware": 120,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "govcrawl.crawl.downloader.politeness.BackoffRetryMiddleware": 550,
    # Responses travel from high numbers to low: these see a response before redirects (600) and
    # retries (550) act on it.
    "govcrawl.crawl.downloader.traps.RedirectGuardMiddleware": 610,
    "govcrawl.crawl.downloader.antibot.ChallengeMiddleware": 620,
    # The HTTP cache without serving cached copies on network errors (a portal that is down is not reached).
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "govcrawl.crawl.downloader.httpcache.NoStaleOnErrorCacheMiddleware": 900,
    # Network side of the HTTP cache (900): sees the real certificate.
    "govcrawl.crawl.downloader.tls.TlsVerdictMiddleware": 940,
    # Next to the downloader: sees every exchange as received, before decompression and retries.
    "govcrawl.crawl.downloader.warc.WarcMiddleware": 950,
}

ITEM_PIPELINES = {
    "pipelines.report.ReportPipeline": 200,
    "pipelines.attachments.AttachmentsPipeline": 250,
    "pipelines.attachments.StubContentPipeline": 260,
    "pipelines.validate.SchemaPipeline": 300,
    "pipelines.archive.ArchivePipeline": 400,
}

SPIDER_MIDDLEWARES = {
    # Outermost (it sees the callback's output last): parsed caches of a response dropped once read.
    "govcrawl.crawl.release.ReleaseParsedPage": 5,
    # After the spider's start requests, re-check archived report URLs; note the report links lists make.
    "govcrawl.crawl.recheck.RecheckMiddleware": 800,
}

EXTENSIONS = {
    "govcrawl.crawl.summary.PortalSummary": 500,
    "govcrawl.crawl.progress.Progress": 510,  # only when GOVCRAWL_PROGRESS is on
    "govcrawl.crawl.memory.HeapTrim": 520,  # fewer malloc arenas, free pages handed back
}

# Chromium starts only when a request asks for the browser (seed "render": "browser", or a list
# page whose scripts build the list); every other request goes through Scrapy's HTTP/1.1 handler.
DOWNLOAD_HANDLERS = {"http": BROWSER_HANDLER, "https": BROWSER_HANDLER}


class Govcrawl:
    def update_settings(self, settings) -> None:
        middlewares, extensions = DOWNLOADER_MIDDLEWARES, EXTENSIONS
        if settings.get("GOVCRAWL_REDIS_URL"):
            # A worker of a distributed job (govcrawl.crawl.distributed): politeness across workers,
            # counters summed over the job.
            from govcrawl.crawl.distributed import job

            middlewares = {**middlewares, **job.DOWNLOADER_MIDDLEWARES}
            extensions = {**extensions, **job.EXTENSIONS}
        for name, components in (
            ("DOWNLOADER_MIDDLEWARES", middlewares),
            ("ITEM_PIPELINES", ITEM_PIPELINES),
            ("SPIDER_MIDDLEWARES", SPIDER_MIDDLEWARES),
            ("EXTENSIONS", extensions),
            ("DOWNLOAD_HANDLERS", DOWNLOAD_HANDLERS),
        ):
            settings.set(name, components, priority="addon")  # merged key by key; higher priorities win
        self._archive_layout(settings)
        # Process-wide, for `scrapy crawl` and scrapyd as for `govcrawl harvest`.
        use_bundled_suffix_list()
        quiet_expected_network_failures()

    @staticmethod
    def _archive_layout(settings) -> None:
        from govcrawl.archive.backend import local_folder

        base = local_folder(settings.get("GOVCRAWL_ARCHIVE")).resolve()  # data/ for a postgresql:// archive
        # "auto" is resolved at the priority it was set with, so explicit values always win.
        for name, folder in (("HTTPCACHE_DIR", "httpcache"), ("GOVCRAWL_WARC_DIR", "warc")):
            if settings.get(name) == "auto":
                settings.set(name, str(base / folder), priority=settings.getpriority(name))
