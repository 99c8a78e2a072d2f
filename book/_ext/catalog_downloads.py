"""Sphinx extension: check the catalog against the bibliography and serve it as CSV files.

When an HTML build finishes, this extension validates the catalog tables (every
bib key in a ``sources`` field must be in the bibliography that ``_config.yml``
names) and writes each table of :mod:`widgets.catalog` as a UTF-8 CSV file to

    <outdir>/_static/data/<table>.csv      (cytokines, receptors, complexes, drugs)

so that the catalog page can link to ``../_static/data/cytokines.csv`` and a reader
can download the data without Python. List cells are joined with ``;``; the
cytokine table includes the per-gene-product columns derived from the complexes.

A plain Markdown link to such a file would otherwise make MyST look for a document
of that name and warn ("cross-reference target not found"), because the file exists
only in the built site. A small post-transform, running just before MyST's own
reference resolver, turns exactly these links (``_static/data/*.csv``, with any
number of leading ``../``) into ordinary relative hyperlinks. Writing into the output
folder means nothing generated ever lands in the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

DATA_URL_DIR = "_static/data"
"""Where the CSV files are served, relative to the site root."""

STATIC_DATA_LINK = re.compile(r"^(?:\.\./)*_static/data/[A-Za-z0-9_.-]+\.csv$")
"""Link targets this extension resolves itself (relative links to the served CSV files)."""


def write_catalog_csvs(target: Path | str) -> list[Path]:
    """Write every catalog table as a CSV file in ``target`` (created if missing).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of :data:`widgets.catalog.TABLES`.
    """
    from widgets import catalog

    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in catalog.TABLES:
        frame = getattr(catalog, name)()
        frame = frame.apply(lambda col: col.map(lambda v: ";".join(v) if isinstance(v, tuple) else v))
        out = target / f"{name}.csv"
        frame.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
        written.append(out)
    return written


def on_build_finished(app, exception) -> None:  # noqa: ANN001
    """Validate the catalog and write the CSV files after a successful HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    import bibliography

    from widgets import catalog

    bib_files = [Path(app.confdir) / p for p in app.config.bibtex_bibfiles]
    catalog.validate(bib_keys=bibliography.keys(bib_files))
    written = write_catalog_csvs(Path(app.outdir) / DATA_URL_DIR)
    logger.info(f"catalog_downloads: wrote {', '.join(p.name for p in written)} to {DATA_URL_DIR}/")


class StaticDataLinks(SphinxPostTransform):
    """Turn Markdown links to ``_static/data/*.csv`` into plain relative hyperlinks."""

    default_priority = 8  # before MyST's MystReferenceResolver (priority 9)

    def run(self, **kwargs) -> None:  # noqa: ANN003
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = node.get("reftarget", "")
            if node.get("reftype") != "myst" or not STATIC_DATA_LINK.match(target):
                continue
            link = nodes.reference("", "", internal=False, refuri=target)
            link.extend(child.deepcopy() for child in node.children)
            node.replace_self(link)


def setup(app):  # noqa: ANN001, ANN201
    app.add_post_transform(StaticDataLinks)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
