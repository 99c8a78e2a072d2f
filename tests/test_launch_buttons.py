"""Launch buttons only for services that are configured, and never for a placeholder.

Jupyter Book draws one launch button per ``*_url`` under ``launch_buttons`` in
``_config.yml``. The book offers Binder and Colab, which work for anyone; it has no
JupyterHub button, because it cannot know the reader's hub. A course that builds its
own copy sets its hub's address there (README, "Running the chapters as notebooks"):
these tests then expect that button too, and reject an address that is a placeholder.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# the services Jupyter Book knows (its launch_buttons keys) and the hosts they launch on
SERVICES = {"binderhub_url": "Binder", "jupyterhub_url": "JupyterHub", "colab_url": "Colab",
            "deepnote_url": "Deepnote"}
PLACEHOLDER = re.compile(r"example\.|localhost|127\.0\.0\.1|your|placeholder|\.invalid|\.test\b", re.IGNORECASE)
LAUNCH_LINK = re.compile(r'<a href="(?P<href>[^"]+)"[^>]*?title="Launch on (?P<name>[^"]+)"')


def configured() -> dict[str, str]:
    """{service name: address} of every launch service set in ``_config.yml``."""
    launch = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")).get("launch_buttons") or {}
    return {SERVICES[key]: value for key, value in launch.items() if key in SERVICES and value}


def test_every_configured_launch_service_is_a_real_public_address() -> None:
    services = configured()
    assert services, "no launch service configured"
    for name, address in services.items():
        parts = urlsplit(address)
        assert parts.scheme == "https" and parts.hostname, f"{name}: {address!r} is not an https address"
        assert not PLACEHOLDER.search(address), f"{name}: {address!r} looks like a placeholder"


def launch_links(page: Path) -> dict[str, str]:
    """{service name: href} of a built page's launch dropdown."""
    html = page.read_text(encoding="utf-8")
    start = html.find("dropdown-launch-buttons")
    if start < 0:
        return {}
    end = html.find("</ul>", start)
    return {m["name"]: m["href"] for m in LAUNCH_LINK.finditer(html[start:end])}


@pytest.mark.build
def test_chapter_pages_launch_on_the_configured_services_only(site: Path) -> None:
    services = configured()
    chapters = sorted((site / "chapters").glob("*.html"))
    assert chapters
    for page in chapters:
        links = launch_links(page)
        assert set(links) == set(services), f"{page.name}: buttons {sorted(links)}, configured {sorted(services)}"
        for name, href in links.items():
            assert urlsplit(href).hostname == urlsplit(services[name]).hostname, (page.name, name, href)
            assert page.stem in href, f"{page.name}: the {name} button does not open this chapter: {href}"


def test_launch_links_are_read_from_the_dropdown(tmp_path: Path) -> None:
    page = tmp_path / "01-x.html"
    page.write_text('<div class="dropdown dropdown-launch-buttons"><ul>'
                    '<li><a href="https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/chapters/01-x.ipynb" '
                    'target="_blank"\n   class="btn btn-sm dropdown-item"\n   title="Launch on Binder"\n'
                    '   data-bs-placement="left" data-bs-toggle="tooltip">\n<span>Binder</span></a></li>'
                    '</ul></div><a href="https://x.org" title="Launch on Elsewhere">not in the dropdown</a>')
    assert launch_links(page) == {"Binder": "https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/chapters/01-x.ipynb"}
