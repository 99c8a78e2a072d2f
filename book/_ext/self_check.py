"""Sphinx extension: serve the self-check quiz script and style once, from the site.

A quiz cell's output (see :mod:`widgets.quiz`) carries its own copy of
``self-check.js`` and ``self-check.css`` so that it works in JupyterLab. In the book
those inline copies would repeat on every quiz, so this extension removes them from
the pages and serves the two files once from ``_static`` (the script deferred), read
from the package's ``quiz_assets`` folder: one source for both.
"""

from __future__ import annotations

import re

from docutils import nodes

INLINE = re.compile(r'<(script|style) class="self-check-inline">.*?</\1>', re.S)


def add_static_path(app) -> None:  # noqa: ANN001
    """Serve the package's quiz assets from the site's ``_static``."""
    from widgets.quiz import ASSET_DIR

    app.config.html_static_path.append(str(ASSET_DIR))


def strip_inline(app, doctree, docname) -> None:  # noqa: ANN001
    """Drop the inline copies of the quiz assets from every output."""
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if "self-check-inline" in text:
            raw.replace_self(nodes.raw("", INLINE.sub("", text), format="html"))


def setup(app):  # noqa: ANN001, ANN201
    app.connect("builder-inited", add_static_path)
    app.connect("doctree-resolved", strip_inline)
    app.add_js_file("self-check.js", defer="defer")
    app.add_css_file("self-check.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
