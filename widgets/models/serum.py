"""Measured serum cytokine levels across conditions, from the sourced table ``serum_levels.tsv``.

The table ``widgets/data/serum_levels.tsv`` holds published summary statistics of
cytokine concentrations in blood, one statistic per row, each with its source (a bib
key of ``book/references.bib``) and where in the source it was read. Columns:

``condition``
    The group of people measured (``healthy adults``, ``sepsis``, ...).
``cytokine``
    The cytokine measured (``IL-6``).
``statistic``
    One of :data:`STATISTICS`: the pooled mean of a meta-analysis and the bounds of
    its 95 % confidence interval.
``value``, ``unit``
    The number (> 0) and its unit (``pg/mL``).
``n``
    Number of patients (or, for healthy adults, of measured values) pooled.
``source``, ``locator``
    Bib key and where in the source (``abstract``).

The values are pooled means of many studies with different assays, so they say
where a condition sits on the scale of concentrations, not what one patient's
result means.

Examples
--------
>>> table = summary("IL-6")
>>> list(table.index)[:2]
['healthy adults', 'severe or critical COVID-19']
>>> fold_over_healthy("healthy adults")
1.0
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import pandas as pd

from widgets._tsv import read_tsv, where
from widgets.models._checks import unknown_name

__all__ = [
    "HEALTHY",
    "SERUM_COLUMNS",
    "SERUM_LEVELS_PATH",
    "STATISTICS",
    "conditions",
    "fold_over_healthy",
    "serum_levels",
    "summary",
]

SERUM_LEVELS_PATH = Path(__file__).resolve().parents[1] / "data" / "serum_levels.tsv"
"""The sourced table of serum cytokine levels."""

SERUM_COLUMNS: tuple[str, ...] = ("condition", "cytokine", "statistic", "value", "unit", "n", "source",
                                  "locator")
"""Header of the table."""

STATISTICS: tuple[str, ...] = ("pooled mean", "95% CI lower", "95% CI upper")
"""The statistics the table may hold."""

HEALTHY = "healthy adults"
"""The reference condition of :func:`fold_over_healthy`."""

CITATIONS: dict[str, str] = {"leisman2020": "Leisman et al. 2020", "said2021": "Said et al. 2021"}
"""How a reader sees each ``source`` key of the table (first author and year, as in
``book/references.bib``; a test keeps the two in step)."""


def _read(path: Path) -> pd.DataFrame:
    frame = read_tsv(path, SERUM_COLUMNS)
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        label = f"{row.condition}/{row.cytokine}"
        for column in SERUM_COLUMNS:
            if not getattr(row, column):
                raise ValueError(f"{where(path, i, label, column)}: empty")
        if row.statistic not in STATISTICS:
            raise ValueError(f"{where(path, i, label, 'statistic')}: {row.statistic!r} is not one of "
                             f"{list(STATISTICS)}")
        try:
            number = float(row.value)
        except ValueError:
            raise ValueError(f"{where(path, i, label, 'value')}: {row.value!r} is not a number") from None
        if not (math.isfinite(number) and number > 0):
            raise ValueError(f"{where(path, i, label, 'value')}: {row.value!r} must be a finite number > 0")
        if not row.n.isdigit() or int(row.n) < 1:
            raise ValueError(f"{where(path, i, label, 'n')}: {row.n!r} must be a whole number >= 1")
    frame["value"] = frame["value"].astype(float)
    frame["n"] = frame["n"].astype(int)
    key = ["condition", "cytokine", "statistic"]
    repeated = frame[frame.duplicated(key, keep=False)]
    if not repeated.empty:
        raise ValueError(f"{path.name}: repeated rows for {repeated[key].drop_duplicates().values.tolist()}")
    return frame


@functools.lru_cache(maxsize=4)
def _cached(path: str, stamp: tuple[int, int]) -> pd.DataFrame:  # the stamp (mtime, size) keys the cache
    return _read(Path(path))


def serum_levels(path: Path | str | None = None) -> pd.DataFrame:
    """The whole table, validated, one statistic per row.

    Parameters
    ----------
    path : path-like, optional
        Another table with the same columns (for tests); default the packaged one.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SERUM_COLUMNS`; ``value`` as float, ``n`` as int. A copy.

    Raises
    ------
    ValueError
        If the header is wrong, a cell is empty, a statistic is unknown, a value is
        not a positive finite number, ``n`` is not a positive whole number, or a
        (condition, cytokine, statistic) row is repeated.

    References
    ----------
    leisman2020, said2021

    Examples
    --------
    >>> serum_levels().shape[1]
    8
    """
    resolved = SERUM_LEVELS_PATH if path is None else Path(path).resolve()
    stat = resolved.stat()
    return _cached(str(resolved), (stat.st_mtime_ns, stat.st_size)).copy()


def summary(cytokine: str = "IL-6", *, path: Path | str | None = None) -> pd.DataFrame:
    """One row per condition: pooled mean, 95 % CI, n, unit and source, lowest mean first.

    Parameters
    ----------
    cytokine : str
        A cytokine of the table (``"IL-6"``).
    path : path-like, optional
        As :func:`serum_levels`.

    Returns
    -------
    pandas.DataFrame
        Index ``condition``; columns ``mean``, ``ci_lower``, ``ci_upper``, ``n``,
        ``unit``, ``source``, ``locator``.

    Raises
    ------
    KeyError
        If the cytokine is not in the table.
    ValueError
        If a condition lacks one of the three statistics, or mixes units.

    Examples
    --------
    >>> float(summary("IL-6").loc["healthy adults", "mean"])
    5.186
    """
    table = serum_levels(path)
    rows = table[table["cytokine"] == cytokine]
    if rows.empty:
        raise unknown_name("cytokine", cytokine, sorted(set(table["cytokine"])))
    out = []
    for condition, group in rows.groupby("condition", sort=False):
        stats = dict(zip(group["statistic"], group["value"]))
        missing = [s for s in STATISTICS if s not in stats]
        if missing:
            raise ValueError(f"{cytokine} in {condition!r}: missing {missing}")
        if group["unit"].nunique() != 1:
            raise ValueError(f"{cytokine} in {condition!r}: mixed units {sorted(set(group['unit']))}")
        first = group.iloc[0]
        out.append({"condition": condition, "mean": stats["pooled mean"], "ci_lower": stats["95% CI lower"],
                    "ci_upper": stats["95% CI upper"], "n": int(first["n"]), "unit": first["unit"],
                    "source": first["source"], "locator": first["locator"]})
    return pd.DataFrame(out).set_index("condition").sort_values("mean")


def conditions(cytokine: str = "IL-6") -> tuple[str, ...]:
    """Conditions with a measured level of ``cytokine``, lowest mean first.

    Examples
    --------
    >>> conditions()[-1]
    'cytokine release syndrome (CAR-T)'
    """
    return tuple(summary(cytokine).index)


def fold_over_healthy(condition: str, cytokine: str = "IL-6") -> float:
    """How many times the pooled mean of ``condition`` exceeds that of healthy adults.

    Parameters
    ----------
    condition : str
        A condition of the table.
    cytokine : str
        A cytokine of the table.

    Returns
    -------
    float
        Ratio of the two pooled means (dimensionless).

    Raises
    ------
    KeyError
        If the condition or the cytokine is not in the table, or healthy adults have
        no value for the cytokine.

    Examples
    --------
    >>> round(fold_over_healthy("severe or critical COVID-19"), 1)
    7.1
    """
    table = summary(cytokine)
    for name in (condition, HEALTHY):
        if name not in table.index:
            raise unknown_name("condition", name, list(table.index))
    return float(table.loc[condition, "mean"] / table.loc[HEALTHY, "mean"])
