"""Scrapy settings for govcrawl. Politeness is on by default; tests and the demo turn delays down."""

import os

BOT_NAME = "govcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- identity -------------------------------------------------------------------------
# The User-Agent names govcrawl and where to reach its operator; set GOVCRAWL_CONTACT_URL
# (or USER_AGENT outright) for your deployment.
GOVCRAWL_CONTACT_URL = "https://github.com/govcrawl/govcrawl"
USER_AGENT = (
    None  # composed from GOVCRAWL_CONTACT_URL by govcrawl.crawl.downloader.politeness.ContactUserAgentMiddleware
)
# Sent instead, with the contact URL in a From header, only to portals whose seed says
# "user_agent": "browser" (portals that reset connections for non-browser agents).
GOVCRAWL_BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
)

# --- politeness -----------------------------------------------------------------------
ROBOTSTXT_OBEY = True  # a seed may override it with "obey_robots": false
ROBOTSTXT_USER_AGENT = "govcrawl"  # the product token robots.txt rules are matched against
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Outputs of one response processed at once. Scrapy 2.19 starts this many asyncio tasks for every
# response in the scraper, whatever it yields (100 by default: ~100 KB per response, and hundreds
# of responses wait there for the parse workers on a busy crawl). A page yields one report, or
# links that are scheduled at once; more items in parallel would only wait for a parse worker.
CONCURRENT_ITEMS = 16
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

# Retries with exponential backoff (GovcrawlRetryMiddleware replaces Scrapy's).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
GOVCRAWL_RETRY_BACKOFF_BASE = 1.0  # seconds before the first retry; doubles each time
GOVCRAWL_RETRY_BACKOFF_MAX = 60.0

# Proxies from http_proxy / https_proxy / no_proxy are honoured (Scrapy's HttpProxyMiddleware).
HTTPPROXY_ENABLED = True

# Bounds on what one portal can make us fetch.
# A safety net only: discovery hops + a column's list pages (a generic 下一页 chain adds one level
# per page) + the report; the real bounds are the GOVCRAWL_* limits below.
DEPTH_LIMIT = 60
GOVCRAWL_MAX_LIST_PAGES = 50  # list pages followed per column
# Discovery from a home page toward the report column (govcrawl/crawl/discovery.py): link hops from the
# start page, pages fetched per portal on the way, links followed per page (best first).
GOVCRAWL_DISCOVERY_MAX_DEPTH = 5
GOVCRAWL_DISCOVERY_MAX_PAGES = 40
GOVCRAWL_DISCOVERY_LINKS_PER_PAGE = 6
# Start from the columns the archive found last time (portal_columns) instead of the seed's URLs.
GOVCRAWL_DISCOVERY_REUSE_COLUMNS = True
# Request budgets (govcrawl/crawl/frontier.py): requests the spider makes from one page, and distinct
# requests per portal over the whole job (0 = no budget). What they stop is recorded as `budget`.
GOVCRAWL_MAX_REQUESTS_PER_PAGE = 1000
GOVCRAWL_MAX_REQUESTS_PER_PORTAL = 20000
REDIRECT_MAX_TIMES = 5

# Middlewares, pipelines, the summary extension and the download handlers are wired by the add-on
# (govcrawl.addon.Govcrawl), so a project of your own gets all of govcrawl from this one line.
ADDONS = {
    "govcrawl.addon.Govcrawl": 0,
}

