"""Sphinx extension: serve the cytokine catalog as CSV files from the built site.

The catalog lives in ``widgets/data/*.tsv`` (see ``widgets/data/README.md``).
When an HTML build finishes, this extension validates the tables and writes
each one, unchanged in content, as a UTF-8 CSV file to

    <outdir>/_static/data/cytokines.csv
    <outdir>/_static/data/receptors.csv
    <outdir>/_static/data/drugs.csv

so that the catalog page can link to ``../_static/data/cytokines.csv`` and a
reader can download the data without Python.

A plain Markdown link to such a file, ``[cytokines.csv](../_static/data/cytokines.csv)``,
would otherwise make MyST look for a document or source file of that name and
warn ("cross-reference target not found"), because the file exists only in the
built site. A small post-transform, running just before MyST's own reference
resolver, turns exactly these links (``_static/data/*.csv``, with any number of
leading ``../``) into ordinary relative hyperlinks; every other link is left to
MyST. Writing into the output folder
(not the source tree) means nothing generated ever lands in the repository.
The files are written after Sphinx has copied ``html_static_path``, so nothing
overwrites them.

Enable it in ``_config.yml``::

    sphinx:
      local_extensions:
        catalog_downloads: book/_ext
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

TABLES: tuple[str, ...] = ("cytokines", "receptors", "drugs")
"""Names of the catalog tables, as in ``widgets/data/<name>.tsv``."""

DATA_URL_DIR = "_static/data"
"""Where the CSV files are served, relative to the site root."""


STATIC_DATA_LINK = re.compile(r"^(?:\.\./)*_static/data/[A-Za-z0-9_.-]+\.csv$")
"""Link targets this extension resolves itself (relative links to the served CSV files)."""


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def write_catalog_csvs(target: Path | str, data_dir: Path | str | None = None) -> list[Path]:
    """Convert the catalog's TSV tables to CSV files in ``target``.

    Cells are copied as text, exactly as they are in the TSV files (lists stay
    ``;``-separated); the CSV writer quotes a cell only when it contains a comma,
    a quote or a line break.

    Parameters
    ----------
    target : path-like
        Folder to write into; created if missing.
    data_dir : path-like, optional
        Folder holding ``cytokines.tsv``, ``receptors.tsv`` and ``drugs.tsv``;
        defaults to the package's ``widgets/data``.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of :data:`TABLES`.

    Raises
    ------
    FileNotFoundError
        If a TSV table is missing.
    ValueError
        If a row has a different number of fields from the header.
    """
    source = Path(data_dir) if data_dir is not None else _repo_root() / "widgets" / "data"
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        tsv = source / f"{name}.tsv"
        lines = tsv.read_text(encoding="utf-8").splitlines()
        rows = [line.split("\t") for line in lines if line.strip()]
        width = len(rows[0])
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != width:
                raise ValueError(
                    f"{tsv.name}: line {number} has {len(row)} fields, the header has {width}"
                )
        out = target / f"{name}.csv"
        with out.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([c.strip() for c in r] for r in rows)
        written.append(out)
    return written


def _validate_catalog() -> None:
    """Run the catalog's own validation, so the site never serves a broken table."""
    root = str(_repo_root())
    if root not in sys.path:
        sys.path.insert(0, root)
    from widgets import catalog  # noqa: PLC0415  (imported lazily: only the build needs it)

    catalog.validate()


def on_build_finished(app, exception) -> None:  # noqa: ANN001
    """Write the CSV files after a successful HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    _validate_catalog()
    written = write_catalog_csvs(Path(app.outdir) / DATA_URL_DIR)
    names = ", ".join(p.name for p in written)
    logger.info(f"catalog_downloads: wrote {names} to {DATA_URL_DIR}/")


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
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
