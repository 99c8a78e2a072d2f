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

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from widgets import parameters
from widgets.models._checks import (
    FloatOrArray,
    as_output,
    fraction_array,
    nonnegative_array,
    number_in_range,
    positive_float,
    unknown_name,
)
from widgets.models.binding import receptor_occupancy
from widgets.units import PM_PER_M, S_PER_MIN

__all__ = [
    "AFFINITIES",
    "ILLUSTRATIVE_KON_PER_M_PER_S",
    "Affinity",
    "BindingSummary",
    "affinity_table",
    "binding_summary",
    "dissociation_half_life_s",
    "dissociation_time_course",
    "equilibrium_occupancy_with_depletion",
    "get_affinity",
    "kd_pM_from_rates",
    "koff_per_s_from_kd",
    "named_affinities_pM",
    "occupancy_time_course",
    "relaxation_time_s",
    "time_to_equilibrium_s",
]

ILLUSTRATIVE_KON_PER_M_PER_S: float = 1e7
"""Association rate constant used for illustration, in M^-1 s^-1.

A round number chosen for teaching, **not a measurement**: with one k_on for every
receptor, differences in K_D become differences in k_off (K_D = k_off / k_on). Every
number derived from it is stated in the book as "under the assumed k_on".
"""

_array = nonnegative_array


