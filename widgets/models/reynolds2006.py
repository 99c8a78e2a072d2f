"""The reduced model of the acute inflammatory response of Reynolds et al. (2006).

Reynolds, Rubin, Clermont, Day, Vodovotz and Ermentrout (2006), bib key
``reynolds2006``, built a four-variable model of the innate response to an infection:

``P``
    pathogen, in units of 10^6 organisms per cc;
``N``
    activated phagocytes (the paper's N*, for example activated neutrophils), in
    N*-units;
``D``
    tissue damage, in D-units;
``CA``
    anti-inflammatory mediator (the paper's C_A, for example cortisol and IL-10), in
    C_A-units.

The paper stresses that N*, D and C_A have no conventional units: each measures the
strength of an immune function, not a count of cells or molecules. Time is in hours.

The equations (the paper's Eqs. 9-12) are

.. math::

    \\frac{dP}{dt} &= k_{pg} P \\left(1 - \\frac{P}{p_\\infty}\\right)
                    - \\frac{k_{pm} s_m P}{\\mu_m + k_{mp} P} - k_{pn} f(N^*) P \\\\
    \\frac{dN^*}{dt} &= \\frac{s_{nr} R}{\\mu_{nr} + R} - \\mu_n N^* \\\\
    \\frac{dD}{dt} &= k_{dn} f_s(f(N^*)) - \\mu_d D \\\\
    \\frac{dC_A}{dt} &= s_c + \\frac{k_{cn} f(N^* + k_{cnd} D)}{1 + f(N^* + k_{cnd} D)} - \\mu_c C_A

with :math:`R = f(k_{nn} N^* + k_{np} P + k_{nd} D)`, the inhibition by the
anti-inflammatory mediator :math:`f(V) = V / (1 + (C_A/c_\\infty)^2)` and the damage
switch :math:`f_s(V) = V^6 / (x_{dn}^6 + V^6)`. The first term of dP/dt is logistic
growth; the second is killing by a non-specific local response (held at quasi-steady
state); the third is killing by activated phagocytes. Resting phagocytes are
activated by pathogen, by activated phagocytes (through their cytokines) and by
damage; damage rises steeply once enough phagocytes are active and is repaired at a
rate proportional to itself; the anti-inflammatory mediator has a constant source, is
induced by activated phagocytes and by damage, and inhibits every action of the
phagocytes.

Sources and how they differ
---------------------------
The equations and the parameter values were read in the full text of the paper
(Table 1, pp. 222-223; Eqs. 9-12, p. 232), and checked term by term against the
curated SBML version in BioModels, BIOMD0000000714 (file ``HealthyOutcome.xml``,
created by S. Kananathan, EMBL-EBI, 2018; bib key ``glont2018`` for the
repository), and against the curated COPASI scenarios ``AsepticDeath`` and
``SepticDeath`` of the same entry. The two agree in every rate law and every value.
They differ only in presentation: the SBML fixes k_pg = 0.3 per h (Table 1 lists the
growth rate as "various", 0.021-2.44 per h) and writes the model as ten reactions
in one compartment of volume 1, which leaves the equations unchanged. The values
live in ``widgets/data/parameters/inflammation.tsv`` with their locators; the
equations are written once, in the model definition
``widgets/data/models/reynolds2006.yml``, which the engine of
:mod:`widgets.models.definitions` turns into the right-hand side and the analytic
Jacobian (and which the live explorer of Chapter 5 runs in the reader's browser).

The paper's three outcomes (defined in Section 2, p. 224, and restated in Section 3,
p. 232): *health* is the fixed point
(0, 0, 0, s_c/mu_c); *aseptic death* has P = 0 but N*, D and C_A persistently raised
(the pathogen is cleared, the inflammation and damage it started do not stop);
*septic death* has every variable raised (the pathogen persists). Fig. 5 shows one
simulation of each: health with k_pg = 0.3 per h and P(0) = 1, aseptic death with
k_pg = 0.3 and P(0) = 1.5, septic death with k_pg = 0.6 and P(0) = 1, each from
N* = D = 0 and C_A = 0.125. Fig. 9 shows the anti-inflammatory intervention: an
infection with P(0) = 0.36 and k_pg = 0.6 runs for 10 h, then C_A is reset;
lowering it to 0.2 or less leads to aseptic death, raising it beyond 0.35 (0.36 in the
figure) to septic death, and values near the natural 0.303 to health. :func:`simulate_ca_reset`
reproduces that experiment.

Examples
--------
>>> result = simulate(pathogen0=1.5)
>>> classify_outcome(result)
'aseptic death'
>>> round(result.final["D"], 1)
17.4
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from widgets.models import definitions
from widgets.models._checks import number_in_range, time_points, unknown_name
from widgets.parameters import parameter as _sourced

__all__ = [
    "DAMAGE_RESOLVED",
    "DEFAULT_PARAMETERS",
    "INITIAL_STATE",
    "OUTCOMES",
    "PARAMETER_NAMES",
    "PATHOGEN_CLEARED",
    "PARAMETER_UNITS",
    "Reynolds2006Result",
    "SCENARIOS",
    "STATES",
    "STATE_UNITS",
    "classify_outcome",
    "health_threshold_pathogen0",
    "outcome",
    "outcome_map",
    "parameter_table",
    "simulate",
    "simulate_ca_reset",
]

STATES: tuple[str, ...] = ("P", "N", "D", "CA")
"""State names, in the order of the state vector (the paper's P, N*, D, C_A)."""

STATE_UNITS: Mapping[str, str] = MappingProxyType(
    {"P": "10^6 per cc", "N": "N*-units", "D": "D-units", "CA": "C_A-units"}
)
"""Unit of each state, as the paper gives them."""

STATE_LABELS: Mapping[str, str] = MappingProxyType(
    {"P": "pathogen", "N": "activated phagocytes", "D": "tissue damage", "CA": "anti-inflammatory mediator"}
)
"""Plain-language name of each state."""

OUTCOMES: tuple[str, ...] = ("health", "aseptic death", "septic death")
"""The three outcomes of the paper, in the order used by :func:`outcome_map`."""

MODEL: definitions.ModelDefinition = definitions.load("reynolds2006")
"""The model definition (``widgets/data/models/reynolds2006.yml``) this module runs."""

_INITIAL_NAMES = {"N0": "N", "D0": "D", "CA0": "CA"}

PARAMETER_NAMES: tuple[str, ...] = tuple(n for n in MODEL.parameters if n not in _INITIAL_NAMES)
"""The 21 model parameters, named as in the paper (``mu`` for μ, ``inf`` for ∞)."""

DEFAULT_PARAMETERS = MappingProxyType({name: MODEL.parameters[name] for name in PARAMETER_NAMES})
"""Paper name -> :class:`widgets.parameters.Parameter` (value, unit, source, locator)."""

PARAMETER_UNITS: Mapping[str, str] = MappingProxyType({n: p.unit for n, p in DEFAULT_PARAMETERS.items()})
"""Unit of each parameter, as in Table 1 of the paper."""

INITIAL_STATE: Mapping[str, float] = MappingProxyType(
    {state: MODEL.parameters[name].value for name, state in _INITIAL_NAMES.items()}
)
"""Initial N*, D and C_A of every simulation of the paper's Fig. 5 (P(0) is an argument)."""

SCENARIOS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "health": MappingProxyType({"pathogen0": _sourced("reynolds2006_pathogen0_health_1e6_per_cc").value,
                                    "k_pg": _sourced("reynolds2006_k_pg_per_h").value}),
        "aseptic death": MappingProxyType({"pathogen0": _sourced("reynolds2006_pathogen0_aseptic_1e6_per_cc").value,
                                           "k_pg": _sourced("reynolds2006_k_pg_per_h").value}),
        "septic death": MappingProxyType({"pathogen0": _sourced("reynolds2006_pathogen0_septic_1e6_per_cc").value,
                                          "k_pg": _sourced("reynolds2006_k_pg_septic_per_h").value}),
    }
)
"""The three simulations of the paper's Fig. 5: outcome -> initial pathogen and k_pg."""

