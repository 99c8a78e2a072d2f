"""Immunoassay standard curves: 4PL/5PL fits, back-calculation, its error, and assay limits.

A sandwich ELISA (or a bead or electrochemiluminescence assay) turns a cytokine
concentration ``x`` into a signal ``y`` (absorbance, fluorescence, light counts)
through a sigmoid *standard curve*, measured on a dilution series of a calibrator
of known concentration. This module fits that curve, reads unknown samples off it
(back-calculation), says how uncertain each back-calculated concentration is, and
derives the limits of the assay.

The curve
---------
The four-parameter logistic (4PL) on the concentration scale is

    y(x) = bottom + (top - bottom) / (1 + (ec50 / x) ** slope),

with ``bottom`` the signal at zero concentration (the blank), ``top`` the signal at
saturation, ``ec50`` the concentration of the half-maximal signal (the inflection
point on a log-concentration axis) and ``slope > 0`` the steepness. A falling curve
(a competitive assay, or inhibition) has ``top < bottom``. The 4PL is the Hill
equation of :mod:`widgets.models.hill` (Chapter 3): ``slope`` is the Hill
coefficient. It is also the "LL.4" model of the R package drc with ``b = slope``,
``c = top``, ``d = bottom`` and ``e = ec50`` (Ritz et al. 2015, bib key ``ritz2015``).

The five-parameter logistic (5PL) adds an asymmetry exponent ``asymmetry > 0``:

    y(x) = bottom + (top - bottom) / (1 + (ec50 / x) ** slope) ** asymmetry.

With ``asymmetry = 1`` it is the 4PL. For ``asymmetry != 1``, ``ec50`` is a location
parameter but no longer the concentration of the half-maximal signal; that
concentration is :attr:`LogisticFit.midpoint_concentration`.

Zero concentrations (blank standards) are valid input: the curve is ``bottom`` there.

Fitting and weighting
---------------------
:func:`fit_logistic` minimises ``sum(w_i * (y_i - y(x_i)) ** 2)``. Immunoassay signals
are usually noisier where they are larger, so ordinary (unweighted) least squares
lets the top of the curve dominate and fits the low end badly. ``weights`` may be
per-point weights (inverse variances, up to a constant) or a named scheme, ``"1/y"``
or ``"1/y^2"``, meaning that the variance of a signal grows in proportion to the
signal or to its square (constant CV). Named schemes use the *fitted* signal, not
the noisy observed one, and are solved by iteratively reweighted least squares.

Uncertainty
-----------
Standard errors come from the Gauss-Newton approximation ``s^2 (J^T W J)^-1``, with
``s`` the residual standard error on ``df = n - p`` degrees of freedom. The error of a
back-calculated concentration is propagated by the delta method from two sources:
the noise of the sample's own signal (``n_replicates`` wells averaged) and the
uncertainty of the fitted curve (:meth:`LogisticFit.back_calculate`). It can be checked
by a parametric bootstrap (:func:`bootstrap_back_calculation`).

Limits
------
:func:`detection_limits` gives the limit of blank and limit of detection in the
CLSI EP17 style (LoB = mean of blanks + 1.645 SD; LoD = LoB + 1.645 SD of a
low-concentration sample) and the classical "mean of blanks + 3 SD", all in signal
units and read off the curve as concentrations. :func:`precision_profile` and
:func:`replicate_precision` give the lower and upper limits of quantification
(LLOQ, ULOQ): the ends of the range where back-calculated concentrations are
precise (and, for replicate standards, accurate) enough.

All conventions and acceptance limits are sourced values in
``widgets/data/parameters/assay.tsv``.

Data made up for teaching in this module are named ``simulated_...``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import stats
from scipy.optimize import least_squares
from scipy.special import expit, log_expit, logit

from widgets.models._checks import (
    FloatOrArray,
    as_output,
    integer_at_least,
    nonnegative_array,
    number_in_range,
    paired_response,
    positive_float,
    unknown_name,
)
from widgets.parameters import value

__all__ = [
    "MODELS",
    "WEIGHT_SCHEMES",
    "BackCalculation",
    "DetectionLimits",
    "LogisticFit",
    "PrecisionProfile",
    "bootstrap_back_calculation",
    "detection_limits",
    "fit_logistic",
    "logistic_curve",
    "precision_profile",
    "quantification_range",
    "replicate_precision",
    "simulated_plate",
    "weighting_study",
]

MODELS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "4PL": ("bottom", "top", "ec50", "slope"),
    "5PL": ("bottom", "top", "ec50", "slope", "asymmetry"),
})
"""Parameter names of each model, in order."""

WEIGHT_SCHEMES: tuple[str, ...] = ("1/y", "1/y^2")
"""Named weighting schemes: variance proportional to the signal, or to its square."""

_WEIGHT_POWER = {"1/y": 1.0, "1/y^2": 2.0}
_MAX_REWEIGHTING = 50


# --- the curve ----------------------------------------------------------------------------


def _curve_internal(x: NDArray[np.float64], theta: NDArray[np.float64]) -> NDArray[np.float64]:
    """Curve in the internal parameters (bottom, top, ln ec50, ln slope[, ln asymmetry])."""
    bottom, top, log_ec50, log_slope = theta[:4]
    with np.errstate(divide="ignore"):
        z = math.exp(log_slope) * (np.log(x) - log_ec50)
    if theta.size == 4:
        frac = expit(z)
    else:
        frac = np.exp(math.exp(theta[4]) * log_expit(z))
    return bottom + (top - bottom) * frac


def _jacobian_internal(x: NDArray[np.float64], theta: NDArray[np.float64]) -> NDArray[np.float64]:
    """d curve / d internal parameters, shape (n, p); finite at x = 0."""
    bottom, top, log_ec50, log_slope = theta[:4]
    slope = math.exp(log_slope)
    with np.errstate(divide="ignore"):
        lx = np.log(x) - log_ec50
    z = slope * lx
    e = expit(z)
    g = 1.0 if theta.size == 4 else math.exp(theta[4])
    frac = e if theta.size == 4 else np.exp(g * log_expit(z))
    # d frac / d z = g * frac * (1 - e); zero where x = 0 (e = 0, frac = 0)
    dfrac_dz = g * frac * (1.0 - e)
    span = top - bottom
    cols = [1.0 - frac, frac, span * dfrac_dz * (-slope)]
    with np.errstate(invalid="ignore"):
        dz_dlogslope = np.where(x > 0, z, 0.0)
    cols.append(span * dfrac_dz * dz_dlogslope)
    if theta.size == 5:
        with np.errstate(invalid="ignore"):
            cols.append(np.where(x > 0, span * frac * g * log_expit(z), 0.0))
    return np.column_stack([np.broadcast_to(c, x.shape) for c in cols])


def _to_internal(params: Mapping[str, float]) -> NDArray[np.float64]:
    theta = [params["bottom"], params["top"], math.log(params["ec50"]), math.log(params["slope"])]
    if "asymmetry" in params:
        theta.append(math.log(params["asymmetry"]))
    return np.array(theta, dtype=float)


def _from_internal(theta: NDArray[np.float64]) -> dict[str, float]:
    out = {"bottom": float(theta[0]), "top": float(theta[1]), "ec50": math.exp(theta[2]),
           "slope": math.exp(theta[3])}
    if theta.size == 5:
        out["asymmetry"] = math.exp(theta[4])
    return out


def logistic_curve(
    concentration: ArrayLike,
    *,
    bottom: float,
    top: float,
    ec50: float,
    slope: float,
    asymmetry: float = 1.0,
) -> FloatOrArray:
    """The 4PL (``asymmetry = 1``) or 5PL standard curve.

    ``bottom + (top - bottom) / (1 + (ec50 / x) ** slope) ** asymmetry``, evaluated
    through ``log`` and ``expit`` so that ``x = 0`` gives ``bottom`` and extreme
    ratios neither overflow nor give NaN.

    Parameters
    ----------
    concentration : array_like
        Concentration (>= 0), in the unit of ``ec50``.
    bottom : float
        Signal at zero concentration.
    top : float
        Signal at saturating concentration (``top < bottom`` for a falling curve).
    ec50 : float
        Location (> 0): the concentration of the half-maximal signal for the 4PL.
    slope : float
        Steepness (> 0), the Hill coefficient of the 4PL.
    asymmetry : float, optional
        5PL asymmetry exponent (> 0); 1 (the default) is the 4PL.

    Returns
    -------
    float or numpy.ndarray
        Signal, same shape as ``concentration``.

    Raises
    ------
    ValueError
        If a concentration is negative or not finite, ``ec50``, ``slope`` or
        ``asymmetry`` is not a finite positive number, or ``bottom``/``top`` is not
        finite.

    References
    ----------
    ritz2015 (the LL.4 and LL.5 models of the R package drc).

    Examples
    --------
    >>> round(logistic_curve(10.0, bottom=0.05, top=2.05, ec50=10.0, slope=1.0), 12)
    1.05
    >>> logistic_curve([0.0, 1e12], bottom=0.05, top=2.0, ec50=10.0, slope=1.2).round(6).tolist()
    [0.05, 2.0]
    """
    x = nonnegative_array("concentration", concentration)
    params = {"bottom": number_in_range("bottom", bottom), "top": number_in_range("top", top),
              "ec50": positive_float("ec50", ec50), "slope": positive_float("slope", slope)}
    g = positive_float("asymmetry", asymmetry)
    if g != 1.0:
        params["asymmetry"] = g
    return as_output(_curve_internal(x, _to_internal(params)))


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class BackCalculation:
    """Concentrations read off a standard curve, with their delta-method errors.

    Attributes
    ----------
    response : numpy.ndarray
        The (mean) signals that were back-calculated.
    concentration : numpy.ndarray
        Back-calculated concentrations; ``nan`` where the signal is outside the curve.
    standard_error : numpy.ndarray
        Delta-method standard error of each concentration (same unit).
    cv : numpy.ndarray
        Coefficient of variation of each concentration, ``standard_error / concentration``
        (a fraction, 0.2 = 20 %).
    lower, upper : numpy.ndarray
        Confidence interval at ``level``, symmetric on the log-concentration scale
        (t distribution on the fit's degrees of freedom).
    level : float
        Confidence level of the interval.
    n_replicates : int
        Number of wells averaged into each signal.
    reason : tuple of str
        Why a concentration is ``nan`` ('' when it is not): below the blank
        asymptote, above the saturation asymptote, or a non-finite signal.
    """

    response: NDArray[np.float64]
    concentration: NDArray[np.float64]
    standard_error: NDArray[np.float64]
    cv: NDArray[np.float64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    level: float
    n_replicates: int
    reason: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        """The results as a table, one row per signal.

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
        >>> list(fit.back_calculate([0.5, 5.0]).to_frame().columns)
        ['response', 'concentration', 'standard_error', 'cv', 'lower', 'upper', 'reason']
        """
        return pd.DataFrame({
            "response": self.response, "concentration": self.concentration,
            "standard_error": self.standard_error, "cv": self.cv,
            "lower": self.lower, "upper": self.upper, "reason": list(self.reason),
        })


@dataclass(frozen=True, eq=False)
class LogisticFit:
    """Result of :func:`fit_logistic`: a fitted 4PL or 5PL standard curve.

    Attributes
    ----------
    model : {"4PL", "5PL"}
        The model fitted.
    params : Mapping[str, float]
        Best-fit parameters by name (see :data:`MODELS`), read-only.
    standard_errors : Mapping[str, float]
        Their standard errors (``ec50``, ``slope`` and ``asymmetry`` propagated from
        the fitted logarithms by the delta method), read-only.
    residual_standard_error : float
        ``s = sqrt(sum(w * r^2) / df)``: the SD of a signal of unit weight. For an
        unweighted fit it is the SD of the signal around the curve; for ``"1/y^2"``
        (weights ``1 / fitted^2``) it is the CV of the signal; for ``"1/y"`` the SD
        of a signal is ``s * sqrt(fitted)``.
    df : int
        Residual degrees of freedom, ``n - p``.
    weights : str
        ``"none"``, ``"1/y"``, ``"1/y^2"`` or ``"user"`` (per-point weights given).
    concentration, response, weight_values : numpy.ndarray
        The data fitted and the final weights (read-only).
    covariance : numpy.ndarray
        Covariance of the internal parameters (bottom, top, ln ec50, ln slope[,
        ln asymmetry]).
    """

    model: str
    params: Mapping[str, float]
    standard_errors: Mapping[str, float]
    residual_standard_error: float
    df: int
    weights: str
    concentration: NDArray[np.float64] = field(repr=False)
    response: NDArray[np.float64] = field(repr=False)
    weight_values: NDArray[np.float64] = field(repr=False)
    covariance: NDArray[np.float64] = field(repr=False)

    # -- the curve ---------------------------------------------------------------------------

    @property
    def _theta(self) -> NDArray[np.float64]:
        return _to_internal(self.params)

    @property
    def increasing(self) -> bool:
        """True when the signal rises with concentration (``top > bottom``)."""
        return self.params["top"] > self.params["bottom"]

    @property
    def midpoint_concentration(self) -> float:
        """Concentration of the half-maximal signal (equals ``ec50`` for the 4PL).

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
        >>> fit.midpoint_concentration == fit.params["ec50"]
        True
        """
        if self.model == "4PL":
            return self.params["ec50"]
        return float(self.inverse(0.5 * (self.params["bottom"] + self.params["top"])))

    def predict(self, concentration: ArrayLike) -> FloatOrArray:
        """Fitted signal at the given concentrations.

        Parameters
        ----------
        concentration : array_like
            Concentrations (>= 0), in the unit of the standards.

        Returns
        -------
        float or numpy.ndarray
            Signal.

        Raises
        ------
        ValueError
            If a concentration is negative or not finite.

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
        >>> fit.predict(0.0) == fit.params["bottom"]
        True
        """
        x = nonnegative_array("concentration", concentration)
        return as_output(_curve_internal(x, self._theta))

    __call__ = predict

    def _fraction(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        return (y - self.params["bottom"]) / (self.params["top"] - self.params["bottom"])

    def inverse(self, response: ArrayLike) -> FloatOrArray:
        """Back-calculate concentrations from signals; ``nan`` outside the curve's range.

        A signal at or beyond either asymptote has no concentration on the curve: it
        gives ``nan`` (never an exception in the middle of an array);
        :meth:`range_reason` says why.

        Parameters
        ----------
        response : array_like
            Signals (any finite number; NaN gives NaN).

        Returns
        -------
        float or numpy.ndarray
            Concentrations, in the unit of the standards.

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
        >>> x = np.array([1.0, 10.0, 100.0])
        >>> np.allclose(fit.inverse(fit.predict(x)), x)
        True
        >>> math.isnan(fit.inverse(fit.params["bottom"] - 0.01))
        True
        """
        y = np.asarray(response, dtype=float)
        return as_output(self._inverse(y))

    def _inverse(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        u = self._fraction(y)
        ok = np.isfinite(u) & (u > 0) & (u < 1)
        out = np.full(u.shape, np.nan)
        g = self.params.get("asymmetry", 1.0)
        v = np.power(u[ok], 1.0 / g)
        out[ok] = self.params["ec50"] * np.exp(logit(v) / self.params["slope"])
        return out

    def range_reason(self, response: ArrayLike) -> str | list[str]:
        """Why a signal cannot be back-calculated ('' when it can).

        Parameters
        ----------
        response : array_like
            Signals.

        Returns
        -------
        str or list of str
            One reason per signal.

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
        >>> fit.range_reason([fit.params["bottom"] - 0.01, 1.0])[1]
        ''
        >>> fit.range_reason(fit.params["top"] + 1).startswith("at or beyond the saturation")
        True
        """
        y = np.asarray(response, dtype=float)
        reasons = self._reasons(y)
        return reasons[0] if y.ndim == 0 else reasons

    def _reasons(self, y: NDArray[np.float64]) -> list[str]:
        u = np.atleast_1d(self._fraction(y))
        b, t = self.params["bottom"], self.params["top"]
        out = []
        for ui in u.ravel():
            if not np.isfinite(ui):
                out.append("signal is not a finite number")
            elif ui <= 0:
                out.append(f"at or beyond the blank asymptote (bottom = {b:.4g}): below the "
                           "range of the curve; report as below the limit")
            elif ui >= 1:
                out.append(f"at or beyond the saturation asymptote (top = {t:.4g}): above the "
                           "range of the curve; dilute the sample and measure again")
            else:
                out.append("")
        return out

    # -- error of a back-calculated concentration --------------------------------------------

    def response_sd(self, response: ArrayLike) -> FloatOrArray:
        """Model SD of a single well's signal at a given (fitted) signal level.

        ``s`` for an unweighted fit, ``s * |y| ** (k / 2)`` for the scheme ``1/y^k``.

        Raises
        ------
        ValueError
            For a fit with per-point (``"user"``) weights, whose variance at a new
            signal is unknown: pass ``response_sd`` to :meth:`back_calculate` instead.

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2])
        >>> fit.response_sd(1.0) == fit.residual_standard_error
        True
        """
        y = np.asarray(response, dtype=float)
        s = self.residual_standard_error
        if self.weights == "none":
            return as_output(np.full(y.shape, s))
        if self.weights == "user":
            raise ValueError("a fit with per-point weights has no variance model for a new signal; "
                             "give response_sd to back_calculate")
        return as_output(s * np.abs(y) ** (_WEIGHT_POWER[self.weights] / 2.0))

    def _log_conc_gradients(self, y: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """d ln x / d y and d ln x / d theta (internal) at signals y inside the range."""
        p = self.params
        b, t, s = p["bottom"], p["top"], p["slope"]
        g = p.get("asymmetry", 1.0)
        span = t - b
        u = (y - b) / span
        v = u ** (1.0 / g)
        big_l = logit(v)
        dl_du = 1.0 / (g * u * (1.0 - v))
        dlnx_dy = dl_du / span / s
        grads = [
            dl_du * (y - t) / span**2 / s,          # bottom
            dl_du * (-u / span) / s,               # top
            np.ones_like(y),                       # ln ec50
            -big_l / s,                            # ln slope
        ]
        if self.model == "5PL":
            dl_dg = -np.log(u) / (g**2 * (1.0 - v))
            grads.append(g * dl_dg / s)            # ln asymmetry
        return dlnx_dy, np.column_stack(grads)

    def back_calculate(
        self,
        response: ArrayLike,
        *,
        n_replicates: int = 1,
        level: float = 0.95,
        response_sd: ArrayLike | None = None,
    ) -> BackCalculation:
        """Back-calculate concentrations with delta-method standard errors and intervals.

        For ``ln x = h(y, theta)``, the variance is

            (dh/dy)^2 * sd(y)^2 / n_replicates  +  grad_theta(h) . Cov(theta) . grad_theta(h),

        the first term from the noise of the sample's own wells, the second from the
        uncertainty of the curve; ``sd(x) = x * sd(ln x)``. The interval is
        ``exp(ln x +/- t * sd(ln x))`` with ``t`` from the t distribution on the fit's
        degrees of freedom.

        Parameters
        ----------
        response : array_like
            Mean signal of each sample.
        n_replicates : int, optional
            Wells averaged into each mean signal (>= 1). Default 1.
        level : float, optional
            Confidence level of the interval, in (0, 1). Default 0.95.
        response_sd : array_like, optional
            SD of a single well's signal. By default the fit's variance model
            (:meth:`response_sd`); required for fits with per-point weights.

        Returns
        -------
        BackCalculation
            Concentrations, errors, intervals and reasons (all arrays, even for one
            signal).

        Raises
        ------
        ValueError
            If ``n_replicates`` is not a positive integer, ``level`` is not in (0, 1),
            ``response_sd`` is negative or not finite, or the fit has per-point weights
            and no ``response_sd`` is given.

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
        >>> bc = fit.back_calculate([0.2, 1.0], n_replicates=2)
        >>> bool(np.all(bc.lower < bc.concentration)) and bool(np.all(bc.concentration < bc.upper))
        True
        """
        n_replicates = integer_at_least("n_replicates", n_replicates, 1)
        level = number_in_range("level", level, low=0.0, high=1.0, low_open=True, high_open=True)
        y = np.atleast_1d(np.asarray(response, dtype=float)).ravel()
        x = self._inverse(y)
        reasons = tuple(self._reasons(y))
        if response_sd is None:
            sd_y = np.atleast_1d(self.response_sd(np.where(np.isfinite(x), y, self.params["bottom"])))
        else:
            sd_y = np.broadcast_to(nonnegative_array("response_sd", response_sd), y.shape).astype(float)
        ok = np.isfinite(x)
        se_log = np.full(y.shape, np.nan)
        if ok.any():
            dy, dtheta = self._log_conc_gradients(y[ok])
            var_noise = dy**2 * sd_y[ok] ** 2 / n_replicates
            var_curve = np.einsum("ij,jk,ik->i", dtheta, self.covariance, dtheta)
            se_log[ok] = np.sqrt(var_noise + var_curve)
        t = stats.t.ppf(0.5 + level / 2.0, self.df)
        with np.errstate(invalid="ignore"):
            lower, upper = x * np.exp(-t * se_log), x * np.exp(t * se_log)
        return BackCalculation(response=y, concentration=x, standard_error=x * se_log, cv=se_log,
                               lower=lower, upper=upper, level=level, n_replicates=int(n_replicates),
                               reason=reasons)


# --- fitting ----------------------------------------------------------------------------------


def _check_data(
    concentration: ArrayLike, response: ArrayLike, n_params: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x, y = paired_response("concentration", concentration, response)
    if not np.all(np.isfinite(y)):
        bad = int(np.flatnonzero(~np.isfinite(y))[0])
        raise ValueError(f"response must be finite, got {y[bad]!r} at position {bad}")
    if x.size <= n_params:
        raise ValueError(f"a {n_params}-parameter fit needs more points than parameters "
                         f"(at least {n_params + 1} for one residual degree of freedom), got {x.size}")
    distinct = np.unique(x).size
    if distinct < n_params:
        raise ValueError(f"a {n_params}-parameter fit needs at least {n_params} distinct concentrations, "
                         f"got {distinct}")
    if np.ptp(y) == 0:
        raise ValueError(f"response must vary to fit a curve, got the constant {float(y[0])!r}")
    return x, y


def _start(x: NDArray[np.float64], y: NDArray[np.float64], model: str) -> NDArray[np.float64]:
    levels = np.unique(x)
    means = np.array([y[x == c].mean() for c in levels])
    bottom, top = float(means[0]), float(means[-1])
    if bottom == top:
        bottom, top = float(y.min()), float(y.max())
    positive = levels > 0
    mid = 0.5 * (bottom + top)
    ec50 = float(levels[positive][np.argmin(np.abs(means[positive] - mid))])
    theta = [bottom, top, math.log(ec50), 0.0]
    if model == "5PL":
        theta.append(0.0)
    return np.array(theta, dtype=float)


def _solve(x: NDArray[np.float64], y: NDArray[np.float64], w: NDArray[np.float64],
           theta0: NDArray[np.float64]) -> NDArray[np.float64]:
    sw = np.sqrt(w)

    def residuals(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        return sw * (_curve_internal(x, theta) - y)

    def jac(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        return sw[:, None] * _jacobian_internal(x, theta)

    # bound ln slope and ln asymmetry to a generous range so that a flat or degenerate
    # data set cannot drive them to infinity
    lower = np.full(theta0.size, -np.inf)
    upper = np.full(theta0.size, np.inf)
    lower[3:], upper[3:] = math.log(1e-3), math.log(1e3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = least_squares(residuals, theta0, jac=jac, method="trf", bounds=(lower, upper),
                               x_scale="jac", ftol=1e-14, xtol=1e-14, gtol=1e-14, max_nfev=20_000)
    if not result.success:
        raise RuntimeError(f"the standard-curve fit did not converge: {result.message}")
    return result.x


def fit_logistic(
    concentration: ArrayLike,
    response: ArrayLike,
    *,
    model: str = "4PL",
    weights: ArrayLike | str | None = None,
) -> LogisticFit:
    """Fit a 4PL or 5PL standard curve by (weighted) least squares.

    Parameters
    ----------
    concentration : array_like
        Concentrations of the standards (>= 0, finite), 1-D. Zeros (blank standards)
        are allowed. Replicates are separate points.
    response : array_like
        Signal of each well, same length, finite.
    model : {"4PL", "5PL"}, optional
        The curve (see the module docstring). Default ``"4PL"``.
    weights : array_like or {"1/y", "1/y^2"}, optional
        ``None`` (default): unweighted. An array: one weight (> 0) per point, taken as
        inverse variances up to a constant. ``"1/y"`` or ``"1/y^2"``: the variance of
        a signal is proportional to the fitted signal or to its square; needs
        positive fitted signals.

    Returns
    -------
    LogisticFit
        Parameters, standard errors, residual standard error, degrees of freedom,
        :meth:`~LogisticFit.predict`, :meth:`~LogisticFit.inverse` and
        :meth:`~LogisticFit.back_calculate`.

    Raises
    ------
    ValueError
        If lengths differ; there are no more points than parameters or fewer distinct
        concentrations than parameters; a concentration is negative or not finite; a
        signal is not finite or all signals are equal; the model or weighting scheme is
        unknown; weights are not positive and finite; or a named scheme meets a
        fitted signal <= 0.
    RuntimeError
        If the optimiser does not converge.

    References
    ----------
    ritz2015 (the LL.4/LL.5 models of the R package drc).

    Examples
    --------
    Noiseless data are recovered exactly, zero standard included:

    >>> x = np.array([0, 0.5, 1.5, 4.6, 14, 41, 123, 370, 1111])
    >>> y = logistic_curve(x, bottom=0.05, top=2.5, ec50=60.0, slope=1.1)
    >>> fit = fit_logistic(x, y)
    >>> {k: round(v, 6) for k, v in fit.params.items()}
    {'bottom': 0.05, 'top': 2.5, 'ec50': 60.0, 'slope': 1.1}
    >>> fit.df
    5
    """
    if model not in MODELS:
        raise unknown_name("model", model, list(MODELS))
    names = MODELS[model]
    x, y = _check_data(concentration, response, len(names))
    theta = _start(x, y, model)

    scheme: str
    if weights is None:
        scheme, w = "none", np.ones_like(y)
    elif isinstance(weights, str):
        if weights not in WEIGHT_SCHEMES:
            raise unknown_name("weighting scheme", weights, list(WEIGHT_SCHEMES))
        scheme, w = weights, np.ones_like(y)
    else:
        scheme = "user"
        try:
            w = np.asarray(weights, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"weights must be numeric or one of {list(WEIGHT_SCHEMES)}, got {weights!r}") from None
        if w.shape != y.shape:
            raise ValueError(f"weights must have one value per point ({y.size}), got shape {w.shape}")
        if not np.all(np.isfinite(w)) or (w <= 0).any():
            raise ValueError("weights must be finite and > 0")

    theta = _solve(x, y, w, theta)
    if scheme in _WEIGHT_POWER:
        power = _WEIGHT_POWER[scheme]
        for _ in range(_MAX_REWEIGHTING):
            fitted = _curve_internal(x, theta)
            if (fitted <= 0).any():
                raise ValueError(f"weights {scheme!r} need positive fitted signals, got "
                                 f"{float(fitted.min())!r}; subtract no blank, or use weights=None")
            w_new = fitted ** -power
            theta_new = _solve(x, y, w_new, theta)
            done = np.allclose(theta_new, theta, rtol=1e-9, atol=1e-12)
            theta, w = theta_new, w_new
            if done:
                break
        else:  # pragma: no cover - IRLS converges in a few steps for sensible data
            raise RuntimeError(f"reweighting for {scheme!r} did not converge")

    p = len(names)
    df = x.size - p
    resid = y - _curve_internal(x, theta)
    rss = float(np.sum(w * resid**2))
    s = math.sqrt(rss / df)
    jac = np.sqrt(w)[:, None] * _jacobian_internal(x, theta)
    cov = np.asarray(s**2 * np.linalg.pinv(jac.T @ jac), dtype=np.float64)
    se_internal = np.sqrt(np.clip(np.diag(cov), 0.0, np.inf))
    params = _from_internal(theta)
    ses = {"bottom": float(se_internal[0]), "top": float(se_internal[1]),
           "ec50": params["ec50"] * float(se_internal[2]), "slope": params["slope"] * float(se_internal[3])}
    if model == "5PL":
        ses["asymmetry"] = params["asymmetry"] * float(se_internal[4])
    for arr in (x, y, w, cov):
        arr.setflags(write=False)
    return LogisticFit(model=model, params=MappingProxyType(params),
                       standard_errors=MappingProxyType({k: ses[k] for k in names}),
                       residual_standard_error=s, df=df, weights=scheme,
                       concentration=x, response=y, weight_values=w, covariance=cov)


# --- parametric bootstrap -----------------------------------------------------------------------


def bootstrap_back_calculation(
    fit: LogisticFit,
    concentration: float,
    *,
    n_replicates: int = 1,
    n_boot: int = 500,
    seed: int = 0,
) -> NDArray[np.float64]:
    """Parametric bootstrap of a back-calculated concentration (checks the delta method).

    Each round simulates a new plate from the fitted curve: every standard's signal is
    the fitted signal plus normal noise with the fit's variance model, and the
    sample's mean signal is the fitted signal at ``concentration`` plus noise of SD
    ``sd / sqrt(n_replicates)``. The curve is refitted with the same model and
    weighting, and the sample is back-calculated. The spread of the results is the
    error the delta method approximates.

    Parameters
    ----------
    fit : LogisticFit
        A fit with no per-point weights.
    concentration : float
        True concentration of the simulated sample (> 0).
    n_replicates : int, optional
        Wells averaged for the sample. Default 1.
    n_boot : int, optional
        Number of simulated plates (>= 10). Default 500.
    seed : int, optional
        Seed of the random number generator. Default 0.

    Returns
    -------
    numpy.ndarray
        ``n_boot`` back-calculated concentrations (``nan`` where a simulated signal fell
        outside its refitted curve, or a refit failed).

    Raises
    ------
    ValueError
        If the fit has per-point weights, or an argument is out of range.

    Examples
    --------
    >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    >>> boot = bootstrap_back_calculation(fit, 20.0, n_boot=50, seed=2)
    >>> boot.shape, bool(np.nanmedian(boot) > 10)
    ((50,), True)
    """
    if fit.weights == "user":
        raise ValueError("the bootstrap needs a variance model: refit with weights=None, '1/y' or '1/y^2'")
    conc = positive_float("concentration", concentration)
    n_boot = integer_at_least("n_boot", n_boot, 10)
    n_replicates = integer_at_least("n_replicates", n_replicates, 1)
    rng = np.random.default_rng(seed)
    scheme = None if fit.weights == "none" else fit.weights
    mean_std = np.asarray(fit.predict(fit.concentration))
    sd_std = np.asarray(fit.response_sd(mean_std))
    mean_sample = float(fit.predict(conc))
    sd_sample = float(fit.response_sd(mean_sample)) / math.sqrt(n_replicates)
    out = np.full(n_boot, np.nan)
    for i in range(n_boot):
        y_std = mean_std + sd_std * rng.standard_normal(mean_std.shape)
        y_sample = mean_sample + sd_sample * rng.standard_normal()
        try:
            refit = fit_logistic(fit.concentration, y_std, model=fit.model, weights=scheme)
        except (ValueError, RuntimeError):
            continue
        out[i] = float(refit.inverse(y_sample))
    return out


# --- limits -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DetectionLimits:
    """Limits of blank and detection, in signal and in concentration.

    Attributes
    ----------
    blank_mean, blank_sd : float
        Mean and SD (n - 1) of the blank signals.
    lob_response, lob_concentration : float
        Limit of blank: ``blank_mean +/- z * blank_sd`` (``z`` = 1.645, the one-sided
        95th percentile; ``+`` for a rising curve), and its concentration.
    lod_response, lod_concentration : float
        CLSI-style limit of detection: ``LoB +/- z * SD(low sample)``; ``nan`` when no
        low-concentration sample was given.
    lod_3sd_response, lod_3sd_concentration : float
        The classical limit of detection, ``blank_mean +/- 3 * blank_sd``.

    A concentration is ``nan`` when the signal lies outside the curve (for example a
    limit of blank below the fitted bottom of the curve).
    """

    blank_mean: float
    blank_sd: float
    lob_response: float
    lob_concentration: float
    lod_response: float
    lod_concentration: float
    lod_3sd_response: float
    lod_3sd_concentration: float


def _signals(name: str, values: ArrayLike, minimum: int) -> NDArray[np.float64]:
    try:
        arr = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {values!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite")
    if arr.size < minimum:
        raise ValueError(f"{name} needs at least {minimum} values to estimate an SD, got {arr.size}")
    return arr


def detection_limits(
    fit: LogisticFit,
    blank_responses: ArrayLike,
    low_sample_responses: ArrayLike | None = None,
) -> DetectionLimits:
    """Limit of blank and limit of detection from replicate blanks (and a low sample).

    Conventions (``widgets/data/parameters/assay.tsv``): LoB = mean(blank) + 1.645
    SD(blank); LoD = LoB + 1.645 SD(low-concentration sample)
    (armbruster2008); and the classical LoD = mean(blank) + 3 SD(blank).
    They are computed in signal units and read off the standard curve, which is how
    they are applied on a plate: a sample whose signal is below the LoD signal is
    reported as "below the limit of detection". For a falling curve the signs flip.

    Parameters
    ----------
    fit : LogisticFit
        The plate's standard curve.
    blank_responses : array_like
        Signals of replicate blank wells (at least 2).
    low_sample_responses : array_like, optional
        Signals of replicates of a sample with a low concentration (at least 2).

    Returns
    -------
    DetectionLimits

    Raises
    ------
    ValueError
        If fewer than 2 values are given, or a value is not finite.

    Examples
    --------
    >>> x, y, blanks = simulated_plate(seed=1)
    >>> fit = fit_logistic(x, y, weights="1/y^2")
    >>> lim = detection_limits(fit, blanks)
    >>> lim.lob_response < lim.lod_3sd_response
    True
    """
    blank = _signals("blank_responses", blank_responses, 2)
    sign = 1.0 if fit.increasing else -1.0
    z = value("clsi_lob_lod_z_one_sided")
    k = value("classical_lod_blank_sd_multiplier")
    mean, sd = float(blank.mean()), float(blank.std(ddof=1))
    lob = mean + sign * z * sd
    if low_sample_responses is not None:
        low = _signals("low_sample_responses", low_sample_responses, 2)
        lod = lob + sign * z * float(low.std(ddof=1))
    else:
        lod = math.nan
    lod3 = mean + sign * k * sd
    conc = np.asarray(fit.inverse(np.array([lob, lod, lod3])), dtype=float)
    return DetectionLimits(mean, sd, lob, float(conc[0]), lod, float(conc[1]), lod3, float(conc[2]))


@dataclass(frozen=True, eq=False)
class PrecisionProfile:
    """CV of back-calculated concentrations across the range (see :func:`precision_profile`).

    Attributes
    ----------
    concentration : numpy.ndarray
        Concentration grid.
    cv : numpy.ndarray
        Delta-method CV (fraction) of a concentration back-calculated from
        ``n_replicates`` wells; ``nan`` where the curve gives no concentration.
    n_replicates : int
        Wells per sample.
    """

    concentration: NDArray[np.float64]
    cv: NDArray[np.float64]
    n_replicates: int

    def limits(self, max_cv: float | None = None) -> tuple[float, float]:
        """LLOQ and ULOQ: the ends of the widest stretch of the grid with CV <= ``max_cv``.

        Parameters
        ----------
        max_cv : float, optional
            Largest acceptable CV, a fraction (default: the 20 % precision limit of
            ligand-binding assay validation, ``lba_precision_cv_max_fraction``).

        Returns
        -------
        (float, float)
            ``(lloq, uloq)``, or ``(nan, nan)`` if no grid point qualifies.

        Examples
        --------
        >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
        >>> lloq, uloq = precision_profile(fit, np.logspace(-1, 4, 101)).limits(0.2)
        >>> 0.1 < lloq < uloq < 1e4
        True
        """
        limit = value("lba_precision_cv_max_fraction") if max_cv is None else positive_float("max_cv", max_cv)
        return _widest_run(self.concentration, np.isfinite(self.cv) & (self.cv <= limit))

    def to_frame(self) -> pd.DataFrame:
        """The profile as a table (``concentration``, ``cv``)."""
        return pd.DataFrame({"concentration": self.concentration, "cv": self.cv})


def _widest_run(conc: NDArray[np.float64], good: NDArray[np.bool_]) -> tuple[float, float]:
    best, start, best_range = 0, None, (math.nan, math.nan)
    for i, g in enumerate(list(good) + [False]):
        if g and start is None:
            start = i
        elif not g and start is not None:
            if i - start > best:
                best, best_range = i - start, (float(conc[start]), float(conc[i - 1]))
            start = None
    return best_range


def precision_profile(fit: LogisticFit, concentration: ArrayLike, *, n_replicates: int = 1) -> PrecisionProfile:
    """Model-based precision profile: CV of a back-calculated concentration against concentration.

    For each concentration on the grid the expected signal is read off the curve and
    back-calculated with :meth:`LogisticFit.back_calculate`; the CV combines the
    sample's own noise and the uncertainty of the curve. The CV is lowest in the
    steep middle of the curve and rises towards both asymptotes, where a small change
    of signal means a large change of concentration.

    Parameters
    ----------
    fit : LogisticFit
        A standard curve without per-point weights.
    concentration : array_like
        Grid of concentrations (> 0), increasing.
    n_replicates : int, optional
        Wells averaged per sample. Default 1.

    Returns
    -------
    PrecisionProfile

    Raises
    ------
    ValueError
        If the grid is not positive and strictly increasing, or the fit has per-point
        weights.

    Examples
    --------
    >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    >>> prof = precision_profile(fit, [0.1, 30.0, 1e5])
    >>> bool(prof.cv[1] < prof.cv[0]) and bool(prof.cv[1] < prof.cv[2])
    True
    """
    grid = nonnegative_array("concentration", concentration, strictly_positive=True).ravel()
    if grid.size < 2 or np.any(np.diff(grid) <= 0):
        raise ValueError("concentration must be a strictly increasing grid of at least 2 values")
    signal = np.asarray(fit.predict(grid))
    bc = fit.back_calculate(signal, n_replicates=n_replicates)
    return PrecisionProfile(grid, bc.cv, int(n_replicates))


def replicate_precision(fit: LogisticFit, concentration: ArrayLike, response: ArrayLike) -> pd.DataFrame:
    """Empirical precision and accuracy of replicate standards (or quality controls).

    Each well is back-calculated on its own; per nominal concentration the table gives
    the number of wells, the number that could be back-calculated, the mean
    back-calculated concentration, its CV (SD / mean, n - 1) and the recovery (mean /
    nominal). This is how validation reports judge each level against acceptance
    limits (see :func:`quantification_range`).

    Parameters
    ----------
    fit : LogisticFit
        The standard curve.
    concentration : array_like
        Nominal concentration of each well (> 0; blanks are left out).
    response : array_like
        Signal of each well.

    Returns
    -------
    pandas.DataFrame
        Columns ``nominal``, ``n``, ``n_quantified``, ``mean``, ``cv``, ``recovery``,
        sorted by ``nominal``.

    Raises
    ------
    ValueError
        If lengths differ or values are invalid.

    Examples
    --------
    >>> x, y, _ = simulated_plate(seed=1)
    >>> fit = fit_logistic(x, y, weights="1/y^2")
    >>> table = replicate_precision(fit, x[x > 0], y[x > 0])
    >>> list(table.columns)
    ['nominal', 'n', 'n_quantified', 'mean', 'cv', 'recovery']
    """
    x = nonnegative_array("concentration", concentration, strictly_positive=True).ravel()
    y = _signals("response", response, 1)
    if y.shape != x.shape:
        raise ValueError(f"response must have one value per concentration ({x.size}), got {y.size}")
    back = np.asarray(fit.inverse(y), dtype=float).reshape(x.shape)
    rows = []
    for level in np.unique(x):
        vals = back[x == level]
        ok = vals[np.isfinite(vals)]
        mean = float(ok.mean()) if ok.size else math.nan
        cv = float(ok.std(ddof=1) / mean) if ok.size >= 2 else math.nan
        rows.append({"nominal": float(level), "n": int(vals.size), "n_quantified": int(ok.size),
                     "mean": mean, "cv": cv, "recovery": mean / float(level)})
    return pd.DataFrame(rows)


def quantification_range(
    table: pd.DataFrame,
    *,
    max_cv: float | None = None,
    max_bias: float | None = None,
    max_cv_at_limits: float | None = None,
    max_bias_at_limits: float | None = None,
) -> tuple[float, float]:
    """LLOQ and ULOQ from a :func:`replicate_precision` table.

    The range of quantification is the widest run of consecutive levels, every well of
    which could be back-calculated, such that the two end levels (the LLOQ and ULOQ)
    meet the limits for the ends of the range and every level in between meets the
    (stricter) limits for the rest of the range. By default these are the
    ligand-binding-assay acceptance limits: CV and ``|recovery - 1|`` at most 20 %, and
    at most 25 % at the limits of quantification
    (``widgets/data/parameters/assay.tsv``; DeSilva et al. 2003).

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`replicate_precision`.
    max_cv, max_bias : float, optional
        Limits (fractions) for levels inside the range. Defaults
        ``lba_precision_cv_max_fraction`` and ``lba_accuracy_max_fraction``.
    max_cv_at_limits, max_bias_at_limits : float, optional
        Limits for the two end levels. Defaults ``lba_lloq_precision_cv_max_fraction``
        and ``lba_lloq_accuracy_max_fraction``.

    Returns
    -------
    (float, float)
        ``(lloq, uloq)``; ``(nan, nan)`` when no level is acceptable.

    Raises
    ------
    ValueError
        If the table lacks the columns of :func:`replicate_precision` or a limit is
        not positive.

    Examples
    --------
    >>> table = pd.DataFrame({"nominal": [1, 2, 4, 8], "n": 3, "n_quantified": [2, 3, 3, 3],
    ...                       "cv": [0.1, 0.24, 0.05, 0.08], "recovery": [1.0, 1.1, 0.98, 1.02]})
    >>> quantification_range(table)
    (2.0, 8.0)
    """
    needed = {"nominal", "n", "n_quantified", "cv", "recovery"}
    if not needed <= set(table.columns):
        missing = sorted(needed - set(table.columns))
        raise ValueError(f"table must have the columns of replicate_precision, missing {missing}")

    def limit(name: str, given: float | None, default: str) -> float:
        return value(default) if given is None else positive_float(name, given)

    cv_in = limit("max_cv", max_cv, "lba_precision_cv_max_fraction")
    bias_in = limit("max_bias", max_bias, "lba_accuracy_max_fraction")
    cv_end = limit("max_cv_at_limits", max_cv_at_limits, "lba_lloq_precision_cv_max_fraction")
    bias_end = limit("max_bias_at_limits", max_bias_at_limits, "lba_lloq_accuracy_max_fraction")
    t = table.sort_values("nominal")
    nominal = t["nominal"].to_numpy(dtype=float)
    complete = (t["n_quantified"] == t["n"]).to_numpy()
    cv = t["cv"].to_numpy(dtype=float)
    bias = (t["recovery"].to_numpy(dtype=float) - 1.0).__abs__()
    with np.errstate(invalid="ignore"):
        inner = complete & (cv <= cv_in) & (bias <= bias_in)
        end = complete & (cv <= cv_end) & (bias <= bias_end)
    best: tuple[int, int] | None = None
    for i in range(nominal.size):
        if not end[i]:
            continue
        for j in range(i, nominal.size):
            if j > i + 1 and not inner[j - 1]:
                break
            if end[j] and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
    if best is None:
        return (math.nan, math.nan)
    return (float(nominal[best[0]]), float(nominal[best[1]]))


# --- a simulated plate for teaching ---------------------------------------------------------------


def simulated_plate(
    *,
    seed: int = 0,
    cv: float = 0.06,
    bottom: float = 0.05,
    top: float = 2.6,
    ec50_pg_per_ml: float = 150.0,
    slope: float = 1.0,
    top_standard_pg_per_ml: float = 1000.0,
    n_standards: int = 7,
    dilution: float = 2.0,
    replicates: int = 2,
    n_blanks: int = 8,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """A SIMULATED sandwich-ELISA plate (made up for teaching, not measured data).

    A two-fold dilution series of a calibrator from ``top_standard_pg_per_ml`` down,
    plus a zero standard, each in ``replicates`` wells, and ``n_blanks`` extra blank
    wells. Signals (optical density) follow a 4PL with multiplicative noise of
    constant CV (``sd = cv * signal``), which is what the ``"1/y^2"`` weighting assumes.
    The default curve is made up to look like a typical cytokine ELISA (a range of
    about 10-1000 pg/mL); it describes no particular kit.

    Parameters
    ----------
    seed : int, optional
        Random seed (the plate is reproducible).
    cv : float, optional
        CV of a well's signal (fraction, >= 0). Default 0.06.
    bottom, top, ec50_pg_per_ml, slope : float, optional
        The true 4PL curve (signal in OD units, concentration in pg/mL).
    top_standard_pg_per_ml : float, optional
        Highest standard. Default 1000.
    n_standards : int, optional
        Number of non-zero standards. Default 7.
    dilution : float, optional
        Dilution factor between standards (> 1). Default 2.
    replicates : int, optional
        Wells per standard. Default 2.
    n_blanks : int, optional
        Extra blank wells for the limit of blank. Default 8.

    Returns
    -------
    concentration_pg_per_ml, od, blank_od : numpy.ndarray
        Nominal concentrations and signals of the standard wells (zero standard
        included), and the signals of the extra blank wells.

    Raises
    ------
    ValueError
        If ``cv`` is negative, ``dilution`` is not > 1, ``top_standard_pg_per_ml`` is not
        positive, or a count (``n_standards``, ``replicates``, ``n_blanks``) is not an
        integer >= 1.

    Examples
    --------
    >>> x, y, blanks = simulated_plate(seed=3)
    >>> x.size, blanks.size, float(x.max())
    (16, 8, 1000.0)
    """
    cv = number_in_range("cv", cv, low=0.0)
    dilution = number_in_range("dilution", dilution, low=1.0, low_open=True)
    for name, n in (("n_standards", n_standards), ("replicates", replicates), ("n_blanks", n_blanks)):
        integer_at_least(name, n, 1)
    top_std = positive_float("top_standard_pg_per_ml", top_standard_pg_per_ml)
    levels = np.concatenate([[0.0], top_std / dilution ** np.arange(n_standards - 1, -1, -1)])
    x = np.repeat(levels, replicates)
    rng = np.random.default_rng(seed)
    mean = np.asarray(logistic_curve(x, bottom=bottom, top=top, ec50=ec50_pg_per_ml, slope=slope))
    y = mean * (1.0 + cv * rng.standard_normal(x.shape))
    blanks = bottom * (1.0 + cv * rng.standard_normal(n_blanks))
    return x, y, blanks




def weighting_study(
    *,
    n_plates: int = 200,
    cv: float = 0.08,
    seed: int = 0,
    schemes: Sequence[str | None] = (None, "1/y", "1/y^2"),
) -> pd.DataFrame:
    """How well each weighting scheme recovers the standards of SIMULATED plates.

    Simulates ``n_plates`` plates with :func:`simulated_plate` (constant-CV noise),
    fits each with every scheme, back-calculates every standard well and reports, per
    nominal concentration and scheme, the median absolute relative error of the
    back-calculated concentration (0.1 = 10 %; the median, because wells near the top
    asymptote give a few enormous errors) and the fraction of wells that could be
    back-calculated at all.

    Parameters
    ----------
    n_plates : int, optional
        Number of simulated plates (>= 1). Default 200.
    cv : float, optional
        CV of a well's signal. Default 0.08.
    seed : int, optional
        Seed of the first plate; plate ``i`` uses ``seed + i``.
    schemes : sequence of {None, "1/y", "1/y^2"}
        Weighting schemes to compare.

    Returns
    -------
    pandas.DataFrame
        Columns ``scheme`` ("none", "1/y", "1/y^2"), ``nominal``,
        ``median_abs_relative_error``, ``fraction_quantified``.

    Raises
    ------
    ValueError
        If ``n_plates`` is not an integer >= 1 or ``cv`` is out of the range of
        :func:`simulated_plate`.

    Examples
    --------
    >>> table = weighting_study(n_plates=5, seed=1)
    >>> sorted(table["scheme"].unique())
    ['1/y', '1/y^2', 'none']
    """
    n_plates = integer_at_least("n_plates", n_plates, 1)
    for scheme in schemes:
        if scheme is not None and scheme not in WEIGHT_SCHEMES:
            raise unknown_name("weighting scheme", scheme, list(WEIGHT_SCHEMES))
    errors: dict[str, list[NDArray[np.float64]]] = {("none" if s is None else s): [] for s in schemes}
    x = None
    for i in range(n_plates):
        x, y, _ = simulated_plate(seed=seed + i, cv=cv)
        for scheme in schemes:
            name = "none" if scheme is None else scheme
            try:
                fit = fit_logistic(x, y, weights=scheme)
                back = np.asarray(fit.inverse(y), dtype=float)
            except (ValueError, RuntimeError):
                back = np.full(y.shape, np.nan)
            with np.errstate(divide="ignore", invalid="ignore"):
                errors[name].append(np.where(x > 0, back / x - 1.0, np.nan))
    assert x is not None
    rows = []
    for name, errs in errors.items():
        e = np.vstack(errs)
        for level in np.unique(x[x > 0]):
            col = e[:, x == level].ravel()
            ok = np.isfinite(col)
            rows.append({"scheme": name, "nominal": float(level),
                         "median_abs_relative_error": float(np.median(np.abs(col[ok]))) if ok.any() else math.nan,
                         "fraction_quantified": float(ok.mean())})
    table = pd.DataFrame(rows)
    table.attrs["n_plates"] = int(n_plates)
    table.attrs["cv"] = float(cv)
    return table
