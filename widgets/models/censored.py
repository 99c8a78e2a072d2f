"""Log-normal cytokine levels with values below the limit of detection (left censoring).

Serum cytokine concentrations are skewed: most people have low values and a few have
very high ones, and the logarithms of the values are roughly normally distributed. The
natural summaries are then the *geometric mean* ``GM = exp(mean(ln x))`` and the
*geometric standard deviation* ``GSD = exp(sd(ln x))`` (about 68 % of values lie
between ``GM / GSD`` and ``GM * GSD``).

Many healthy people have levels below an assay's limit of detection (LOD). Those
values are not zero and not missing at random: they are known only to be *below the
LOD*. Statisticians call such data left-censored. Replacing them by ``LOD / 2`` or
``LOD / sqrt(2)`` is common but biases the geometric mean and shrinks the spread,
more so the larger the censored fraction. The maximum-likelihood estimate treats each
censored value as what it is, the probability ``P(X < LOD)``, and is unbiased in large
samples (the Tobit model of econometrics, here on the log scale).

Log-likelihood, with ``y = ln x``, ``mu`` and ``sigma`` the mean and SD of ``y`` and
``Phi``/``phi`` the standard normal CDF/PDF::

    ln L = sum_observed [ ln phi((y_i - mu) / sigma) - ln sigma - y_i ]
         + sum_censored   ln Phi((ln LOD_j - mu) / sigma).

Data made up for teaching are named ``simulated_...``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from widgets.models._checks import integer_at_least, number_in_range, positive_float

__all__ = [
    "SUBSTITUTION_RULES",
    "CensoredLognormalFit",
    "EstimatorComparison",
    "SubstitutionEstimate",
    "censored_log_likelihood",
    "compare_estimators",
    "fit_lognormal_censored",
    "simulated_censored_sample",
    "substitution_estimate",
]

SUBSTITUTION_RULES: dict[str, float] = {"LOD": 1.0, "LOD/sqrt2": math.sqrt(2.0), "LOD/2": 2.0}
"""Substitution rules: the divisor of the LOD that replaces a censored value."""


def _inputs(values: ArrayLike, limit_of_detection: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    try:
        x = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise ValueError(f"values must be numeric (nan for values below the LOD), got {values!r}") from None
    try:
        lod = np.broadcast_to(np.asarray(limit_of_detection, dtype=float), x.shape).astype(float)
    except ValueError:
        raise ValueError("limit_of_detection must be one number or one per value") from None
    if not np.all(np.isfinite(lod)) or (lod <= 0).any():
        raise ValueError("limit_of_detection must be finite and > 0")
    if np.isinf(x).any():
        raise ValueError("values must be finite or nan (nan marks a value below the LOD)")
    observed = ~np.isnan(x)
    if (x[observed] <= 0).any():
        raise ValueError("observed values must be > 0 (a log-normal level); give values below the LOD as nan")
    below = observed & (x < lod)
    if below.any():
        i = int(np.flatnonzero(below)[0])
        raise ValueError(f"values[{i}] = {x[i]!r} is below its limit_of_detection {lod[i]!r}; "
                         "give values below the LOD as nan")
    return x, lod


def censored_log_likelihood(values: ArrayLike, limit_of_detection: ArrayLike, *, mu_log: float,
                            sigma_log: float) -> float:
    """Log-likelihood of log-normal data with left-censored values.

    Parameters
    ----------
    values : array_like
        Observed values (> 0), ``nan`` for a value below its LOD.
    limit_of_detection : float or array_like
        LOD (> 0), one for all or one per value, in the unit of ``values``.
    mu_log, sigma_log : float
        Mean and SD (> 0) of ``ln x``.

    Returns
    -------
    float
        ``ln L`` including the ``-ln x`` Jacobian of the observed values, so that it is
        the log-density of the values themselves.

    Raises
    ------
    ValueError
        If an input is invalid (see :func:`fit_lognormal_censored`).

    Examples
    --------
    >>> round(censored_log_likelihood([1.0, float("nan")], 0.5, mu_log=0.0, sigma_log=1.0), 6)
    -2.329081
    """
    x, lod = _inputs(values, limit_of_detection)
    mu = number_in_range("mu_log", mu_log)
    sigma = positive_float("sigma_log", sigma_log)
    observed = ~np.isnan(x)
    y = np.log(x[observed])
    ll_obs = stats.norm.logpdf(y, loc=mu, scale=sigma) - y
    ll_cens = stats.norm.logcdf((np.log(lod[~observed]) - mu) / sigma)
    return float(ll_obs.sum() + ll_cens.sum())


@dataclass(frozen=True)
class CensoredLognormalFit:
    """Maximum-likelihood fit of a log-normal distribution to left-censored data.

    Attributes
    ----------
    geometric_mean : float
        ``exp(mu_log)``, in the unit of the values.
    geometric_sd : float
        ``exp(sigma_log)`` (dimensionless, >= 1).
    geometric_mean_ci, geometric_sd_ci : tuple of float
        Wald confidence intervals at ``level``, computed on ``mu_log`` and on
        ``ln sigma_log`` and transformed back (so they are asymmetric).
    mu_log, sigma_log : float
        Mean and SD of ``ln x``.
    se_mu_log, se_log_sigma_log : float
        Standard errors of ``mu_log`` and ``ln sigma_log`` from the observed information.
    level : float
        Confidence level.
    n, n_censored : int
        Number of values, and how many were below the LOD.
    log_likelihood : float
        Maximised ``ln L`` (see :func:`censored_log_likelihood`).
    """

    geometric_mean: float
    geometric_sd: float
    geometric_mean_ci: tuple[float, float]
    geometric_sd_ci: tuple[float, float]
    mu_log: float
    sigma_log: float
    se_mu_log: float
    se_log_sigma_log: float
    level: float
    n: int
    n_censored: int
    log_likelihood: float

    @property
    def fraction_censored(self) -> float:
        """Fraction of values below the LOD."""
        return self.n_censored / self.n


def _neg_ll_grad_hess(theta: NDArray[np.float64], y: NDArray[np.float64], c_log: NDArray[np.float64]
                      ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
    """Negative log-likelihood (without the constant Jacobian), gradient and Hessian in (mu, ln sigma)."""
    mu, tau = theta
    sigma = math.exp(tau)
    z = (y - mu) / sigma
    c = (c_log - mu) / sigma
    log_cdf = stats.norm.logcdf(c)
    lam = np.exp(stats.norm.logpdf(c) - log_cdf)  # inverse Mills ratio phi / Phi
    ll = float(np.sum(-0.5 * z**2 - tau) + np.sum(log_cdf))
    g_mu = np.sum(z) / sigma - np.sum(lam) / sigma
    g_tau = np.sum(z**2 - 1.0) - np.sum(lam * c)
    h_mumu = -y.size / sigma**2 - np.sum(lam * (c + lam)) / sigma**2
    h_mutau = -2.0 * np.sum(z) / sigma + np.sum(lam - lam * c * (c + lam)) / sigma
    h_tautau = -2.0 * np.sum(z**2) + np.sum(lam * c - lam * c**2 * (c + lam))
    grad = -np.array([g_mu, g_tau])
    hess = -np.array([[h_mumu, h_mutau], [h_mutau, h_tautau]])
    return -ll, grad, hess


def _newton(theta: NDArray[np.float64], y: NDArray[np.float64], c_log: NDArray[np.float64]
            ) -> tuple[NDArray[np.float64], float]:
    """Damped Newton's method on the negative log-likelihood, with backtracking."""
    f, g, h = _neg_ll_grad_hess(theta, y, c_log)
    for _ in range(200):
        if np.max(np.abs(g)) < 1e-9 * max(1.0, y.size):
            return theta, f
        try:
            step = -np.linalg.solve(h, g)
            if not np.all(np.isfinite(step)) or step @ g >= 0:  # not a descent direction
                step = -g / max(1.0, float(np.max(np.abs(g))))
        except np.linalg.LinAlgError:
            step = -g / max(1.0, float(np.max(np.abs(g))))
        if -float(step @ g) < 1e-13 * (1.0 + abs(f)):  # Newton decrement at rounding level
            return theta, f
        t = 1.0
        while True:
            candidate = theta + t * step
            f_new, g_new, h_new = _neg_ll_grad_hess(candidate, y, c_log)
            if np.isfinite(f_new) and f_new <= f + 1e-4 * t * float(step @ g):
                break
            t *= 0.5
            if t < 1e-12:
                return theta, f
        theta, f, g, h = candidate, f_new, g_new, h_new
    raise RuntimeError("the censored log-normal fit did not converge in 200 Newton steps")


