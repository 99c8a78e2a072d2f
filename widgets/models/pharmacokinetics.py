"""Plasma concentration after a dose of a protein drug: one- and two-compartment models.

A cytokine (or an antibody) injected into a vein is diluted into the plasma and then
removed, by filtration in the kidney, uptake by cells carrying its receptor, or
catabolism. Injected under the skin, it first has to be absorbed. This module gives
the plasma concentration over time for

* a **one-compartment** model (:func:`one_compartment_ng_per_ml`): first-order
  elimination with half-life ``t1/2``, after an intravenous bolus or a subcutaneous
  dose with first-order absorption (the Bateman function); and repeated doses by
  superposition (:func:`repeated_doses_ng_per_ml`);
* a **two-compartment** model (:class:`TwoCompartmentModel`,
  :func:`two_compartment_ng_per_ml`): a central compartment (plasma and well-perfused
  tissue) exchanging with a peripheral one, which gives a fast *distribution* phase
  and a slower *elimination* phase. It covers a short-lived cytokine such as
  recombinant IL-2 (distribution and elimination half-lives of minutes to an hour
  and a half) and an IgG antibody with an elimination half-life of weeks.

Units: time in h, doses in µg, volumes in L, clearances in L h⁻¹, so that
concentrations come out in µg L⁻¹ = ng mL⁻¹. Bioavailability is complete unless a
function says otherwise. Every function is vectorised over time.

References
----------
Konrad et al. 1990 (IL-2 pharmacokinetics; see ``pharmacokinetics.tsv``), yang2004,
zamboni2003, yang2011 (pegylation and the clearance of filgrastim), nakov2018,
khandoozi2021 (measured half-lives).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.linalg import expm
from scipy.optimize import brentq

from widgets.models._checks import (
    FloatOrArray,
    as_output,
    fraction_array,
    integer_at_least,
    nonnegative_array,
    number_in_range,
    positive_float,
)
from widgets.parameters import value
from widgets.units import pM_to_ng_per_ml

__all__ = [
    "ILLUSTRATIVE_PLASMA_VOLUME_L",
    "LN2",
    "TwoCompartmentModel",
    "aldesleukin_ug_per_million_iu",
    "il2_receptor_window_ng_per_ml",
    "absorption_half_life_for_peak_h",
    "dosing_interval_for_trough_h",
    "elimination_rate_per_h",
    "one_compartment_ng_per_ml",
    "peak_time_h",
    "repeated_doses_ng_per_ml",
    "steady_state_trough_ng_per_ml",
    "time_above_h",
    "two_compartment_ng_per_ml",
]

LN2: float = math.log(2.0)
"""Natural logarithm of 2: a rate constant is ``LN2 / half-life``."""

ILLUSTRATIVE_PLASMA_VOLUME_L: float = 3.0
"""Plasma volume of an adult, about 3 L: an order of magnitude, not a measurement.

