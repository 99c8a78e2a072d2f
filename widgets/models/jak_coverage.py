"""Which cytokine signals a JAK inhibitor blocks, from the JAKs each complex uses.

A cytokine receptor complex signals through the JAKs bound to its chains (for example
IL-2 through JAK1 and JAK3, erythropoietin through a JAK2 pair). A JAK inhibitor is
described here by the JAKs it inhibits at its approved doses, each at one of two
levels:

``primary``
    a JAK the drug is designed against and inhibits at clinical exposure;
``secondary``
    a JAK it inhibits more weakly (less potently in published assays), so that some
    signalling through it is lost at clinical exposure.

The inhibitors' levels are in ``widgets/data/jak_selectivity.tsv`` with the page each
was read on. They are **approximate**: selectivity depends on the assay (enzyme or
whole blood), the dose and the cytokine, and the published rankings differ in detail.

The coverage rule is a deliberate simplification for teaching. A complex needs every
one of its JAKs to signal, so it counts as

* ``"blocked"`` when at least one of its JAKs is a primary target;
* ``"partly blocked"`` when none is primary but at least one is secondary;
* ``"spared"`` otherwise.

Real inhibition is graded (a JAK1-selective drug still dampens some JAK2 signalling,
and pairs of JAKs are not equally sensitive), so the three labels describe tendencies,
not measured percentages.

Examples
--------
>>> profile("deucravacitinib")
{'TYK2': 'primary'}
>>> complex_status(["JAK2", "JAK2"], profile("upadacitinib"))
'partly blocked'
>>> complex_status(["JAK1", "JAK3"], profile("fedratinib"))
'spared'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from widgets._tsv import read_tsv, where
from widgets.models._checks import unknown_name

__all__ = [
    "COVERAGE_LEVELS",
    "JAKS",
    "SELECTIVITY_COLUMNS",
    "SELECTIVITY_LEVELS",
    "complex_status",
    "coverage",
    "coverage_by_jak_set",
    "inhibitors",
    "jak_complexes",
    "jak_profile",
    "profile",
    "selectivity",
    "spared",
    "validate_selectivity",
]

JAKS: tuple[str, ...] = ("JAK1", "JAK2", "JAK3", "TYK2")
"""The four Janus kinases, by HGNC symbol."""

SELECTIVITY_LEVELS: tuple[str, ...] = ("primary", "secondary")
"""Allowed values of the ``level`` column of ``jak_selectivity.tsv``."""

COVERAGE_LEVELS: tuple[str, ...] = ("spared", "partly blocked", "blocked")
"""What :func:`complex_status` returns, from least to most affected."""

SELECTIVITY_COLUMNS: tuple[str, ...] = ("inn", "jak", "level", "evidence", "note")
"""Header of ``jak_selectivity.tsv``."""

SELECTIVITY_PATH = Path(__file__).resolve().parents[1] / "data" / "jak_selectivity.tsv"
"""The selectivity table shipped with the package."""


def validate_selectivity(table: pd.DataFrame, path: Path | str = SELECTIVITY_PATH.name) -> None:
    """Check a selectivity table; raise :class:`ValueError` naming the line at fault.

    Rules: ``inn`` non-empty and lower case; ``jak`` one of :data:`JAKS`; ``level``
    one of :data:`SELECTIVITY_LEVELS`; one row per inhibitor and JAK; ``evidence`` a
    single ``http(s)`` address; every inhibitor has at least one primary JAK.

    Examples
    --------
    >>> bad = pd.DataFrame({"inn": ["x"], "jak": ["JAK5"], "level": ["primary"],
    ...                     "evidence": ["https://example.org"], "note": [""]})
    >>> validate_selectivity(bad, "toy.tsv")
    Traceback (most recent call last):
    ...
    ValueError: toy.tsv: line 2 (x), field 'jak': 'JAK5' is not a JAK; allowed: JAK1, JAK2, JAK3, TYK2
    """
    for i, row in enumerate(table.itertuples(index=False)):
        inn = row.inn
        if not inn or inn != inn.lower():
            raise ValueError(f"{where(path, i, inn, 'inn')}: give the INN in lower case, got {inn!r}")
        if row.jak not in JAKS:
            raise ValueError(f"{where(path, i, inn, 'jak')}: {row.jak!r} is not a JAK; allowed: {', '.join(JAKS)}")
        if row.level not in SELECTIVITY_LEVELS:
            raise ValueError(f"{where(path, i, inn, 'level')}: {row.level!r} is not a level; "
                             f"allowed: {', '.join(SELECTIVITY_LEVELS)}")
        evidence = row.evidence
        if not evidence.startswith(("http://", "https://")) or any(c.isspace() or c == ";" for c in evidence):
            raise ValueError(f"{where(path, i, inn, 'evidence')}: give one http(s) address, got {evidence!r}")
    duplicated = table.duplicated(["inn", "jak"], keep="first")
    if duplicated.any():
        i = int(duplicated.to_numpy().nonzero()[0][0])
        row = table.iloc[i]
        raise ValueError(f"{where(path, i, row['inn'], 'jak')}: {row['inn']} lists {row['jak']} twice")
    primaries = table.loc[table["level"] == "primary", "inn"]
    missing = sorted(set(table["inn"]) - set(primaries))
    if missing:
        raise ValueError(f"{Path(path).name}: no primary JAK for {', '.join(missing)}")


@functools.lru_cache(maxsize=1)
def _selectivity() -> pd.DataFrame:
    table = read_tsv(SELECTIVITY_PATH, SELECTIVITY_COLUMNS)
    validate_selectivity(table, SELECTIVITY_PATH)
    return table


def selectivity() -> pd.DataFrame:
    """The selectivity table: one row per inhibitor and JAK it inhibits (a copy).

    Returns
    -------
    pandas.DataFrame
        Columns ``inn``, ``jak``, ``level``, ``evidence`` (the page the level was read
        on) and ``note``. Levels are approximate (see the module docstring).

    Examples
    --------
    >>> s = selectivity()
    >>> sorted(s.loc[s["inn"] == "tofacitinib", "jak"])
    ['JAK1', 'JAK2', 'JAK3']
    """
    return _selectivity().copy()


def inhibitors() -> list[str]:
    """The inhibitors in the selectivity table, in table order.

    Examples
    --------
    >>> inhibitors()[:3]
    ['tofacitinib', 'baricitinib', 'upadacitinib']
    """
    return list(dict.fromkeys(_selectivity()["inn"]))


def profile(inn: str) -> dict[str, str]:
    """The JAKs one inhibitor blocks, each with its level.

    Parameters
    ----------
    inn : str
        International non-proprietary name, as in the drug table (case-insensitive).

    Returns
    -------
    dict of str to str
        JAK symbol -> ``"primary"`` or ``"secondary"``.

    Raises
    ------
    KeyError
        If the inhibitor is not in the selectivity table (with suggestions).

    Examples
    --------
    >>> profile("baricitinib")
    {'JAK1': 'primary', 'JAK2': 'primary'}
    >>> profile("tofacitnib")
    Traceback (most recent call last):
    ...
    KeyError: "unknown JAK inhibitor 'tofacitnib'; did you mean 'tofacitinib', ...
    """
    key = str(inn).strip().lower()
    table = _selectivity()
    rows = table[table["inn"] == key]
    if rows.empty:
        raise unknown_name("JAK inhibitor", inn, inhibitors())
    return dict(zip(rows["jak"], rows["level"]))


def jak_profile(jaks: Iterable[str]) -> dict[str, str]:
    """A hypothetical inhibitor that blocks exactly the given JAKs (all primary).

    Use it to ask "what if a drug blocked only JAK1?" without naming a drug.

    Raises
    ------
    KeyError
        If a name is not one of :data:`JAKS`.

    Examples
    --------
    >>> jak_profile(["jak1"])
    {'JAK1': 'primary'}
    """
    out = {}
    for jak in jaks:
        symbol = str(jak).strip().upper()
        if symbol not in JAKS:
            raise unknown_name("JAK", jak, JAKS)
        out[symbol] = "primary"
    return out


def complex_status(complex_jaks: Iterable[str], inhibitor_profile: Mapping[str, str]) -> str:
    """Coverage of one receptor complex by one inhibitor: spared, partly blocked or blocked.

    Parameters
    ----------
    complex_jaks : iterable of str
        The JAKs the complex uses (repeats allowed, for example ``["JAK2", "JAK2"]``).
    inhibitor_profile : mapping
        JAK -> level, as returned by :func:`profile` or :func:`jak_profile`.

    Returns
    -------
    str
        One of :data:`COVERAGE_LEVELS`. A complex that uses no JAK is always spared.

    Examples
    --------
    >>> complex_status(["JAK1", "JAK3"], {"JAK1": "primary"})
    'blocked'
    >>> complex_status(["JAK1", "JAK3"], {"TYK2": "primary"})
    'spared'
    >>> complex_status([], {"JAK1": "primary"})
    'spared'
    """
    levels = {inhibitor_profile.get(jak) for jak in complex_jaks}
    if "primary" in levels:
        return "blocked"
    if "secondary" in levels:
        return "partly blocked"
    return "spared"


def _profiles(selection: Sequence[str] | Mapping[str, Mapping[str, str]] | None) -> dict[str, Mapping[str, str]]:
    if selection is None:
        return {inn: profile(inn) for inn in inhibitors()}
    if isinstance(selection, Mapping):
        return dict(selection)
    return {inn: profile(inn) for inn in selection}


def coverage(
    complexes: pd.DataFrame,
    selection: Sequence[str] | Mapping[str, Mapping[str, str]] | None = None,
    *,
    name_column: str = "complex",
    jak_column: str = "jaks",
) -> pd.DataFrame:
    """Coverage of many receptor complexes by many inhibitors, as a table of labels.

    Parameters
    ----------
    complexes : pandas.DataFrame
        One row per complex, with its name and the JAKs it uses (a list, a tuple or a
        ``;``-separated string).
    selection : sequence of str or mapping, optional
        Inhibitor names (default: every inhibitor in the selectivity table), or a
        mapping of column label -> profile (for example ``{"JAK1 only": jak_profile(["JAK1"])}``).
    name_column, jak_column : str, optional
        Column names in ``complexes``.

    Returns
    -------
    pandas.DataFrame
        Index: complex names in input order; columns: inhibitors; values: one of
        :data:`COVERAGE_LEVELS`.

    Raises
    ------
    KeyError
        If a column or an inhibitor is unknown.

    Examples
    --------
    >>> toy = pd.DataFrame({"complex": ["IL-2", "EPO", "IFN-α"],
    ...                     "jaks": [["JAK1", "JAK3"], ["JAK2", "JAK2"], ["JAK1", "TYK2"]]})
    >>> coverage(toy, ["ruxolitinib", "deucravacitinib"])
          ruxolitinib deucravacitinib
    IL-2      blocked          spared
    EPO       blocked          spared
    IFN-α     blocked         blocked
    """
    for column in (name_column, jak_column):
        if column not in complexes.columns:
            raise unknown_name("column", column, [str(c) for c in complexes.columns])
    profiles = _profiles(selection)

    def jak_list(value: object) -> list[str]:
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        return list(value)  # type: ignore[call-overload]

    jak_lists = [jak_list(v) for v in complexes[jak_column]]
    data = {label: [complex_status(jaks, prof) for jaks in jak_lists] for label, prof in profiles.items()}
    out = pd.DataFrame(data, index=list(complexes[name_column]))
    out.index.name = None
    return out


def spared(complexes: pd.DataFrame, inhibitor: str | Mapping[str, str], **columns: str) -> list[str]:
    """Names of the complexes an inhibitor leaves fully spared, in input order.

    Parameters
    ----------
    complexes : pandas.DataFrame
        As for :func:`coverage`.
    inhibitor : str or mapping
        An inhibitor name, or a profile from :func:`jak_profile`.
    **columns
        ``name_column`` and ``jak_column``, as for :func:`coverage`.

    Examples
    --------
    >>> toy = pd.DataFrame({"complex": ["IL-2", "EPO", "IFN-α"],
    ...                     "jaks": ["JAK1;JAK3", "JAK2;JAK2", "JAK1;TYK2"]})
    >>> spared(toy, "abrocitinib")
    ['EPO']
    >>> spared(toy, jak_profile(["JAK2"]))
    ['IL-2', 'IFN-α']
    """
    selection = {"x": profile(inhibitor)} if isinstance(inhibitor, str) else {"x": inhibitor}
    table = coverage(complexes, selection, **columns)
    return [name for name, status in table["x"].items() if status == "spared"]


def jak_complexes(complexes: pd.DataFrame) -> pd.DataFrame:
    """The signalling complexes that use JAKs, from the catalog's complex table.

    Parameters
    ----------
    complexes : pandas.DataFrame
        :func:`widgets.catalog.tables.complexes` (columns ``complex``, ``role``, ``pathway`` and
        ``jaks``).

    Returns
    -------
    pandas.DataFrame
        Columns ``complex``, ``jaks`` (sorted tuple of distinct JAKs) and ``jak_set`` (a
        label such as ``"JAK1 + JAK3"``), for the complexes whose role is ``signalling``
        and whose pathway is ``JAK-STAT``, in catalog order.

    Examples
    --------
    >>> toy = pd.DataFrame({"complex": ["EPO", "TNF–TNFR1"], "role": ["signalling"] * 2,
    ...                     "pathway": ["JAK-STAT", "TNFR-NF-κB"], "jaks": [("JAK2",), ()]})
    >>> jak_complexes(toy)[["complex", "jak_set"]].values.tolist()
    [['EPO', 'JAK2']]
    """
    keep = (complexes["role"].astype(str) == "signalling") & (complexes["pathway"].astype(str) == "JAK-STAT")
    out = complexes.loc[keep, ["complex", "jaks"]].copy()
    out["jaks"] = [tuple(j for j in JAKS if j in set(js)) for js in out["jaks"]]
    out = out[out["jaks"].map(bool)]
    out["jak_set"] = out["jaks"].map(" + ".join)
    return out.reset_index(drop=True)


def coverage_by_jak_set(
    complexes: pd.DataFrame,
    selection: Sequence[str] | Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """Coverage of each combination of JAKs (the rule depends only on it), with its complexes.

    Parameters
    ----------
    complexes : pandas.DataFrame
        :func:`widgets.catalog.tables.complexes`.
    selection : optional
        As for :func:`coverage`.

    Returns
    -------
    pandas.DataFrame
        Index: JAK-set labels, ordered by JAKs (``"JAK1"``, ``"JAK1 + JAK2"``, ...);
        columns: a ``complexes`` column (tuple of complex names) and one column per
        inhibitor with its coverage label.

    Examples
    --------
    >>> toy = pd.DataFrame({"complex": ["IL-2", "IL-7", "EPO"], "role": ["signalling"] * 3,
    ...                     "pathway": ["JAK-STAT"] * 3, "jaks": [("JAK1", "JAK3"), ("JAK3", "JAK1"), ("JAK2",)]})
    >>> coverage_by_jak_set(toy, ["ritlecitinib"])
                    complexes ritlecitinib
    JAK1 + JAK3  (IL-2, IL-7)      blocked
    JAK2               (EPO,)       spared
    """
    jc = jak_complexes(complexes)
    order = sorted(set(jc["jaks"]), key=lambda js: [JAKS.index(j) for j in js])
    sets = pd.DataFrame({"jak_set": [" + ".join(js) for js in order], "jaks": order})
    table = coverage(sets, selection, name_column="jak_set", jak_column="jaks")
    members = jc.groupby("jak_set", sort=False)["complex"].apply(tuple)
    table.insert(0, "complexes", [members[label] for label in table.index])
    return table
