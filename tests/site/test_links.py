"""Every internal link and anchor of the built site resolves, checked offline.

LinkChecker (pinned in requirements-dev.in) crawls the site from ``index.html`` and
every page, over ``file://`` URLs: each page, stylesheet, script, font, image and
download a page or stylesheet points to must exist. Addresses on other hosts are only
syntax-checked (``tests/site/linkchecker.ini``); ``make linkcheck`` checks them against
the network.

Anchors (``page.html#target``) are checked here by reading every page once:
LinkChecker's AnchorCheck plugin parses the target page again for every distinct
anchor (1,305 of them in this book, 552 into the 1.5 MB API page), which takes far
longer than the build itself.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

CONFIG = Path(__file__).with_name("linkchecker.ini")


def pages(site: Path) -> list[Path]:
    """Every HTML page of the site (not the copied assets or sources)."""
    return sorted(p for p in site.rglob("*.html") if not {"_static", "_sources"} & set(p.relative_to(site).parts))


def _world_readable(site: Path) -> bool:
    """Can any user read every file of ``site`` (and reach it)?"""
    for folder in [site, *site.parents]:
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    for path in site.rglob("*"):
        need = stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)
        if path.stat().st_mode & need != need:
            return False
    return True


@contextmanager
def readable_by_linkchecker(site: Path) -> Iterator[Path]:
    """``site``, or a world-readable copy of it when LinkChecker would not be able to read it.

    Run as root, LinkChecker changes its user to ``nobody`` before it reads anything
    (and has no option to keep root), so the files must be readable by every user.
    """
    if os.geteuid() != 0 or _world_readable(site):
        yield site
        return
    tmp = Path(tempfile.mkdtemp(prefix="linkcheck-"))
    try:
        copy = tmp / "html"
        shutil.copytree(site, copy)
        for path in [tmp, *tmp.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield copy
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_linkchecker(site: Path, start: list[Path]) -> subprocess.CompletedProcess[str]:
    """LinkChecker with the book's offline configuration, started at ``start`` (paths in ``site``)."""
    linkchecker = Path(sys.executable).with_name("linkchecker")
    assert linkchecker.exists(), "LinkChecker is not installed (it is pinned in requirements-dev.in)"
    with readable_by_linkchecker(site) as readable:
        urls = [(readable / p.relative_to(site)).as_uri() for p in start]
        return subprocess.run([str(linkchecker), "--config", str(CONFIG), "--no-status", *urls],
                              capture_output=True, text=True, timeout=1200)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        if tag in {"a", "area"} and values.get("href"):
            self.links.append((values["href"] or "", self.getpos()[0]))


def broken_anchors(site: Path) -> list[str]:
    """Internal links ``page#anchor`` of ``site`` whose page has no element with that id."""
    parsed: dict[Path, _Anchors] = {}

    def parse(page: Path) -> _Anchors:
        if page not in parsed:
            parser = _Anchors()
            parser.feed(page.read_text(encoding="utf-8", errors="replace"))
            parsed[page] = parser
        return parsed[page]

    problems = []
    for page in pages(site):
        for href, line in parse(page).links:
            if urlsplit(href).scheme:  # another host, mailto:, data:, javascript:
                continue
            path, fragment = urldefrag(href)
            if not fragment:
                continue
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site)}:{line}: {href}"
            if not target.is_file():
                problems.append(f"{where}: no such file")
            elif target.suffix == ".html" and unquote(fragment) not in parse(target).ids:
                problems.append(f"{where}: no id {unquote(fragment)!r} in {target.relative_to(site.resolve())}")
    return problems


@pytest.mark.build
def test_every_internal_link_of_the_site_resolves(site: Path) -> None:
    proc = run_linkchecker(site, [site / "index.html", *pages(site)])
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-6000:]
    assert " 0 errors found" in out and " 0 warnings found" in out, out[-3000:]


@pytest.mark.build
def test_every_internal_anchor_of_the_site_resolves(site: Path) -> None:
    problems = broken_anchors(site)
    assert not problems, "\n".join(problems[:50])


def _toy_site(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text(
        '<html><body><h1 id="top">Toy</h1><a href="sub/page.html#here">ok</a> <a href="#top">ok</a>'
        '<a href="https://example.invalid/never-fetched">external</a></body></html>')
    (folder / "sub" / "page.html").write_text(
        '<html><body><p id="here">x</p><a href="../index.html#gone">bad anchor</a>'
        '<a href="missing.html">bad link</a></body></html>')
    return folder


def test_linkchecker_reports_a_missing_page_and_fetches_no_other_host(tmp_path: Path) -> None:
    site = _toy_site(tmp_path / "html")
    proc = run_linkchecker(site, [site / "index.html"])
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "missing.html" in out and " 1 error found" in out, out
    # fetched, the address on a host that cannot exist would be a second error
    assert "example.invalid" not in out, out


def test_the_anchor_check_reports_a_missing_anchor(tmp_path: Path) -> None:
    problems = broken_anchors(_toy_site(tmp_path / "html"))
    assert len(problems) == 1 and "'gone'" in problems[0] and problems[0].startswith("sub/page.html:1"), problems