# Parameters that divide: they must be > 0.
_STRICTLY_POSITIVE = frozenset({"p_inf", "mu_m", "mu_nr", "x_dn", "c_inf"})

PATHOGEN_CLEARED: float = 0.01
"""End pathogen level (10^6 per cc) below which :func:`classify_outcome` calls it cleared."""
DAMAGE_RESOLVED: float = 1.0
"""End damage level (D-units) below which :func:`classify_outcome` calls it resolved.

At the aseptic and septic death states of the published parameters D is about 17.4.
"""

RTOL: float = 1e-8
"""Relative tolerance of the ODE solver (LSODA with the analytic Jacobian)."""
ATOL: float = 1e-10
"""Absolute tolerance of the ODE solver, in the units of each state."""
_ROUNDOFF = 1e-8
DEFAULT_POINTS_PER_H: float = 1.0
"""Output points per hour when ``t_eval_h`` is not given."""


# ---------------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------------


def _resolve(parameters: Mapping[str, float] | None) -> tuple[dict[str, float], dict[str, float]]:
    """Published values with ``parameters`` applied; returns (model parameters, initial state)."""
    values = {name: p.value for name, p in DEFAULT_PARAMETERS.items()}
    initial = dict(INITIAL_STATE)
    if parameters is None:
        return values, initial
    if not isinstance(parameters, Mapping):
        raise TypeError(f"parameters must be a mapping of names to numbers, got {type(parameters).__name__}")
    for name, value in parameters.items():
        if name in values:
            low_open = name in _STRICTLY_POSITIVE
            values[name] = number_in_range(f"parameters[{name!r}]", value, low=0.0, low_open=low_open)
        elif name in _INITIAL_NAMES:
            initial[_INITIAL_NAMES[name]] = number_in_range(f"parameters[{name!r}]", value, low=0.0)
        else:
            raise unknown_name("parameter", name, [*PARAMETER_NAMES, *_INITIAL_NAMES])
    return values, initial


