"""Helper for the extensions that generate pages at build time (not an extension itself).

A generated page is rewritten only when its text changed, so that Sphinx does not see
a new file (and rebuild the pages that include it) on every build.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` (creating its folder) unless it already holds exactly that.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = Path(d) / "generated" / "page.md"
    ...     write_if_changed(target, "text")
    ...     before = target.stat().st_mtime_ns
    ...     write_if_changed(target, "text")
    ...     target.read_text(encoding="utf-8"), target.stat().st_mtime_ns == before
    ('text', True)
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
