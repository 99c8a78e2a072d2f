"""Kinetics of a cytokine binding its receptor, and a table of measured affinities.

The reaction is one ligand L binding one class of independent receptor sites R::

    L + R  <->  C        (association k_on, dissociation k_off; K_D = k_off / k_on)

Rate constants carry their units in their names: ``kon_per_M_per_s`` in M^-1 s^-1 and
``koff_per_s`` in s^-1. Concentrations are in pM, like :mod:`widgets.models.binding`
(1 pM = 1e-12 M), and times in s.

With ligand in excess (its free concentration stays at L), occupancy f = C / R_total
obeys ``df/dt = k_on L (1 - f) - k_off f``, a first-order (pseudo-first-order)
relaxation with rate ``k_obs = k_on L + k_off`` towards ``f_eq = L / (L + K_D)``:

    f(t) = f_eq + (f_0 - f_eq) exp(-k_obs t).

When receptors are not negligible compared with ligand, binding depletes free ligand;
the exact equilibrium then solves a quadratic (see
:func:`equilibrium_occupancy_with_depletion`).
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from widgets.models._checks import nonnegative_array

__all__ = [
    "AFFINITIES",
    "Affinity",
    "affinity_table",
    "dissociation_half_life_s",
    "dissociation_time_course",
    "equilibrium_occupancy_with_depletion",
    "get_affinity",
    "kd_pM_from_rates",
    "occupancy_time_course",
    "relaxation_time_s",
    "time_to_equilibrium_s",
]

PM_PER_M: float = 1e12
"""Picomolar per molar."""


_array = nonnegative_array


def _fraction(name: str, value: ArrayLike) -> NDArray[np.float64]:
    arr = _array(name, value)
    if (arr > 1).any():
        raise ValueError(f"{name} must be in [0, 1], got {float(arr[arr > 1].flat[0])!r}")
    return arr


def _as_output(arr: NDArray[np.float64]) -> NDArray[np.float64] | float:
    return float(arr) if arr.ndim == 0 else arr


def kd_pM_from_rates(kon_per_M_per_s: ArrayLike, koff_per_s: ArrayLike) -> NDArray[np.float64] | float:
    """Equilibrium dissociation constant from the rate constants, ``K_D = k_off / k_on``.

    Parameters
    ----------
    kon_per_M_per_s : array_like
        Association rate constant in M^-1 s^-1 (> 0).
    koff_per_s : array_like
        Dissociation rate constant in s^-1 (>= 0).

    Returns
    -------
    float or numpy.ndarray
        K_D in pM.

    Raises
    ------
    ValueError
        If ``kon_per_M_per_s`` is not positive or ``koff_per_s`` is negative, or either
        is NaN or infinite.

    References
    ----------
    Law of mass action; see e.g. grell1998 for K_D computed this way.

    Examples
    --------
    >>> round(kd_pM_from_rates(1e7, 1e-4), 9)
    10.0
    """
    kon = _array("kon_per_M_per_s", kon_per_M_per_s, strictly_positive=True)
    koff = _array("koff_per_s", koff_per_s)
    return _as_output(koff / kon * PM_PER_M)


def relaxation_time_s(
    ligand_pM: ArrayLike, *, kon_per_M_per_s: ArrayLike, koff_per_s: ArrayLike
) -> NDArray[np.float64] | float:
    """Time constant of the approach to binding equilibrium, ``1 / (k_on L + k_off)``.

    Valid with ligand in excess (free ligand concentration constant at ``ligand_pM``).

    Parameters
    ----------
    ligand_pM : array_like
        Free ligand concentration in pM (>= 0).
    kon_per_M_per_s : array_like
        Association rate constant in M^-1 s^-1 (> 0).
    koff_per_s : array_like
        Dissociation rate constant in s^-1 (> 0).

    Returns
    -------
    float or numpy.ndarray
        Relaxation time in s.

    Raises
    ------
    ValueError
        If a concentration is negative, a rate constant is not positive, or a value is
        NaN or infinite.

    Examples
    --------
    At L = K_D the observed rate is twice k_off:

    >>> relaxation_time_s(10.0, kon_per_M_per_s=1e7, koff_per_s=1e-4)
    5000.0
    """
    ligand = _array("ligand_pM", ligand_pM)
    kon = _array("kon_per_M_per_s", kon_per_M_per_s, strictly_positive=True)
    koff = _array("koff_per_s", koff_per_s, strictly_positive=True)
    return _as_output(1.0 / (kon * ligand / PM_PER_M + koff))


def occupancy_time_course(
    t_s: ArrayLike,
    ligand_pM: ArrayLike,
    *,
    kon_per_M_per_s: float,
    koff_per_s: float,
    initial_occupancy: float = 0.0,
) -> NDArray[np.float64] | float:
    """Fraction of receptors bound over time after ligand is added in excess.

    The pseudo-first-order analytic solution
    ``f(t) = f_eq + (f_0 - f_eq) exp(-(k_on L + k_off) t)`` with
    ``f_eq = L / (L + K_D)`` and ``K_D = k_off / k_on``. It assumes the free ligand
    concentration stays at ``ligand_pM`` (ligand in large excess over receptors).
    With ``ligand_pM = 0`` it is the washout (pure dissociation) curve.

    Parameters
    ----------
    t_s : array_like
        Time since ligand addition in s (>= 0).
    ligand_pM : array_like
        Free ligand concentration in pM (>= 0); broadcasts against ``t_s``.
    kon_per_M_per_s : float
        Association rate constant in M^-1 s^-1 (> 0).
    koff_per_s : float
        Dissociation rate constant in s^-1 (> 0).
    initial_occupancy : float, optional
        Fraction bound at t = 0, in [0, 1]. Default 0.

    Returns
    -------
    float or numpy.ndarray
        Fraction of receptors bound, between 0 and 1.

    Raises
    ------
    ValueError
        If a time or concentration is negative, a rate constant is not positive,
        ``initial_occupancy`` is outside [0, 1], or a value is NaN or infinite.

    References
    ----------
    Law of mass action; rate constants for TNF receptors in grell1998.

    Examples
    --------
    After one relaxation time, 1 - 1/e of the equilibrium occupancy is reached:

    >>> tau = relaxation_time_s(10.0, kon_per_M_per_s=1e7, koff_per_s=1e-4)
    >>> f = occupancy_time_course(tau, 10.0, kon_per_M_per_s=1e7, koff_per_s=1e-4)
    >>> round(f / 0.5, 4) == round(1 - math.exp(-1), 4)
    True
    """
    t = _array("t_s", t_s)
    ligand = _array("ligand_pM", ligand_pM)
    kon = _array("kon_per_M_per_s", kon_per_M_per_s, strictly_positive=True)
    koff = _array("koff_per_s", koff_per_s, strictly_positive=True)
    f0 = _fraction("initial_occupancy", initial_occupancy)
    k_obs = kon * ligand / PM_PER_M + koff
    f_eq = kon * ligand / PM_PER_M / k_obs
    return _as_output(f_eq + (f0 - f_eq) * np.exp(-k_obs * t))


def time_to_equilibrium_s(
    ligand_pM: ArrayLike,
    *,
    kon_per_M_per_s: ArrayLike,
    koff_per_s: ArrayLike,
    fraction: float = 0.95,
) -> NDArray[np.float64] | float:
    """Time for binding from zero occupancy to reach a fraction of its equilibrium value.

    With ligand in excess the approach is exponential, so the time to reach
    ``fraction`` (default 95 %) of the equilibrium occupancy is
    ``-ln(1 - fraction) * tau`` with ``tau = 1 / (k_on L + k_off)``; for 95 % that is
    ``ln(20) tau``, about 3 relaxation times. Note that it is never longer than
    ``ln(20) / k_off``: at low ligand the dissociation rate sets the pace.

    Parameters
    ----------
    ligand_pM : array_like
        Free ligand concentration in pM (>= 0).
    kon_per_M_per_s : array_like
        Association rate constant in M^-1 s^-1 (> 0).
    koff_per_s : array_like
        Dissociation rate constant in s^-1 (> 0).
    fraction : float, optional
        Fraction of the equilibrium occupancy to reach, in (0, 1). Default 0.95.

    Returns
    -------
    float or numpy.ndarray
        Time in s.

    Raises
    ------
    ValueError
        If ``fraction`` is not in (0, 1), or on the conditions of
        :func:`relaxation_time_s`.

    Examples
    --------
    >>> t95 = time_to_equilibrium_s(10.0, kon_per_M_per_s=1e7, koff_per_s=1e-4)
    >>> round(t95 / 3600, 2)  # hours
    4.16
    """
    try:
        frac = float(fraction)
    except (TypeError, ValueError):
        raise ValueError(f"fraction must be a number in (0, 1), got {fraction!r}") from None
    if not (0.0 < frac < 1.0):
        raise ValueError(f"fraction must be in (0, 1), got {fraction!r}")
    tau = np.asarray(relaxation_time_s(ligand_pM, kon_per_M_per_s=kon_per_M_per_s, koff_per_s=koff_per_s))
    return _as_output(-math.log1p(-frac) * tau)


def dissociation_half_life_s(koff_per_s: ArrayLike) -> NDArray[np.float64] | float:
    """Half-life of the ligand-receptor complex after free ligand is removed, ``ln 2 / k_off``.

    Parameters
    ----------
    koff_per_s : array_like
        Dissociation rate constant in s^-1 (> 0).

    Returns
    -------
    float or numpy.ndarray
        Half-life in s.

    Raises
    ------
    ValueError
        If ``koff_per_s`` is not positive, NaN or infinite.

    Examples
    --------
    >>> round(dissociation_half_life_s(1e-4) / 60, 1)  # minutes
    115.5
    """
    koff = _array("koff_per_s", koff_per_s, strictly_positive=True)
    return _as_output(math.log(2.0) / koff)


def dissociation_time_course(
    t_s: ArrayLike, *, koff_per_s: float, initial_occupancy: float = 1.0
) -> NDArray[np.float64] | float:
    """Fraction of receptors still bound after free ligand is washed away.

    ``f(t) = f_0 exp(-k_off t)`` (no rebinding).

    Parameters
    ----------
    t_s : array_like
        Time since washout in s (>= 0).
    koff_per_s : float
        Dissociation rate constant in s^-1 (> 0).
    initial_occupancy : float, optional
        Fraction bound at washout, in [0, 1]. Default 1.

    Returns
    -------
    float or numpy.ndarray
        Fraction of receptors bound.

    Raises
    ------
    ValueError
        If a time is negative, ``koff_per_s`` is not positive, ``initial_occupancy`` is
        outside [0, 1], or a value is NaN or infinite.

    Examples
    --------
    >>> dissociation_time_course(dissociation_half_life_s(1e-3), koff_per_s=1e-3)
    0.5
    """
    t = _array("t_s", t_s)
    koff = _array("koff_per_s", koff_per_s, strictly_positive=True)
    f0 = _fraction("initial_occupancy", initial_occupancy)
    return _as_output(f0 * np.exp(-koff * t))


def equilibrium_occupancy_with_depletion(
    ligand_total_pM: ArrayLike, receptor_total_pM: ArrayLike, kd_pM: ArrayLike
) -> NDArray[np.float64] | float:
    """Fraction of receptors bound at equilibrium when binding depletes free ligand.

    Solves ``C = (L_T - C)(R_T - C) / K_D`` exactly for the complex C given total
    ligand ``L_T`` and total receptor ``R_T``:

        C = [ (L_T + R_T + K_D) - sqrt((L_T + R_T + K_D)^2 - 4 L_T R_T) ] / 2,

    evaluated in the cancellation-free form ``C = 2 L_T R_T / (b + sqrt(b^2 - 4 L_T
    R_T))`` with ``b = L_T + R_T + K_D``. When ``R_T`` is much smaller than ``L_T + K_D``
    this tends to ``L_T / (L_T + K_D)``; when receptors are in excess, each cytokine
    molecule is captured and the occupancy tends to ``L_T / R_T``.

    Parameters
    ----------
    ligand_total_pM : array_like
        Total ligand concentration (free + bound) in pM (>= 0).
    receptor_total_pM : array_like
        Total receptor concentration (free + bound) in pM (>= 0), expressed per volume
        of medium (receptors per cell times cell density).
    kd_pM : array_like
        Equilibrium dissociation constant in pM (> 0).

    Returns
    -------
    float or numpy.ndarray
        Fraction of receptors bound, ``C / R_T`` (the no-depletion limit when
        ``R_T = 0``).

    Raises
    ------
    ValueError
        If a concentration is negative, ``kd_pM`` is not positive, or a value is NaN or
        infinite.

    Examples
    --------
    Without receptors to deplete the ligand, occupancy is L / (L + K_D):

    >>> equilibrium_occupancy_with_depletion(10.0, 0.0, kd_pM=10.0)
    0.5

    With as many receptors as ligand molecules, fewer are bound:

    >>> round(equilibrium_occupancy_with_depletion(10.0, 10.0, kd_pM=10.0), 3)
    0.382
    """
    lt = _array("ligand_total_pM", ligand_total_pM)
    rt = _array("receptor_total_pM", receptor_total_pM)
    kd = _array("kd_pM", kd_pM, strictly_positive=True)
    b = lt + rt + kd
    disc = np.maximum(b * b - 4.0 * lt * rt, 0.0)
    return _as_output(2.0 * lt / (b + np.sqrt(disc)))


# ---------------------------------------------------------------------------------
# Affinities used in the book
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Affinity:
    """A measured cytokine-receptor equilibrium dissociation constant.

    Attributes
    ----------
    ligand, receptor : str
        What binds what.
    kd_pM_low, kd_pM_high : float
        K_D in pM as stated by the source (equal when the source gives one value,
        different when it gives a range).
    conditions : str
        How and where it was measured (temperature, cells).
    source : str
        Bib key of the reference.
    note : str
        Caveats on reading the value.
    """

    ligand: str
    receptor: str
    kd_pM_low: float
    kd_pM_high: float
    conditions: str
    source: str
    note: str = ""

    @property
    def kd_pM(self) -> float:
        """Representative K_D in pM: the stated value, or the geometric midpoint of a range."""
        return math.sqrt(self.kd_pM_low * self.kd_pM_high)


AFFINITIES: tuple[Affinity, ...] = (
    Affinity(
        "TNF",
        "TNFR1",
        19.0,
        19.0,
        "human TNF on human TNF-R1 (60 kDa, CD120a), 37 °C, from k_off / k_on",
        "grell1998",
        "K_D = 1.9e-11 M",
    ),
    Affinity(
        "TNF",
        "TNFR2",
        420.0,
        420.0,
        "human TNF on human TNF-R2 (80 kDa, CD120b), 37 °C, from k_off / k_on",
        "grell1998",
        "K_D = 4.2e-10 M",
    ),
    Affinity(
        "IL-2",
        "IL-2Rα",
        5_000.0,
        50_000.0,
        "IL-2Rα (p55, Tac, CD25) alone: low-affinity receptor; review of binding studies",
        "allouche1990",
        "range 5-50 nM as stated in the review",
    ),
    Affinity(
        "IL-2",
        "IL-2Rβ (intermediate-affinity receptor)",
        1_000.0,
        1_000.0,
        "intermediate-affinity receptor on cells; review of binding studies",
        "allouche1990",
        "~1 nM; the 1990 review attributes it to the β chain (p70/p75) alone, written "
        "before the γc chain was identified (cells expressing IL-2Rβ also carry γc)",
    ),
    Affinity(
        "IL-2",
        "IL-2Rα/β (high-affinity receptor)",
        10.0,
        100.0,
        "high-affinity receptor formed by the α and β chains on cells; review of binding studies",
        "allouche1990",
        "range 10-100 pM as stated in the review; the γc chain, identified later, is part "
        "of this complex",
    ),
)
"""Cytokine-receptor affinities used in the book, each with its source (bib key)."""


def affinity_table() -> pd.DataFrame:
    """The affinities of :data:`AFFINITIES` as a table.

    Returns
    -------
    pandas.DataFrame
        One row per ligand-receptor pair with columns ``ligand``, ``receptor``,
        ``kd_pM`` (representative), ``kd_pM_low``, ``kd_pM_high``, ``conditions``,
        ``source`` (bib key) and ``note``.

    References
    ----------
    grell1998, allouche1990.

    Examples
    --------
    >>> table = affinity_table()
    >>> table.loc[table.receptor == "TNFR1", "kd_pM"].item()
    19.0
    """
    rows = [
        {
            "ligand": a.ligand,
            "receptor": a.receptor,
            "kd_pM": a.kd_pM,
            "kd_pM_low": a.kd_pM_low,
            "kd_pM_high": a.kd_pM_high,
            "conditions": a.conditions,
            "source": a.source,
            "note": a.note,
        }
        for a in AFFINITIES
    ]
    return pd.DataFrame(rows)


def get_affinity(ligand: str, receptor: str) -> Affinity:
    """Look up one entry of :data:`AFFINITIES`.

    Parameters
    ----------
    ligand : str
        Ligand name as in the table, e.g. ``"TNF"`` or ``"IL-2"``.
    receptor : str
        Receptor name as in the table, e.g. ``"TNFR1"``.

    Returns
    -------
    Affinity
        The matching record.

    Raises
    ------
    KeyError
        If there is no such pair; the message lists close matches.

    References
    ----------
    grell1998, allouche1990.

    Examples
    --------
    >>> get_affinity("TNF", "TNFR2").kd_pM
    420.0
    """
    for a in AFFINITIES:
        if a.ligand == ligand and a.receptor == receptor:
            return a
    pairs = [f"{a.ligand} / {a.receptor}" for a in AFFINITIES]
    close = difflib.get_close_matches(f"{ligand} / {receptor}", pairs, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise KeyError(f"no affinity for {ligand!r} / {receptor!r}{hint} Known: {', '.join(pairs)}")