def fit_lognormal_censored(
    values: ArrayLike, limit_of_detection: ArrayLike, *, level: float = 0.95
) -> CensoredLognormalFit:
    """Geometric mean and geometric SD of log-normal values, some below the limit of detection.

    Maximum likelihood with left censoring on the log scale (see the module
    docstring), solved by Newton's method with a trust region from the mean and SD of
    the observed logarithms. Standard errors come from the observed information (the
    Hessian at the maximum); intervals are Wald intervals on ``mu_log`` and
    ``ln sigma_log``.

    Parameters
    ----------
    values : array_like
        Concentrations (> 0), with ``nan`` for each value below its LOD.
    limit_of_detection : float or array_like
        LOD (> 0) in the unit of ``values``: one number, or one per value (samples
        run at different dilutions have different LODs).
    level : float, optional
        Confidence level of the intervals, in (0, 1). Default 0.95.

    Returns
    -------
    CensoredLognormalFit

    Raises
    ------
    ValueError
        If an observed value is not positive or lies below its LOD, a LOD is not
        positive, fewer than 2 values are observed, or all observed values are
        equal.
    RuntimeError
        If the optimiser does not converge.

    References
    ----------
    The censored-normal (Tobit) likelihood; for cytokine data the alternative
    substitution rules are compared in Chapter 7.

    Examples
    --------
    >>> x = simulated_censored_sample(200, geometric_mean=2.0, geometric_sd=3.0, limit_of_detection=1.0, seed=1)
    >>> fit = fit_lognormal_censored(x, 1.0)
    >>> round(fit.fraction_censored, 2), 1.5 < fit.geometric_mean < 2.6, 2.4 < fit.geometric_sd < 3.6
    (0.26, True, True)
    """
    x, lod = _inputs(values, limit_of_detection)
    level = number_in_range("level", level, low=0.0, high=1.0, low_open=True, high_open=True)
    observed = ~np.isnan(x)
    if observed.sum() < 2:
        raise ValueError(f"at least 2 values must be above the LOD to estimate a spread, got {int(observed.sum())}")
    y = np.log(x[observed])
    if np.ptp(y) == 0:
        raise ValueError("the observed values are all equal; their spread cannot be estimated")
    c_log = np.log(lod[~observed])
    theta0 = np.array([y.mean() if not c_log.size else min(y.mean(), float(np.median(np.concatenate([y, c_log])))),
                       math.log(max(y.std(ddof=1), 1e-3))])

    theta, f_value = _newton(theta0, y, c_log)
    mu, tau = (float(v) for v in theta)
    _, _, h = _neg_ll_grad_hess(theta, y, c_log)
    cov = np.linalg.inv(h)
    se_mu, se_tau = (float(math.sqrt(max(v, 0.0))) for v in np.diag(cov))
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    sigma = math.exp(tau)
    ll = -f_value - float(y.sum())
    return CensoredLognormalFit(
        geometric_mean=math.exp(mu),
        geometric_sd=math.exp(sigma),
        geometric_mean_ci=(math.exp(mu - z * se_mu), math.exp(mu + z * se_mu)),
        geometric_sd_ci=(math.exp(math.exp(tau - z * se_tau)), math.exp(math.exp(tau + z * se_tau))),
        mu_log=mu, sigma_log=sigma, se_mu_log=se_mu, se_log_sigma_log=se_tau, level=level,
        n=int(x.size), n_censored=int((~observed).sum()),
        log_likelihood=float(ll - 0.5 * y.size * math.log(2 * math.pi)),
    )


