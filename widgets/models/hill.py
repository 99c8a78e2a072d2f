"""Hill (four-parameter logistic) dose-response curves and fitting.

The Hill equation describes a response that rises sigmoidally with concentration c:

    response(c) = bottom + (top - bottom) * c^n / (c^n + EC50^n),

with half-maximal response at ``c = EC50`` and steepness set by the Hill coefficient
``n`` (``n = 1`` is simple one-site binding, ``L / (L + K_D)``). On a log-concentration
axis the curve is a logistic function of ``ln c`` whose slope at the EC50 is
``(top - bottom) * n / 4`` per unit ``ln c``. The ratio of the concentrations giving
90 % and 10 % of the response span is ``81 ** (1 / n)``.

Concentrations and EC50 share one unit of your choice (e.g. pM); the response is in
whatever unit the data have.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import OptimizeWarning, curve_fit
from scipy.special import expit

from widgets.models._checks import as_output, finite_float, nonnegative_array, paired_response, positive_float

__all__ = ["HillFit", "fit_hill", "hill"]

_LN10 = math.log(10.0)


def _hill_log(conc: NDArray[np.float64], log10_ec50: float, n: float, bottom: float, top: float) -> NDArray[np.float64]:
    """Hill curve parameterised by log10(EC50); stable for c = 0 and extreme ratios."""
    with np.errstate(divide="ignore"):
        x = n * (np.log(conc) - log10_ec50 * _LN10)
    return bottom + (top - bottom) * expit(x)


def hill(
    conc: ArrayLike,
    *,
    ec50: float,
    hill_coefficient: float,
    bottom: float = 0.0,
    top: float = 1.0,
) -> NDArray[np.float64] | float:
    """Hill dose-response curve.

    ``bottom + (top - bottom) * c^n / (c^n + EC50^n)``, evaluated as a logistic in
    ``ln c`` so that it neither overflows nor divides by zero (c = 0 gives ``bottom``).

    Parameters
    ----------
    conc : array_like
        Concentration (>= 0), in the same unit as ``ec50``.
    ec50 : float
        Concentration of half-maximal response (> 0).
    hill_coefficient : float
        Hill coefficient n (> 0); n > 1 is steeper (cooperative), n < 1 shallower.
    bottom : float, optional
        Response at zero concentration. Default 0.
    top : float, optional
        Response at saturating concentration. Default 1. ``top < bottom`` gives a
        falling (inhibition) curve.

    Returns
    -------
    float or numpy.ndarray
        Response, same shape as ``conc``.

    Raises
    ------
    ValueError
        If ``conc`` is negative, NaN or infinite, ``ec50`` or ``hill_coefficient`` is
        not a finite positive number, or ``bottom``/``top`` is not finite.

    References
    ----------
    The equation is A. V. Hill's (1910); no bib entry yet (the citation could not be
    checked). For n = 1 it is the one-site binding isotherm of
    :func:`widgets.models.binding.receptor_occupancy`.

    Examples
    --------
    >>> hill(10.0, ec50=10.0, hill_coefficient=2.0)
    0.5
    >>> hill([0.0, 30.0], ec50=10.0, hill_coefficient=1.0, bottom=5.0, top=105.0).round(9).tolist()
    [5.0, 80.0]
    """
    c = nonnegative_array("conc", conc)
    ec = positive_float("ec50", ec50)
    n = positive_float("hill_coefficient", hill_coefficient)
    lo = finite_float("bottom", bottom)
    hi = finite_float("top", top)
    out = _hill_log(c, math.log10(ec), n, lo, hi)
    return as_output(out)


@dataclass(frozen=True, eq=False)
class HillFit:
    """Result of :func:`fit_hill`.

    Attributes
    ----------
    ec50, hill_coefficient, bottom, top : float
        Best-fit parameters (EC50 in the unit of the concentrations).
    ec50_se, hill_coefficient_se, bottom_se, top_se : float
        Standard errors from the covariance matrix of the fit. ``ec50_se`` is
        propagated from the fitted log10(EC50) by the delta method,
        ``ec50 * ln(10) * log10_ec50_se``; for asymmetric uncertainty prefer
        ``log10_ec50 ± log10_ec50_se``.
    log10_ec50, log10_ec50_se : float
        The fitted log10(EC50) and its standard error.
    covariance : numpy.ndarray
        4 x 4 covariance of (log10_ec50, hill_coefficient, bottom, top).
    n_points : int
        Number of data points fitted.
    """

    ec50: float
    hill_coefficient: float
    bottom: float
    top: float
    ec50_se: float
    hill_coefficient_se: float
    bottom_se: float
    top_se: float
    log10_ec50: float
    log10_ec50_se: float
    covariance: NDArray[np.float64]
    n_points: int

    def evaluate(self, conc: ArrayLike) -> NDArray[np.float64] | float:
        """Fitted curve at the given concentrations.

        Parameters
        ----------
        conc : array_like
            Concentration (>= 0), in the unit of the fitted data.

        Returns
        -------
        float or numpy.ndarray
            Fitted response.

        Raises
        ------
        ValueError
            If ``conc`` is negative, NaN or infinite.

        Examples
        --------
        >>> c = np.logspace(-1, 3, 9)
        >>> fit = fit_hill(c, hill(c, ec50=10.0, hill_coefficient=1.5))
        >>> round(fit.evaluate(10.0), 6)
        0.5
        """
        return hill(conc, ec50=self.ec50, hill_coefficient=self.hill_coefficient, bottom=self.bottom, top=self.top)

    __call__ = evaluate


def fit_hill(conc: ArrayLike, response: ArrayLike, sigma: ArrayLike | None = None) -> HillFit:
    """Fit a four-parameter Hill curve to dose-response data.

    Least squares with :func:`scipy.optimize.curve_fit` (trust-region reflective,
    Hill coefficient bounded to (0.01, 100)). EC50 is fitted as log10(EC50), which
    keeps the problem well scaled when concentrations span decades. Starting values:
    bottom and top from the responses at the lowest and highest concentrations, EC50
    from the concentration whose response is nearest the midpoint, n = 1.

    Parameters
    ----------
    conc : array_like
        Concentrations (>= 0), 1-D, at least 5 points with at least 3 distinct
        positive values. Zero (control) concentrations are allowed.
    response : array_like
        Responses, same shape as ``conc``, finite.
    sigma : array_like, optional
        Standard deviations of the responses (> 0), same shape. If given they weight
        the fit and are taken as absolute (``absolute_sigma=True``); if not, the
        standard errors are scaled by the residual variance.

    Returns
    -------
    HillFit
        Parameters, standard errors and covariance.

    Raises
    ------
    ValueError
        If the inputs have the wrong shape, too few points, negative/NaN/infinite
        values, fewer than 3 distinct positive concentrations, a constant response, or
        a non-positive ``sigma``.
    RuntimeError
        If the optimiser does not converge.

    References
    ----------
    The Hill equation (A. V. Hill, 1910; no bib entry yet); least squares by
    :func:`scipy.optimize.curve_fit`.

    Examples
    --------
    Noiseless data are recovered exactly:

    >>> c = np.array([0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000])
    >>> y = hill(c, ec50=20.0, hill_coefficient=1.3, bottom=2.0, top=50.0)
    >>> fit = fit_hill(c, y)
    >>> round(fit.ec50, 6), round(fit.hill_coefficient, 6), round(fit.bottom, 6), round(fit.top, 6)
    (20.0, 1.3, 2.0, 50.0)
    """
    c, y = paired_response("conc", conc, response)
    if c.size < 5:
        raise ValueError(f"conc must have at least 5 points to fit 4 parameters with standard errors, got {c.size}")
    if not np.all(np.isfinite(y)):
        raise ValueError("response must contain only finite values, got NaN or infinity")
    positive = np.unique(c[c > 0])
    if positive.size < 3:
        raise ValueError(f"conc must have at least 3 distinct positive values, got {positive.size}")
    if np.ptp(y) == 0:
        raise ValueError(f"response must vary to fit a curve, got the constant {float(y[0])!r}")
    s: NDArray[np.float64] | None = None
    if sigma is not None:
        try:
            s = np.asarray(sigma, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"sigma must be numeric, got {sigma!r}") from None
        s = np.broadcast_to(s, c.shape).astype(float) if s.ndim == 0 else s
        if s.shape != c.shape:
            raise ValueError(f"sigma must have the shape of conc {c.shape}, got {s.shape}")
        if not np.all(np.isfinite(s)) or (s <= 0).any():
            raise ValueError(f"sigma must be finite and > 0, got {float(s[~(np.isfinite(s) & (s > 0))][0])!r}")

    order = np.argsort(c)
    c_sorted, y_sorted = c[order], y[order]
    bottom0 = float(np.mean(y_sorted[c_sorted == c_sorted[0]]))
    top0 = float(np.mean(y_sorted[c_sorted == c_sorted[-1]]))
    if bottom0 == top0:
        bottom0, top0 = float(np.min(y)), float(np.max(y))
    mid = 0.5 * (bottom0 + top0)
    pos = c > 0
    ec50_0 = float(c[pos][np.argmin(np.abs(y[pos] - mid))])
    p0 = [math.log10(ec50_0), 1.0, bottom0, top0]
    lower = [-np.inf, 0.01, -np.inf, -np.inf]
    upper = [np.inf, 100.0, np.inf, np.inf]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OptimizeWarning)
            popt, pcov = curve_fit(
                _hill_log,
                c,
                y,
                p0=p0,
                sigma=s,
                absolute_sigma=s is not None,
                bounds=(lower, upper),
                method="trf",
                x_scale="jac",
                max_nfev=10_000,
                ftol=1e-12,
                xtol=1e-12,
                gtol=1e-12,
            )
    except RuntimeError as err:
        raise RuntimeError(f"Hill fit did not converge: {err}") from err

    se = np.sqrt(np.clip(np.diag(pcov), 0.0, np.inf))
    log10_ec50, n, bottom, top = (float(v) for v in popt)
    ec50 = 10.0**log10_ec50
    cov = np.array(pcov, dtype=float)
    cov.setflags(write=False)
    return HillFit(
        ec50=ec50,
        hill_coefficient=n,
        bottom=bottom,
        top=top,
        ec50_se=float(ec50 * _LN10 * se[0]),
        hill_coefficient_se=float(se[1]),
        bottom_se=float(se[2]),
        top_se=float(se[3]),
        log10_ec50=log10_ec50,
        log10_ec50_se=float(se[0]),
        covariance=cov,
        n_points=int(c.size),
    )
