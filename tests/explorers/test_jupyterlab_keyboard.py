"""The explorers' sliders move with the keyboard inside JupyterLab, as readers in Binder use them.

JupyterLab binds the arrow keys to its own shortcuts (in command mode they select the cell
above or below) and cancels the key press, so a slider that does not opt out never sees
it. This test starts the pinned JupyterLab of requirements-dev.txt on a loopback port,
opens a notebook holding one live explorer and one frame explorer, runs it with
JupyterLab's own "run all cells" command once the kernel is ready (not with key presses,
which are lost if they come before the notebook has focus), focuses each explorer's
first slider and presses the arrow keys: the slider's value must change. If an explorer
never appears, the failure quotes the cells' outputs. Debian's Chromium through
Playwright, as in the other browser tests.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT_MS = 90_000
CELLS = [
    "from widgets.explorers.near_far import dose_live_explorer\ndose_live_explorer()",
    "from widgets.explorers.occupancy import occupancy_explorer\noccupancy_explorer()",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _notebook(path: Path) -> None:
    """Write a notebook of the explorer cells, to be run in the kernel."""
    cells: list[dict[str, object]] = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
        for source in CELLS
    ]
    kernel = {"display_name": "Python 3", "language": "python", "name": "python3"}
    path.write_text(json.dumps({"cells": cells, "metadata": {"kernelspec": kernel},
                                "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")


@pytest.fixture()
def lab_url(tmp_path: Path):
    """A JupyterLab server (no token, loopback only) serving a notebook of two explorers."""
    _notebook(tmp_path / "explorers.ipynb")
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={tmp_path}",
         f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}", "--LabApp.expose_app_in_browser=True"],
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start; see {tmp_path / 'server.log'}", pytrace=False)
                time.sleep(0.5)
        yield f"{url}/lab/tree/explorers.ipynb?reset"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _value(slider) -> str:
    """What a screen reader announces: the native range input's value, or the ARIA value of a slider handle."""
    return slider.evaluate("s => s.getAttribute('aria-valuenow') ?? s.value")


def test_sliders_move_with_the_arrow_keys_in_jupyterlab(browser, lab_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(lab_url)
        # run the notebook once its kernel is ready (the app object is exposed by the server option)
        page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext")
        page.evaluate("""async () => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.context.ready;
            await panel.sessionContext.ready;
            await window.jupyterapp.commands.execute("notebook:run-all-cells");
        }""")
        outputs = page.locator(".jp-OutputArea-output")
        sliders = {
            "live explorer": page.locator(".live-explorer-view input[type=range]").first,
            "frame explorer": page.locator(".frame-explorer .widget-slider [role=slider]").first,
        }
        for kind, slider in sliders.items():
            try:
                slider.wait_for()
            except PlaywrightTimeout:
                shown = " | ".join(outputs.all_inner_texts())[:2000]
                pytest.fail(f"{kind}: no slider appeared; the cells' outputs: {shown or 'none'}", pytrace=False)
            slider.focus()
            before = _value(slider)
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            after = _value(slider)
            assert after != before, f"{kind}: ArrowRight left the slider at {before}"
            page.keyboard.press("ArrowLeft")
            assert _value(slider) != after, f"{kind}: ArrowLeft left the slider at {after}"
    finally:
        context.close()
