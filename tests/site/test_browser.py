"""Browser tests: Debian's Chromium (through Playwright) against the built site on localhost.

Every page must load with no console error, no failed request and no request to
any other host; every explorer must appear once and switch its visible frame (and
its alt text) when each control is moved with the keyboard; exercise solutions
must stay hidden until opened.
"""

from __future__ import annotations

import json
import re
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


def open_page(page, site_url: str, path: str) -> PageRecorder:
    recorder = PageRecorder(page, site_url)
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    return recorder


def reveal_explorers(page) -> None:
    """Scroll to the first explorer and wait until the explorers have rendered
    (``site_audit.reveal_explorers``, which ``make bench`` uses too)."""
    import site_audit  # tools/site_audit.py (on sys.path through conftest)

    site_audit.reveal_explorers(page, timeout_ms=EXPLORER_TIMEOUT_MS)


def test_every_page_loads_cleanly_and_stays_on_the_site(site: Path, site_url: str, page, saved_explorers) -> None:
    problems: dict[str, list[str]] = {}
    for path in page_paths(site):
        recorder = open_page(page, site_url, path)
        expected = saved_explorers((site / path).read_text())
        if expected:
            reveal_explorers(page)
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
        reveal_explorers(page)
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


def _open_in_dark_mode(page, url: str) -> None:
    """Open a page and switch it to dark mode as its mode button does."""
    import site_audit  # tools/site_audit.py (on sys.path through conftest)

    page.goto(url, wait_until="networkidle")
    site_audit.set_mode(page, "dark")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"


@pytest.mark.parametrize(("path", "selector", "in_page_colour"), [
    ("chapters/07-measuring-cytokines.html", "div.self-check legend", True),
    ("chapters/04-near-and-far.html", "div.exercise-check", True),
    ("book/catalog.html", "table.dataTable tbody td", False),  # itables draws its own light text
    ("book/catalog.html", "table.catalog-dictionary td", True),
])
def test_html_outputs_drawn_in_page_colours_keep_the_dark_page(site_url: str, page, path: str, selector: str,
                                                               in_page_colour: bool) -> None:
    """The theme puts a light box behind HTML outputs in dark mode. Quizzes, exercise checks and
    the catalog's tables opt out of it: no light box, and light text on the dark page."""
    _open_in_dark_mode(page, f"{site_url}/{path}")
    colours = page.evaluate("""(selector) => {
        const text = document.querySelector(selector);
        return {box: getComputedStyle(text.closest('div.output')).backgroundColor,
                text: getComputedStyle(text).color,
                page: getComputedStyle(document.querySelector('.bd-article')).color};
    }""", selector)
    assert colours["box"] == "rgba(0, 0, 0, 0)", colours
    assert min(float(c) for c in re.findall(r"[\d.]+", colours["text"])[:3]) > 180, colours
    if in_page_colour:
        assert colours["text"] == colours["page"], colours


def test_exercise_checks_take_the_theme_status_colours_in_dark_mode(site_url: str, page) -> None:
    """The checks' inline border colours are for Jupyter; on the dark site they follow the theme."""
    _open_in_dark_mode(page, f"{site_url}/chapters/04-near-and-far.html")
    colours = page.evaluate("""() => {
        const root = getComputedStyle(document.documentElement);
        const probe = document.createElement('div');
        document.body.append(probe);
        const resolve = (name) => {
            probe.style.color = root.getPropertyValue(name);
            return getComputedStyle(probe).color;
        };
        const border = (status) => getComputedStyle(
            document.querySelector(`div.exercise-check[data-status=${status}]`)).borderLeftColor;
        return {right: [border('right'), resolve('--pst-color-success')],
                unanswered: [border('unanswered'), resolve('--pst-color-text-muted')]};
    }""")
    for status, (border, theme) in colours.items():
        assert border == theme, (status, colours)


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


# ---- accessibility: axe-core (pinned in package.json) on every page ----------------------


def _settle_explorers(page) -> None:
    if page.locator("script[type='application/vnd.jupyter.widget-state+json']").count():
        reveal_explorers(page)


def test_every_page_has_no_serious_or_critical_axe_violation(site: Path, site_url: str, browser) -> None:
    """axe-core in light and dark mode, at 1280 and 390 px; fixes go into book.css and templates."""
    import site_audit  # tools/site_audit.py (on sys.path through conftest)

    context = browser.new_context()
    page = context.new_page()
    found: dict[str, list] = {}
    for path in page_paths(site):
        audit = site_audit.axe_audit(page, f"{site_url}/{path}", settle=_settle_explorers)
        assert set(audit) == {"1280/light", "1280/dark", "390/light", "390/dark"}
        for view, violations in audit.items():
            bad = [v for v in violations if v["impact"] in ("serious", "critical")]
            if bad:
                found[f"{path} at {view}"] = bad
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    context.close()
    assert not found, json.dumps(found, indent=1)


