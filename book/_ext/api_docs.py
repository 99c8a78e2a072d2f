"""Sphinx extension for the API reference: one page per module, bib keys as citations.

``book/api.md`` lists the package's modules, by layer, in ``autosummary`` tables. When
the build starts, this extension writes one page per listed module,
``book/api/<module>.rst`` (title and ``automodule``), which ``_toc.yml`` includes by a
glob. One page for the whole package was too large to load fast (1.6 MB, about
39 000 elements). Pages are rewritten only when their text changes, and pages of
modules no longer listed are removed.

Docstrings name their sources by bib key (``References: grell1998``), which reads
well in Python. On the API pages each key that the bibliography defines is
turned into a ``:cite:p:`` reference, outside the Examples sections (where a key may
be part of a printed result).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

INDEX = Path("book") / "api.md"
PAGES = Path("book") / "api"


def listed_modules(index: Path) -> list[str]:
    """The modules named in the ``autosummary`` tables of the API index page, in order."""
    from sphinx.ext.autosummary.generate import find_autosummary_in_files  # the parser autosummary uses

    return [entry.name for entry in find_autosummary_in_files([str(index)])]


def module_page(module: str) -> str:
    """The reStructuredText of one module's API page.

    A package's ``__all__`` re-exports its modules' functions, which are documented on
    their own modules' pages; its page documents only what the package itself defines.
    """
    spec = importlib.util.find_spec(module)
    package = spec is not None and spec.submodule_search_locations is not None
    options = "   :members:\n" + ("   :ignore-module-all:\n" if package else "")
    return f"{module}\n{'=' * len(module)}\n\n.. automodule:: {module}\n{options}"


def write_module_pages(app) -> None:  # noqa: ANN001
    """Write ``book/api/<module>.rst`` for each listed module; remove pages of unlisted ones."""
    src = Path(app.srcdir)
    modules = listed_modules(src / INDEX)
    folder = src / PAGES
    folder.mkdir(exist_ok=True)
    for module in modules:
        page = folder / f"{module}.rst"
        text = module_page(module)
        if not page.exists() or page.read_text(encoding="utf-8") != text:
            page.write_text(text, encoding="utf-8")
    for page in folder.glob("*.rst"):
        if page.stem not in modules:
            page.unlink()


def _keys(app) -> set[str]:  # noqa: ANN001
    import bibliography

    if not hasattr(app, "_cytokines_bib_keys"):
        app._cytokines_bib_keys = bibliography.keys(Path(app.confdir) / p for p in app.config.bibtex_bibfiles)
    return app._cytokines_bib_keys


def cite_keys(app, what, name, obj, options, lines) -> None:  # noqa: ANN001
    """Replace bare bib keys by ``:cite:p:`` roles, except inside Examples sections."""
    keys = _keys(app)
    if not keys:
        return
    pattern = re.compile(r"(?<![\w`:/.-])(" + "|".join(sorted(map(re.escape, keys), key=len, reverse=True))
                         + r")(?![\w`-])")
    section = ""
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[i + 1].strip()) and line.strip():
            section = line.strip()
        if section == "Examples" or line.lstrip().startswith((">>>", "...")):
            continue
        lines[i] = pattern.sub(lambda m: f":cite:p:`{m.group(1)}`", line)


def setup(app):  # noqa: ANN001, ANN201
    # Before sphinx-external-toc resolves the glob in _toc.yml against the found documents.
    app.connect("builder-inited", write_module_pages)
    app.connect("autodoc-process-docstring", cite_keys, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
