"""Sphinx extension for this book: each script once on a page.

With Jupyter Book 1.0.4 the built pages list the inline snippets of
sphinx-togglebutton and sphinx-thebe twice; the doubled ``const THEBE_JS_URL``
then raises "Identifier 'THEBE_JS_URL' has already been declared" in the
browser. This extension drops exact duplicates (same file, same attributes,
same inline body) from every page's script list, keeping the first of each and
the order of the rest.
"""

from __future__ import annotations

from typing import Any


def _script_key(script: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    attributes = getattr(script, "attributes", {}) or {}
    # An inline snippet is stored once with filename None and once with "" (it is
    # re-registered from the registry), so both count as "no file".
    filename = getattr(script, "filename", script) or ""
    return str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items()))


def dedupe_scripts(app, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    """Remove repeated entries from ``context["script_files"]``."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):  # noqa: ANN001, ANN201
    app.connect("html-page-context", dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
