"""Sphinx extension: each chapter's figures for slides, as PNG and SVG, in one archive.

At the start of a build it sets ``CYTOKINES_FIGURE_FORMATS=png,svg`` (see
:data:`widgets.figures.style.FIGURE_FORMATS_ENV`), so the kernels that myst-nb starts
store every figure as PNG and SVG, and every explorer adds its default view in both
formats to its output. The page still shows PNG (``nb_mime_priority_overrides`` in
``_config.yml``) and the live explorer.

When a chapter page is written, the extension reads the chapter as the build executed
it (from the execution cache, :func:`executed_notebook`), writes ``figures/<chapter>-figures.zip`` into the
site (one PNG and one SVG per figure, named by its figure label, plus a list of
captions and the licence) and ends the page with a "Figures for slides" link to it.
Figures inside solutions and removed cells are left out.
"""

from __future__ import annotations

import base64
import codecs
import functools
import json
import os
import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes

ARCHIVE_FOLDER = "figures"
"""Folder of the archives inside the built site."""

_SKIP_TAGS = {"solution", "remove-cell", "remove-output"}
_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed time stamps: the same figures give the same archive


@dataclass(frozen=True)
class FigureFile:
    """One figure of a chapter: its file name (without suffix), caption and images."""

    name: str
    caption: str
    png: bytes
    svg: bytes | None


_CITE = re.compile(r"\{cite(?::(p|t))?\}`([^`]+)`")


def _text(latex: str) -> str:
    """BibTeX text as plain Unicode (``Massagu{\\'e}`` -> ``Massagué``)."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec; a pybtex dependency)

    decoded: str = codecs.decode(latex, "ulatex")  # type: ignore[call-overload]  # the str -> str form
    return re.sub(r"[{}]", "", decoded)


def short_citation(entry: Any) -> str:
    r"""The book's author-year form: ``Surname 2000``, ``A and B 2000``, ``A et al. 2000``.

    Examples
    --------
    >>> from pybtex.database import Entry, Person
    >>> e = Entry("article", fields={"year": "2008"}, persons={"author": [Person("Massagu{\\'e}, J.")]})
    >>> short_citation(e)
    'Massagué 2008'
    >>> e.persons["author"].append(Person("Yoshie, O."))
    >>> short_citation(e)
    'Massagué and Yoshie 2008'
    """
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_text(" ".join(p.last_names)) for p in people]
    year = entry.fields.get("year", "n.d.")
    if not names:
        return f"{_text(entry.fields.get('title', '?'))} {year}"
    if len(names) == 2:
        return f"{names[0]} and {names[1]} {year}"
    return f"{names[0]}{' et al.' if len(names) > 2 else ''} {year}"


@functools.cache
def _citations(bib_files: tuple[str, ...]) -> dict[str, str]:
    """Key -> :func:`short_citation` for every entry (read once per build, not per chapter)."""
    import bibliography

    return {key: short_citation(entry) for key, entry in bibliography.entries(bib_files).items()}


def _plain(text: str, citations: Mapping[str, str] | None = None) -> str:
    """Caption text without MyST roles and markup (``{term}`IL-2``` -> ``IL-2``).

    Citations become ``(Magyari et al. 2014; Zlotnik and Yoshie 2000)`` with ``citations``
    (key -> :func:`short_citation`), the keys themselves without.

    Examples
    --------
    >>> _plain("Masses {cite:p}`a2014,b2000` from {term}`IL-2 <interleukin-2>`.", {"a2014": "A et al. 2014"})
    'Masses (A et al. 2014; b2000) from IL-2.'
    """
    def cite(match: re.Match[str]) -> str:
        keys = [k.strip() for k in match.group(2).split(",")]
        shown = [(citations or {}).get(k, k) for k in keys]
        return "; ".join(shown) if match.group(1) == "t" else f"({'; '.join(shown)})"

    text = _CITE.sub(cite, text)
    text = re.sub(r"\{[a-z:]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "explorer"


def chapter_figures(notebook: dict[str, Any], citations: Mapping[str, str] | None = None) -> list[FigureFile]:
    """The figures and explorer default views of an executed notebook, in page order.

    Parameters
    ----------
    notebook : dict
        The notebook as JSON (nbformat 4).
    citations : mapping, optional
        Bibliography key -> short citation, for the captions (see :func:`_plain`).

    Returns
    -------
    list of FigureFile
        Named by the cell's figure label (``fig-ch2-families``), by the explorer's title
        (``explorer-...``), or by the cell's position.

    Examples
    --------
    >>> png = base64.b64encode(b"\\x89PNG").decode()
    >>> nb = {"cells": [{"cell_type": "code", "metadata": {"mystnb": {"figure": {"name": "fig-a", "caption": "A"}}},
    ...        "outputs": [{"output_type": "display_data", "data": {"image/png": png}, "metadata": {}}]}]}
    >>> [(f.name, f.caption, f.svg) for f in chapter_figures(nb)]
    [('fig-a', 'A', None)]
    """
    from widgets.explorers.core import EXPLORER_METADATA

    found: list[FigureFile] = []
    names: set[str] = set()
    for index, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "code" or _SKIP_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            explorer = output.get("metadata", {}).get(EXPLORER_METADATA)
            if figure.get("name"):
                name, caption = figure["name"], _plain(figure.get("caption", ""), citations)
            elif explorer is not None:
                name = f"explorer-{_slug(explorer.get('title', '').split(':')[0])}"
                caption = f"Explorer, default view: {explorer.get('title', '')}. {explorer.get('alt', '')}".strip()
            else:
                name, caption = f"figure-cell-{index}", ""
            base, n = name, 2
            while name in names:
                name, n = f"{base}-{n}", n + 1
            names.add(name)
            svg = data.get("image/svg+xml")
            if isinstance(svg, list):
                svg = "".join(svg)
            found.append(FigureFile(name, caption, base64.b64decode(data["image/png"]),
                                    svg.encode("utf-8") if svg else None))
    return found


def write_archive(figures: list[FigureFile], target: Path, *, title: str, licence: str) -> None:
    """Write the figures, their captions and the licence into a zip file (deterministic)."""
    lines = [f"Figures for slides: {title}", "", licence, "", "Files:"]
    for f in figures:
        kinds = "PNG and SVG" if f.svg else "PNG"
        lines.append(f"- {f.name} ({kinds}){': ' + f.caption if f.caption else ''}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, payload: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)

        add("README.txt", ("\n".join(lines) + "\n").encode("utf-8"))
        for f in figures:
            add(f"{f.name}.png", f.png)
            if f.svg:
                add(f"{f.name}.svg", f.svg)


def set_figure_formats(app, config) -> None:  # noqa: ANN001
    """Ask the build's kernels for PNG and SVG figures (they inherit the environment)."""
    from widgets.figures.style import FIGURE_FORMATS, FIGURE_FORMATS_ENV

    os.environ[FIGURE_FORMATS_ENV] = ",".join(FIGURE_FORMATS)