@dataclass(frozen=True)
class SubstitutionEstimate:
    """Geometric mean and SD after replacing censored values by ``LOD / divisor``.

    Attributes
    ----------
    rule : str
        The substitution rule (a key of :data:`SUBSTITUTION_RULES`).
    geometric_mean, geometric_sd : float
        Computed from all values after substitution.
    n, n_censored : int
        Number of values, and how many were replaced.
    """

    rule: str
    geometric_mean: float
    geometric_sd: float
    n: int
    n_censored: int


def substitution_estimate(
    values: ArrayLike, limit_of_detection: ArrayLike, *, rule: str = "LOD/2"
) -> SubstitutionEstimate:
    """Geometric mean and SD after substituting ``LOD/2``, ``LOD/sqrt2`` or ``LOD`` for censored values.

    The common shortcut that :func:`fit_lognormal_censored` improves on; kept to show
    its bias.

    Parameters
    ----------
    values : array_like
        Concentrations (> 0), ``nan`` below the LOD.
    limit_of_detection : float or array_like
        LOD (> 0), one or one per value.
    rule : {"LOD/2", "LOD/sqrt2", "LOD"}, optional
        The substitution. Default ``"LOD/2"``.

    Returns
    -------
    SubstitutionEstimate

    Raises
    ------
    ValueError
        If the rule is unknown or an input is invalid.

    Examples
    --------
    >>> est = substitution_estimate([float("nan"), 4.0, 16.0], 2.0, rule="LOD/2")
    >>> round(est.geometric_mean, 6)
    4.0
    """
    if rule not in SUBSTITUTION_RULES:
        raise ValueError(f"rule must be one of {list(SUBSTITUTION_RULES)}, got {rule!r}")
    x, lod = _inputs(values, limit_of_detection)
    filled = np.where(np.isnan(x), lod / SUBSTITUTION_RULES[rule], x)
    logs = np.log(filled)
    sd = float(logs.std(ddof=1)) if logs.size > 1 else 0.0
    return SubstitutionEstimate(rule, float(math.exp(logs.mean())), float(math.exp(sd)),
                                int(x.size), int(np.isnan(x).sum()))


