"""Sphinx extension: ARIA roles in Sphinx's HTML that assistive technology cannot use.

Sphinx writes a bibliography as ``<div role="list" class="citation-list">`` holding
``<div class="citation" role="doc-biblioentry">`` entries. ARIA 1.3 deprecates
``doc-biblioentry``, and a ``list`` may only own ``listitem`` children, so screen
readers (and axe-core: aria-required-children, critical) find an empty list. Each
entry is given ``role="listitem"`` instead.
"""

from __future__ import annotations

import re
from typing import Any

_BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')


def fix_roles(body: str) -> str:
    """Bibliography entries become list items of their citation list.

    Examples
    --------
    >>> fix_roles('<div role="list" class="citation-list"><div class="citation" id="a" role="doc-biblioentry">')
    '<div role="list" class="citation-list"><div class="citation" id="a" role="listitem">'
    """
    return _BIBLIOENTRY.sub(r'\1 role="listitem"', body)


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if body and "doc-biblioentry" in body:
        context["body"] = fix_roles(body)


def setup(app):  # noqa: ANN001, ANN201
    app.connect("html-page-context", page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
