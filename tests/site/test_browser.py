"""Browser tests: Debian's Chromium (through Playwright) against the built site on localhost.

Every page must load with no console error, no failed request and no request to
any other host; every explorer must appear once and switch its visible frame (and
its alt text) when each control is moved with the keyboard; exercise solutions
must stay hidden until opened.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

SKIP_DIRS = {"_static", "_sources", "_images"}
EXPLORER_TIMEOUT_MS = 30_000


def page_paths(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not SKIP_DIRS & set(p.relative_to(site).parts)
    )


class PageRecorder:
    """Collects console errors, page errors, failed requests and off-site requests."""

    def __init__(self, page, site_url: str) -> None:
        self.host = urlparse(site_url).netloc
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _failed(self, request) -> None:
        # A request the browser aborts because the test moves on to the next page (the
        # favicon, typically) is not a fault of the site; HTTP errors are caught in
        # _response whatever happens to the request afterwards.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.netloc != self.host:
            self.problems.append(f"request to another host: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def open_page(page, site_url: str, path: str) -> PageRecorder:
    recorder = PageRecorder(page, site_url)
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    return recorder


def test_every_page_loads_cleanly_and_stays_on_the_site(site: Path, site_url: str, page, saved_explorers) -> None:
    problems: dict[str, list[str]] = {}
    for path in page_paths(site):
        recorder = open_page(page, site_url, path)
        expected = saved_explorers((site / path).read_text())
        if expected:
            page.wait_for_selector(".frame-explorer img.explorer-frame", state="visible",
                                   timeout=EXPLORER_TIMEOUT_MS)
            page.wait_for_load_state("networkidle")
            found = page.locator(".frame-explorer").count()
            if found != expected:
                recorder.problems.append(f"{found} explorers rendered, {expected} saved (each must render once)")
        if recorder.problems:
            problems[path] = recorder.problems
    assert not problems, json.dumps(problems, indent=2)


def visible_frame(explorer) -> tuple[str, str]:
    img = explorer.locator("img.explorer-frame:visible")
    assert img.count() == 1, f"{img.count()} frames visible at once"
    return img.get_attribute("alt"), img.get_attribute("src")[-80:]




def test_every_explorer_control_switches_the_frame_by_keyboard(site: Path, site_url: str, page, saved_explorers) -> None:  # noqa: E501
    paths = [p for p in page_paths(site) if saved_explorers((site / p).read_text())]
    assert "chapters/01-what-are-cytokines.html" in paths
    for path in paths:
        recorder = open_page(page, site_url, path)
        page.wait_for_selector(".frame-explorer img.explorer-frame", state="visible", timeout=EXPLORER_TIMEOUT_MS)
        explorers = page.locator(".frame-explorer")
        for e in range(explorers.count()):
            explorer = explorers.nth(e)
            explorer.scroll_into_view_if_needed()
            sliders = explorer.locator(".noUi-handle")
            selects = explorer.locator("select")
            assert sliders.count() + selects.count() >= 1, f"{path}: explorer {e} has no control"
            for i in range(sliders.count()):
                handle = sliders.nth(i)
                assert handle.get_attribute("aria-label"), f"{path}: slider {i} has no accessible name"
                before = visible_frame(explorer)
                handle.focus()
                at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
                key = "ArrowLeft" if at_end else "ArrowRight"
                page.keyboard.press(key)
                page.wait_for_timeout(150)
                after = visible_frame(explorer)
                assert after[0] != before[0], f"{path}: slider {i} did not change the alt text"
                assert after[1] != before[1], f"{path}: slider {i} did not change the image"
            for i in range(selects.count()):
                select = selects.nth(i)
                before = visible_frame(explorer)
                select.focus()
                options = select.locator("option").count()
                index = select.evaluate("s => s.selectedIndex")
                page.keyboard.press("ArrowUp" if index == options - 1 else "ArrowDown")
                page.wait_for_timeout(150)
                after = visible_frame(explorer)
                assert after != before, f"{path}: menu {i} did not change the frame"
        assert not recorder.problems, recorder.problems


def test_solutions_are_hidden_until_opened(site: Path, site_url: str, page) -> None:
    checked = 0
    for path in page_paths(site):
        if "solution dropdown" not in (site / path).read_text():
            continue
        open_page(page, site_url, path)
        solutions = page.locator(".solution.dropdown")
        for i in range(solutions.count()):
            solution = solutions.nth(i)
            body = solution.locator(":scope > :not(.admonition-title)").first
            assert not body.is_visible(), f"{path}: solution {i} is visible before it is opened"
            solution.locator("button.toggle-button").click()
            body.wait_for(state="visible", timeout=5_000)
            checked += 1
    assert checked >= 5, f"only {checked} solutions found"


def test_catalog_downloads_are_served(site: Path, site_url: str, page) -> None:
    open_page(page, site_url, "book/catalog.html")
    links = page.locator('a[href$=".csv"]')
    hrefs = sorted({links.nth(i).get_attribute("href") for i in range(links.count())})
    from widgets import catalog

    assert len(hrefs) == len(catalog.TABLES) == 4, hrefs
    for href in hrefs:
        response = page.request.get(f"{site_url}/book/{href}")
        assert response.status == 200, href
        header = response.text().splitlines()[0]
        assert "," in header, (href, header)
    cytokines = page.request.get(f"{site_url}/_static/data/cytokines.csv").text()
    assert "IL6" in cytokines and cytokines.count("\n") > 120


def test_catalog_table_searches_without_a_kernel(site: Path, site_url: str, page) -> None:
    recorder = open_page(page, site_url, "book/catalog.html")
    box = page.locator(".dt-search input, .dataTables_filter input").first
    box.wait_for(state="visible", timeout=EXPLORER_TIMEOUT_MS)
    container = box.locator(
        "xpath=ancestor::div[contains(@class, 'dt-container') or contains(@class, 'dataTables_wrapper')][1]"
    )
    info = container.locator(".dt-info, .dataTables_info").first
    before = info.inner_text()
    box.fill("IL2RG")
    page.wait_for_timeout(300)
    after = info.inner_text()
    assert after != before and "6" in after, (before, after)
    assert container.locator("tbody tr").count() == 6
    assert not recorder.problems, recorder.problems
