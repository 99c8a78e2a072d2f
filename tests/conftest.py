"""Shared fixtures: the built book, a local web server for it, and Debian's Chromium.

The book is built once per test session, from scratch for the pages (``--all``) so
that every warning is reported, but with notebook outputs taken from the
jupyter-cache (a notebook re-runs only when its code changed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported where used, so that this conftest stays light
    from matplotlib.figure import Figure
    from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "book" / "_ext"))  # the book's Sphinx extensions, importable by name
sys.path.insert(0, str(ROOT / "tools"))  # the build tools (student edition, instructor guide)
sys.path.insert(0, str(ROOT / "tests"))  # helper modules shared by test modules (check_answers)

import bibliography  # noqa: E402


def book_config() -> dict:
    """The book's ``_config.yml``."""
    import yaml

    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def bib_files() -> list[Path]:
    """The bibliography files, as ``_config.yml`` names them (the one place that says where)."""
    return [ROOT / p for p in book_config()["bibtex_bibfiles"]]


@pytest.fixture(scope="session")
def book_bib_entries() -> dict:
    """Every entry of the book's bibliography, by key (pybtex entries)."""
    return bibliography.entries(bib_files())


@pytest.fixture(scope="session")
def book_bib_keys(book_bib_entries: dict) -> set[str]:
    """Keys of the book's bibliography."""
    return set(book_bib_entries)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    log: str


@pytest.fixture(scope="session")
def book_build() -> BuildResult:
    """Build the book with warnings as errors, nitpicky, keeping going to list them all."""
    from build_book import build_command  # tools/build_book.py: the one definition of the build command

    proc = subprocess.run(
        build_command(ROOT, full=True),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",  # pdflatex and some tools print bytes that are not UTF-8
    )
    log = proc.stdout + proc.stderr
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "test-build.log").write_text(log)
    return BuildResult(proc.returncode, log)


@pytest.fixture(scope="session")
def site(book_build: BuildResult) -> Path:
    """The built HTML folder (fails, rather than skips, if the build failed)."""
    if book_build.returncode != 0:
        pytest.fail("the book did not build; see _build/test-build.log", pytrace=False)
    return HTML_DIR


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """Serve the built site on a free loopback port for the session (the server of tools/site_audit.py)."""
    import site_audit

    with site_audit.serve(site, compress=False) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser):
    """A fresh desktop-sized page (1280 x 900) in its own browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def count_saved_explorers(html: str) -> int:
    """Number of FrameExplorers whose widget state myst-nb saved into a built page."""
    match = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    if not match:
        return 0
    state = json.loads(match.group(1))["state"]
    return sum("frame-explorer" in m["state"].get("_dom_classes", []) for m in state.values())


@pytest.fixture(scope="session")
def saved_explorers() -> Callable[[str], int]:
    """The explorer counter, as a fixture (test modules are imported by path)."""
    return count_saved_explorers


def figure_text(fig: Figure) -> str:
    """Every text placed on a figure (figure-level, then each axes'), joined by spaces."""
    return " ".join(t.get_text() for t in fig.texts) + " " + " ".join(
        t.get_text() for ax in fig.axes for t in ax.texts)


@pytest.fixture(name="figure_text", scope="session")
def figure_text_fixture() -> Callable[[Figure], str]:
    """:func:`figure_text`, as a fixture for the figure tests."""
    return figure_text


def frame_image(uri: str) -> Image.Image:
    """Decode a frame's ``data:`` URI (which must be in the default image format) into a Pillow image."""
    import base64
    import io

    from PIL import Image

    from widgets.explorers.core import DEFAULT_IMAGE_FORMAT

    assert uri.startswith(f"data:image/{DEFAULT_IMAGE_FORMAT};base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


@pytest.fixture(name="frame_image", scope="session")
def frame_image_fixture() -> Callable[[str], Image.Image]:
    """:func:`frame_image`, as a fixture for the explorer tests."""
    return frame_image