# --- hostile reality -------------------------------------------------------------------
# Seeds on loopback, private, link-local or metadata addresses (127.0.0.1, 169.254.169.254, 10.x,
# localhost) are refused before the crawl unless this is True (`harvest --allow-private-hosts`,
# `-a allow_private_hosts=1`).
GOVCRAWL_ALLOW_PRIVATE_HOSTS = False
# Anti-bot walls (412/521 JavaScript cookie challenges): retries before the page is `blocked`.
GOVCRAWL_CHALLENGE_RETRIES = 2
# Query-string traps: longer URLs or more parameters than this are not followed.
GOVCRAWL_MAX_URL_LENGTH = 512
GOVCRAWL_MAX_QUERY_PARAMS = 8
# TLS: every certificate is accepted and verified on the side (govcrawl.crawl.downloader.tls, installed by the download
# handler below); a page whose certificate did not verify is kept only for these host suffixes,
# with provenance.tls saying so.
GOVCRAWL_TLS_TOLERATED_SUFFIXES = ["gov.cn"]
GOVCRAWL_TLS_CA_FILE = None  # extra trusted CA certificates (PEM), e.g. the simulator's CA

# --- rendering (govcrawl.crawl.downloader.browser) ---------------------------------------------------------
# Chromium starts only when a request asks for the browser (seed "render": "browser", or a list
# page whose scripts build the list); every other request uses Scrapy's HTTP/1.1 handler.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": "/usr/bin/chromium",
    "headless": True,
    "args": [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-extensions",
    ],
}
PLAYWRIGHT_MAX_CONTEXTS = 1
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
PLAYWRIGHT_ABORT_REQUEST = "govcrawl.crawl.downloader.browser.skip_heavy_resources"

# Clean+parse runs in this many worker processes ("auto": cores - 1, at least 1; 0: in-process).
GOVCRAWL_PARSE_WORKERS = "auto"

# --- parse limits (govcrawl/process/limits.py; README "Limits and failure modes") ----------
# A page or document over one of these is not parsed: it is recorded as a `resource_limit`
# failure naming the setting. 0 turns a limit off. The real pages in tests/fixtures stay far
# below each default (largest: 420 K characters of HTML, 307 table cells, a 300 KB unzipped DOCX).
# Per parse worker: address space (RLIMIT_AS) and wall-clock seconds per document. A worker over
# either is killed and replaced, and the job goes on. Need GOVCRAWL_PARSE_WORKERS >= 1.
GOVCRAWL_PARSE_MEMORY_LIMIT = 2 * 1024**3
GOVCRAWL_PARSE_TIMEOUT = 120  # above the 120 s word97.py allows LibreOffice (whose first start is slow)
# DOCX/XLSX, from the zip directory before the document is opened: all members unzipped, and
# the member count (a 710 KB DOCX unzipped to 200 MB of XML took 127 s and 4.9 GB).
GOVCRAWL_DOCUMENT_MAX_UNCOMPRESSED = 64 * 1024**2
GOVCRAWL_DOCUMENT_MAX_MEMBERS = 1000
# Merged ranges per workbook. Merges (and the sheet's declared dimension) are clipped to the cells
# that hold data, so a merge of A2:XFD1048576 costs nothing.
GOVCRAWL_SHEET_MAX_MERGES = 5000
# Table cells per page or document: HTML and DOCX tables, spreadsheets' used ranges.
GOVCRAWL_MAX_TABLE_CELLS = 100_000
# Visible text of a page's body or a document's text, in characters (a long report has ~50 K).
GOVCRAWL_MAX_TEXT_CHARS = 2_000_000
# An HTML page's decoded markup in characters, before lxml parses it (inline data: URIs not
# counted); a 50 MB one-table page took 104 s and 2.9 GB.
GOVCRAWL_PAGE_MAX_CHARS = 16 * 1024**2

# Re-crawls revalidate what they fetched before (conditional requests): see govcrawl/crawl/downloader/httpcache.py.
# `govcrawl harvest` keeps the cache next to the archive.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "govcrawl.crawl.downloader.httpcache.RevalidatingPolicy"
# Scrapy's filesystem cache with atomic writes (temp + rename: concurrent jobs may share it), checked
# reads (an empty or unreadable entry is discarded and the page fetched again in full), and a full
# or read-only disk stopping the crawl instead of failing the page.
HTTPCACHE_STORAGE = "govcrawl.crawl.downloader.cachestore.CheckedFilesystemCacheStorage"
HTTPCACHE_DIR = "auto"  # next to the archive (govcrawl.addon.Govcrawl)
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_GZIP = True

