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


@pytest.mark.build
def test_incomplete_author_lists_read_et_al(site: Path) -> None:
    """``and others`` in references.bib is printed "et al." (book/_ext/citation_style.py)."""
    citation = re.compile(r">[^<>]*\band others,? \d{4}")  # "Noguchi and others, 1993" as link text
    offenders = [p.name for p in sorted((site / "chapters").glob("*.html"))
                 if citation.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    assert not re.search(r"\band others\b", (site / "book" / "bibliography.html").read_text(encoding="utf-8"))
    assert "et al." in (site / "book" / "bibliography.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_front_page_maps_every_chapter(site: Path) -> None:
    intro = (site / "book" / "intro.html").read_text(encoding="utf-8")
    for nb in sorted(Path(site).parents[1].joinpath("chapters").glob("*.ipynb")):
        assert f'href="../chapters/{nb.stem}.html"' in intro, f"the map of the book misses {nb.stem}"
    assert "(coming)" not in intro


@pytest.mark.build
def test_every_chapter_offers_its_figures_as_png_and_svg(site: Path) -> None:
    import json
    import zipfile

    root = Path(site).parents[1]
    for nb in sorted((root / "chapters").glob("*.ipynb")):
        page = (site / "chapters" / f"{nb.stem}.html").read_text(encoding="utf-8")
        link = f'href="../figures/{nb.stem}-figures.zip"'
        assert link in page, f"{nb.stem} has no figure archive link"
        names = set(zipfile.ZipFile(site / "figures" / f"{nb.stem}-figures.zip").namelist())
        assert "README.txt" in names
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        figures = [c["metadata"]["mystnb"]["figure"]["name"] for c in cells
                   if c["cell_type"] == "code" and "figure" in c.get("metadata", {}).get("mystnb", {})
                   and "solution" not in c["metadata"].get("tags", [])]
        explorers = sum("_explorer(" in "".join(c["source"]) for c in cells
                        if c["cell_type"] == "code" and "solution" not in c["metadata"].get("tags", []))
        for name in figures:
            assert {f"{name}.png", f"{name}.svg"} <= names, f"{nb.stem}: {name} is missing from the archive"
        shown = {n.rsplit(".", 1)[0] for n in names if n.startswith("explorer-")}
        assert len(shown) >= explorers, f"{nb.stem}: {explorers} explorers but {len(shown)} default views"
        assert all(f"{n}.svg" in names for n in shown)