# ---- search, the not-found page ------------------------------------------------------------


def test_offline_search_for_jak_finds_chapter_3(site_url: str, page) -> None:
    recorder = open_page(page, site_url, "book/intro.html")
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name='q']")
    field.wait_for(state="visible", timeout=5_000)
    field.fill("JAK")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=JAK*")
    results = page.locator("#search-results a[href*='chapters/03-how-cytokines-signal.html']")
    results.first.wait_for(timeout=30_000)
    assert not recorder.problems, recorder.problems


def test_a_missing_page_gets_the_not_found_page_with_navigation(site: Path, browser) -> None:
    """Served as static hosts serve it (404.html at the missing address), at any depth."""
    import site_audit

    with site_audit.serve(site, compress=False) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        recorder = PageRecorder(page, url)
        response = page.goto(f"{url}/chapters/old/no-such-page.html", wait_until="networkidle")
        assert response is not None and response.status == 404
        assert page.locator("#page-not-found h1").inner_text() == "Page not found"
        # the theme's styles and scripts came from the site root: the sidebar is laid out
        nav = page.locator("nav.bd-links a[href$='chapters/03-how-cytokines-signal.html']")
        assert nav.count() == 1 and nav.is_visible()
        # the page itself comes with status 404 (asserted above); Chromium logs that as a console error
        problems = [p for p in recorder.problems
                    if "no-such-page" not in p and "responded with a status of 404" not in p]
        assert not problems, problems
        nav.click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{url}/chapters/03-how-cytokines-signal.html"
        context.close()


def test_the_widget_manager_loads_only_when_an_explorer_comes_near(site_url: str, page) -> None:
    """Chapter 3 opens on text: no widget manager until the reader scrolls to an explorer."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    recorder = open_page(page, site_url, "chapters/03-how-cytokines-signal.html")
    assert not [u for u in requested if "embed-amd.js" in u or "require.js" in u]
    assert page.locator(".frame-explorer").count() == 0
    reveal_explorers(page)
    assert [u for u in requested if "embed-amd.js" in u]
    assert page.locator(".frame-explorer").count() >= 1
    assert not recorder.problems, recorder.problems


def test_explorers_are_usable_at_phone_width(site: Path, site_url: str, browser, saved_explorers) -> None:
    """At 390 px every control lies on the screen and is named, and frames keep their pixel size.

    A frame shrunk to a phone's width would show its axis text at 5-6 px; instead it keeps its
    size (its text as large as on a desktop) and its box scrolls sideways, reachable by keyboard.
    """
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: list[str] = []
    for path in [p for p in page_paths(site) if saved_explorers((site / p).read_text())]:
        recorder = open_page(page, site_url, path)
        reveal_explorers(page)
        if page.evaluate("document.documentElement.scrollWidth") > 390:
            problems.append(f"{path}: the page scrolls sideways")
        explorers = page.locator(".frame-explorer")
        for e in range(explorers.count()):
            explorer = explorers.nth(e)
            explorer.scroll_into_view_if_needed()
            controls = explorer.locator(".noUi-handle, select")
            for i in range(controls.count()):
                control = controls.nth(i)
                box = control.bounding_box()
                if box is None or box["x"] < 0 or box["x"] + box["width"] > 390:
                    problems.append(f"{path}: explorer {e}, control {i} is off the screen ({box})")
                named = control.evaluate(
                    "c => Boolean(c.getAttribute('aria-label') || (c.labels && c.labels.length)"
                    " || c.closest('.widget-inline-hbox')?.querySelector('.widget-label')?.textContent.trim())")
                if not named:
                    problems.append(f"{path}: explorer {e}, control {i} has no name")
            for i, item in enumerate(explorer.locator(".widget-readout, table").all()):
                if item.evaluate("t => Boolean(t.closest('[data-book-scroller]'))"):
                    continue  # inside a box that scrolls and takes keyboard focus (book.js)
                box = item.bounding_box()
                if box is not None and box["x"] + box["width"] > 391:
                    problems.append(f"{path}: explorer {e}, readout or table {i} runs off the screen")
            frames = explorer.locator("img.explorer-frame:visible")
            if not frames.count():
                page.wait_for_timeout(500)
            if not frames.count():
                continue  # a nested explorer: its frames are checked with the explorer itself
            frame = frames.first
            frame.evaluate("img => img.decode()")
            natural, shown = frame.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
            if shown < 0.95 * natural:
                problems.append(f"{path}: explorer {e}'s frame is shrunk to {shown:.0f} of {natural} px")
            box = frame.evaluate_handle("img => img.closest('.widget-html-content')")
            overflows, focusable = box.evaluate(
                "b => [b.scrollWidth > b.clientWidth + 1, b.getAttribute('tabindex') === '0']")
            if overflows and not focusable:
                problems.append(f"{path}: explorer {e}'s frame scrolls but cannot take keyboard focus")
        problems += recorder.problems
    context.close()
    assert not problems, problems
