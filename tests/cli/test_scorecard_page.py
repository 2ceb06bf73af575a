"""The scorecard page in a real browser: headless Chromium opens the self-contained HTML with the
network off, every plot is a drawn SVG, and a screenshot is saved as docs/scorecard.png (the
README shows it).

Needs matplotlib (pip install 'govcrawl[plots]'), playwright and /usr/bin/chromium; skips when one
is missing, unless GOVCRAWL_REQUIRE_SERVICES=1, where it fails.
"""

from pathlib import Path

import pytest

from govcrawl.archive.store import Archive
from govcrawl.cli import main
from tests.archive.reports_world import (
    CHAOYANG_2020,
    CHAOYANG_2022,
    HUIZHOU_2023,
    NANHAI_2022,
    ROOT,
    record_run,
    store,
)
from tests.archive.test_datasette import CHROMIUM, CHROMIUM_ARGS, require

pytestmark = pytest.mark.crawl

SCREENSHOT = ROOT / "docs" / "scorecard.png"


@pytest.fixture(scope="module")
def page_path(tmp_path_factory):
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        require(False, "matplotlib is not installed: pip install 'govcrawl[plots]'")
    tmp = tmp_path_factory.mktemp("scorecard_page")
    archive = tmp / "archive.sqlite3"
    with Archive(archive) as a:
        store(a, NANHAI_2022, "440605")
        store(a, CHAOYANG_2020, "440513", published_hint="2021-01-20")
        store(a, CHAOYANG_2022, "440513", published_hint="2023-02-20")
        store(a, HUIZHOU_2023, "441300", published_hint="2024-01-15")
        record_run(a, "job-1", "2025-05-01T00:00:00+00:00", {"440605": 3, "440513": 2, "441300": 4, "440300": 0})
    out = tmp / "scorecard.html"
    assert (
        main(["scorecard", "--province", "广东", "--year", "2022", "--html", str(out), "--archive", str(archive)]) == 0
    )
    return out


@pytest.fixture(scope="module")
def page(page_path):
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium")
    try:
        from playwright import sync_api
    except ImportError:
        require(False, "playwright is not installed: pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True, viewport={"width": 1100, "height": 900})
        requests = []
        tab = context.new_page()
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(page_path.as_uri())
        yield tab, requests
        browser.close()


def test_every_plot_is_drawn(page):
    tab, _ = page
    plots = tab.locator("figure.plot svg")
    assert plots.count() == 4
    for i in range(4):
        svg = plots.nth(i)
        box = svg.bounding_box()
        assert box["width"] > 300
        assert box["height"] > 150
        shapes = svg.evaluate("s => s.querySelectorAll('path, rect, use').length")
        assert shapes > 10
        assert svg.evaluate("s => s.getBBox().width") > 0


def test_plots_show_the_data(page):
    tab, _ = page
    titles = tab.locator("figure.plot svg").evaluate_all("svgs => svgs.map(s => s.textContent)")
    assert "Publication date against the deadline" in titles[0]
    assert "佛山市南海区财政局" in titles[0]
    assert "Applications received" in titles[1]
    assert "2022" in titles[1] and "2023" in titles[1]  # the 2020 report printed table 三 empty
    assert "review and litigation" in titles[2]
    assert "Failing-check rate" in titles[3]


def test_nothing_is_fetched_but_the_page(page):
    _, requests = page
    assert all(url.startswith("file://") for url in requests)


def test_scores_link_to_their_evidence(page):
    tab, _ = page
    link = tab.locator("a[href^='#evidence-']").first
    target = link.get_attribute("href")
    evidence = tab.locator(f"details{target}")
    assert evidence.count() == 1
    evidence.locator("summary").click()  # opens it
    assert "body_sha256" in evidence.locator("pre").inner_text()


def test_screenshot_for_the_readme(page):
    tab, _ = page
    tab.set_viewport_size({"width": 1100, "height": 1500})
    tab.evaluate("window.scrollTo(0, 0)")
    tab.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 10_000
