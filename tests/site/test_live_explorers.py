"""Browser tests of the live explorers on the built site (Debian's Chromium through Playwright).

Conventions of ``test_browser.py``: the site is served on 127.0.0.1; any console error,
page error, failed request or request to another host fails the test. On every page whose
saved widget state holds live explorers, each one must render once from that state, show
its default plot before any interaction and hide the static copy the page carries; every
slider (moved with the keyboard) and every switch, each from the published values, must
change both the plot and the spoken summary; Reset must bring back the published values.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

# the page recorder of test_browser.py (console and page errors, failed and off-site requests)
_conventions = importlib.util.spec_from_file_location("site_browser_conventions",
                                                      Path(__file__).with_name("test_browser.py"))
assert _conventions and _conventions.loader
_browser_tests = importlib.util.module_from_spec(_conventions)
_conventions.loader.exec_module(_browser_tests)
PageRecorder = _browser_tests.PageRecorder

pytestmark = [pytest.mark.browser, pytest.mark.build]

TIMEOUT_MS = 30_000
_STATE = re.compile(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.S)


def saved_live_explorers(html: str) -> int:
    """Number of LiveExplorers whose widget state myst-nb saved into a built page."""
    match = _STATE.search(html)
    if not match:
        return 0
    state = json.loads(match.group(1))["state"]
    return sum("live-explorer" in m["state"].get("_dom_classes", []) for m in state.values())


def live_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "chapters").glob("*.html")
                  if saved_live_explorers(p.read_text(encoding="utf-8")))


def _state(explorer) -> tuple[str, str]:
    """The summary text and every plotted curve."""
    curves = explorer.locator("polyline.live-series").evaluate_all("ps => ps.map(p => p.getAttribute('points'))")
    # textContent, not innerText: a section far from the screen is not laid out
    # (content-visibility: auto in book.css), and innerText of an unrendered element is empty
    return explorer.locator(".live-summary").text_content() or "", "|".join(curves)


def test_the_live_chapters_have_live_explorers(site: Path) -> None:
    pages = live_pages(site)
    assert {"chapters/03-how-cytokines-signal.html", "chapters/04-near-and-far.html",
            "chapters/05-health-and-disease.html"} <= set(pages), pages
    for path in pages:
        html = (site / path).read_text(encoding="utf-8")
        # the static copy is in the page itself, with alt text, for readers whose script does not run
        assert len(re.findall(r'class="live-fallback[ "]', html)) == saved_live_explorers(html), path
        assert re.search(r'<img\b[^>]*\balt="[^"]{40,}"[^>]*\bclass="live-fallback-image"', html), path


def test_every_live_explorer_renders_and_responds(site: Path, site_url: str, page) -> None:
    for path in live_pages(site):
        recorder = PageRecorder(page, site_url)
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        _browser_tests.reveal_explorers(page)  # book.js loads the widget manager when an explorer comes near
        expected = saved_live_explorers((site / path).read_text(encoding="utf-8"))
        ready = "document.querySelectorAll('.live-explorer-root[data-ready=\"1\"]').length"
        page.wait_for_function(f"{ready} >= {expected}", timeout=TIMEOUT_MS)
        explorers = page.locator(".live-explorer-root")
        assert explorers.count() == expected, f"{path}: {explorers.count()} live explorers rendered, {expected} saved"
        assert page.locator(".live-fallback:visible").count() == 0, f"{path}: the static copy is still shown"
        for e in range(expected):
            explorer = explorers.nth(e)
            explorer.scroll_into_view_if_needed()
            summary = explorer.locator(".live-summary")
            assert summary.get_attribute("aria-live") == "polite"
            published = _state(explorer)
            assert published[0].strip() and published[1].strip(), f"{path}: explorer {e} drew nothing"
            sliders = explorer.locator("input[type=range]")
            switches = explorer.locator("input[type=checkbox]")
            assert sliders.count() >= 1
            reset = explorer.locator("button.live-reset")
            for i in range(sliders.count()):
                reset.click()  # each control is moved from the published values
                slider = sliders.nth(i)
                name = slider.get_attribute("data-name")
                assert slider.evaluate("s => s.labels.length") == 1, f"{path}: slider {name} has no label"
                before = _state(explorer)
                slider.focus()
                at_end = slider.evaluate("s => Number(s.value) + Number(s.step) > Number(s.max)")
                for _ in range(5):
                    page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
                page.wait_for_timeout(50)
                after = _state(explorer)
                assert after[1] != before[1], f"{path}: slider {name} did not change the plot"
                assert after[0] != before[0], f"{path}: slider {name} did not change the summary"
            for i in range(switches.count()):
                reset.click()
                switch = switches.nth(i)
                before = _state(explorer)
                switch.focus()
                page.keyboard.press("Space")
                page.wait_for_timeout(50)
                after = _state(explorer)
                name = switch.get_attribute("data-name")
                assert after[1] != before[1], f"{path}: switch {name} did not change the plot"
                assert after[0] != before[0], f"{path}: switch {name} did not change the summary"
            sliders.first.focus()
            page.keyboard.press("End")
            switches.first.click() if switches.count() else None
            assert _state(explorer) != published
            reset.click()
            page.wait_for_timeout(50)
            assert _state(explorer) == published, f"{path}: Reset did not bring back the published values"
        assert not recorder.problems, recorder.problems


def test_live_explorers_read_well_at_phone_width_and_in_dark_mode(site: Path, site_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    try:
        for path in live_pages(site):
            page.goto(f"{site_url}/{path}", wait_until="networkidle")
            _browser_tests.reveal_explorers(page)
            page.wait_for_selector(".live-explorer-root[data-ready='1']", timeout=TIMEOUT_MS)
            assert page.evaluate("document.documentElement.dataset.theme") == "dark"
            for plot in page.locator(".live-plot").all():
                box = plot.bounding_box()
                assert box and 250 <= box["width"] <= 390, f"{path}: a plot is {box} wide at 390 px"
                # drawn on a white card in every theme, with dark text
                assert plot.locator("rect").first.get_attribute("fill") == "#ffffff"
                colour = plot.locator("text").first.evaluate("t => getComputedStyle(t).fill")
                assert colour in ("rgb(34, 34, 34)", "#222222"), colour
                # every label (titles, ticks, bands) stays inside its plot
                outside = plot.evaluate("""p => { const box = p.getBoundingClientRect();
                  return [...p.querySelectorAll('text')].filter((t) => { const r = t.getBoundingClientRect();
                    return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1); })
                    .map((t) => t.textContent); }""")
                assert not outside, f"{path}: labels run out of the plot at 390 px: {outside}"
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{path}: the page scrolls sideways by {overflow} px at 390 px"
    finally:
        context.close()


def test_a_live_explorer_without_its_script_shows_the_static_copy(site: Path, site_url: str, browser) -> None:
    """If anywidget cannot load (here: the request is refused), the reader still sees the default plot."""
    path = live_pages(site)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.route("**/vendor/npm/anywidget/**", lambda route: route.abort())
        page.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        _browser_tests.reveal_explorers(page)  # the widget manager loads and renders the frame explorers
        page.wait_for_timeout(1000)
        assert page.locator(".frame-explorer").count() > 0  # so the manager did run
        assert page.locator(".live-explorer-root").count() == 0
        fallback = page.locator(".live-fallback img").first
        fallback.scroll_into_view_if_needed()  # it is loaded lazily, as a reader scrolls to it
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=fallback.element_handle())
        assert fallback.is_visible()
        assert fallback.evaluate("img => img.complete && img.naturalWidth > 300")
        assert len(fallback.get_attribute("alt") or "") > 40
    finally:
        context.close()


def test_the_benchmark_times_every_live_explorer(site: Path) -> None:
    """``make bench`` measures the slider latency of every live explorer on a built site
    (tools/benchmarks.py, ``live_latency``); run here in its own process, as the benchmark
    runs it, with three moves each (no time is asserted)."""
    root = Path(__file__).resolve().parents[2]
    code = ("import json, sys; from pathlib import Path; from benchmarks import live_latency; "
            "print(json.dumps(live_latency(Path(sys.argv[1]), moves=3)))")
    proc = subprocess.run([sys.executable, "-c", code, str(site)], cwd=root / "tools",
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {row["page"] for row in rows} == {Path(p).name for p in live_pages(site)}
    assert len(rows) == sum(saved_live_explorers((site / p).read_text(encoding="utf-8")) for p in live_pages(site))
    assert all(row["redrawn"] for row in rows), rows
