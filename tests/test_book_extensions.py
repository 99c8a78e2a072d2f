"""The book's own Sphinx extensions (book/_ext), tested without a build."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import api_docs
import execution_cache
import self_check
from docutils import nodes


def _app(tmp_path: Path) -> SimpleNamespace:
    out = tmp_path / "_build" / "html"
    out.mkdir(parents=True)
    return SimpleNamespace(config=SimpleNamespace(nb_execution_cache_path=""), outdir=str(out))


def test_the_execution_cache_is_cleared_exactly_when_the_package_changes(tmp_path: Path, monkeypatch) -> None:
    app = _app(tmp_path)
    cache = execution_cache.cache_path(app)
    assert cache == tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir()
    (cache / "entry").write_text("old outputs")
    execution_cache.check_fingerprint(app)  # first build with the extension: no stamp yet
    assert not cache.exists() and app.cytokines_widgets_changed
    cache.mkdir()
    (cache / "entry").write_text("fresh outputs")
    execution_cache.check_fingerprint(app)  # nothing changed
    assert (cache / "entry").exists() and not app.cytokines_widgets_changed
    from widgets.explorers import cache as frame_cache

    monkeypatch.setattr(frame_cache, "fingerprint_of", lambda folder: "edited widgets/")
    execution_cache.check_fingerprint(app)  # an edit in widgets/
    assert not cache.exists() and app.cytokines_widgets_changed


def test_the_execution_cache_is_cleared_when_a_sidecar_changes(tmp_path: Path, monkeypatch) -> None:
    """A quiz cell's code does not change when its sidecar does; its output must."""
    from widgets import chapter_data

    chapters = tmp_path / "chapters"
    chapters.mkdir()
    sidecar = chapters / "01-test.yml"
    sidecar.write_text("summary: before\n", encoding="utf-8")
    monkeypatch.setattr(chapter_data, "chapter_dir", lambda: chapters)
    app = _app(tmp_path)
    cache = execution_cache.cache_path(app)
    execution_cache.check_fingerprint(app)
    cache.mkdir()
    (cache / "entry").write_text("outputs")
    execution_cache.check_fingerprint(app)  # nothing changed
    assert (cache / "entry").exists() and not app.cytokines_widgets_changed
    sidecar.write_text("summary: after\n", encoding="utf-8")
    execution_cache.check_fingerprint(app)  # an edit in a sidecar
    assert not cache.exists() and app.cytokines_widgets_changed


def test_every_notebook_is_outdated_after_a_change(tmp_path: Path) -> None:
    app = _app(tmp_path)
    app.cytokines_widgets_changed = True
    env = SimpleNamespace(found_docs={"chapters/01", "book/intro"},
                          doc2path=lambda d: f"{d}.ipynb" if d.startswith("chapters") else f"{d}.md")
    assert execution_cache.outdated_notebooks(app, env, set(), set(), set()) == ["chapters/01"]
    app.cytokines_widgets_changed = False
    assert execution_cache.outdated_notebooks(app, env, set(), set(), set()) == []


def test_inline_quiz_assets_are_removed_from_pages() -> None:
    doctree = nodes.section()
    raw = nodes.raw("", '<div class="self-check">Q</div><style class="self-check-inline">x</style>'
                        '<script class="self-check-inline">y</script>', format="html")
    doctree += raw
    self_check.strip_inline(None, doctree, "chapters/01")
    (only,) = list(doctree.findall(nodes.raw))
    assert only.astext() == '<div class="self-check">Q</div>'


def test_incomplete_author_lists_read_et_al_in_the_bibliography() -> None:
    import citation_style
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    citation_style.setup(None)
    bib = parse_string(r"""@article{a, author={Noguchi, M. and Yi, H. and others}, title={T}, journal={J}, year={1993}}
@article{b, author={Zlotnik, A. and others}, title={T}, journal={J}, year={2012}}
@article{c, author={Ax, A. and By, B.}, title={T}, journal={J}, year={2012}}""", "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain_et_al")()
    text = {e.key: e.text.render_as("text") for e in style.format_entries(bib.entries.values())}
    assert text["a"].startswith("M. Noguchi, H. Yi, et al. T.")
    assert text["b"].startswith("A. Zlotnik et al. T.")
    assert text["c"].startswith("A. Ax and B. By. T.")  # complete lists unchanged


def test_author_year_labels_read_et_al_for_incomplete_lists() -> None:
    """The in-text label ("Noguchi et al., 1993") comes from ``author_or_editor_or_title``."""
    import citation_style
    from pybtex.database import parse_string

    bib = parse_string(r"""@article{a, author={Noguchi, M. and Yi, H. and others}, title={T}, journal={J}, year={1993}}
@article{c, author={Ax, A. and By, B. and Cy, C.}, title={T}, journal={J}, year={2012}}
@article{d, author={Ax, A. and By, B.}, title={T}, journal={J}, year={2012}}""", "bibtex")
    style = citation_style.AuthorYearEtAlStyle()

    def label(key: str, full: bool) -> str:
        node = style.person.author_or_editor_or_title(full=full)
        return node.format_data({"entry": bib.entries[key], "style": style}).render_as("text")

    assert label("a", False) == label("a", True) == "Noguchi et al."
    assert label("c", False) == "Ax et al."
    assert label("c", True) == "Ax, By, and Cy"  # complete lists stay complete
    assert label("d", False) == "Ax and By"


