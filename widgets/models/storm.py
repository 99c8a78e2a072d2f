"""A teaching model of a cytokine storm: one cytokine that amplifies its own release.

**Made up for teaching.** This is not a published model and its numbers are not
measurements: it is the smallest model that shows why a cytokine response can have a
threshold, two stable states and hysteresis, and why blocking a cytokine's signal
after a storm has started needs more than preventing it. The book's published model
of inflammation is :mod:`widgets.models.reynolds2006`.

One cytokine, at level ``C`` (in arbitrary units, a.u.; the half-maximal level of
the amplification is 1 a.u. by default), is made at a basal rate, released further
by cells that it activates (a Hill term: the more cytokine, the more cells release
it, up to a maximum) and cleared in proportion to its level:

.. math::

    \\frac{dC}{dt} = s + (1 - b)\\, V \\frac{C^n}{K^n + C^n} - (k + k_x)\\, C

``s`` basal production (a.u./h), ``V`` the strength of the amplification (maximal
extra release, a.u./h), ``K`` the level for half-maximal amplification (a.u.), ``n``
the Hill coefficient, ``k`` the clearance rate constant (per h). Two interventions:
``b``, the fraction of the amplification that is blocked (a tocilizumab-like block of
the receptor that carries the feedback), and ``k_x``, added clearance (an antibody
or device that removes the cytokine itself).

Steady states are the roots of ``dC/dt = 0``, found by bracketing sign changes on a
fine logarithmic grid and refining each with Brent's method; a state is stable when
the slope of ``dC/dt`` there is negative. Along a steady state,
``V = (k C - s)(K^n + C^n) / C^n``; the bistable window of ``V`` lies between the
two turning points (saddle-node folds) of that curve.

Examples
--------
>>> [round(s.level, 3) for s in steady_states(amplification_per_h=3.0)]
[0.242, 0.449, 3.103]
>>> [s.stable for s in steady_states(amplification_per_h=3.0)]
[True, False, True]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, minimize_scalar

from widgets.models._checks import as_output, fraction_array, nonnegative_array, number_in_range, unknown_name

__all__ = [
    "TEACHING_PARAMETERS",
    "SteadyState",
    "StormResult",
    "bistable_window",
    "block_to_end_storm",
    "block_to_prevent_storm",
    "hysteresis_sweep",
    "net_rate",
    "production_rate",
    "simulate",
    "steady_state_curve",
    "steady_states",
    "threshold_level",
]

TEACHING_PARAMETERS: Mapping[str, float] = MappingProxyType(
    {
        "basal_per_h": 0.2,
        "amplification_per_h": 3.0,
        "half_max": 1.0,
        "hill": 3.0,
        "clearance_per_h": 1.0,
    }
)
"""Made-up default values (teaching only): s = 0.2 a.u./h, V = 3 a.u./h, K = 1 a.u.,
n = 3, k = 1 per h (a half-life of about 0.7 h)."""

_GRID = np.geomspace(1e-6, 1e3, 4001)


@dataclass(frozen=True)
class SteadyState:
    """One steady state of the storm model.

    Attributes
    ----------
    level : float
        Cytokine level, in a.u.
    stable : bool
        True when small deviations die away (slope of dC/dt < 0).
    """

    level: float
    stable: bool


def _params(overrides: Mapping[str, float]) -> dict[str, float]:
    p = dict(TEACHING_PARAMETERS)
    for name, v in overrides.items():
        if name not in p:
            raise unknown_name("storm parameter", name, list(p))
        if v is None:
            continue
        if name in ("half_max", "hill", "clearance_per_h"):
            p[name] = number_in_range(name, v, low=0.0, low_open=True)
        else:
            p[name] = number_in_range(name, v, low=0.0)
    return p


def _interventions(block: float, extra_clearance_per_h: float) -> tuple[float, float]:
    b = number_in_range("block", block, low=0.0, high=1.0)
    kx = number_in_range("extra_clearance_per_h", extra_clearance_per_h, low=0.0)
    return b, kx


def _f(c: NDArray[np.float64] | float, p: Mapping[str, float], b: float, kx: float) -> NDArray[np.float64] | float:
    cn = np.power(c, p["hill"])
    return (p["basal_per_h"] + (1.0 - b) * p["amplification_per_h"] * cn / (p["half_max"] ** p["hill"] + cn)
            - (p["clearance_per_h"] + kx) * c)


def _slope(c: float, p: Mapping[str, float], b: float, kx: float) -> float:
    n, K = p["hill"], p["half_max"]
    amp = (1.0 - b) * p["amplification_per_h"] * n * K**n * c ** (n - 1) / (K**n + c**n) ** 2
    return float(amp - (p["clearance_per_h"] + kx))


def production_rate(
    level: ArrayLike, *, block: float = 0.0, **parameters: float
) -> float | NDArray[np.float64]:
    """Release of the cytokine at a given level: basal plus (unblocked) amplification.

    Parameters
    ----------
    level : float or array_like
        Cytokine level, in a.u. (>= 0).
    block : float
        Fraction of the amplification blocked, in [0, 1].
    **parameters
        Any of :data:`TEACHING_PARAMETERS` to override.

    Returns
    -------
    float or numpy.ndarray
        Production in a.u./h.

    Examples
    --------
    >>> production_rate(1.0)  # basal 0.2 plus half of V = 3
    1.7
    >>> production_rate(1.0, block=0.5)
    0.95
    """
    c = nonnegative_array("level", level)
    p = _params(parameters)
    b, _ = _interventions(block, 0.0)
    cn = np.power(c, p["hill"])
    out = p["basal_per_h"] + (1.0 - b) * p["amplification_per_h"] * cn / (p["half_max"] ** p["hill"] + cn)
    return as_output(np.round(out, 12))


def net_rate(
    level: ArrayLike, *, block: float = 0.0, extra_clearance_per_h: float = 0.0, **parameters: float
) -> float | NDArray[np.float64]:
    """dC/dt at a given level: production minus clearance.

    Examples
    --------
    >>> round(net_rate(1.0), 6)
    0.7
    >>> round(net_rate(1.0, extra_clearance_per_h=1.0), 6)
    -0.3
    """
    c = nonnegative_array("level", level)
    p = _params(parameters)
    b, kx = _interventions(block, extra_clearance_per_h)
    return as_output(np.asarray(_f(c, p, b, kx), dtype=float))


def steady_states(
    *, block: float = 0.0, extra_clearance_per_h: float = 0.0, **parameters: float
) -> tuple[SteadyState, ...]:
    """All steady states, lowest first, with their stability.

    Parameters
    ----------
    block : float
        Fraction of the amplification blocked, in [0, 1].
    extra_clearance_per_h : float
        Added clearance, per h (>= 0).
    **parameters
        Any of :data:`TEACHING_PARAMETERS` to override (for example
        ``amplification_per_h=4``).

    Returns
    -------
    tuple of SteadyState
        One state (low or high) outside the bistable window, three inside it (low
        stable, threshold unstable, high stable).

    Raises
    ------
    ValueError
        If a value is out of range; KeyError for an unknown parameter name.

    Examples
    --------
    >>> [round(s.level, 3) for s in steady_states(amplification_per_h=1.0)]
    [0.209]
    >>> [round(s.level, 2) for s in steady_states(amplification_per_h=3.0, block=0.6)]
    [0.21]
    """
    p = _params(parameters)
    b, kx = _interventions(block, extra_clearance_per_h)
    roots = [0.0] if p["basal_per_h"] == 0.0 else []
    values = _f(_GRID, p, b, kx)
    sign = np.sign(values)
    for i in np.nonzero(sign[:-1] * sign[1:] < 0)[0]:
        roots.append(brentq(lambda x: float(_f(x, p, b, kx)), _GRID[i], _GRID[i + 1], xtol=1e-13, rtol=1e-12))
    return tuple(SteadyState(float(r), _slope(r, p, b, kx) < 0 if r > 0 else _slope(1e-12, p, b, kx) < 0)
                 for r in sorted(roots))


def threshold_level(*, block: float = 0.0, extra_clearance_per_h: float = 0.0, **parameters: float) -> float:
    """The unstable middle steady state: the level a trigger must push the cytokine past.

    Returns
    -------
    float
        The threshold in a.u., or ``math.nan`` when the model is not bistable (then
        there is no threshold: only one state exists).

    Examples
    --------
    >>> round(threshold_level(), 3)
    0.449
    >>> threshold_level(amplification_per_h=1.0)
    nan
    """
    states = steady_states(block=block, extra_clearance_per_h=extra_clearance_per_h, **parameters)
    unstable = [s.level for s in states if not s.stable]
    return unstable[0] if unstable else math.nan


def bistable_window(*, extra_clearance_per_h: float = 0.0, **parameters: float) -> tuple[float, float]:
    """The range of effective amplification ``(1 - b) V`` over which two stable states exist.

    Computed from the turning points of ``V(C) = (k C - s)(K^n + C^n)/C^n`` along the
    steady states. Below the lower end only the low (resting) state exists; above the
    upper end only the high (storm) state exists. ``amplification_per_h`` is ignored.

    Returns
    -------
    (float, float)
        ``(V_down, V_up)`` in a.u./h: the storm ends when the effective amplification
        falls below ``V_down`` and starts on its own above ``V_up``. ``(nan, nan)``
        when the model is never bistable (too little cooperativity or too much basal
        production).

    Examples
    --------
    >>> [round(v, 3) for v in bistable_window()]
    [1.574, 3.806]
    >>> lo, hi = bistable_window(extra_clearance_per_h=0.5)
    >>> bool(lo > bistable_window()[0])  # more clearance: a storm needs stronger amplification
    True
    """
    p = _params({k: v for k, v in parameters.items() if k != "amplification_per_h"})
    _, kx = _interventions(0.0, extra_clearance_per_h)
    s, K, n, k = p["basal_per_h"], p["half_max"], p["hill"], p["clearance_per_h"] + kx
    def V(c: float) -> float:
        return (k * c - s) * (K**n + c**n) / c**n

    lo_c = s / k if s > 0 else 1e-9
    cs = np.geomspace(lo_c * (1 + 1e-9), max(1e3, 100 * K), 20001)
    vs = (k * cs - s) * (K**n + cs**n) / cs**n
    d = np.diff(vs)
    turns = np.nonzero(np.sign(d[:-1]) != np.sign(d[1:]))[0]
    if len(turns) < 2:
        return (math.nan, math.nan)
    refined = []
    for i in turns[:2]:
        a, c_ = cs[max(i - 1, 0)], cs[min(i + 2, cs.size - 1)]
        sign = 1.0 if d[i] > 0 else -1.0  # maximum if V was rising, else minimum
        r = minimize_scalar(lambda x: -sign * V(x), bounds=(a, c_), method="bounded",
                            options={"xatol": 1e-12})
        refined.append(V(float(r.x)))
    v_up, v_down = refined[0], refined[1]
    return (float(v_down), float(v_up))


def steady_state_curve(levels: ArrayLike, *, extra_clearance_per_h: float = 0.0,
                       **parameters: float) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """The S-shaped curve of steady states, traced by level: the amplification that makes each level steady.

    Along a steady state ``V = (k C - s)(K^n + C^n) / C^n``; a state is stable where
    this ``V`` rises with ``C`` (the low and high branches) and unstable where it
    falls (the middle branch, the threshold). Tracing the curve by level draws it in
    one smooth piece, folds included. ``amplification_per_h`` is ignored.

    Parameters
    ----------
    levels : array_like
        Cytokine levels above ``s / (k + k_x)``, in a.u.
    extra_clearance_per_h : float
        Added clearance, in per h.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The amplification ``V`` (a.u./h) for each level, and whether that state is
        stable.

    Raises
    ------
    ValueError
        If a level is not above ``s / (k + k_x)`` (no amplification can hold it).

    Examples
    --------
    >>> levels = [s.level for s in steady_states(amplification_per_h=3.0)]
    >>> v, stable = steady_state_curve(levels)
    >>> v.round(6).tolist(), stable.tolist()
    ([3.0, 3.0, 3.0], [True, False, True])
    """
    p = _params({k: v for k, v in parameters.items() if k != "amplification_per_h"})
    _, kx = _interventions(0.0, extra_clearance_per_h)
    c = nonnegative_array("levels", levels, strictly_positive=True)
    s, K, n, k = p["basal_per_h"], p["half_max"], p["hill"], p["clearance_per_h"] + kx
    if np.any(k * c <= s):
        raise ValueError(f"levels must be > s / (k + k_x) = {s / k:.4g} a.u., got {np.min(c)!r}")
    v = (k * c - s) * (K**n + c**n) / c**n
    dv = k * (K**n + c**n) / c**n + (k * c - s) * (-n * K**n / c ** (n + 1))
    return v, dv > 0


def block_to_end_storm(*, extra_clearance_per_h: float = 0.0, **parameters: float) -> float:
    """Smallest blocked fraction that makes the storm state disappear.

    The block must bring the effective amplification ``(1 - b) V`` below the lower
    end of the bistable window, ``V_down``: ``b = 1 - V_down / V``.

    Returns
    -------
    float
        Fraction in [0, 1); 0 when ``V`` is already below ``V_down`` (no storm state
        exists); ``math.nan`` when the model has no bistable window at all.

    Examples
    --------
    >>> round(block_to_end_storm(amplification_per_h=3.0), 3)
    0.475
    >>> block_to_end_storm(amplification_per_h=1.0)
    0.0
    """
    p = _params(parameters)
    v_down, _ = bistable_window(extra_clearance_per_h=extra_clearance_per_h,
                                **{k: v for k, v in parameters.items() if k != "amplification_per_h"})
    if math.isnan(v_down):
        return math.nan
    V = p["amplification_per_h"]
    return max(0.0, 1.0 - v_down / V) if V > 0 else 0.0


def block_to_prevent_storm(*, extra_clearance_per_h: float = 0.0, **parameters: float) -> float:
    """Smallest blocked fraction, given before a storm, that keeps the resting state from vanishing.

    With ``(1 - b) V`` below the upper end of the bistable window, ``V_up``, the
    resting state exists and a cytokine at rest stays at rest: ``b = 1 - V_up / V``.

    Examples
    --------
    >>> block_to_prevent_storm(amplification_per_h=3.0)
    0.0
    >>> round(block_to_prevent_storm(amplification_per_h=5.0), 3)
    0.239
    """
    p = _params(parameters)
    _, v_up = bistable_window(extra_clearance_per_h=extra_clearance_per_h,
                              **{k: v for k, v in parameters.items() if k != "amplification_per_h"})
    V = p["amplification_per_h"]
    if math.isnan(v_up) or V <= 0:
        return 0.0
    return max(0.0, 1.0 - v_up / V)


@dataclass(frozen=True, eq=False)
class StormResult:
    """A simulated time course of the teaching storm model.

    Attributes
    ----------
    t_h : numpy.ndarray
        Output times, in h.
    level : numpy.ndarray
        Cytokine level at ``t_h``, in a.u.
    block, extra_clearance_per_h, treat_from_h : float
        The intervention and when it started.
    parameters : Mapping[str, float]
        The model parameters used.
    """

    t_h: NDArray[np.float64]
    level: NDArray[np.float64]
    block: float
    extra_clearance_per_h: float
    treat_from_h: float
    parameters: Mapping[str, float]

    @property
    def final(self) -> float:
        """Level at the last output time, in a.u."""
        return float(self.level[-1])

    def to_frame(self) -> pd.DataFrame:
        """The time course as a one-column table indexed by ``t_h``.

        Examples
        --------
        >>> simulate(t_eval_h=[0.0, 1.0]).to_frame().columns.tolist()
        ['level']
        """
        return pd.DataFrame({"level": self.level}, index=pd.Index(self.t_h, name="t_h"))


def simulate(
    *,
    level0: float | None = None,
    t_end_h: float = 48.0,
    block: float = 0.0,
    extra_clearance_per_h: float = 0.0,
    treat_from_h: float = 0.0,
    t_eval_h: ArrayLike | None = None,
    **parameters: float,
) -> StormResult:
    """Simulate the cytokine level, with an intervention that starts at ``treat_from_h``.

    Parameters
    ----------
    level0 : float, optional
        Initial level in a.u.; by default the lowest steady state without treatment
        (the resting level).
    t_end_h : float
        End of the simulation, in h.
    block, extra_clearance_per_h : float
        The intervention (see :func:`steady_states`), applied from ``treat_from_h`` on.
    treat_from_h : float
        Start of the intervention, in h (0 = from the start).
    t_eval_h : array_like, optional
        Output times inside [0, t_end_h]; default 4 points per hour.
    **parameters
        Any of :data:`TEACHING_PARAMETERS` to override.

    Returns
    -------
    StormResult

    Examples
    --------
    A trigger that lifts the level to 2 a.u. starts a storm that outlasts it; a
    half block from 12 h ends it (the block needed is 0.475):

    >>> round(simulate(level0=2.0).final, 2)
    3.1
    >>> round(simulate(level0=2.0, block=0.5, treat_from_h=12.0).final, 2)
    0.21
    """
    p = _params(parameters)
    b, kx = _interventions(block, extra_clearance_per_h)
    t_end = number_in_range("t_end_h", t_end_h, low=0.0, low_open=True)
    t_treat = number_in_range("treat_from_h", treat_from_h, low=0.0)
    if level0 is None:
        c0 = steady_states(**parameters)[0].level
    else:
        c0 = number_in_range("level0", level0, low=0.0)
    if t_eval_h is None:
        t = np.linspace(0.0, t_end, int(round(4 * t_end)) + 1)
    else:
        t = np.atleast_1d(np.asarray(t_eval_h, dtype=float))
        if t.ndim != 1 or not np.all(np.isfinite(t)) or t[0] < 0 or t[-1] > t_end or np.any(np.diff(t) <= 0):
            raise ValueError(f"t_eval_h must be strictly increasing inside [0, {t_end:g}] h, got {t.tolist()!r}")

    if 0.0 < t_treat < t_end:
        segments = [(0.0, t_treat, 0.0, 0.0), (t_treat, t_end, b, kx)]
    elif t_treat == 0.0:
        segments = [(0.0, t_end, b, kx)]
    else:
        segments = [(0.0, t_end, 0.0, 0.0)]
    level = np.empty_like(t)
    start = c0
    for a, z, bb, kk in segments:
        sol = solve_ivp(lambda _t, y, bb=bb, kk=kk: [float(_f(max(y[0], 0.0), p, bb, kk))], (a, z), [start],
                        method="LSODA", dense_output=True, rtol=1e-9, atol=1e-12)
        mask = (t >= a) & (t <= z)
        level[mask] = sol.sol(t[mask])[0]
        start = float(sol.y[0, -1])
    level = np.clip(level, 0.0, None)
    level.setflags(write=False)
    t = t.copy()
    t.setflags(write=False)
    return StormResult(t, level, b, kx, t_treat, MappingProxyType(p))


def hysteresis_sweep(
    amplification_values: ArrayLike, *, block: float = 0.0, extra_clearance_per_h: float = 0.0,
    **parameters: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Steady level when the amplification is raised slowly, then lowered slowly.

    Going up, the cytokine stays on the low branch until that branch ends; going
    down, it stays on the high branch until that one ends. The two paths differ over
    the bistable window: the model remembers where it came from (hysteresis).

    Parameters
    ----------
    amplification_values : array_like
        Increasing values of V, in a.u./h.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Levels on the way up and on the way down, both in the order of
        ``amplification_values``.

    Examples
    --------
    >>> up, down = hysteresis_sweep([1.0, 3.0, 5.0])
    >>> up.round(2).tolist(), down.round(2).tolist()
    ([0.21, 0.24, 5.16], [0.21, 3.1, 5.16])
    """
    vs = nonnegative_array("amplification_values", amplification_values)
    if vs.ndim != 1 or np.any(np.diff(vs) <= 0):
        raise ValueError("amplification_values must be a strictly increasing 1-D array")
    fraction_array("block", block)

    def branch(values: NDArray[np.float64], pick_low: bool) -> list[float]:
        out = []
        current = None
        for v in values:
            states = [s.level for s in steady_states(block=block, extra_clearance_per_h=extra_clearance_per_h,
                                                     **{**parameters, "amplification_per_h": float(v)})
                      if s.stable]
            if current is None:
                current = states[0] if pick_low else states[-1]
            else:
                # stay on the branch nearest the previous level (follow it until it ends)
                previous: float = current
                current = min(states, key=lambda x: abs(math.log(x / previous)))
            out.append(current)
        return out

    up = branch(vs, True)
    down = branch(vs[::-1], False)[::-1]
    return np.asarray(up), np.asarray(down)