# JOBDIR (-s JOBDIR=…) resumes a paused or killed job: this dupefilter persists only the report pages
# already stored, and a job killed with -9 walks its columns again instead of trusting a lost queue
# (govcrawl/crawl/resume.py explains the choice).
DUPEFILTER_CLASS = "govcrawl.crawl.resume.ResumableDupeFilter"
# `govcrawl harvest` keeps each job's JOBDIR in jobs/<job>/ next to the archive, so any harvest can be
# resumed with `--resume JOB` (govcrawl/crawl/jobs.py). A path puts the jobs there; empty: no JOBDIR.
GOVCRAWL_JOBS_DIR = "auto"
# glibc heap of the crawl process (govcrawl/process/heap.py): at most this many malloc arenas
# (0: glibc's default, 8 per core), and free pages handed back every N seconds (0: never). Parse
# workers get MALLOC_ARENA_MAX from the same setting and trim after each document.
GOVCRAWL_MALLOC_ARENA_MAX = 2
GOVCRAWL_MALLOC_TRIM_INTERVAL = 30

# --- what disappears (govcrawl/crawl/recheck.py, govcrawl/archive/availability.py) ------------
# Re-check every archived report URL of the crawled portals, and record what is gone.
GOVCRAWL_RECHECK = True
# Scrapy priority of those re-checks: after list and report pages, so a URL a list links again is fetched once.
GOVCRAWL_RECHECK_PRIORITY = -100
# A report is withdrawn after this many consecutive missing observations (404/410, soft 404) …
GOVCRAWL_WITHDRAWN_AFTER_MISSING = 2
# … spanning at least this many days, so one bad night is not a withdrawal.
GOVCRAWL_WITHDRAWN_AFTER_DAYS = 7.0

# --- storage --------------------------------------------------------------------------
# The archive: a SQLite file path (the embedded default) or a postgresql://USER@HOST:PORT/DATABASE URL
# (pip install 'govcrawl[postgres]'). `govcrawl harvest --archive …`, -s GOVCRAWL_ARCHIVE=…, or the
# environment variable GOVCRAWL_ARCHIVE (so every worker and reader command on a machine finds it).
GOVCRAWL_ARCHIVE = os.environ.get("GOVCRAWL_ARCHIVE") or "data/archive.sqlite3"
# Archive writes run in a writer thread of their own. A write finding the archive locked by another
# process (`govcrawl fts`, datasette, a backup) waits up to GOVCRAWL_ARCHIVE_BUSY_TIMEOUT seconds
# (SQLite's busy timeout), then is retried GOVCRAWL_ARCHIVE_WRITE_RETRIES times with a growing
# pause; still locked after that, the archive counts as unwritable and the crawl stops (exit 5).
GOVCRAWL_ARCHIVE_BUSY_TIMEOUT = 60.0
GOVCRAWL_ARCHIVE_WRITE_RETRIES = 10
# A cap on the archive's size in bytes (0 = none but the disk's). Reaching it is handled as a full
# disk: the crawl stops with exit status 5; the run's own row is still recorded just past the cap.
GOVCRAWL_ARCHIVE_MAX_BYTES = 0
# Every response is also written to WARC files here: "auto" = a warc/ folder next to the archive,
# None or "" = off. Files rotate past GOVCRAWL_WARC_MAX_BYTES.
GOVCRAWL_WARC_DIR = "auto"
GOVCRAWL_WARC_MAX_BYTES = 1024**3
# Attachments of report pages (PDF, DOC, DOCX, WPS, XLS(X) …) are downloaded into this directory,
# keyed by content hash (sha256/ab/<sha256>.<ext>); None: `files/` next to GOVCRAWL_ARCHIVE.
GOVCRAWL_FILES_STORE = None
GOVCRAWL_ATTACHMENTS = True  # False: record attachment links only
GOVCRAWL_ATTACHMENT_MAXSIZE = 50 * 1024 * 1024  # bytes; larger attachments are recorded as failures
# The crawl's verdict (govcrawl.crawl.verdict; last line of the log, `crawl_runs.verdict`, harvest's
# exit status): `incomplete` when more portals than this were not reached, or more than this share
# of the pages attempted failed; `unreached` when no portal was reached at all.
GOVCRAWL_MAX_UNREACHED = 0
GOVCRAWL_MAX_FAILED_RATIO = 0.5
# A progress line on stderr (govcrawl.crawl.progress): redrawn every second on a terminal, else a
# plain line every GOVCRAWL_PROGRESS_INTERVAL seconds. `govcrawl harvest` turns it on.
GOVCRAWL_PROGRESS = False
GOVCRAWL_PROGRESS_INTERVAL = 30
# Attachments follow redirects (a same-host 302 to the file is common); RedirectGuardMiddleware
# refuses a hop off the portal's domains, recorded as the attachment's error.
MEDIA_ALLOW_REDIRECTS = True
# Where the end-of-crawl per-portal summary is printed (also kept in the archive).
GOVCRAWL_SUMMARY_STDOUT = True