def executed_notebook(app, docname: str) -> dict[str, Any] | None:  # noqa: ANN001
    """The chapter as the build executed it, with the PNG and SVG outputs of its kernel.

    The execution cache holds those outputs. myst-nb's copy in ``jupyter_execute`` is not
    enough: when the outputs come from the cache it writes the source notebook there,
    whose stored outputs are PNG only. That copy is used only when the cache has no
    match (a build with caching off).
    """
    import nbformat

    source = Path(app.env.doc2path(docname))
    cache_path = app.env.mystnb_config.execution_cache_path
    if source.suffix == ".ipynb" and cache_path:
        from jupyter_cache import get_cache

        try:
            _, merged = get_cache(cache_path).merge_match_into_notebook(nbformat.read(source, as_version=4))
        except KeyError:
            pass
        else:
            return json.loads(nbformat.writes(merged))
    executed = Path(app.env.mystnb_config.output_folder) / f"{docname}.ipynb"
    return json.loads(executed.read_text(encoding="utf-8")) if executed.exists() else None


def add_archive(app, doctree, docname: str) -> None:  # noqa: ANN001
    """Write the chapter's archive and link it at the end of the page."""
    if app.builder.format != "html" or not docname.startswith("chapters/"):
        return
    notebook = executed_notebook(app, docname)
    if notebook is None:
        return
    bib_files = tuple(str(Path(app.confdir) / p) for p in app.config.bibtex_bibfiles)
    figures = chapter_figures(notebook, _citations(bib_files))
    if not figures:
        return
    stem = docname.split("/")[-1]
    relative = f"{ARCHIVE_FOLDER}/{stem}-figures.zip"
    title = app.env.titles[docname].astext() if docname in app.env.titles else stem
    book = app.config.html_title or app.config.project
    write_archive(figures, Path(app.outdir) / relative, title=title,
                  licence=f"From {book}, (c) {app.config.copyright} {app.config.author}. "
                          "Figures licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/): "
                          "credit the book when you reuse them.")
    n_svg = sum(1 for f in figures if f.svg)
    sections = list(doctree.findall(nodes.section))
    if not sections:
        return
    link = nodes.reference("", f"{stem}-figures.zip", refuri=posixpath.relpath(relative, posixpath.dirname(docname)))
    paragraph = nodes.paragraph(classes=["figure-downloads"])
    paragraph += nodes.Text(f"Every figure and explorer default view of this chapter ({len(figures)} in all, "
                            f"{'as PNG and SVG' if n_svg == len(figures) else 'as PNG, SVG where available'}), "
                            "with captions, in one archive for slides: ")
    paragraph += link
    paragraph += nodes.Text(".")
    sections[0] += [nodes.rubric("", "Figures for slides"), paragraph]


def setup(app):  # noqa: ANN001, ANN201
    app.connect("config-inited", set_figure_formats)
    app.connect("doctree-resolved", add_archive)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
