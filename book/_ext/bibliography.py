"""The book's bibliography, read with pybtex (the parser sphinxcontrib-bibtex uses).

Where the bibliography lives is said once, in ``_config.yml`` (``bibtex_bibfiles``);
the build passes ``app.config.bibtex_bibfiles`` here and the tests read the same key.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pybtex.database import BibliographyData, Entry, parse_file

__all__ = ["entries", "keys"]


def entries(paths: Iterable[Path | str]) -> dict[str, Entry]:
    """Every entry of the given BibTeX files, by key.

    Raises
    ------
    ValueError
        If a key is defined twice (within or across files).
    """
    out: dict[str, Entry] = {}
    for path in paths:
        data: BibliographyData = parse_file(str(path), bib_format="bibtex")
        for key, entry in data.entries.items():
            if key in out:
                raise ValueError(f"{Path(path).name}: bib key {key!r} is defined twice")
            out[key] = entry
    return out


def keys(paths: Iterable[Path | str]) -> set[str]:
    """The entry keys of the given BibTeX files."""
    return set(entries(paths))
