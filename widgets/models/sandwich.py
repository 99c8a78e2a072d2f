"""Equilibrium model of a sandwich immunoassay, and why a one-step assay "hooks".

In a sandwich assay a *capture* antibody on the plate and a labelled *detection*
antibody in solution bind two different epitopes of the analyte; only a
capture-analyte-detection sandwich gives signal. Treating the two epitopes as
independent sites with dissociation constants ``K_c`` (capture) and ``K_d``
(detection), mass action gives, for free analyte ``a``, free capture sites ``c`` and
free detection antibody ``d``::

    [CA] = c a / K_c,   [AD] = a d / K_d,   [CAD] = c a d / (K_c K_d),
    A_total = a (1 + c / K_c) (1 + d / K_d),
    C_total = c (1 + a / K_c (1 + d / K_d)),
    D_total = d (1 + a / K_d (1 + c / K_c)).

**One step** (sample and detection antibody incubated together, then washed): the
signal is ``[CAD]``. At very high analyte, free analyte occupies the capture sites and
the detection antibody *separately*, so fewer sandwiches form and the signal falls:
the high-dose *hook* (prozone) effect. A very high sample can then read like a low one.

**Two steps** (sample, wash, then detection antibody): free analyte is washed away
before the detection antibody arrives, so the signal is the captured analyte times
the fraction of it the detection antibody labels, and it only saturates.

Concentrations are in pM (capture sites expressed per volume of the well). The model
is a teaching simplification: equilibrium in each step, independent epitopes, one
kind of each antibody. Parameter values used with it in the book are illustrative,
not those of any kit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from widgets.models._checks import FloatOrArray, as_output, nonnegative_array, positive_float

__all__ = ["PROTOCOLS", "SandwichAssay", "sandwich_signal"]

PROTOCOLS: tuple[str, ...] = ("one-step", "two-step")
"""The two assay formats modelled."""

_ITERATIONS = 60  # bisection halvings: about 1e-18 of the starting bracket


def _bisect(fun, lo: NDArray[np.float64], hi: NDArray[np.float64]) -> NDArray[np.float64]:  # noqa: ANN001
    """Vectorised bisection for an increasing ``fun`` with ``fun(lo) <= 0 <= fun(hi)``."""
    for _ in range(_ITERATIONS):
        mid = 0.5 * (lo + hi)
        up = fun(mid) > 0
        hi = np.where(up, mid, hi)
        lo = np.where(up, lo, mid)
    return 0.5 * (lo + hi)


def _one_step(a_tot: NDArray[np.float64], c_tot: float, d_tot: float, kc: float, kd: float) -> NDArray[np.float64]:
    """[CAD] at equilibrium with analyte, capture sites and detection antibody together.

    Nested bisection: for a trial free analyte ``a``, the factor ``u = 1 + c / K_c`` is
    the root of an increasing function on ``[1, 1 + C / K_c]``; then ``a`` itself is the
    root of ``ln(a u v) - ln(A_total)``, increasing in ``ln a``. Mass-action equilibria
    with detailed balance are unique, so each root is too.
    """

    def factors(a: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        def h(u: NDArray[np.float64]) -> NDArray[np.float64]:
            v = 1.0 + (d_tot / kd) / (1.0 + a / kd * u)
            return u - 1.0 - (c_tot / kc) / (1.0 + a / kc * v)

        u = _bisect(h, np.ones_like(a), np.full_like(a, 1.0 + c_tot / kc))
        return u, 1.0 + (d_tot / kd) / (1.0 + a / kd * u)

    out = np.zeros_like(a_tot)
    positive = a_tot > 0
    if positive.any():
        at = a_tot[positive]

        def excess(log_a: NDArray[np.float64]) -> NDArray[np.float64]:
            a = np.exp(log_a)
            u, v = factors(a)
            return log_a + np.log(u * v) - np.log(at)

        # free analyte lies between A_total / ((1 + C/K_c)(1 + D/K_d)) and A_total
        lower = np.log(at) - np.log1p(c_tot / kc) - np.log1p(d_tot / kd)
        a = np.exp(_bisect(excess, lower, np.log(at)))
        u, v = factors(a)
        out[positive] = (kc * (u - 1.0)) * a * (kd * (v - 1.0)) / (kc * kd)
    return out


def _two_step(a_tot: NDArray[np.float64], c_tot: float, d_tot: float, kc: float, kd: float) -> NDArray[np.float64]:
    """Captured analyte (step 1, exact quadratic), then labelled by detection antibody (step 2)."""
    s = a_tot + c_tot + kc
    captured = 0.5 * (s - np.sqrt(np.maximum(s * s - 4.0 * a_tot * c_tot, 0.0)))
    # step 2: detection antibody binds the captured analyte (no free analyte left)
    s2 = captured + d_tot + kd
    return 0.5 * (s2 - np.sqrt(np.maximum(s2 * s2 - 4.0 * captured * d_tot, 0.0)))


@dataclass(frozen=True)
class SandwichAssay:
    """Antibody concentrations and affinities of a (model) sandwich assay.

    Attributes
    ----------
    capture_pM : float
        Capture sites per well volume (> 0), pM.
    detection_pM : float
        Detection antibody concentration (> 0), pM.
    kd_capture_pM, kd_detection_pM : float
        Dissociation constants of the two antibodies for their epitopes (> 0), pM.
    """

    capture_pM: float
    detection_pM: float
    kd_capture_pM: float
    kd_detection_pM: float

    def __post_init__(self) -> None:
        for name in ("capture_pM", "detection_pM", "kd_capture_pM", "kd_detection_pM"):
            positive_float(name, getattr(self, name))

    def signal(self, analyte_pM: ArrayLike, *, protocol: str = "one-step") -> FloatOrArray:
        """Sandwiches formed (pM of the well volume); see :func:`sandwich_signal`.

        Examples
        --------
        >>> assay = SandwichAssay(capture_pM=100, detection_pM=1000, kd_capture_pM=100, kd_detection_pM=100)
        >>> assay.signal(0.0)
        0.0
        """
        return sandwich_signal(analyte_pM, capture_pM=self.capture_pM, detection_pM=self.detection_pM,
                               kd_capture_pM=self.kd_capture_pM, kd_detection_pM=self.kd_detection_pM,
                               protocol=protocol)

    def hook_onset_pM(self, *, grid_pM: ArrayLike | None = None) -> float:
        """Analyte concentration at which the one-step signal peaks (the start of the hook).

        Parameters
        ----------
        grid_pM : array_like, optional
            Concentrations to search (default: 0.01 pM to 10 mM, 20 points per decade).

        Examples
        --------
        >>> assay = SandwichAssay(capture_pM=100, detection_pM=1000, kd_capture_pM=100, kd_detection_pM=100)
        >>> 1e2 < assay.hook_onset_pM() < 1e4
        True
        """
        grid = np.logspace(-2, 10, 241) if grid_pM is None else nonnegative_array("grid_pM", grid_pM).ravel()
        sig = np.asarray(self.signal(grid))
        return float(grid[int(np.argmax(sig))])


    def apparent_concentration_pM(self, analyte_pM: float, *, protocol: str = "one-step") -> float:
        """What a lab would report for a sample: the concentration on the *rising* branch
        of the standard curve that gives the same signal.

        Standard curves are measured with calibrators below the hook, so the lab reads every
        signal off the rising branch. On the rising branch the answer is the truth; beyond
        the peak of a one-step assay it is far too low.

        Parameters
        ----------
        analyte_pM : float
            True concentration in the well (> 0), pM.
        protocol : {"one-step", "two-step"}
            Assay format.

        Returns
        -------
        float
            The apparent concentration, pM (``nan`` if the signal is above every signal on
            the rising branch, which cannot happen for a consistent model).

        Examples
        --------
        >>> assay = SandwichAssay(capture_pM=100, detection_pM=1000, kd_capture_pM=100, kd_detection_pM=100)
        >>> round(assay.apparent_concentration_pM(10.0) / 10.0, 3)
        1.0
        >>> assay.apparent_concentration_pM(1e6) < 100
        True
        """
        true = positive_float("analyte_pM", analyte_pM)
        grid = np.logspace(-3, 11, 1401)
        sig = np.asarray(self.signal(grid, protocol=protocol))
        peak = int(np.argmax(sig)) if protocol == "one-step" else grid.size - 1
        rising_c, rising_s = grid[: peak + 1], sig[: peak + 1]
        target = float(self.signal(true, protocol=protocol))
        if target > rising_s[-1]:
            return float("nan")
        # interpolate on log concentration; the rising branch is strictly increasing
        return float(np.exp(np.interp(target, rising_s, np.log(rising_c))))


def sandwich_signal(
    analyte_pM: ArrayLike,
    *,
    capture_pM: float,
    detection_pM: float,
    kd_capture_pM: float,
    kd_detection_pM: float,
    protocol: str = "one-step",
) -> FloatOrArray:
    """Concentration of capture-analyte-detection sandwiches at equilibrium.

    Parameters
    ----------
    analyte_pM : array_like
        Total analyte in the well (>= 0), pM.
    capture_pM, detection_pM : float
        Total capture sites and detection antibody (> 0), pM.
    kd_capture_pM, kd_detection_pM : float
        Dissociation constants (> 0), pM.
    protocol : {"one-step", "two-step"}
        One incubation with everything together, or sample then wash then detection.

    Returns
    -------
    float or numpy.ndarray
        Sandwich concentration, pM (proportional to the signal).

    Raises
    ------
    ValueError
        If a concentration is negative or not finite, a constant is not positive, or
        the protocol is unknown.

    Examples
    --------
    The one-step signal rises, peaks and falls (the hook); the two-step signal only
    saturates:

    >>> kw = dict(capture_pM=100, detection_pM=1000, kd_capture_pM=100, kd_detection_pM=100)
    >>> one = sandwich_signal([10, 1e4, 1e7], **kw)
    >>> bool(one[1] > one[0] and one[1] > one[2])
    True
    >>> two = sandwich_signal([10, 1e4, 1e7], protocol="two-step", **kw)
    >>> bool(np.all(np.diff(two) > 0))
    True
    """
    a = nonnegative_array("analyte_pM", analyte_pM)
    c_tot = positive_float("capture_pM", capture_pM)
    d_tot = positive_float("detection_pM", detection_pM)
    kc = positive_float("kd_capture_pM", kd_capture_pM)
    kd = positive_float("kd_detection_pM", kd_detection_pM)
    if protocol not in PROTOCOLS:
        raise ValueError(f"protocol must be one of {list(PROTOCOLS)}, got {protocol!r}")
    flat = np.atleast_1d(a).astype(float).ravel()
    out = _one_step(flat, c_tot, d_tot, kc, kd) if protocol == "one-step" else _two_step(flat, c_tot, d_tot, kc, kd)
    return as_output(out.reshape(a.shape))