def test_the_map_of_the_book_lists_every_page_of_the_toc_with_chapter_summaries() -> None:
    import yaml
    from book_map import render_map

    root = Path(__file__).resolve().parents[1]
    text = render_map(root)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        assert f"**{part['caption']}**" in text
        for entry in part["chapters"]:
            assert f"{{doc}}`../{entry['file']}`" in text
            sidecar = root / f"{entry['file']}.yml"
            if sidecar.exists():
                assert yaml.safe_load(sidecar.read_text(encoding="utf-8"))["summary"] in text
    assert "coming" not in text.lower()


def test_the_map_follows_the_toc(tmp_path: Path) -> None:
    from book_map import render_map

    (tmp_path / "chapters").mkdir()
    (tmp_path / "_toc.yml").write_text("parts:\n  - caption: Chapters\n    numbered: true\n    chapters:\n"
                                       "      - file: chapters/01-a\n      - file: chapters/02-b\n"
                                       "  - caption: Back matter\n    chapters:\n      - file: book/glossary\n")
    (tmp_path / "chapters" / "01-a.yml").write_text("summary: First things.\n")
    assert render_map(tmp_path).splitlines() == [
        "**Chapters**", "", "1. {doc}`../chapters/01-a`: First things.", "2. {doc}`../chapters/02-b`", "",
        "**Back matter**", "", "- {doc}`../book/glossary`"]


def test_figure_archives_read_the_outputs_of_the_execution_cache(tmp_path: Path) -> None:
    """On a cache hit myst-nb saves the source notebook (PNG only); the archive reads the cache."""
    import types

    import figure_archives
    import nbformat
    from jupyter_cache import get_cache

    def notebook(outputs: dict[str, str]) -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("draw()", metadata={"mystnb": {"figure": {"name": "fig-x", "caption": "X"}}})
        cell.outputs = [nbformat.v4.new_output("display_data", data=outputs)]
        nb.cells = [cell]
        return nb

    png = "iVBORw0KGgo="
    executed = tmp_path / "executed.ipynb"
    nbformat.write(notebook({"image/png": png, "image/svg+xml": "<svg/>"}), executed)
    cache = get_cache(tmp_path / "cache")
    cache.cache_notebook_file(executed, check_validity=False)
    source = tmp_path / "chapters" / "01-x.ipynb"
    source.parent.mkdir()
    nbformat.write(notebook({"image/png": png}), source)
    (tmp_path / "out" / "chapters").mkdir(parents=True)
    nbformat.write(notebook({"image/png": png}), tmp_path / "out" / "chapters" / "01-x.ipynb")
    config = types.SimpleNamespace(execution_cache_path=str(tmp_path / "cache"), output_folder=str(tmp_path / "out"))
    app = types.SimpleNamespace(env=types.SimpleNamespace(doc2path=lambda d: str(tmp_path / f"{d}.ipynb"),
                                                          mystnb_config=config))
    read = figure_archives.executed_notebook(app, "chapters/01-x")
    assert read is not None
    assert [f.svg for f in figure_archives.chapter_figures(read)] == [b"<svg/>"]
    config.execution_cache_path = str(tmp_path / "empty-cache")  # no match: the saved copy
    read = figure_archives.executed_notebook(app, "chapters/01-x")
    assert read is not None
    assert [f.svg for f in figure_archives.chapter_figures(read)] == [None]


def test_the_api_reference_has_one_page_per_listed_module_and_no_stale_pages(tmp_path: Path) -> None:
    index = tmp_path / api_docs.INDEX
    index.parent.mkdir(parents=True)
    index.write_text("# API\n\n```{eval-rst}\n.. autosummary::\n\n   widgets.units\n   widgets.quiz\n```\n")
    app = SimpleNamespace(srcdir=str(tmp_path))
    stale = tmp_path / api_docs.PAGES / "widgets.removed.rst"
    stale.parent.mkdir()
    stale.write_text("old")
    api_docs.write_module_pages(app)
    pages = sorted(p.name for p in (tmp_path / api_docs.PAGES).iterdir())
    assert pages == ["widgets.quiz.rst", "widgets.units.rst"]
    units = tmp_path / api_docs.PAGES / "widgets.units.rst"
    assert units.read_text() == "widgets.units\n=============\n\n.. automodule:: widgets.units\n   :members:\n"
    written = units.stat().st_mtime_ns
    api_docs.write_module_pages(app)  # unchanged: not rewritten, so Sphinx does not re-read it
    assert units.stat().st_mtime_ns == written


def test_the_book_lists_every_module_of_its_api_index_in_order() -> None:
    modules = api_docs.listed_modules(Path(__file__).resolve().parents[1] / api_docs.INDEX)
    assert modules[0] == "widgets.units" and "widgets.models.raia2011" in modules
    assert len(modules) == len(set(modules))


def test_a_package_page_documents_only_what_the_package_defines() -> None:
    # widgets.catalog re-exports its modules' functions, each documented on its module's page.
    assert ":ignore-module-all:" in api_docs.module_page("widgets.catalog")
    assert ":ignore-module-all:" not in api_docs.module_page("widgets.catalog.queries")