It agrees with the serum IL-2 that Konrad et al. (1990) measured just after an
intravenous bolus (``il2_bolus_level_units_per_ml``: 650 U/mL after 10⁶ U per m² of body
surface, that is about 1.5 L of plasma per m², or close to 3 L for an adult of about
1.8 m²).
"""


def aldesleukin_ug_per_million_iu() -> float:
    """Mass of aldesleukin in one million international units, in µg.

    From the label's reconstituted vial: 18 million IU in 1.1 mg per mL
    (``aldesleukin_vial_MIU_per_ml``, ``aldesleukin_vial_mg_per_ml``).

    Examples
    --------
    >>> round(aldesleukin_ug_per_million_iu(), 1)
    61.1
    """
    return value("aldesleukin_vial_mg_per_ml") * 1000.0 / value("aldesleukin_vial_MIU_per_ml")


def il2_receptor_window_ng_per_ml() -> tuple[float, float]:
    """IL-2 concentrations between the K_D of the high- and the intermediate-affinity receptor.

    Below the lower edge (10 pM, ``il2_high_affinity_kd_low_pM``) even cells with the
    high-affinity receptor (with CD25, such as regulatory T cells) are less than half
    occupied at equilibrium; above the upper edge (1 nM, ``il2_intermediate_affinity_kd_pM``)
    the intermediate-affinity receptor without CD25 (NK cells, memory CD8 T cells) is
    half occupied too. Converted to ng/mL with the mass of aldesleukin (15.3 kDa).

    Returns
    -------
    (float, float)
        Lower and upper edge in ng/mL.

    References
    ----------
    allouche1990

    Examples
    --------
    >>> low, high = il2_receptor_window_ng_per_ml()
    >>> round(low, 3), round(high, 1)
    (0.153, 15.3)
    """
    mass_kDa = value("aldesleukin_mass_Da") / 1000.0
    return (float(pM_to_ng_per_ml(value("il2_high_affinity_kd_low_pM"), mass_kDa)),
            float(pM_to_ng_per_ml(value("il2_intermediate_affinity_kd_pM"), mass_kDa)))


def elimination_rate_per_h(half_life_h: float) -> float:
    """First-order rate constant ``k = ln 2 / t1/2`` in h⁻¹.

    Raises
    ------
    ValueError
        If the half-life is not a positive, finite number.

    Examples
    --------
    >>> round(elimination_rate_per_h(3.5), 4)
    0.198
    """
    return LN2 / positive_float("half_life_h", half_life_h)


def _absorption_rate_per_h(absorption_half_life_h: float) -> float:
    """First-order absorption rate ``ka = ln 2 / t1/2,abs`` in h⁻¹ (the check names the absorption half-life)."""
    return LN2 / positive_float("absorption_half_life_h", absorption_half_life_h)


def _one_minus_exp_over(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """``(1 - exp(-x)) / x`` with its limit 1 at ``x = 0``, accurate for small ``|x|``."""
    out = np.ones_like(x)
    nz = x != 0
    out[nz] = -np.expm1(-x[nz]) / x[nz]
    return out


def one_compartment_ng_per_ml(
    t_h: ArrayLike,
    *,
    dose_ug: float,
    volume_L: float,
    half_life_h: float,
    absorption_half_life_h: float | None = None,
) -> FloatOrArray:
    """Plasma concentration in a one-compartment model with first-order elimination.

    Intravenous bolus (``absorption_half_life_h=None``):
    ``C(t) = (D / V) exp(-k t)``.

    Subcutaneous dose with first-order absorption from the injection site (rate
    ``ka``) and complete bioavailability (the Bateman function):
    ``C(t) = (D / V) ka / (ka - k) (exp(-k t) - exp(-ka t))``. When absorption and
    elimination have the same half-life (``ka = k``) this becomes
    ``C(t) = (D / V) k t exp(-k t)``; the function evaluates both cases with one
    expression, ``(D / V) ka t exp(-m t) (1 - exp(-d t)) / (d t)`` with ``m = min(k, ka)``
    and ``d = |ka - k|``, which never divides by zero, never overflows and stays
    accurate when ``ka`` is close to ``k``.

    Parameters
    ----------
    t_h : array_like
        Time since the dose in h (>= 0).
    dose_ug : float
        Dose in µg (>= 0).
    volume_L : float
        Volume of distribution in L (> 0).
    half_life_h : float
        Elimination half-life in h (> 0).
    absorption_half_life_h : float, optional
        Half-life of absorption from a subcutaneous depot in h (> 0); ``None`` for an
        intravenous bolus.

    Returns
    -------
    float or numpy.ndarray
        Concentration in ng mL⁻¹ (= µg L⁻¹).

    Raises
    ------
    ValueError
        If a time or the dose is negative, the volume is not positive, or a half-life
        is not positive.

    Examples
    --------
    >>> one_compartment_ng_per_ml([0.0, 3.5, 7.0], dose_ug=300, volume_L=3, half_life_h=3.5).tolist()
    [100.0, 50.0, 25.0]
    >>> c = one_compartment_ng_per_ml(3.5, dose_ug=300, volume_L=3, half_life_h=3.5, absorption_half_life_h=3.5)
    >>> round(c, 3)  # equal half-lives: (D/V) k t exp(-k t) = 100 ln2 / 2
    34.657
    """
    t = nonnegative_array("t_h", t_h)
    dose = number_in_range("dose_ug", dose_ug, low=0.0)
    v = positive_float("volume_L", volume_L)
    k = elimination_rate_per_h(half_life_h)
    c0 = dose / v
    if absorption_half_life_h is None:
        return as_output(c0 * np.exp(-k * t))
    ka = _absorption_rate_per_h(absorption_half_life_h)
    # (e^(-kt) - e^(-ka t)) / (ka - k) = t e^(-m t) (1 - e^(-d t)) / (d t), m = min(k, ka), d = |ka - k|:
    # no division by zero at ka = k and no overflow when ka < k
    slow, gap = min(k, ka), abs(ka - k)
    return as_output(c0 * ka * t * np.exp(-slow * t) * _one_minus_exp_over(gap * t))


def peak_time_h(*, half_life_h: float, absorption_half_life_h: float) -> float:
    """Time of the peak plasma concentration after a subcutaneous dose (one compartment).

    Setting the derivative of the Bateman function to zero gives
    ``t_max = ln(ka / k) / (ka - k)``, and ``t_max = 1 / k`` when ``ka = k``. It does not
    depend on the dose or the volume, and it is symmetric in ``ka`` and ``k``.

    Parameters
    ----------
    half_life_h, absorption_half_life_h : float
        Elimination and absorption half-lives in h (> 0).

    Returns
    -------
    float
        Time of the peak in h.

    Examples
    --------
    >>> round(peak_time_h(half_life_h=3.5, absorption_half_life_h=3.5), 3)  # 1 / k
    5.049
    """
    k = elimination_rate_per_h(half_life_h)
    ka = _absorption_rate_per_h(absorption_half_life_h)
    if math.isclose(ka, k, rel_tol=1e-9):
        return 1.0 / k
    return math.log(ka / k) / (ka - k)


def absorption_half_life_for_peak_h(tmax_h: float, *, half_life_h: float) -> float:
    """Absorption half-life that puts the peak of a subcutaneous dose at ``tmax_h``.

    Inverts :func:`peak_time_h` for a known elimination half-life (the peak time falls
    monotonically as absorption speeds up, so the answer is unique). Peaks earlier than
    ``1 / k`` mean absorption is faster than elimination; later peaks mean the
    absorption is the slow step ("flip-flop" kinetics, where the terminal decline
    reflects absorption, not elimination).

    Parameters
    ----------
    tmax_h : float
        Observed time of the peak in h (> 0).
    half_life_h : float
        Elimination half-life in h (> 0).

    Returns
    -------
    float
        Absorption half-life in h.

    Examples
    --------
    >>> t_abs = absorption_half_life_for_peak_h(4.0, half_life_h=3.5)
    >>> round(peak_time_h(half_life_h=3.5, absorption_half_life_h=t_abs), 6)
    4.0
    """
    tmax = positive_float("tmax_h", tmax_h)
    k = elimination_rate_per_h(half_life_h)

    def gap(log_ka: float) -> float:
        return peak_time_h(half_life_h=half_life_h, absorption_half_life_h=LN2 / math.exp(log_ka)) - tmax

    log_k = math.log(k)
    low, high = log_k - 1.0, log_k + 1.0
    while gap(low) < 0:  # peak too early even with slow absorption: slow it further
        low -= 2.0
    while gap(high) > 0:
        high += 2.0
    ka = math.exp(brentq(gap, low, high, xtol=1e-14, rtol=1e-12))
    return LN2 / ka


def repeated_doses_ng_per_ml(
    t_h: ArrayLike,
    *,
    dose_ug: float,
    interval_h: float,
    n_doses: int,
    volume_L: float,
    half_life_h: float,
    absorption_half_life_h: float | None = None,
) -> FloatOrArray:
    """Plasma concentration after ``n_doses`` equal doses every ``interval_h`` (superposition).

    The first dose is given at ``t = 0``. Because the model is linear, the curve is
    the sum of single-dose curves shifted by multiples of the interval.

    Parameters
    ----------
    t_h : array_like
        Time since the first dose in h (>= 0).
    dose_ug, volume_L, half_life_h, absorption_half_life_h
        As for :func:`one_compartment_ng_per_ml`.
    interval_h : float
        Dosing interval in h (> 0).
    n_doses : int
        Number of doses (>= 1).

    Returns
    -------
    float or numpy.ndarray
        Plasma concentration in ng mL⁻¹, summed over the doses given by each time.

    Raises
    ------
    ValueError
        If a time is negative, ``interval_h`` is not positive, ``n_doses`` is not an
        integer >= 1, or a dose parameter is out of the range of
        :func:`one_compartment_ng_per_ml`.

    Examples
    --------
    >>> c = repeated_doses_ng_per_ml([0.0, 24.0], dose_ug=300, interval_h=24, n_doses=2,
    ...                              volume_L=3, half_life_h=24)
    >>> c.tolist()  # 100 at t=0; 50 left + 100 new at t=24
    [100.0, 150.0]
    """
    t = nonnegative_array("t_h", t_h)
    tau = positive_float("interval_h", interval_h)
    n_doses = integer_at_least("n_doses", n_doses, 1)
    total = np.zeros_like(t)
    for i in range(int(n_doses)):
        shifted = t - i * tau
        given = shifted >= 0
        if given.any():
            total[given] += np.asarray(one_compartment_ng_per_ml(
                shifted[given], dose_ug=dose_ug, volume_L=volume_L, half_life_h=half_life_h,
                absorption_half_life_h=absorption_half_life_h), dtype=float)
    return as_output(total)


def steady_state_trough_ng_per_ml(*, dose_ug: float, interval_h: float, volume_L: float, half_life_h: float) -> float:
    """Lowest concentration, just before the next dose, once repeated IV doses are at steady state.

    ``C_trough = (D / V) r / (1 - r)`` with ``r = exp(-k tau)``, the fraction left
    after one interval.

    Raises
    ------
    ValueError
        If ``dose_ug`` is negative, or ``interval_h``, ``volume_L`` or ``half_life_h`` is
        not positive.

    Examples
    --------
    >>> steady_state_trough_ng_per_ml(dose_ug=300, interval_h=24, volume_L=3, half_life_h=24)
    100.0
    """
    dose = number_in_range("dose_ug", dose_ug, low=0.0)
    tau = positive_float("interval_h", interval_h)
    v = positive_float("volume_L", volume_L)
    r = math.exp(-elimination_rate_per_h(half_life_h) * tau)
    return dose / v * r / (1.0 - r)


def dosing_interval_for_trough_h(
    threshold_ng_per_ml: float, *, dose_ug: float, volume_L: float, half_life_h: float
) -> float:
    """Longest interval between IV doses that keeps the steady-state trough at or above a threshold.

    Solving :func:`steady_state_trough_ng_per_ml` for the interval gives
    ``tau = ln(1 + D / (V C_min)) / k``: it grows only logarithmically with the dose
    but in proportion to the half-life, which is why lengthening the half-life
    (pegylation, Fc fusion) stretches dosing intervals far more than raising doses.

    Parameters
    ----------
    threshold_ng_per_ml : float
        Concentration that must be maintained, in ng mL⁻¹ (> 0).
    dose_ug, volume_L, half_life_h
        As for :func:`one_compartment_ng_per_ml`; the dose must be > 0.

    Returns
    -------
    float
        Interval in h.

    Raises
    ------
    ValueError
        If ``threshold_ng_per_ml``, ``dose_ug``, ``volume_L`` or ``half_life_h`` is not
        positive.

    Examples
    --------
    >>> dosing_interval_for_trough_h(100.0, dose_ug=300, volume_L=3, half_life_h=24)
    24.0
    """
    thr = positive_float("threshold_ng_per_ml", threshold_ng_per_ml)
    dose = positive_float("dose_ug", dose_ug)
    v = positive_float("volume_L", volume_L)
    return math.log1p(dose / (v * thr)) / elimination_rate_per_h(half_life_h)


def time_above_h(t_h: ArrayLike, conc_ng_per_ml: ArrayLike, threshold_ng_per_ml: float) -> float:
    """Total time a sampled concentration curve spends at or above a threshold.

    Crossings between samples are located by linear interpolation, so the answer is
    as accurate as the time grid is fine.

    Parameters
    ----------
    t_h : array_like
        Increasing sample times in h.
    conc_ng_per_ml : array_like
        Concentrations at those times (>= 0), same length.
    threshold_ng_per_ml : float
        Threshold in ng mL⁻¹ (>= 0).

    Returns
    -------
    float
        Time in h.

    Raises
    ------
    ValueError
        If the arrays differ in length, have fewer than two points, or the times do not increase.

    Examples
    --------
    >>> time_above_h([0, 1, 2, 3], [0, 2, 2, 0], 1.0)
    2.0
    """
    t = nonnegative_array("t_h", t_h)
    c = nonnegative_array("conc_ng_per_ml", conc_ng_per_ml)
    thr = number_in_range("threshold_ng_per_ml", threshold_ng_per_ml, low=0.0)
    if t.ndim != 1 or t.shape != c.shape or t.size < 2:
        raise ValueError("t_h and conc_ng_per_ml must be 1-D arrays of the same length (at least 2)")
    if np.any(np.diff(t) <= 0):
        raise ValueError("t_h must be strictly increasing")
    total = 0.0
    for t0, t1, c0, c1 in zip(t[:-1], t[1:], c[:-1], c[1:]):
        above0, above1 = c0 >= thr, c1 >= thr
        if above0 and above1:
            total += t1 - t0
        elif above0 != above1:
            tc = t0 + (thr - c0) / (c1 - c0) * (t1 - t0)
            total += (t1 - tc) if above1 else (tc - t0)
    return float(total)


# ---------------------------------------------------------------------------------
# Two-compartment model
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TwoCompartmentModel:
    """A central compartment (where concentrations are measured) exchanging with a peripheral one.

    The drug is eliminated from the central compartment with clearance ``CL`` and
    moves between the compartments with the intercompartmental clearance ``Q``::

        dA1/dt = -(CL + Q)/V1 A1 + Q/V2 A2        (+ absorption from a depot)
        dA2/dt =       Q/V1 A1 - Q/V2 A2

    After an intravenous bolus the concentration is ``C(t) = A e^(-alpha t) + B e^(-beta t)``:
    a fast distribution phase (half-life ``ln2/alpha``) and a slow terminal
    elimination phase (half-life ``ln2/beta``).

    Parameters
    ----------
    central_volume_L : float
        ``V1`` in L (> 0).
    clearance_L_per_h : float
        ``CL`` in L h⁻¹ (> 0).
    peripheral_volume_L : float
        ``V2`` in L (> 0).
    intercompartmental_clearance_L_per_h : float
        ``Q`` in L h⁻¹ (>= 0; 0 reduces the model to one compartment).

    Raises
    ------
    ValueError
        If a parameter is out of range.

    Examples
    --------
    >>> m = TwoCompartmentModel.from_half_lives(distribution_half_life_h=12.9 / 60,
    ...     elimination_half_life_h=85 / 60, central_volume_L=3.0, clearance_L_per_h=7.2)
    >>> round(m.distribution_half_life_h * 60, 1), round(m.elimination_half_life_h * 60, 1)
    (12.9, 85.0)
    >>> round(m.peripheral_volume_L, 2)
    2.99
    """

    central_volume_L: float
    clearance_L_per_h: float
    peripheral_volume_L: float
    intercompartmental_clearance_L_per_h: float

    def __post_init__(self) -> None:
        positive_float("central_volume_L", self.central_volume_L)
        positive_float("clearance_L_per_h", self.clearance_L_per_h)
        positive_float("peripheral_volume_L", self.peripheral_volume_L)
        number_in_range("intercompartmental_clearance_L_per_h", self.intercompartmental_clearance_L_per_h, low=0.0)

    # micro-constants -------------------------------------------------------------------
    @property
    def k10_per_h(self) -> float:
        """Elimination rate constant from the central compartment, ``CL / V1``."""
        return self.clearance_L_per_h / self.central_volume_L

    @property
    def k12_per_h(self) -> float:
        """Transfer rate constant central -> peripheral, ``Q / V1``."""
        return self.intercompartmental_clearance_L_per_h / self.central_volume_L

    @property
    def k21_per_h(self) -> float:
        """Transfer rate constant peripheral -> central, ``Q / V2``."""
        return self.intercompartmental_clearance_L_per_h / self.peripheral_volume_L

    # macro-constants -------------------------------------------------------------------
    @property
    def _rates(self) -> tuple[float, float]:
        s = self.k10_per_h + self.k12_per_h + self.k21_per_h
        p = self.k10_per_h * self.k21_per_h
        root = math.sqrt(max(s * s - 4.0 * p, 0.0))
        alpha = 0.5 * (s + root)
        return alpha, p / alpha  # beta = p / alpha avoids cancellation

    @property
    def alpha_per_h(self) -> float:
        """Rate of the fast (distribution) phase."""
        return self._rates[0]

    @property
    def beta_per_h(self) -> float:
        """Rate of the slow (terminal elimination) phase."""
        return self._rates[1]

    @property
    def distribution_half_life_h(self) -> float:
        """Half-life of the distribution phase, ``ln2 / alpha``."""
        return LN2 / self.alpha_per_h

    @property
    def elimination_half_life_h(self) -> float:
        """Terminal half-life, ``ln2 / beta``."""
        return LN2 / self.beta_per_h

    @property
    def steady_state_volume_L(self) -> float:
        """Volume of distribution at steady state, ``V1 + V2``."""
        return self.central_volume_L + self.peripheral_volume_L

    @classmethod
    def from_half_lives(
        cls,
        *,
        distribution_half_life_h: float,
        elimination_half_life_h: float,
        central_volume_L: float,
        clearance_L_per_h: float,
    ) -> TwoCompartmentModel:
        """The model with given distribution and elimination half-lives, central volume and clearance.

        From ``alpha``, ``beta`` and ``k10 = CL / V1``: ``k21 = alpha beta / k10`` and
        ``k12 = alpha + beta - k10 - k21``. Such a model exists only if
        ``beta < k10 < alpha`` and ``k12 >= 0``.

        Raises
        ------
        ValueError
            If the distribution half-life is not shorter than the elimination
            half-life, or no two-compartment model has these four values.

        Examples
        --------
        >>> m = TwoCompartmentModel.from_half_lives(distribution_half_life_h=48.0,
        ...     elimination_half_life_h=21 * 24.0, central_volume_L=3.0, clearance_L_per_h=0.2 / 24)
        >>> round(m.elimination_half_life_h / 24, 1)
        21.0
        """
        t_a = positive_float("distribution_half_life_h", distribution_half_life_h)
        t_b = positive_float("elimination_half_life_h", elimination_half_life_h)
        v1 = positive_float("central_volume_L", central_volume_L)
        cl = positive_float("clearance_L_per_h", clearance_L_per_h)
        if not t_a < t_b:
            raise ValueError(
                f"distribution_half_life_h ({t_a:g}) must be shorter than elimination_half_life_h ({t_b:g})")
        alpha, beta = LN2 / t_a, LN2 / t_b
        k10 = cl / v1
        if not beta < k10 < alpha:
            raise ValueError(
                f"no two-compartment model has these values: CL / V1 = {k10:.4g} per h must lie between "
                f"the elimination rate {beta:.4g} and the distribution rate {alpha:.4g} per h")
        k21 = alpha * beta / k10
        k12 = alpha + beta - k10 - k21
        if k12 < 0:
            raise ValueError(
                "no two-compartment model has these values: they imply a negative transfer rate "
                f"(k12 = {k12:.4g} per h); lower the clearance or the central volume")
        q = k12 * v1
        return cls(v1, cl, q / k21, q)

    def coefficients_ng_per_ml(self, dose_ug: float) -> tuple[float, float]:
        """``(A, B)`` of ``C(t) = A e^(-alpha t) + B e^(-beta t)`` after an IV bolus of ``dose_ug``.

        Examples
        --------
        >>> m = TwoCompartmentModel(3.0, 1.0, 3.0, 2.0)
        >>> a, b = m.coefficients_ng_per_ml(300.0)
        >>> round(a + b, 10)  # C(0) = dose / V1
        100.0
        """
        dose = number_in_range("dose_ug", dose_ug, low=0.0)
        alpha, beta = self._rates
        c0 = dose / self.central_volume_L
        if alpha == beta:  # pragma: no cover - only when Q = 0 and k10 = 0, which CL > 0 excludes
            return c0, 0.0
        a = c0 * (alpha - self.k21_per_h) / (alpha - beta)
        return a, c0 - a

    def rate_matrix_per_h(self) -> NDArray[np.float64]:
        """Matrix ``M`` of ``d[A_depot, A1, A2]/dt = M [A_depot, A1, A2]`` without the depot column filled.

        The depot's absorption rate is added by :func:`two_compartment_ng_per_ml`.
        """
        k10, k12, k21 = self.k10_per_h, self.k12_per_h, self.k21_per_h
        return np.array([[0.0, 0.0, 0.0],
                         [0.0, -(k10 + k12), k21],
                         [0.0, k12, -k21]])

    def to_frame(self) -> pd.DataFrame:
        """The parameters and the derived constants as a one-column table."""
        rows = {
            "central_volume_L": self.central_volume_L,
            "peripheral_volume_L": self.peripheral_volume_L,
            "clearance_L_per_h": self.clearance_L_per_h,
            "intercompartmental_clearance_L_per_h": self.intercompartmental_clearance_L_per_h,
            "k10_per_h": self.k10_per_h, "k12_per_h": self.k12_per_h, "k21_per_h": self.k21_per_h,
            "distribution_half_life_h": self.distribution_half_life_h,
            "elimination_half_life_h": self.elimination_half_life_h,
        }
        return pd.DataFrame({"value": rows})


def two_compartment_ng_per_ml(
    t_h: ArrayLike,
    *,
    dose_ug: float,
    model: TwoCompartmentModel,
    absorption_half_life_h: float | None = None,
    bioavailability: float = 1.0,
) -> FloatOrArray:
    """Central (plasma) concentration in a two-compartment model.

    Intravenous bolus (``absorption_half_life_h=None``): the closed form
    ``A e^(-alpha t) + B e^(-beta t)``. Subcutaneous dose: a fraction
    ``bioavailability`` of the dose is absorbed from a depot at the first-order rate
    ``ln2 / absorption_half_life_h``; the linear system is solved exactly with the
    matrix exponential, which stays correct when the absorption rate equals
    ``alpha`` or ``beta``.

    Parameters
    ----------
    t_h : array_like
        Time since the dose in h (>= 0).
    dose_ug : float
        Dose in µg (>= 0); of a subcutaneous dose, the fraction ``bioavailability``
        reaches the circulation.
    model : TwoCompartmentModel
        Volumes and clearances.
    absorption_half_life_h : float, optional
        Absorption half-life in h (> 0); ``None`` for an intravenous bolus.
    bioavailability : float
        Fraction of a subcutaneous dose that reaches the circulation, in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        Central (plasma) concentration in ng mL⁻¹.

    Raises
    ------
    ValueError
        If a time or the dose is negative, ``absorption_half_life_h`` is not positive, or
        ``bioavailability`` is outside [0, 1].

    Examples
    --------
    >>> m = TwoCompartmentModel(3.0, 1.0, 3.0, 2.0)
    >>> c = two_compartment_ng_per_ml([0.0, 1.0], dose_ug=300, model=m)
    >>> round(float(c[0]), 6)
    100.0
    >>> round(two_compartment_ng_per_ml(0.0, dose_ug=300, model=m, absorption_half_life_h=2.0), 6)
    0.0
    """
    t = nonnegative_array("t_h", t_h)
    dose = number_in_range("dose_ug", dose_ug, low=0.0)
    if not isinstance(model, TwoCompartmentModel):
        raise ValueError(f"model must be a TwoCompartmentModel, got {type(model).__name__}")
    f = float(fraction_array("bioavailability", bioavailability))
    if absorption_half_life_h is None:
        alpha, beta = model._rates
        a, b = model.coefficients_ng_per_ml(dose)
        return as_output(a * np.exp(-alpha * t) + b * np.exp(-beta * t))
    ka = _absorption_rate_per_h(absorption_half_life_h)
    m = model.rate_matrix_per_h()
    m[0, 0] = -ka
    m[1, 0] = ka
    x0 = np.array([f * dose, 0.0, 0.0])
    flat = t.ravel()
    central = np.array([(expm(m * ti) @ x0)[1] for ti in flat]).reshape(t.shape)
    return as_output(np.maximum(central, 0.0) / model.central_volume_L)