# --- distributed crawling (govcrawl.crawl.distributed; `govcrawl enqueue` / `govcrawl worker`) ---------
# The job's Redis; set by --redis. When set, the add-on adds the global politeness middleware and the
# job's counters, and the worker uses scrapy-redis's scheduler and dupefilter on the job's keys.
GOVCRAWL_REDIS_URL = None
GOVCRAWL_REDIS_JOB = "default"  # keys govcrawl:<job>:* (--job)
# A worker closes once the job has had nothing queued and nothing in flight for this many seconds.
GOVCRAWL_REDIS_IDLE_EXIT = 10.0
# A worker refreshes its heartbeat every third of this; one silent for this long is dead and its
# in-flight requests go back to the queue.
GOVCRAWL_REDIS_HEARTBEAT = 30.0
# Per-host politeness across all workers: seconds between two fetches of a host and fetches of a
# host at once. None: DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN (the single-process values).
GOVCRAWL_REDIS_DOMAIN_DELAY = None
GOVCRAWL_REDIS_DOMAIN_CONCURRENCY = None
# A politeness lease expires after this many seconds (a killed worker's leases free themselves);
# 0: DOWNLOAD_TIMEOUT + GOVCRAWL_RETRY_BACKOFF_MAX.
GOVCRAWL_REDIS_LEASE_SECONDS = 0
# Seconds between additions of a worker's per-portal counts to the job's totals.
GOVCRAWL_REDIS_COUNTERS_INTERVAL = 1.0

FEED_EXPORT_ENCODING = "utf-8"
# Local feed files are written unbuffered: a killed job has written the line of every report it
# recorded as done, so a resumed job neither loses nor repeats one (govcrawl/crawl/resume_feed.py).
FEED_STORAGES = {
    "": "govcrawl.crawl.resume_feed.FlushedFileFeedStorage",
    "file": "govcrawl.crawl.resume_feed.FlushedFileFeedStorage",
}
# Feeds (-O, FEEDS) carry the contract fields, never the raw bytes kept for the archive.
FEED_EXPORT_FIELDS = [
    "schema_version",
    "is_annual_report",
    "report_key",
    "title",
    "agency",
    "region",
    "year",
    "published_date",
    "template",
    "source_script",
    "text",
    "sections",
    "tables",
    "checks",
    "attachments",
    "content_source",
    "content_url",
    "extraction",
    "provenance",
    "archive_status",
]

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "govcrawl.crawl.logformatter.GovcrawlLogFormatter"