def _ligand_and_rates(
    ligand_pM: ArrayLike, kon_per_M_per_s: ArrayLike, koff_per_s: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """The checked free ligand (pM, >= 0) and rate constants (> 0) of a binding reaction."""
    return (_array("ligand_pM", ligand_pM),
            _array("kon_per_M_per_s", kon_per_M_per_s, strictly_positive=True),
            _array("koff_per_s", koff_per_s, strictly_positive=True))


def kd_pM_from_rates(kon_per_M_per_s: ArrayLike, koff_per_s: ArrayLike) -> FloatOrArray:
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
    return as_output(koff / kon * PM_PER_M)


def koff_per_s_from_kd(kd_pM: ArrayLike, *, kon_per_M_per_s: ArrayLike) -> FloatOrArray:
    """Dissociation rate constant from K_D and k_on, ``k_off = K_D * k_on`` (the inverse of
    :func:`kd_pM_from_rates`).

    Parameters
    ----------
    kd_pM : array_like
        Equilibrium dissociation constant in pM (> 0).
    kon_per_M_per_s : array_like
        Association rate constant in M^-1 s^-1 (> 0).

    Returns
    -------
    float or numpy.ndarray
        k_off in s^-1.

    Raises
    ------
    ValueError
        If either argument is not positive, NaN or infinite.

    Examples
    --------
    >>> round(koff_per_s_from_kd(19.0, kon_per_M_per_s=1e7), 8)
    0.00019
    """
    kd = _array("kd_pM", kd_pM, strictly_positive=True)
    kon = _array("kon_per_M_per_s", kon_per_M_per_s, strictly_positive=True)
    return as_output(kd / PM_PER_M * kon)


def relaxation_time_s(
    ligand_pM: ArrayLike, *, kon_per_M_per_s: ArrayLike, koff_per_s: ArrayLike
) -> FloatOrArray:
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
    ligand, kon, koff = _ligand_and_rates(ligand_pM, kon_per_M_per_s, koff_per_s)
    return as_output(1.0 / (kon * ligand / PM_PER_M + koff))


def occupancy_time_course(
    t_s: ArrayLike,
    ligand_pM: ArrayLike,
    *,
    kon_per_M_per_s: float,
    koff_per_s: float,
    initial_occupancy: float = 0.0,
) -> FloatOrArray:
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
    ligand, kon, koff = _ligand_and_rates(ligand_pM, kon_per_M_per_s, koff_per_s)
    f0 = fraction_array("initial_occupancy", initial_occupancy)
    k_obs = kon * ligand / PM_PER_M + koff
    f_eq = kon * ligand / PM_PER_M / k_obs
    return as_output(f_eq + (f0 - f_eq) * np.exp(-k_obs * t))


def time_to_equilibrium_s(
    ligand_pM: ArrayLike,
    *,
    kon_per_M_per_s: ArrayLike,
    koff_per_s: ArrayLike,
    fraction: float = 0.95,
) -> FloatOrArray:
    """Time for binding from zero occupancy to reach a fraction of its equilibrium value.

    With ligand in excess the approach is exponential, so the time to reach
    ``fraction`` (default 95 %) of the equilibrium occupancy is
    ``-ln(1 - fraction) * tau`` with ``tau = 1 / (k_on L + k_off)``; for 95 % that is
    ``ln(20) tau``, about 3 relaxation times. Note that it is never longer than
    ``ln(20) / k_off``: at low ligand the dissociation rate sets the pace.

    Parameters
    ----------
    ligand_pM, kon_per_M_per_s, koff_per_s : array_like
        Free ligand concentration (pM, >= 0) and rate constants (M^-1 s^-1 and
        s^-1, > 0), as for :func:`relaxation_time_s`.
    fraction : float, optional
        Fraction of the equilibrium occupancy to reach, in (0, 1). Default 0.95.

    Returns
    -------
    float or numpy.ndarray
        Time in s to reach ``fraction`` of the equilibrium occupancy.

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
    frac = number_in_range("fraction", fraction, low=0.0, high=1.0, low_open=True, high_open=True)
    tau = np.asarray(relaxation_time_s(ligand_pM, kon_per_M_per_s=kon_per_M_per_s, koff_per_s=koff_per_s))
    return as_output(-math.log1p(-frac) * tau)


def dissociation_half_life_s(koff_per_s: ArrayLike) -> FloatOrArray:
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
    return as_output(math.log(2.0) / koff)


def dissociation_time_course(
    t_s: ArrayLike, *, koff_per_s: float, initial_occupancy: float = 1.0
) -> FloatOrArray:
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
    f0 = fraction_array("initial_occupancy", initial_occupancy)
    return as_output(f0 * np.exp(-koff * t))


def equilibrium_occupancy_with_depletion(
    ligand_total_pM: ArrayLike, receptor_total_pM: ArrayLike, kd_pM: ArrayLike
) -> FloatOrArray:
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
    return as_output(2.0 * lt / (b + np.sqrt(disc)))


# ---------------------------------------------------------------------------------
# Affinities used in the book (values from widgets/data/parameters/binding.tsv)
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Affinity:
    """A measured cytokine-receptor equilibrium dissociation constant.

    Attributes
    ----------
    ligand, receptor : str
        What binds what (receptors labelled with every chain of the complex).
    kd_pM_low, kd_pM_high : float
        K_D in pM as stated by the source (equal when the source gives one value,
        different when it gives a range).
    conditions : str
        What was measured (from the parameter's description).
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


def _affinity(ligand: str, receptor: str, low: str, high: str | None = None) -> Affinity:
    lo = parameters.parameter(low)
    hi = parameters.parameter(high) if high else lo
    return Affinity(ligand, receptor, lo.value, hi.value, lo.description, lo.source, lo.note)


AFFINITIES: tuple[Affinity, ...] = (
    _affinity("TNF", "TNFR1", "tnf_tnfr1_kd_pM"),
    _affinity("TNF", "TNFR2", "tnf_tnfr2_kd_pM"),
    _affinity("IL-2", "IL-2Rα", "il2_il2ra_kd_low_pM", "il2_il2ra_kd_high_pM"),
    _affinity("IL-2", "IL-2Rβ/γc (intermediate affinity)", "il2_intermediate_kd_pM"),
    _affinity("IL-2", "IL-2Rα/β/γc (high affinity)", "il2_high_kd_low_pM", "il2_high_kd_high_pM"),
)
"""Cytokine-receptor affinities used in the book; the numbers are sourced parameters."""


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
    >>> float(table.loc[table.receptor == "TNFR1", "kd_pM"].item())
    19.0
    """
    rows = [{"ligand": a.ligand, "receptor": a.receptor, "kd_pM": a.kd_pM, "kd_pM_low": a.kd_pM_low,
             "kd_pM_high": a.kd_pM_high, "conditions": a.conditions, "source": a.source, "note": a.note}
            for a in AFFINITIES]
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
    raise unknown_name("affinity", f"{ligand} / {receptor}", [f"{a.ligand} / {a.receptor}" for a in AFFINITIES],
                       cutoff=0.4)


def named_affinities_pM() -> dict[float, str]:
    """K_D values (pM) stated as a single value, labelled by ligand and receptor.

    Used by figures and explorers to name the K_D values that belong to a real receptor.

    Examples
    --------
    >>> named_affinities_pM()[19.0], named_affinities_pM()[1000.0]
    ('TNF–TNFR1', 'IL-2–IL-2Rβ/γc')
    """
    return {a.kd_pM_low: f"{a.ligand}–{a.receptor.split(' (')[0]}" for a in AFFINITIES
            if a.kd_pM_low == a.kd_pM_high}


# ---------------------------------------------------------------------------------
# The numbers behind one binding curve
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BindingSummary:
    """What a receptor does after a cytokine is added in excess (see :func:`binding_summary`).

    Attributes
    ----------
    kd_pM, ligand_pM, kon_per_M_per_s : float
        The inputs.
    koff_per_s : float
        ``K_D * k_on``.
    half_life_min : float
        Half-life of a bound complex after washout, ``ln 2 / k_off``, in min.
    theta_eq : float
        Equilibrium occupancy ``L / (L + K_D)``.
    t95_min : float
        Time to 95 % of the equilibrium occupancy, in min.
    """

    kd_pM: float
    ligand_pM: float
    kon_per_M_per_s: float
    koff_per_s: float
    half_life_min: float
    theta_eq: float
    t95_min: float


def binding_summary(kd_pM: float, ligand_pM: float, *,
                    kon_per_M_per_s: float = ILLUSTRATIVE_KON_PER_M_PER_S) -> BindingSummary:
    """k_off, complex half-life, equilibrium occupancy and time to equilibrium, in one object.

    Parameters
    ----------
    kd_pM : float
        Equilibrium dissociation constant in pM (> 0).
    ligand_pM : float
        Free cytokine concentration in pM (> 0), constant in time.
    kon_per_M_per_s : float, optional
        Association rate constant in M^-1 s^-1 (> 0); the illustrative
        :data:`ILLUSTRATIVE_KON_PER_M_PER_S` by default.

    Raises
    ------
    ValueError
        If an argument is not a finite positive number.

    Examples
    --------
    >>> s = binding_summary(19.0, 19.0)
    >>> round(s.theta_eq, 2), round(s.koff_per_s, 8)
    (0.5, 0.00019)
    """
    kd = positive_float("kd_pM", kd_pM)
    ligand = positive_float("ligand_pM", ligand_pM)
    kon = positive_float("kon_per_M_per_s", kon_per_M_per_s)
    koff = float(koff_per_s_from_kd(kd, kon_per_M_per_s=kon))
    return BindingSummary(
        kd_pM=kd, ligand_pM=ligand, kon_per_M_per_s=kon, koff_per_s=koff,
        half_life_min=float(dissociation_half_life_s(koff)) / S_PER_MIN,
        theta_eq=float(receptor_occupancy(ligand, kd)),
        t95_min=float(time_to_equilibrium_s(ligand, kon_per_M_per_s=kon, koff_per_s=koff)) / S_PER_MIN,
    )