def _lognormal_and_limit(
    geometric_mean: object, geometric_sd: object, limit_of_detection: object
) -> tuple[float, float, float]:
    """The checked geometric mean (> 0), geometric SD (> 1) and limit of detection (> 0) of a sample."""
    return (positive_float("geometric_mean", geometric_mean),
            number_in_range("geometric_sd", geometric_sd, low=1.0, low_open=True),
            positive_float("limit_of_detection", limit_of_detection))


def simulated_censored_sample(
    n: int,
    *,
    geometric_mean: float,
    geometric_sd: float,
    limit_of_detection: float,
    seed: int = 0,
) -> NDArray[np.float64]:
    """SIMULATED log-normal cytokine levels with values below the LOD set to ``nan`` (for teaching).

    Parameters
    ----------
    n : int
        Number of values (>= 1).
    geometric_mean : float
        True geometric mean (> 0).
    geometric_sd : float
        True geometric SD (> 1).
    limit_of_detection : float
        LOD (> 0); values below it become ``nan``.
    seed : int, optional
        Random seed. Default 0.

    Returns
    -------
    numpy.ndarray
        ``n`` values, ``nan`` where censored.

    Raises
    ------
    ValueError
        If ``n`` is not an integer >= 1, ``geometric_mean`` or
        ``limit_of_detection`` is not positive, or ``geometric_sd`` is not > 1.

    Examples
    --------
    >>> x = simulated_censored_sample(5, geometric_mean=1.0, geometric_sd=2.0, limit_of_detection=1.0, seed=0)
    >>> x.shape
    (5,)
    """
    n = integer_at_least("n", n, 1)
    gm, gsd, lod = _lognormal_and_limit(geometric_mean, geometric_sd, limit_of_detection)
    rng = np.random.default_rng(seed)
    x = np.exp(math.log(gm) + math.log(gsd) * rng.standard_normal(n))
    x[x < lod] = np.nan
    return x


