"""The book builds with zero warnings, and the built pages are self-contained and small."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE_BUDGET_BYTES = int(2.5 * 1024 * 1024)
SPHINX_WARNING = re.compile(r"(WARNING|ERROR|CRITICAL):")


def pages(site: Path) -> list[Path]:
    """Every HTML page of the book (not the copied assets or sources)."""
    return sorted(
        p for p in site.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.relative_to(site).parts)
    )


@pytest.mark.build
def test_book_builds_without_warnings(book_build) -> None:
    warnings = [line for line in book_build.log.splitlines() if SPHINX_WARNING.search(line)]
    assert book_build.returncode == 0, "\n".join(warnings[-30:]) or book_build.log[-3000:]
    assert not warnings, "\n".join(warnings)


@pytest.mark.build
def test_every_chapter_and_front_page_is_built(site: Path) -> None:
    built = {p.relative_to(site).as_posix() for p in pages(site)}
    for name in ("book/intro.html", "book/how-to-use.html", "book/glossary.html",
                 "book/bibliography.html", "book/how-to-cite.html"):
        assert name in built
    chapters = sorted(Path(site).parents[1].joinpath("chapters").glob("*.ipynb"))
    assert chapters
    for nb in chapters:
        assert f"chapters/{nb.stem}.html" in built, f"{nb.name} is not in the book (add it to _toc.yml)"


@pytest.mark.build
def test_pages_stay_under_the_size_budget(site: Path) -> None:
    too_big = {p.name: p.stat().st_size for p in pages(site) if p.stat().st_size > PAGE_BUDGET_BYTES}
    assert not too_big, f"pages over {PAGE_BUDGET_BYTES} bytes: {too_big}"


@pytest.mark.build
def test_pages_load_scripts_and_styles_only_from_the_site(site: Path) -> None:
    """No <script src> or stylesheet <link> points at another host."""
    external = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="(?:https?:)?//', re.I)
    offenders = {p.name: external.findall(p.read_text()) for p in pages(site)}
    assert not {k: v for k, v in offenders.items() if v}


@pytest.mark.build
def test_each_script_is_included_once(site: Path) -> None:
    for page in pages(site):
        html = page.read_text()
        srcs = re.findall(r'<script[^>]*\ssrc="([^"?]+)', html)
        assert len(srcs) == len(set(srcs)), (page.name, sorted(s for s in srcs if srcs.count(s) > 1))
        bodies = [b.strip() for b in re.findall(r"<script>(.*?)</script>", html, re.S)]
        assert len(bodies) == len(set(bodies)), (page.name, [b[:60] for b in bodies if bodies.count(b) > 1])


@pytest.mark.build
def test_widget_assets_are_served_from_the_site(site: Path) -> None:
    vendor = site / "_static" / "vendor"
    assert (vendor / "require.js").is_file()
    assert (vendor / "npm" / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js").is_file()
    assert (vendor / "mathjax" / "tex-chtml.js").is_file()
    # the manager fetches fonts relative to its modules' URLs: next to dist/ modules and
    # next to the modules named "@jupyter-widgets/<name>"
    for folder in ("npm/@jupyter-widgets/html-manager/dist", "npm/@jupyter-widgets"):
        assert list((vendor / folder).glob("*.woff2")), f"widget-manager fonts missing in {folder}"


@pytest.mark.build
def test_chapter_one_saves_its_explorer_state(site: Path, saved_explorers) -> None:
    html = (site / "chapters" / "01-what-are-cytokines.html").read_text()
    assert saved_explorers(html) >= 1
    assert 'alt=\\"Receptor occupancy against cytokine concentration for K_D' in html


@pytest.mark.build
def test_site_root_serves_a_favicon(site: Path) -> None:
    """Browsers ask every site for /favicon.ico; a 404 there shows up as a console error."""
    assert (site / "favicon.ico").is_file()
