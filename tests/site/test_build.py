"""The book builds with zero warnings, and the built pages are self-contained and small."""

from __future__ import annotations

import re
from html.parser import HTMLParser
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
def test_how_to_use_links_the_published_pdf(site: Path) -> None:
    """The "Reading offline or on paper" section links the PDF where the workflow publishes it (test_ci.py)."""
    import build_book
    from conftest import book_config

    config = book_config()
    url = config["sphinx"]["config"]["pdf_online_url"] + build_book.PDF_NAME
    page = site.joinpath("book", "how-to-use.html").read_text(encoding="utf-8")
    assert re.search(rf'<a class="pdf-edition reference external" href="{re.escape(url)}">PDF edition</a>', page)


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


# ---- page speed (book/_ext/page_speed.py) -------------------------------------------------

BLOCKING_SCRIPT_LIMIT_BYTES = 100 * 1024


class _Scripts(HTMLParser):
    """The ``<script src>`` tags of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))


def render_blocking_scripts(page: Path, site: Path, limit: int = BLOCKING_SCRIPT_LIMIT_BYTES) -> list[tuple[str, int]]:
    """Local scripts over ``limit`` bytes that a page loads without defer, async or type=module.

    Such a script stops the parser until it has downloaded and run, so nothing below it
    paints before then.
    """
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    found = []
    for attrs in parser.scripts:
        if "defer" in attrs or "async" in attrs or attrs.get("type") == "module":
            continue
        if (attrs.get("type") or "text/javascript") not in ("text/javascript", "application/javascript"):
            continue
        src = (attrs["src"] or "").split("?")[0].split("#")[0]
        target = (site / src.lstrip("/")) if src.startswith("/") else (page.parent / src)
        if target.is_file() and target.stat().st_size > limit:
            found.append((src, target.stat().st_size))
    return found


def test_render_blocking_check_finds_a_large_plain_script(tmp_path: Path) -> None:
    """The check below can fail: a plain <script src> of a big file is reported, deferred ones are not."""
    (tmp_path / "big.js").write_text("x" * (BLOCKING_SCRIPT_LIMIT_BYTES + 1))
    page = tmp_path / "page.html"
    page.write_text('<html><head><script src="big.js?v=1"></script><script defer src="big.js"></script>'
                    '<script async="async" src="big.js"></script><script type="module" src="big.js"></script>'
                    '</head><body><script src="./big.js"></script></body></html>')
    size = BLOCKING_SCRIPT_LIMIT_BYTES + 1
    assert render_blocking_scripts(page, tmp_path) == [("big.js", size), ("./big.js", size)]


@pytest.mark.build
def test_no_large_script_blocks_the_first_paint(site: Path) -> None:
    offenders = {p.relative_to(site).as_posix(): found for p in pages(site) + [site / "404.html"]
                 if (found := render_blocking_scripts(p, site))}
    assert not offenders, offenders


@pytest.mark.build
def test_explorer_frames_are_files_and_the_widget_state_comes_last(site: Path, saved_explorers) -> None:
    checked = 0
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        if not saved_explorers(html):
            continue
        state = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
        assert state is not None
        assert html.index("</main>") < state.start(), f"{page.name}: widget state before the page's content"
        assert "data:image/" not in state.group(1), f"{page.name}: frames still inline"
        frames = re.findall(r'src=\\"([^"\\]+/_images/frames/[0-9a-f]+\.(?:webp|png))\\" width=\\"\d+\\" '
                            r'height=\\"\d+\\" loading=\\"lazy\\"', state.group(1))
        assert frames, f"{page.name}: no frame files"
        missing = [f for f in frames if not (page.parent / f).is_file()]
        assert not missing, missing[:3]
        checked += 1
    assert checked >= 5


@pytest.mark.build
def test_no_font_awesome_script_and_icon_fonts_are_subsets(site: Path) -> None:
    assert not [p.name for p in pages(site) if "fontawesome.js" in p.read_text(encoding="utf-8")]
    fonts = site / "_static" / "fonts"
    for name in ("fa-solid-900.woff", "fa-brands-400.woff", "fa-regular-400.woff"):
        assert (fonts / name).is_file(), name
        assert (fonts / name).stat().st_size < 30_000, f"{name} is not a subset"
    css = (site / "_static" / "book.css").read_text(encoding="utf-8")
    assert 'url("fonts/fa-solid-900.woff")' in css


@pytest.mark.build
def test_only_the_search_page_loads_the_search_index(site: Path) -> None:
    loading = [p.relative_to(site).as_posix() for p in pages(site) if "searchindex.js" in p.read_text(encoding="utf-8")]
    assert loading == ["search.html"], loading


@pytest.mark.build
def test_no_search_field_in_a_bar_across_the_top(site: Path) -> None:
    """REPORT 3.4 / sphinx-book-theme#986: the header holds no persistent search field."""
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in html[:200]:
            continue  # index.html only redirects to the front page
        start = re.search(r'<header\b[^>]*class="bd-header', html)
        assert start is not None, f"{page.name}: no page header"
        header = html[start.start():html.index("</header>", start.start())]
        assert "search-button-field" not in header and "navbar-persistent" not in header, page.name
        # the sidebar keeps its search button (and Ctrl+K)
        assert "search-button-field" in html, f"{page.name}: no search button left"


# ---- the not-found page (book/_ext/not_found.py) ------------------------------------------


@pytest.mark.build
def test_not_found_page_has_the_navigation_and_links_from_the_site_root(site: Path) -> None:
    page = site / "404.html"
    html = page.read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    base = head.index('<base href="/" />')
    first_url = min(i for i in (head.find("<link"), head.find("<script src")) if i >= 0)
    assert base < first_url, "<base href> must come before every link of the page"
    assert "Page not found" in html and 'name="robots" content="noindex"' in html
    for nb in sorted(Path(site).parents[1].joinpath("chapters").glob("*.ipynb")):
        assert f'href="chapters/{nb.stem}.html"' in html, f"the navigation misses {nb.stem}"
    links = re.findall(r'(?:href|src)="([^"#:?]+)(?:[?#][^"]*)?"', html)
    assert len(links) > 20
    broken = sorted({u for u in links if not u.startswith("/") and not (site / u).exists()})
    assert not broken, broken


def test_the_answer_key_numbers_exercises_as_the_book_does(site: Path) -> None:
    from answer_key import ROOT, keys

    pages_by_chapter = {int(p.name[:2]): p.read_text(encoding="utf-8") for p in (site / "chapters").glob("0*.html")}
    for k in keys(ROOT):
        found = re.search(rf'id="{re.escape(k.exercise.label)}">\s*<p class="admonition-title">'
                          r'<span class="caption-number">([^<]+?)\s*</span>', pages_by_chapter[k.chapter])
        assert found, k.exercise.label
        assert found.group(1) == k.number, (k.exercise.label, found.group(1), k.number)

