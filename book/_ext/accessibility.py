"""Sphinx extension: ARIA roles in Sphinx's HTML that assistive technology cannot use.

Sphinx writes a bibliography as ``<div role="list" class="citation-list">`` holding
``<div class="citation" role="doc-biblioentry">`` entries. ARIA 1.3 deprecates
``doc-biblioentry``, and a ``list`` may only own ``listitem`` children, so screen
readers (and axe-core: aria-required-children, critical) find an empty list. Each
entry is given ``role="listitem"`` instead.

pydata-sphinx-theme opens and closes a section of the navigation (the API reference's
module pages) with a ``<summary>`` that holds only a chevron icon, so the control has no
name (axe-core: summary-name, serious). Each such ``<summary>`` is named after the page
whose section it opens.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

_BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')
_NAMELESS_TOGGLE = re.compile(
    r'(<a [^>]*>(?P<title>[^<]*)</a>\s*<details[^>]*>\s*)<summary>(?=\s*<span class="toctree-toggle")')


def fix_roles(body: str) -> str:
    """Bibliography entries become list items of their citation list.

    Examples
    --------
    >>> fix_roles('<div role="list" class="citation-list"><div class="citation" id="a" role="doc-biblioentry">')
    '<div role="list" class="citation-list"><div class="citation" id="a" role="listitem">'
    """
    return _BIBLIOENTRY.sub(r'\1 role="listitem"', body)


def name_toggles(html: str) -> str:
    """Give each icon-only ``<summary>`` of the navigation the name of its page's section.

    Examples
    --------
    >>> nav = name_toggles('<a class="reference" href="api.html">API reference</a><details open="open">'
    ...                    '<summary><span class="toctree-toggle"></span></summary>')
    >>> nav.split('<details open="open">')[1]
    '<summary aria-label="Pages under API reference"><span class="toctree-toggle"></span></summary>'
    """
    return _NAMELESS_TOGGLE.sub(lambda m: f'{m.group(1)}<summary aria-label="Pages under {m.group("title")}">', html)


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if body and "doc-biblioentry" in body:
        context["body"] = fix_roles(body)
    toctree = context.get("generate_toctree_html")  # set by pydata-sphinx-theme (priority 500)
    if toctree is not None:
        def named(kind: str, *args: Any, **kwargs: Any) -> Any:
            # "sidebar" gives the navigation (a BeautifulSoup tree); "raw" is left alone.
            nav = toctree(kind, *args, **kwargs)
            return Markup(name_toggles(str(nav))) if kind == "sidebar" else nav
        context["generate_toctree_html"] = named


def setup(app):  # noqa: ANN001, ANN201
    app.connect("html-page-context", page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