def _times(t_end_h: float, t_eval_h: ArrayLike | None) -> NDArray[np.float64]:
    if t_eval_h is None:
        n = max(int(round(t_end_h * DEFAULT_POINTS_PER_H)), 1) + 1
        return np.linspace(0.0, t_end_h, n)
    t = time_points("t_eval_h", t_eval_h, unit="h")
    if not np.all(np.isfinite(t)) or t[0] < 0 or t[-1] > t_end_h:
        raise ValueError(f"t_eval_h must lie in [0, t_end_h] = [0, {t_end_h:g}] h, got {t.tolist()!r}")
    if t.size > 1 and not np.all(np.diff(t) > 0):
        raise ValueError("t_eval_h must be strictly increasing")
    return t


# ---------------------------------------------------------------------------------
# Right-hand side and Jacobian
# ---------------------------------------------------------------------------------


def _system(p: Mapping[str, float]) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The right-hand side and the analytic Jacobian of the definition, for parameter values ``p``."""
    return MODEL.system(p)


def _integrate(p: Mapping[str, float], y0: list[float], t0: float, t1: float,
               t_eval: NDArray[np.float64]) -> NDArray[np.float64]:
    """States at ``t_eval`` (inside [t0, t1]) and at ``t1``, shape (4, len(t_eval) + 1)."""
    try:
        run = MODEL.simulate(t_eval, p, y0=y0, t0=t0, t_end=t1, rtol=RTOL, atol=ATOL)
    except RuntimeError as error:  # pragma: no cover - the solver has not failed on any tested input
        raise RuntimeError(f"the ODE solver failed: {error}") from None
    y = np.concatenate([run.states, run.final[np.newaxis, :]], axis=0).T
    y = np.where((y < 0) & (y > -_ROUNDOFF), 0.0, y)
    return y


# ---------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Reynolds2006Result:
    """A simulated time course of the Reynolds et al. (2006) model.

    Attributes
    ----------
    t_h : numpy.ndarray
        Output times in h.
    P, N, D, CA : numpy.ndarray
        Pathogen (10^6 per cc), activated phagocytes (N*-units), tissue damage
        (D-units) and anti-inflammatory mediator (C_A-units) at ``t_h``.
    t_end_h : float
        End of the simulation, in h.
    final : Mapping[str, float]
        The four states at ``t_end_h`` (whether or not it is an output time).
    pathogen0 : float
        Initial pathogen, in 10^6 per cc.
    parameters : Mapping[str, float]
        Every model parameter used (paper names) and the initial ``N0``, ``D0``, ``CA0``.
    ca_reset : tuple of (float, float) or None
        ``(time_h, level)`` when C_A was reset (see :func:`simulate_ca_reset`).
    """

    t_h: NDArray[np.float64]
    P: NDArray[np.float64]
    N: NDArray[np.float64]
    D: NDArray[np.float64]
    CA: NDArray[np.float64]
    t_end_h: float
    final: Mapping[str, float]
    pathogen0: float
    parameters: Mapping[str, float]
    ca_reset: tuple[float, float] | None = None

    def state(self, name: str) -> NDArray[np.float64]:
        """One state's time course by name (``"P"``, ``"N"``, ``"D"`` or ``"CA"``).

        Raises
        ------
        KeyError
            If ``name`` is not one of :data:`STATES`; the message suggests the closest.

        Examples
        --------
        >>> simulate(pathogen0=1.0, t_eval_h=[0.0, 24.0]).state("P").round(3).tolist()
        [1.0, 0.0]
        """
        if name not in STATES:
            raise unknown_name("state", name, STATES)
        return getattr(self, name).copy()

    def peak(self, name: str) -> tuple[float, float]:
        """Time (h) and value of one state's largest value on the output grid.

        Raises
        ------
        KeyError
            As :meth:`state`.

        Examples
        --------
        >>> t, p = simulate(pathogen0=1.0, parameters={"k_pg": 0.6}, t_eval_h=range(0, 101)).peak("P")
        >>> t, round(p, 2)
        (16.0, 7.89)
        """
        values = self.state(name)
        i = int(np.argmax(values))
        return float(self.t_h[i]), float(values[i])

    @property
    def outcome(self) -> str:
        """The outcome at the end of the simulation (see :func:`classify_outcome`)."""
        return classify_outcome(self)

    def to_frame(self) -> pd.DataFrame:
        """The time course as a table indexed by time (``t_h``), one column per state.

        Examples
        --------
        >>> simulate(pathogen0=1.0, t_eval_h=[0.0, 10.0]).to_frame().columns.tolist()
        ['P', 'N', 'D', 'CA']
        """
        frame = pd.DataFrame({s: getattr(self, s) for s in STATES}, index=pd.Index(self.t_h, name="t_h"))
        return frame


def _result(t: NDArray[np.float64], y: NDArray[np.float64], t_end_h: float, pathogen0: float,
            values: Mapping[str, float], initial: Mapping[str, float],
            ca_reset: tuple[float, float] | None = None) -> Reynolds2006Result:
    used = {**values, "N0": initial["N"], "D0": initial["D"], "CA0": initial["CA"]}
    final = MappingProxyType({s: float(y[i, -1]) for i, s in enumerate(STATES)})
    arrays = [y[i, :-1].copy() for i in range(4)]
    for a in arrays:
        a.setflags(write=False)
    t = t.copy()
    t.setflags(write=False)
    return Reynolds2006Result(t, arrays[0], arrays[1], arrays[2], arrays[3], t_end_h=float(t_end_h), final=final,
                              pathogen0=float(pathogen0),
                              parameters=MappingProxyType(used), ca_reset=ca_reset)


# ---------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------


def simulate(
    *,
    pathogen0: float = 1.0,
    t_end_h: float = 500.0,
    parameters: Mapping[str, float] | None = None,
    t_eval_h: ArrayLike | None = None,
) -> Reynolds2006Result:
    """Simulate the reduced model from an initial pathogen load.

    Parameters
    ----------
    pathogen0 : float
        Initial pathogen P(0), in 10^6 organisms per cc (>= 0).
    t_end_h : float
        End of the simulation, in h (> 0).
    parameters : mapping of str to float, optional
        Values that replace the published ones, by their names in the paper
        (:data:`PARAMETER_NAMES`, for example ``{"k_pg": 0.6}``), and optionally the
        initial values ``N0``, ``D0`` and ``CA0`` (defaults 0, 0 and 0.125, as in the
        paper's Fig. 5).
    t_eval_h : array_like, optional
        Output times in h, strictly increasing, inside [0, t_end_h]; by default one
        point per hour from 0 to ``t_end_h``.

    Returns
    -------
    Reynolds2006Result
        Time grid, the four states, the end values (``final``) and the parameters used.

    Raises
    ------
    ValueError
        If a number is negative, not finite, or (for p_inf, mu_m, mu_nr, x_dn, c_inf)
        zero; if ``t_eval_h`` is not an increasing grid inside [0, t_end_h].
    KeyError
        If ``parameters`` names an unknown parameter (with suggestions).
    TypeError
        If ``parameters`` is not a mapping.

    References
    ----------
    reynolds2006 (Eqs. 9-12, Table 1, Fig. 5).

    Examples
    --------
    The healthy outcome of the paper's Fig. 5a (k_pg = 0.3 per h, P(0) = 1):

    >>> r = simulate(pathogen0=1.0, t_end_h=200.0)
    >>> i = int(r.N.argmax()); round(float(r.N[i]), 2), int(r.t_h[i])
    (0.2, 34)
    >>> classify_outcome(simulate(pathogen0=1.0, parameters={"k_pg": 0.6}))
    'septic death'
    """
    p0 = number_in_range("pathogen0", pathogen0, low=0.0)
    t_end = number_in_range("t_end_h", t_end_h, low=0.0, low_open=True)
    values, initial = _resolve(parameters)
    t = _times(t_end, t_eval_h)
    y = _integrate(values, [p0, initial["N"], initial["D"], initial["CA"]], 0.0, t_end, t)
    return _result(t, y, t_end, p0, values, initial)


def simulate_ca_reset(
    *,
    pathogen0: float,
    ca_level: float,
    at_h: float = 10.0,
    t_end_h: float = 500.0,
    parameters: Mapping[str, float] | None = None,
    t_eval_h: ArrayLike | None = None,
) -> Reynolds2006Result:
    """Simulate an anti-inflammatory intervention: C_A is set to ``ca_level`` at ``at_h``.

    This is the in-silico experiment of the paper's Fig. 9: the infection runs
    unchanged until ``at_h``, then the anti-inflammatory mediator is instantly raised
    or lowered to ``ca_level`` (pathogen, phagocytes and damage are left as they
    are) and the model runs on.

    Parameters
    ----------
    pathogen0 : float
        Initial pathogen, in 10^6 per cc.
    ca_level : float
        C_A level (C_A-units, >= 0) set at ``at_h``.
    at_h : float
        Time of the intervention, in h, inside (0, t_end_h).
    t_end_h, parameters, t_eval_h
        As for :func:`simulate`. Output times before ``at_h`` show the untreated
        course; from ``at_h`` on, the treated one.

    Returns
    -------
    Reynolds2006Result
        With ``ca_reset = (at_h, ca_level)``.

    Raises
    ------
    ValueError, KeyError, TypeError
        As for :func:`simulate`; also if ``at_h`` is not inside (0, t_end_h).

    References
    ----------
    reynolds2006 (Fig. 9 and Section 3).

    Examples
    --------
    The paper's Fig. 9 (P(0) = 0.36, k_pg = 0.6 per h, reset at 10 h):

    >>> fig9 = dict(pathogen0=0.36, parameters={"k_pg": 0.6})
    >>> [classify_outcome(simulate_ca_reset(ca_level=c, **fig9)) for c in (0.2, 0.32, 0.36)]
    ['aseptic death', 'health', 'septic death']
    """
    p0 = number_in_range("pathogen0", pathogen0, low=0.0)
    level = number_in_range("ca_level", ca_level, low=0.0)
    t_end = number_in_range("t_end_h", t_end_h, low=0.0, low_open=True)
    at = number_in_range("at_h", at_h, low=0.0, high=t_end, low_open=True, high_open=True)
    values, initial = _resolve(parameters)
    t = _times(t_end, t_eval_h)
    before, after = t[t < at], t[t >= at]
    y1 = _integrate(values, [p0, initial["N"], initial["D"], initial["CA"]], 0.0, at, before)
    start = y1[:, -1].copy()
    start[3] = level
    y2 = _integrate(values, start.tolist(), at, t_end, after)
    y = np.concatenate([y1[:, :-1], y2], axis=1)
    return _result(t, y, t_end, p0, values, initial, ca_reset=(at, level))


def classify_outcome(result: Reynolds2006Result) -> str:
    """The outcome of a simulation, as the paper defines the three states.

    *Septic death*: the pathogen persists (end P >= :data:`PATHOGEN_CLEARED`).
    *Aseptic death*: the pathogen is cleared but damage persists (end D >=
    :data:`DAMAGE_RESOLVED`), with activated phagocytes and C_A raised.
    *Health*: pathogen cleared and damage resolved. The judgement uses the state at
    ``t_end_h``; run long enough for the course to settle (the default 500 h is).

    Parameters
    ----------
    result : Reynolds2006Result
        From :func:`simulate` or :func:`simulate_ca_reset`.

    Returns
    -------
    str
        One of :data:`OUTCOMES`.

    Raises
    ------
    TypeError
        If ``result`` is not a :class:`Reynolds2006Result`.

    References
    ----------
    reynolds2006 (Section 3).

    Examples
    --------
    >>> [classify_outcome(simulate(pathogen0=s["pathogen0"], parameters={"k_pg": s["k_pg"]}))
    ...  for s in SCENARIOS.values()]
    ['health', 'aseptic death', 'septic death']
    """
    if not isinstance(result, Reynolds2006Result):
        raise TypeError(f"result must be a Reynolds2006Result, got {type(result).__name__}")
    if result.final["P"] >= PATHOGEN_CLEARED:
        return "septic death"
    if result.final["D"] >= DAMAGE_RESOLVED:
        return "aseptic death"
    return "health"


def outcome(
    *,
    pathogen0: float,
    parameters: Mapping[str, float] | None = None,
    ca_reset: tuple[float, float] | None = None,
    t_end_h: float = 500.0,
) -> str:
    """The outcome for one initial pathogen load, without keeping the time course.

    Parameters
    ----------
    pathogen0 : float
        Initial pathogen, in 10^6 per cc.
    parameters : mapping, optional
        As for :func:`simulate`.
    ca_reset : (float, float), optional
        ``(at_h, ca_level)``: an intervention as in :func:`simulate_ca_reset`.
    t_end_h : float
        End of the simulation, in h.

    Returns
    -------
    str
        One of :data:`OUTCOMES`.

    Examples
    --------
    >>> outcome(pathogen0=0.5), outcome(pathogen0=2.0)
    ('health', 'aseptic death')
    """
    if ca_reset is None:
        res = simulate(pathogen0=pathogen0, parameters=parameters, t_end_h=t_end_h, t_eval_h=[0.0])
    else:
        at_h, level = ca_reset
        res = simulate_ca_reset(pathogen0=pathogen0, ca_level=level, at_h=at_h, parameters=parameters,
                                t_end_h=t_end_h, t_eval_h=[0.0])
    return classify_outcome(res)


def health_threshold_pathogen0(
    *,
    parameters: Mapping[str, float] | None = None,
    ca_reset: tuple[float, float] | None = None,
    high: float = 20.0,
    rtol: float = 1e-3,
) -> float:
    """The smallest initial pathogen load that does not end in health.

    Found by bisection on P(0) from N* = D = 0 and C_A = 0.125 (the paper's Fig. 7,
    curve "Dynamic", draws this threshold against k_pg). Assumes, as in the paper,
    that loads below the threshold heal and loads above it do not.

    Parameters
    ----------
    parameters : mapping, optional
        As for :func:`simulate` (for example ``{"k_pg": 0.3}``).
    ca_reset : (float, float), optional
        An intervention ``(at_h, ca_level)`` as in :func:`simulate_ca_reset`.
    high : float
        Largest load searched, in 10^6 per cc (the carrying capacity is 20).
    rtol : float
        Relative width of the final bracket.

    Returns
    -------
    float
        The threshold P(0) in 10^6 per cc (the upper end of the final bracket);
        ``math.inf`` if even ``high`` heals; ``0.0`` if every load fails to heal.

    Raises
    ------
    ValueError
        If ``high`` or ``rtol`` is not positive.

    References
    ----------
    reynolds2006 (Figs. 5 and 7).

    Examples
    --------
    With the published parameters, P(0) = 1 heals and P(0) = 1.5 does not (Fig. 5):

    >>> 1.0 < health_threshold_pathogen0() < 1.5
    True
    """
    top = number_in_range("high", high, low=0.0, low_open=True)
    tol = number_in_range("rtol", rtol, low=0.0, low_open=True)
    if outcome(pathogen0=top, parameters=parameters, ca_reset=ca_reset) == "health":
        return math.inf
    low = top * 1e-6
    if outcome(pathogen0=low, parameters=parameters, ca_reset=ca_reset) != "health":
        return 0.0
    hi = top
    while hi - low > tol * hi:
        mid = math.sqrt(low * hi)
        if outcome(pathogen0=mid, parameters=parameters, ca_reset=ca_reset) == "health":
            low = mid
        else:
            hi = mid
    return hi


def outcome_map(
    pathogen0_values: ArrayLike,
    k_pg_values: ArrayLike,
    *,
    parameters: Mapping[str, float] | None = None,
    ca_reset: tuple[float, float] | None = None,
    t_end_h: float = 500.0,
) -> NDArray[np.int64]:
    """Outcome for every pair of initial pathogen load and pathogen growth rate.

    Parameters
    ----------
    pathogen0_values : array_like
        Initial pathogen loads, in 10^6 per cc.
    k_pg_values : array_like
        Pathogen growth rates k_pg, in per h.
    parameters, ca_reset, t_end_h
        As for :func:`outcome` (a ``k_pg`` in ``parameters`` is overridden by the grid).

    Returns
    -------
    numpy.ndarray of int
        Shape ``(len(pathogen0_values), len(k_pg_values))``; entries index
        :data:`OUTCOMES` (0 health, 1 aseptic death, 2 septic death).

    Examples
    --------
    >>> outcome_map([1.0, 1.5], [0.3, 0.6]).tolist()
    [[0, 2], [1, 2]]
    """
    loads = tuple(float(x) for x in np.atleast_1d(np.asarray(pathogen0_values, dtype=float)))
    rates = tuple(float(x) for x in np.atleast_1d(np.asarray(k_pg_values, dtype=float)))
    base = tuple(sorted((str(k), float(v)) for k, v in (parameters or {}).items()))
    reset = None if ca_reset is None else tuple(float(x) for x in ca_reset)
    return _outcome_map(loads, rates, base, reset, float(t_end_h)).copy()


@functools.lru_cache(maxsize=16)
def _outcome_map(loads: tuple[float, ...], rates: tuple[float, ...], base: tuple[tuple[str, float], ...],
                 ca_reset: tuple[float, float] | None, t_end_h: float) -> NDArray[np.int64]:
    """Cached body of :func:`outcome_map` (figures draw the same map for many frames)."""
    out = np.empty((len(loads), len(rates)), dtype=np.int64)
    for j, k in enumerate(rates):
        for i, p0 in enumerate(loads):
            res = outcome(pathogen0=p0, parameters={**dict(base), "k_pg": k}, ca_reset=ca_reset, t_end_h=t_end_h)
            out[i, j] = OUTCOMES.index(res)
    out.flags.writeable = False
    return out


def parameter_table() -> pd.DataFrame:
    """The model parameters with value, unit, description and locator in the paper.

    Returns
    -------
    pandas.DataFrame
        Indexed by the paper's names; columns ``value``, ``unit``, ``description``,
        ``locator``.

    Examples
    --------
    >>> row = parameter_table().loc["k_pn"]; float(row["value"]), row["unit"]
    (1.8, 'per N*-unit per h')
    """
    rows = [{"name": n, "value": p.value, "unit": p.unit, "description": p.description, "locator": p.locator}
            for n, p in DEFAULT_PARAMETERS.items()]
    return pd.DataFrame(rows).set_index("name")
