"""Sphinx extension: re-execute the notebooks when the ``widgets`` package or a sidecar changes.

myst-nb's execution cache (jupyter-cache) keys each notebook on its own code cells,
so an edit in ``widgets/`` (a model, a figure, the catalog) or in a chapter's sidecar
(``chapters/NN-name.yml``, which its quiz cells read) would otherwise leave old
outputs and old explorer frames in the built book. This extension stores a
fingerprint of both (every file's path and content, see
:func:`widgets.explorers.cache.fingerprint_of`) next to the cache; when it differs at
the start of a build, the cache is cleared and every notebook is marked outdated, so
``make book`` is correct by default. Explorer frames are cached separately, by the same
fingerprint, so a re-execution after a change that does not touch a figure is quick.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

STAMP = "widgets-fingerprint.txt"
"""File beside the execution cache that records the fingerprint of the last execution."""

_CHANGED = "cytokines_widgets_changed"


def cache_path(app) -> Path:  # noqa: ANN001
    """Folder of myst-nb's execution cache for this build."""
    configured = getattr(app.config, "nb_execution_cache_path", "") or ""
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def inputs_fingerprint() -> str:
    """Fingerprint of what the notebooks read besides their own cells: the package and the sidecars."""
    import widgets
    from widgets.chapter_data import chapter_dir
    from widgets.explorers.cache import fingerprint_of

    package = fingerprint_of(Path(widgets.__file__).resolve().parent)
    sidecars = hashlib.sha256()
    for path in sorted(chapter_dir().glob("*.yml")):
        sidecars.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{package} {sidecars.hexdigest()}"


def check_fingerprint(app) -> None:  # noqa: ANN001
    """Clear the execution cache if the package or a sidecar changed since the notebooks were executed."""
    current = inputs_fingerprint()
    folder = cache_path(app)
    stamp = folder.parent / STAMP
    previous = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else None
    changed = previous != current
    if changed and folder.exists():
        logger.info("execution_cache: the widgets package or a sidecar changed; clearing %s", folder)
        shutil.rmtree(folder)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current + "\n", encoding="utf-8")
    setattr(app, _CHANGED, changed)


def outdated_notebooks(app, env, added, changed, removed) -> list[str]:  # noqa: ANN001
    """After a package change, every notebook must be read (and so executed) again."""
    if not getattr(app, _CHANGED, False):
        return []
    return [doc for doc in env.found_docs if Path(env.doc2path(doc)).suffix == ".ipynb" and doc not in added]


def setup(app):  # noqa: ANN001, ANN201
    app.connect("builder-inited", check_fingerprint)
    app.connect("env-get-outdated", outdated_notebooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
