"""Sphinx extension: a live explorer shows its default view as a static image until it runs.

myst-nb renders a widget output as a bare ``<script type="application/vnd.jupyter.widget-view+json">``;
if the widget's script cannot run (scripts off, a module that fails to load), the reader
would see nothing. A live explorer (:class:`widgets.explorers.live.LiveExplorer`) carries
its default view as PNG in the same output, and its plain-text form starts with
``LiveExplorer(`` and names the view's alt text. For those outputs this post-transform,
which runs before myst-nb picks one MIME type per output, puts the PNG (in a
``<div class="live-fallback">``, with the alt text) just before the widget script. The
widget's code hides it once the live plot has been drawn (``view.js``, ``hideFallback``).
Frame explorers and other outputs are left alone.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MARKER = "LiveExplorer("
ALT_PREFIX = "Default view: "


def _text(container: nodes.Element) -> str:
    return container.astext() if container is not None else ""


class LiveFallback(SphinxPostTransform):
    """Copy the PNG of each live explorer's output in front of its widget view (HTML only)."""

    default_priority = 3  # before myst-nb's SelectMimeType (4)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            by_type = {child.get("mime_type"): child for child in bundle.children if isinstance(child, nodes.Element)}
            view, png, plain = by_type.get(WIDGET_VIEW), by_type.get("image/png"), by_type.get("text/plain")
            text = _text(plain)
            if view is None or png is None or not text.startswith(MARKER):
                continue
            images = [n for n in png.findall(nodes.image)]
            if not images:
                continue
            image = images[0].deepcopy()
            alt = next((line[len(ALT_PREFIX):] for line in text.splitlines() if line.startswith(ALT_PREFIX)), "")
            image["alt"] = alt or "Static view of the live explorer"
            image["classes"] = ["live-fallback-image"]
            fallback = nodes.container(classes=["live-fallback"])
            fallback += image
            view.insert(0, fallback)


def setup(app):  # noqa: ANN001, ANN201
    app.add_post_transform(LiveFallback)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
