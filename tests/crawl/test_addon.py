"""The add-on wires govcrawl's components into any Scrapy project, below the project's own settings."""

from scrapy.settings import Settings

from govcrawl import settings as project_settings
from govcrawl.addon import Govcrawl


def wired(**project) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(project, priority="project")
    Govcrawl().update_settings(settings)
    return settings


def test_pipelines_run_in_order_report_validate_archive():
    pipelines = wired().getdict("ITEM_PIPELINES")
    order = sorted(pipelines, key=pipelines.get)
    assert order == [
        "pipelines.report.ReportPipeline",
        "pipelines.attachments.AttachmentsPipeline",
        "pipelines.attachments.StubContentPipeline",
        "pipelines.validate.SchemaPipeline",
        "pipelines.archive.ArchivePipeline",
    ]


def test_spider_middlewares_release_parsed_pages_outermost_and_recheck_archived_reports():
    middlewares = wired().getdict("SPIDER_MIDDLEWARES")
    ours = sorted((k for k in middlewares if k.startswith("govcrawl.")), key=middlewares.get)
    assert ours == ["govcrawl.crawl.release.ReleaseParsedPage", "govcrawl.crawl.recheck.RecheckMiddleware"]


def test_scrapys_own_user_agent_and_retry_middlewares_are_replaced():
    middlewares = wired().getdict("DOWNLOADER_MIDDLEWARES")
    assert (
        middlewares["scrapy.downloadermiddlewares.useragent.UserAgentMiddleware"],
        middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"],
    ) == (None, None)


def test_both_schemes_go_through_the_browser_on_demand_handler():
    handlers = wired().getdict("DOWNLOAD_HANDLERS")
    assert {handlers["http"], handlers["https"]} == {"govcrawl.crawl.downloader.browser.BrowserOnDemandDownloadHandler"}


def test_a_projects_own_setting_wins_over_the_addon():
    handlers = wired(DOWNLOAD_HANDLERS={"https": "my.Handler"}).getdict("DOWNLOAD_HANDLERS")
    assert handlers["https"] == "my.Handler"


def test_cache_and_warc_go_next_to_the_archive(tmp_path):
    settings = wired(GOVCRAWL_ARCHIVE=str(tmp_path / "a" / "archive.sqlite3"))
    assert (settings["HTTPCACHE_DIR"], settings["GOVCRAWL_WARC_DIR"]) == (
        str(tmp_path / "a" / "httpcache"),
        str(tmp_path / "a" / "warc"),
    )
