"""The one reader of the package's tab-separated data files (private).

Every table under ``widgets/data/`` is UTF-8, tab-separated, one header line, no
quoting, and lists inside a cell separated by ``;``. Reading them all through
:func:`read_tsv` means one set of rules for blanks, whitespace and headers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

__all__ = ["LIST_SEP", "read_tsv", "split_list", "where"]

LIST_SEP = ";"
"""Separator of list items inside one cell."""


def read_tsv(path: Path | str, columns: Iterable[str]) -> pd.DataFrame:
    """Read a data table as stripped strings and check that its header is ``columns``.

    Parameters
    ----------
    path : path-like
        The ``.tsv`` file.
    columns : iterable of str
        The expected header, in order.

    Returns
    -------
    pandas.DataFrame
        All cells as ``str`` (empty cells are ``""``), columns in the expected order.

    Raises
    ------
    ValueError
        If the header lacks an expected column or has an unexpected one.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as fh:
    ...     _ = fh.write("a\\tb\\n 1 \\tx;y\\n")
    >>> read_tsv(fh.name, ["a", "b"]).iloc[0].tolist(); os.remove(fh.name)
    ['1', 'x;y']
    """
    path = Path(path)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_filter=False,
                        quoting=csv.QUOTE_NONE, encoding="utf-8")
    expected = list(columns)
    missing = [c for c in expected if c not in frame.columns]
    extra = [c for c in frame.columns if c not in expected]
    if missing or extra:
        raise ValueError(f"{path.name}: header must be {expected}; missing {missing}, unexpected {extra}")
    return frame[expected].apply(lambda col: col.str.strip())


def split_list(value: object) -> list[str]:
    """Split a ``;``-separated cell into stripped, non-empty items.

    Examples
    --------
    >>> split_list(" JAK1; JAK3 ;"), split_list("")
    (['JAK1', 'JAK3'], [])
    """
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return []
    return [part.strip() for part in str(value).split(LIST_SEP) if part.strip()]


def where(path: Path | str, index: int, key: str, field: str) -> str:
    """Where a cell sits, for error messages: file, line (the header is line 1), row key, field.

    Examples
    --------
    >>> where("drugs.tsv", 0, "tocilizumab", "targets")
    "drugs.tsv: line 2 (tocilizumab), field 'targets'"
    """
    return f"{Path(path).name}: line {index + 2} ({key}), field '{field}'"
