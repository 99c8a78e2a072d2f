"""Counting approvals in the drug table: by year, by mechanism, molecule type or target class.

Pure functions on a drug table (a :class:`pandas.DataFrame` with at least the columns
``inn``, ``targets`` (a tuple of HGNC symbols), ``mechanism``, ``molecule_type`` and
``first_approval_year``), so that the chapter, the figures and the explorers count the
same way. The target classes are derived from the catalog's receptor classes:

``"JAK"``
    the drug inhibits a Janus kinase;
``"chemokine or complement receptor"``
    it acts on a G-protein-coupled receptor (a chemokine receptor, or C5aR1);
``"receptor chain"``
    it acts on another cytokine receptor chain;
``"cytokine"``
    it acts on, is, or mimics a cytokine.

Examples
--------
>>> import pandas as pd
>>> toy = pd.DataFrame({"inn": ["a", "b", "c"], "targets": [("TNF",), ("IL6R",), ("JAK1", "JAK2")],
...                     "mechanism": ["ligand block", "receptor block", "kinase inhibitor"],
...                     "molecule_type": ["monoclonal antibody"] * 2 + ["small molecule"],
...                     "first_approval_year": [1998, 2010, 2011]})
>>> cumulative_approvals(toy, "mechanism", years=range(2009, 2012))
      ligand block  receptor block  kinase inhibitor
2009             1               0                 0
2010             1               1                 0
2011             1               1                 1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from widgets.models._checks import unknown_name

__all__ = ["GROUPINGS", "TARGET_CLASSES", "cumulative_approvals", "target_class", "with_target_class"]

TARGET_CLASSES: tuple[str, ...] = ("cytokine", "receptor chain", "chemokine or complement receptor", "JAK")
"""Target classes, in the order the book lists them."""

GROUPINGS: dict[str, str] = {
    "mechanism": "what the drug does",
    "molecule_type": "kind of molecule",
    "target_class": "what it acts on",
}
"""Columns :func:`cumulative_approvals` can group by, with a description of each."""

_JAKS = frozenset({"JAK1", "JAK2", "JAK3", "TYK2"})


def target_class(targets: Iterable[str], receptor_classes: Mapping[str, str]) -> str:
    """The target class of one drug (see the module docstring).

    Parameters
    ----------
    targets : iterable of str
        The drug's targets (HGNC symbols).
    receptor_classes : mapping
        Receptor-chain symbol -> receptor class, as in the catalog's receptor table.

    Examples
    --------
    >>> classes = {"CCR5": "chemokine receptor (GPCR)", "IL6R": "type I cytokine receptor"}
    >>> target_class(["CCR5"], classes), target_class(["IL6R"], classes), target_class(["TNF"], classes)
    ('chemokine or complement receptor', 'receptor chain', 'cytokine')
    >>> target_class(["JAK1", "ACVR1"], classes)
    'JAK'
    """
    targets = list(targets)
    if any(t in _JAKS for t in targets):
        return "JAK"
    classes = [receptor_classes[t] for t in targets if t in receptor_classes]
    if any("GPCR" in c for c in classes):
        return "chemokine or complement receptor"
    if classes:
        return "receptor chain"
    return "cytokine"


def with_target_class(drugs: pd.DataFrame, receptor_classes: Mapping[str, str]) -> pd.DataFrame:
    """A copy of the drug table with a ``target_class`` column added.

    Examples
    --------
    >>> toy = pd.DataFrame({"inn": ["x"], "targets": [("IL6R",)]})
    >>> with_target_class(toy, {"IL6R": "type I cytokine receptor"})["target_class"].tolist()
    ['receptor chain']
    """
    out = drugs.copy()
    out["target_class"] = [target_class(t, receptor_classes) for t in out["targets"]]
    return out


def cumulative_approvals(drugs: pd.DataFrame, by: str, *, years: Iterable[int] | None = None,
                         max_groups: int | None = None) -> pd.DataFrame:
    """Cumulative number of first approvals per year, one column per group.

    Parameters
    ----------
    drugs : pandas.DataFrame
        The drug table (with ``target_class`` added by :func:`with_target_class` if you
        group by it).
    by : str
        A column of ``drugs`` to group by, for example one of :data:`GROUPINGS`.
    years : iterable of int, optional
        The years of the index (default: from the first approval to the last).
    max_groups : int, optional
        Keep at most this many columns: the largest ``max_groups - 1`` groups and one
        column ``"other"`` that adds up the rest (default: every group).

    Returns
    -------
    pandas.DataFrame
        Index: years; columns: groups, ordered by their final count (largest first, ties
        in order of first approval); values: drugs approved up to and including that year.

    Raises
    ------
    KeyError
        If ``by`` is not a column of ``drugs``.

    Examples
    --------
    >>> toy = pd.DataFrame({"x": ["a", "b", "a"], "first_approval_year": [1990, 1991, 1993]})
    >>> cumulative_approvals(toy, "x").loc[1993].tolist()
    [2, 1]
    >>> toy3 = pd.DataFrame({"x": ["a", "b", "c", "a"], "first_approval_year": [1990, 1991, 1992, 1993]})
    >>> cumulative_approvals(toy3, "x", max_groups=2).loc[1993].to_dict()
    {'a': 2, 'other': 2}
    """
    if by not in drugs.columns:
        raise unknown_name("column", by, [str(c) for c in drugs.columns])
    year = drugs["first_approval_year"].astype(int)
    index = list(years) if years is not None else list(range(int(year.min()), int(year.max()) + 1))
    first = drugs.assign(_year=year).groupby(by, sort=False)["_year"].min()
    totals = drugs[by].value_counts()
    order = sorted(totals.index, key=lambda g: (-int(totals[g]), int(first[g]), str(g)))
    if max_groups is not None and max_groups < 1:
        raise ValueError(f"max_groups must be at least 1, got {max_groups!r}")
    data = {g: [int(((drugs[by] == g) & (year <= y)).sum()) for y in index] for g in order}
    if max_groups is not None and len(order) > max_groups:
        kept, rest = order[:max_groups - 1], order[max_groups - 1:]
        data = {g: data[g] for g in kept} | {"other": [int((drugs[by].isin(rest) & (year <= y)).sum())
                                                      for y in index]}
    out = pd.DataFrame(data, index=index)
    out.columns.name = None
    return out