@dataclass(frozen=True, eq=False)
class EstimatorComparison:
    """How substitution and maximum likelihood recover a known geometric mean (simulated data).

    Attributes
    ----------
    geometric_mean, geometric_sd, limit_of_detection : float
        The truth and the LOD used in the simulation.
    n, n_repeats : int
        Values per simulated sample, and number of simulated samples.
    fraction_censored : float
        Expected fraction below the LOD, ``Phi((ln LOD - ln GM) / ln GSD)``.
    estimates : dict of str to numpy.ndarray
        For each method (``"ML"`` and each substitution rule), the geometric mean
        estimated from every simulated sample (``nan`` where a fit was impossible).
    """

    geometric_mean: float
    geometric_sd: float
    limit_of_detection: float
    n: int
    n_repeats: int
    fraction_censored: float
    estimates: dict[str, NDArray[np.float64]]

    def median_ratio(self, method: str) -> float:
        """Median of estimate / truth for one method (1 = unbiased).

        Examples
        --------
        >>> cmp = compare_estimators(n=40, geometric_mean=2.0, geometric_sd=3.0,
        ...                          limit_of_detection=0.5, n_repeats=20, seed=1)
        >>> 0.8 < cmp.median_ratio("ML") < 1.25
        True
        """
        if method not in self.estimates:
            raise ValueError(f"method must be one of {list(self.estimates)}, got {method!r}")
        return float(np.nanmedian(self.estimates[method]) / self.geometric_mean)


def compare_estimators(
    *,
    n: int,
    geometric_mean: float,
    geometric_sd: float,
    limit_of_detection: float,
    n_repeats: int = 200,
    seed: int = 0,
) -> EstimatorComparison:
    """Simulate many censored samples and estimate the geometric mean of each by every method.

    Each repeat draws a SIMULATED sample with :func:`simulated_censored_sample` and
    estimates the geometric mean by maximum likelihood and by each substitution rule
    of :data:`SUBSTITUTION_RULES`. The spread and the median of the estimates show the
    bias of substitution as the censored fraction grows.

    Parameters
    ----------
    n : int
        Values per sample (>= 3).
    geometric_mean, geometric_sd, limit_of_detection : float
        The simulated truth (GM > 0, GSD > 1) and the LOD (> 0).
    n_repeats : int, optional
        Number of simulated samples (>= 1). Default 200.
    seed : int, optional
        Seed of the first sample; repeat ``i`` uses ``seed + i``.

    Returns
    -------
    EstimatorComparison

    Raises
    ------
    ValueError
        If ``n`` is not an integer >= 3, ``n_repeats`` is not >= 1, or the simulated
        truth is out of the range of :func:`simulated_censored_sample`.

    Examples
    --------
    >>> cmp = compare_estimators(n=40, geometric_mean=2.0, geometric_sd=3.0,
    ...                          limit_of_detection=2.0, n_repeats=20, seed=1)
    >>> sorted(cmp.estimates)
    ['LOD', 'LOD/2', 'LOD/sqrt2', 'ML']
    >>> round(cmp.fraction_censored, 2)
    0.5
    """
    n = integer_at_least("n", n, 3)
    n_repeats = integer_at_least("n_repeats", n_repeats, 1)
    gm, gsd, lod = _lognormal_and_limit(geometric_mean, geometric_sd, limit_of_detection)
    methods = ["ML", *SUBSTITUTION_RULES]
    out = {m: np.full(n_repeats, np.nan) for m in methods}
    for i in range(n_repeats):
        x = simulated_censored_sample(n, geometric_mean=gm, geometric_sd=gsd, limit_of_detection=lod, seed=seed + i)
        if np.sum(~np.isnan(x)) >= 2 and np.ptp(x[~np.isnan(x)]) > 0:
            try:
                out["ML"][i] = fit_lognormal_censored(x, lod).geometric_mean
            except RuntimeError:
                pass
        for rule in SUBSTITUTION_RULES:
            out[rule][i] = substitution_estimate(x, lod, rule=rule).geometric_mean
    frac = float(stats.norm.cdf((math.log(lod) - math.log(gm)) / math.log(gsd)))
    return EstimatorComparison(gm, gsd, lod, int(n), int(n_repeats), frac, out)
