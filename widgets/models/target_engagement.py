"""Target engagement: how much of a cytokine, or of its receptor, a drug leaves free.

Two equilibria, both with depletion of every species (total concentrations in, exact
solutions out):

**Ligand block.** A neutralising antibody with ``n`` independent binding sites (``n = 1``
for a Fab or one arm, ``n = 2`` as an approximation for a bivalent IgG) captures a
cytokine L::

    L + S  <->  LS        K_D = [L][S] / [LS],   S_total = n * antibody_total

The free cytokine ``[L]`` solves a quadratic. When the antibody is in large excess over
the cytokine (the usual clinical case) the free fraction tends to
``K_D / (K_D + n * antibody)``, and 1 % free needs about 99 K_D of binding sites.

**Receptor block.** A receptor-blocking antibody (or antagonist) B competes with the
cytokine for the same receptor R::

    L + R  <->  LR   (K_L)        B + R  <->  BR   (K_B)

With receptors at trace concentration the cytokine's occupancy is the Gaddum equation,
``(L/K_L) / (1 + L/K_L + B/K_B)``. With receptors not negligible, the free receptor
concentration r solves ``R_T = r (1 + L_T/(K_L + r) + B_T/(K_B + r))``, whose left side
increases with r, so the root in ``[0, R_T]`` is unique; it is found numerically.

**Receptor-mediated clearance.** Cells that bind a cytokine also internalise and destroy
it, so the receptors themselves remove the cytokine from the blood. With a constant
production rate P and two first-order routes of removal, one independent of the receptor
(k0) and one through free receptors (kR times the fraction of receptors not blocked), the
steady-state concentration is ``P / (k0 + kR * f_free)``: blocking the receptor can
*raise* the cytokine level while it silences the signal.

Both equilibria treat binding sites as independent and identical: avidity of a bivalent antibody,
multimeric cytokines (the TNF trimer binds up to three antibody arms) and
immune-complex clearance are left out; each is named in the docstrings where it matters.

References
----------
pollard2010 : the mass-action equilibria and the quadratic with depletion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq

from widgets.models._checks import FloatOrArray, as_output, integer_at_least, nonnegative_array, number_in_range

__all__ = [
    "DosingCourse",
    "ReceptorBlockade",
    "antibody_for_free_fraction",
    "dosing_course",
    "free_fraction",
    "neutralisation_time_h",
    "receptor_blockade",
    "steady_state_cytokine_pM",
]


def _sites(binding_sites: object) -> float:
    """The number of cytokine-binding sites per antibody molecule, 1 to 3."""
    n = number_in_range("binding_sites", binding_sites, low=1.0, high=3.0)
    if n != round(n):
        raise ValueError(f"binding_sites must be a whole number (1, 2 or 3), got {n!r}")
    return n


def free_fraction(
    cytokine_pM: ArrayLike,
    antibody_pM: ArrayLike,
    kd_pM: ArrayLike,
    *,
    binding_sites: int = 1,
) -> FloatOrArray:
    """Fraction of a cytokine left unbound at equilibrium with a neutralising antibody.

    Exact solution with depletion of both partners. With ``L`` total cytokine, ``S =
    binding_sites * antibody_pM`` total binding sites and ``B = S - L + K_D``, the free
    cytokine is the positive root of ``l^2 + B l - K_D L = 0``,

        l = 2 K_D L / (B + sqrt(B^2 + 4 K_D L))      (B > 0; cancellation-free)
        l = (-B + sqrt(B^2 + 4 K_D L)) / 2           (B <= 0),

    and the function returns ``l / L`` (for ``L = 0``, its limit ``K_D / (K_D + S)``).

    Parameters
    ----------
    cytokine_pM : array_like
        Total cytokine concentration (free + bound) in pM (>= 0).
    antibody_pM : array_like
        Total antibody concentration (molecules, free + bound) in pM (>= 0).
    kd_pM : array_like
        Dissociation constant of one antibody site for the cytokine, in pM (> 0).
    binding_sites : int, optional
        Cytokine-binding sites per antibody molecule (1, 2 or 3). ``2`` for a bivalent
        IgG is an approximation: it treats the two arms as independent sites, which
        ignores avidity (one cytokine bound by both arms) and the larger complexes a
        multimeric cytokine can form.

    Returns
    -------
    float or numpy.ndarray
        Free fraction between 0 and 1 (broadcast over the inputs).

    Raises
    ------
    ValueError
        If a concentration is negative, NaN or infinite, ``kd_pM`` is not positive, or
        ``binding_sites`` is not 1, 2 or 3.

    References
    ----------
    pollard2010

    Examples
    --------
    Without antibody every cytokine molecule is free; with the antibody in large excess
    the free fraction approaches K_D / (K_D + antibody):

    >>> free_fraction(10.0, 0.0, kd_pM=50.0)
    1.0
    >>> round(free_fraction(1.0, 4950.0, kd_pM=50.0), 4)
    0.01
    >>> round(free_fraction(1.0, 2475.0, kd_pM=50.0, binding_sites=2), 4)
    0.01
    """
    total = nonnegative_array("cytokine_pM", cytokine_pM)
    antibody = nonnegative_array("antibody_pM", antibody_pM)
    kd = nonnegative_array("kd_pM", kd_pM, strictly_positive=True)
    sites = _sites(binding_sites) * antibody
    total, sites, kd = np.broadcast_arrays(total, sites, kd)
    b = sites - total + kd
    root = np.sqrt(b * b + 4.0 * kd * total)
    with np.errstate(divide="ignore", invalid="ignore"):
        positive = 2.0 * kd / (b + root)  # l / L when b > 0 (also the L -> 0 limit)
        negative = (root - b) / (2.0 * total)  # l / L when b <= 0 (then L >= S + K_D > 0)
    out = np.where(b > 0, positive, negative)
    return as_output(np.clip(out, 0.0, 1.0))


def antibody_for_free_fraction(
    target_free_fraction: ArrayLike,
    *,
    cytokine_pM: ArrayLike,
    kd_pM: ArrayLike,
    binding_sites: int = 1,
) -> FloatOrArray:
    """Total antibody concentration (pM) that leaves a chosen fraction of a cytokine free.

    Inverts :func:`free_fraction` in closed form. If a fraction ``f`` of ``L`` total
    cytokine is free, ``(1 - f) L`` is bound, and the free sites follow from K_D:
    ``S_free = K_D (1 - f) / f``. The total sites are ``S_free + (1 - f) L``, and the
    antibody is that divided by ``binding_sites``:

        antibody = [K_D (1 - f) / f + (1 - f) L] / n.

    The first term is the "excess antibody" rule (1 % free needs 99 K_D); the second is
    the antibody used up by the cytokine itself, which matters only when the cytokine is
    not much rarer than K_D.

    Parameters
    ----------
    target_free_fraction : array_like
        Desired free fraction, 0 < f <= 1.
    cytokine_pM : array_like
        Total cytokine concentration in pM (>= 0).
    kd_pM : array_like
        Dissociation constant of one antibody site, in pM (> 0).
    binding_sites : int, optional
        Sites per antibody molecule (1, 2 or 3; see :func:`free_fraction`).

    Returns
    -------
    float or numpy.ndarray
        Antibody concentration in pM.

    Raises
    ------
    ValueError
        If the fraction is outside (0, 1], a concentration is negative or not finite,
        ``kd_pM`` is not positive, or ``binding_sites`` is not 1, 2 or 3.

    Examples
    --------
    >>> antibody_for_free_fraction(0.01, cytokine_pM=0.0, kd_pM=50.0)
    4950.0
    >>> round(antibody_for_free_fraction(0.5, cytokine_pM=100.0, kd_pM=10.0), 6)
    60.0
    """
    try:
        f = np.asarray(target_free_fraction, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"target_free_fraction must be numeric, got {target_free_fraction!r}") from None
    if np.isnan(f).any() or (f <= 0).any() or (f > 1).any():
        bad = float(f[~((f > 0) & (f <= 1))].flat[0])
        raise ValueError(f"target_free_fraction must be in (0, 1], got {bad!r}")
    total = nonnegative_array("cytokine_pM", cytokine_pM)
    kd = nonnegative_array("kd_pM", kd_pM, strictly_positive=True)
    n = _sites(binding_sites)
    return as_output((kd * (1.0 - f) / f + (1.0 - f) * total) / n)


@dataclass(frozen=True)
class ReceptorBlockade:
    """Equilibrium of a cytokine and a receptor blocker competing for one receptor.

    Attributes
    ----------
    cytokine_occupancy : float or numpy.ndarray
        Fraction of receptors bound by the cytokine.
    blocker_occupancy : float or numpy.ndarray
        Fraction of receptors bound by the blocker.
    free_cytokine_pM, free_blocker_pM : float or numpy.ndarray
        Free concentrations at equilibrium, in pM.
    signal_fraction : float or numpy.ndarray
        Cytokine occupancy relative to the same cytokine without blocker: the share of
        the signal that is left, if signal is proportional to occupancy.
    """

    cytokine_occupancy: FloatOrArray
    blocker_occupancy: FloatOrArray
    free_cytokine_pM: FloatOrArray
    free_blocker_pM: FloatOrArray
    signal_fraction: FloatOrArray


def _free_receptor(rt: float, lt: float, bt: float, kl: float, kb: float) -> float:
    """Free receptor r from R_T = r (1 + L_T/(K_L + r) + B_T/(K_B + r)), 0 <= r <= R_T."""
    if rt == 0.0:
        return 0.0

    def excess(r: float) -> float:
        return r * (1.0 + lt / (kl + r) + bt / (kb + r)) - rt

    # excess(0) = -R_T < 0 and excess(R_T) >= 0; the function increases with r.
    return brentq(excess, 0.0, rt, xtol=1e-14 * max(rt, 1.0), rtol=1e-13, maxiter=200)


def _occupancies(lt: float, bt: float, rt: float, kl: float, kb: float) -> tuple[float, float, float, float]:
    """Cytokine and blocker occupancy and their free concentrations, one set of inputs."""
    if rt == 0.0:
        # trace receptor: free ligands equal totals (Gaddum)
        denom = 1.0 + lt / kl + bt / kb
        return (lt / kl) / denom, (bt / kb) / denom, lt, bt
    r = _free_receptor(rt, lt, bt, kl, kb)
    free_l = lt * kl / (kl + r)
    free_b = bt * kb / (kb + r)
    return r * free_l / kl / rt, r * free_b / kb / rt, free_l, free_b


def receptor_blockade(
    cytokine_pM: ArrayLike,
    blocker_pM: ArrayLike,
    *,
    kd_cytokine_pM: float,
    kd_blocker_pM: float,
    receptor_pM: float = 0.0,
) -> ReceptorBlockade:
    """Receptor occupancy by a cytokine when a receptor-blocking drug competes for it.

    Equilibrium of ``L + R <-> LR`` and ``B + R <-> BR`` with conservation of total
    cytokine, blocker and receptor. With ``receptor_pM = 0`` (receptors at trace
    concentration) this is the Gaddum equation; otherwise the free receptor
    concentration is found by bracketed root finding (unique root, see the module
    docstring). Signal is taken to be proportional to cytokine occupancy, which ignores
    receptor reserve, internalisation and the receptor-mediated clearance that makes
    serum IL-6 rise on tocilizumab (a whole-body effect, not part of this equilibrium).

    Parameters
    ----------
    cytokine_pM : array_like
        Total cytokine concentration in pM (>= 0).
    blocker_pM : array_like
        Total blocker concentration in pM (>= 0), counted as receptor-binding sites.
    kd_cytokine_pM, kd_blocker_pM : float
        Dissociation constants for the receptor, in pM (> 0).
    receptor_pM : float, optional
        Total receptor concentration in pM (>= 0); 0 means trace (no depletion).

    Returns
    -------
    ReceptorBlockade
        Occupancies, free concentrations and the remaining signal fraction, each a float
        for scalar inputs or an array broadcast over ``cytokine_pM`` and ``blocker_pM``.

    Raises
    ------
    ValueError
        If a concentration is negative, NaN or infinite, or a K_D is not positive.

    Examples
    --------
    With equal affinities and receptors at trace level, a blocker at 9 K_D leaves a
    cytokine at its K_D one-sixth of its unblocked occupancy:

    >>> res = receptor_blockade(10.0, 90.0, kd_cytokine_pM=10.0, kd_blocker_pM=10.0)
    >>> round(res.cytokine_occupancy, 4), round(res.signal_fraction, 4)
    (0.0909, 0.1818)
    """
    lt_arr = nonnegative_array("cytokine_pM", cytokine_pM)
    bt_arr = nonnegative_array("blocker_pM", blocker_pM)
    kl = number_in_range("kd_cytokine_pM", kd_cytokine_pM, low=0.0, low_open=True)
    kb = number_in_range("kd_blocker_pM", kd_blocker_pM, low=0.0, low_open=True)
    rt = number_in_range("receptor_pM", receptor_pM, low=0.0)
    lt_arr, bt_arr = np.broadcast_arrays(lt_arr, bt_arr)
    shape = lt_arr.shape
    out: NDArray[np.float64] = np.empty((5,) + shape)
    for idx in np.ndindex(shape):
        lt, bt = float(lt_arr[idx]), float(bt_arr[idx])
        occ_l, occ_b, free_l, free_b = _occupancies(lt, bt, rt, kl, kb)
        unblocked, _, _, _ = _occupancies(lt, 0.0, rt, kl, kb)
        out[(0,) + idx] = occ_l
        out[(1,) + idx] = occ_b
        out[(2,) + idx] = free_l
        out[(3,) + idx] = free_b
        out[(4,) + idx] = occ_l / unblocked if unblocked > 0 else 1.0
    return ReceptorBlockade(*(as_output(out[i]) for i in range(5)))


def steady_state_cytokine_pM(
    production_pM_per_h: ArrayLike,
    *,
    nonspecific_clearance_per_h: float,
    receptor_clearance_per_h: float,
    receptor_free_fraction: ArrayLike = 1.0,
) -> FloatOrArray:
    """Steady-state cytokine concentration with receptor-mediated clearance.

    A cytokine made at a constant rate P (pM per hour, per volume of plasma) is removed
    by two first-order routes: one that does not involve its receptor (renal filtration,
    proteolysis; rate constant k0) and uptake by cells through free receptors (rate
    constant kR when every receptor is free). If a fraction ``f`` of the receptors is
    free, the steady state is

        C = P / (k0 + kR * f).

    A receptor-blocking antibody lowers ``f``; the cytokine then accumulates although it
    cannot signal. This is a two-route teaching model, not a fitted description of any
    drug: the rate constants are inputs, and the real kinetics (for example of IL-6 on
    tocilizumab) include production that changes with disease activity.

    Parameters
    ----------
    production_pM_per_h : array_like
        Production rate in pM per hour (>= 0).
    nonspecific_clearance_per_h : float
        Rate constant of receptor-independent removal, per hour (> 0).
    receptor_clearance_per_h : float
        Rate constant of receptor-mediated removal with every receptor free, per hour
        (>= 0).
    receptor_free_fraction : array_like, optional
        Fraction of receptors not occupied by a blocker, 0 to 1 (default 1).

    Returns
    -------
    float or numpy.ndarray
        Steady-state concentration in pM.

    Raises
    ------
    ValueError
        If a rate is negative or not finite, ``nonspecific_clearance_per_h`` is not
        positive, or the free fraction is outside [0, 1].

    References
    ----------
    nishimoto2008 : receptor-mediated consumption of IL-6 and its loss on tocilizumab.

    Examples
    --------
    With receptors removing three times as much cytokine as every other route, blocking
    all of them raises the level fourfold:

    >>> steady_state_cytokine_pM(10.0, nonspecific_clearance_per_h=0.5,
    ...                          receptor_clearance_per_h=1.5)
    5.0
    >>> steady_state_cytokine_pM(10.0, nonspecific_clearance_per_h=0.5,
    ...                          receptor_clearance_per_h=1.5, receptor_free_fraction=0.0)
    20.0
    """
    production = nonnegative_array("production_pM_per_h", production_pM_per_h)
    k0 = number_in_range("nonspecific_clearance_per_h", nonspecific_clearance_per_h, low=0.0, low_open=True)
    kr = number_in_range("receptor_clearance_per_h", receptor_clearance_per_h, low=0.0)
    free = nonnegative_array("receptor_free_fraction", receptor_free_fraction)
    if (free > 1).any():
        raise ValueError(f"receptor_free_fraction must be in [0, 1], got {float(free[free > 1].flat[0])!r}")
    return as_output(production / (k0 + kr * free))


def neutralisation_time_h(
    peak_antibody_pM: ArrayLike,
    *,
    half_life_h: float,
    cytokine_pM: float,
    kd_pM: float,
    target_free_fraction: float,
    binding_sites: int = 1,
) -> FloatOrArray:
    """How long one dose keeps a cytokine neutralised, with first-order elimination.

    After an intravenous dose the antibody falls as ``C(t) = C_peak * 2**(-t / t_half)``
    (a one-compartment model without absorption). The cytokine stays at or below the
    target free fraction while ``C(t)`` is at least the concentration
    :func:`antibody_for_free_fraction` gives, that is for

        t = t_half * log2(C_peak / C_needed)     (0 if C_peak < C_needed).

    Each half-life of the antibody buys one doubling of the peak above the level needed,
    which is why a long half-life (FcRn recycling) and a high affinity (a low C_needed)
    both lengthen the dosing interval.

    Parameters
    ----------
    peak_antibody_pM : array_like
        Antibody concentration just after the dose, pM (>= 0).
    half_life_h : float
        Elimination half-life of the antibody, hours (> 0).
    cytokine_pM, kd_pM, target_free_fraction, binding_sites
        As for :func:`antibody_for_free_fraction`.

    Returns
    -------
    float or numpy.ndarray
        Hours during which the free fraction stays at or below the target.

    Raises
    ------
    ValueError
        If an input is out of range (see :func:`antibody_for_free_fraction`), or the
        half-life is not positive.

    Examples
    --------
    A peak of 8 times the antibody needed lasts three half-lives:

    >>> need = antibody_for_free_fraction(0.01, cytokine_pM=1.0, kd_pM=100.0)
    >>> neutralisation_time_h(8 * need, half_life_h=504.0, cytokine_pM=1.0, kd_pM=100.0,
    ...                       target_free_fraction=0.01)
    1512.0
    """
    peak = nonnegative_array("peak_antibody_pM", peak_antibody_pM)
    t_half = number_in_range("half_life_h", half_life_h, low=0.0, low_open=True)
    needed = float(antibody_for_free_fraction(target_free_fraction, cytokine_pM=cytokine_pM, kd_pM=kd_pM,
                                              binding_sites=binding_sites))
    with np.errstate(divide="ignore"):
        doublings = np.log2(peak / needed)
    return as_output(np.round(t_half * np.clip(doublings, 0.0, None), 9))


@dataclass(frozen=True)
class DosingCourse:
    """Antibody and free cytokine over repeated antibody doses (see :func:`dosing_course`).

    Attributes
    ----------
    t_h : numpy.ndarray
        Time since the first dose, hours.
    antibody_pM : numpy.ndarray
        Antibody concentration, pM.
    free : numpy.ndarray
        Fraction of the cytokine left free at each time (equilibrium at every instant).
    dose_times_h : tuple of float
        When the doses are given, hours.
    needed_pM : float
        Antibody concentration that keeps the free fraction at the target.
    hours_at_target : float
        Hours during which the free fraction is at or below the target.
    parameters : dict
        The inputs, for the record.
    """

    t_h: NDArray[np.float64]
    antibody_pM: NDArray[np.float64]
    free: NDArray[np.float64]
    dose_times_h: tuple[float, ...]
    needed_pM: float
    hours_at_target: float
    parameters: dict[str, float]

    @property
    def fraction_of_time_at_target(self) -> float:
        """Share of the simulated time with the free fraction at or below the target."""
        return self.hours_at_target / float(self.t_h[-1] - self.t_h[0])

    def to_frame(self) -> pd.DataFrame:
        """The course as a table: time (h and days), antibody (pM) and free fraction."""
        return pd.DataFrame({"t_h": self.t_h, "t_days": self.t_h / 24.0, "antibody_pM": self.antibody_pM,
                             "free_fraction": self.free})


def dosing_course(
    *,
    peak_per_dose_pM: float,
    interval_h: float,
    n_doses: int,
    half_life_h: float,
    cytokine_pM: float,
    kd_pM: float,
    target_free_fraction: float = 0.01,
    binding_sites: int = 1,
    duration_h: float | None = None,
    points: int = 801,
) -> DosingCourse:
    """Free cytokine over a course of repeated intravenous antibody doses.

    The antibody follows the one-compartment model of Chapter 4
    (:func:`widgets.models.pharmacokinetics.repeated_doses_ng_per_ml`, doses
    superposed), expressed as the concentration each dose adds; at every instant the
    cytokine is taken to be at binding equilibrium with it (:func:`free_fraction`), which
    holds because binding is fast compared with a half-life of days. The volume of
    distribution cancels: a dose that raises the concentration by ``peak_per_dose_pM``
    does so whatever the volume.

    Parameters
    ----------
    peak_per_dose_pM : float
        Rise in antibody concentration produced by one dose, pM (> 0).
    interval_h : float
        Time between doses, hours (> 0).
    n_doses : int
        Number of doses (>= 1).
    half_life_h : float
        Elimination half-life of the antibody, hours (> 0).
    cytokine_pM, kd_pM, target_free_fraction, binding_sites
        As for :func:`antibody_for_free_fraction`.
    duration_h : float, optional
        Length of the simulation (default: one interval after the last dose).
    points : int, optional
        Number of time points.

    Returns
    -------
    DosingCourse

    Raises
    ------
    ValueError
        If ``peak_per_dose_pM``, ``interval_h`` or ``half_life_h`` is not positive,
        ``n_doses`` is not an integer >= 1, or a binding argument is out of the range
        of :func:`antibody_for_free_fraction`.

    References
    ----------
    liu2018 : FcRn recycling and the half-lives of antibodies and Fc-fusion proteins.

    Examples
    --------
    Monthly doses of an antibody with a three-week half-life keep a cytokine neutralised
    throughout, while the same doses of a protein with a three-day half-life do not:

    >>> long = dosing_course(peak_per_dose_pM=1e5, interval_h=672, n_doses=3, half_life_h=504,
    ...                      cytokine_pM=10, kd_pM=100)
    >>> round(long.fraction_of_time_at_target, 2)
    1.0
    >>> short = dosing_course(peak_per_dose_pM=1e5, interval_h=672, n_doses=3, half_life_h=72,
    ...                       cytokine_pM=10, kd_pM=100)
    >>> round(short.fraction_of_time_at_target, 2)
    0.36
    """
    from widgets.models.pharmacokinetics import repeated_doses_ng_per_ml, time_above_h

    peak = number_in_range("peak_per_dose_pM", peak_per_dose_pM, low=0.0, low_open=True)
    tau = number_in_range("interval_h", interval_h, low=0.0, low_open=True)
    n_doses = integer_at_least("n_doses", n_doses, 1)
    t_end = float(n_doses * tau if duration_h is None else
                  number_in_range("duration_h", duration_h, low=0.0, low_open=True))
    points = integer_at_least("points", points, 2)
    t = np.linspace(0.0, t_end, int(points))
    # The model is linear and a dose raises the concentration by dose / volume. Passing the
    # rise per dose as the "dose" with a volume of 1 therefore returns concentrations in the
    # units of that rise (pM here); the volume itself never matters.
    antibody = np.asarray(repeated_doses_ng_per_ml(t, dose_ug=peak, interval_h=tau, n_doses=int(n_doses),
                                                   volume_L=1.0, half_life_h=half_life_h), dtype=float)
    free = np.asarray(free_fraction(cytokine_pM, antibody, kd_pM, binding_sites=binding_sites), dtype=float)
    needed = float(antibody_for_free_fraction(target_free_fraction, cytokine_pM=cytokine_pM, kd_pM=kd_pM,
                                              binding_sites=binding_sites))
    hours = time_above_h(t, antibody, needed)
    params = dict(peak_per_dose_pM=peak, interval_h=tau, n_doses=float(n_doses), half_life_h=float(half_life_h),
                  cytokine_pM=float(cytokine_pM), kd_pM=float(kd_pM),
                  target_free_fraction=float(target_free_fraction), binding_sites=float(binding_sites))
    return DosingCourse(t, antibody, free, tuple(i * tau for i in range(int(n_doses))), needed, hours, params)
