"""Sphinx extension: a "page not found" page with the book's navigation, for static hosts.

Static hosts (GitHub Pages, Netlify, most web servers' ``ErrorDocument``) answer a missing
address with the site's ``404.html``, at the missing address, whatever its depth
(``/chapters/old/name.html``). The page is the theme's page layout (navigation, search,
mode switch) rendered from ``templates/404.html`` through ``html_additional_pages``; its
``<head>`` starts with ``<base href>``, so its relative links resolve from the site's
root. The root is the path of ``html_baseurl`` (Jupyter Book: ``html: baseurl:`` in
``_config.yml``), ``/`` when it is unset. A GitHub project site lives under
``/<repository>/``: set ``baseurl`` to ``https://<owner>.github.io/<repository>/`` there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

PAGE = "404"
"""Page name (and so ``404.html``) of the not-found page."""


def site_root(baseurl: str) -> str:
    """The site's root path, from ``html_baseurl``.

    Examples
    --------
    >>> site_root(""), site_root("https://owner.github.io/cytokines"), site_root("https://example.org/")
    ('/', '/cytokines/', '/')
    """
    path = urlparse(baseurl).path if baseurl else "/"
    return path.rstrip("/") + "/"


def add_page(app: Any, config: Any) -> None:
    """Register the page and put ``templates/`` on the template path."""
    config.html_additional_pages = {**config.html_additional_pages, PAGE: "404.html"}
    folder = str(Path(__file__).with_name("templates"))
    if folder not in config.templates_path:
        config.templates_path.append(folder)


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == PAGE:
        context["book_base_href"] = site_root(app.config.html_baseurl)
        context["metatags"] = context.get("metatags", "") + '\n<meta name="robots" content="noindex" />'


def setup(app):  # noqa: ANN001, ANN201
    app.connect("config-inited", add_page)
    app.connect("html-page-context", page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
