"""Sphinx extension for the API reference: bib keys in docstrings become citations.

Docstrings name their sources by bib key (``References: grell1998``), which reads
well in Python. On the book's API page each key that the bibliography defines is
turned into a ``:cite:p:`` reference, outside the Examples sections (where a key may
be part of a printed result).
"""

from __future__ import annotations

import re
from pathlib import Path

_SECTION = re.compile(r"^([A-Z][A-Za-z ]+)\n-{3,}$")


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
    app.connect("autodoc-process-docstring", cite_keys, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
