"""Tests for widgets.models.censored: log-normal levels with values below the limit of detection."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import optimize, stats

from widgets.models.censored import (
    SUBSTITUTION_RULES,
    censored_log_likelihood,
    fit_lognormal_censored,
    simulated_censored_sample,
    substitution_estimate,
)


def _direct_negative_log_likelihood(params: np.ndarray, values: np.ndarray, lod: float) -> float:
    """The likelihood written out directly with scipy's log-normal distribution."""
    mu, sigma = params
    if sigma <= 0:
        return np.inf
    dist = stats.lognorm(s=sigma, scale=math.exp(mu))
    observed = values[~np.isnan(values)]
    n_censored = int(np.isnan(values).sum())
    return -(dist.logpdf(observed).sum() + n_censored * dist.logcdf(lod))


def test_no_censoring_gives_the_sample_geometric_mean_and_ml_sd() -> None:
    x = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    fit = fit_lognormal_censored(x, 0.5)
    logs = np.log(x)
    assert fit.geometric_mean == pytest.approx(math.exp(logs.mean()))
    assert fit.sigma_log == pytest.approx(logs.std(ddof=0))  # the ML estimate divides by n
    assert fit.n_censored == 0 and fit.fraction_censored == 0.0
    # Wald interval of mu is mean +/- z * sigma / sqrt(n) without censoring
    z = stats.norm.ppf(0.975)
    assert fit.se_mu_log == pytest.approx(logs.std(ddof=0) / math.sqrt(x.size))
    assert fit.geometric_mean_ci[0] == pytest.approx(math.exp(logs.mean() - z * fit.se_mu_log))


@pytest.mark.parametrize("lod", [0.8, 2.0, 5.0])
def test_maximum_agrees_with_a_direct_numerical_likelihood(lod: float) -> None:
    # SIMULATED data, 30-70 % censored
    x = simulated_censored_sample(150, geometric_mean=2.5, geometric_sd=2.8, limit_of_detection=lod, seed=3)
    fit = fit_lognormal_censored(x, lod)
    direct = optimize.minimize(_direct_negative_log_likelihood, x0=[0.0, 1.0], args=(x, lod), method="Nelder-Mead",
                               options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 10_000})
    assert fit.mu_log == pytest.approx(direct.x[0], abs=1e-6)
    assert fit.sigma_log == pytest.approx(direct.x[1], abs=1e-6)
    assert fit.log_likelihood == pytest.approx(-direct.fun, abs=1e-8)
    assert censored_log_likelihood(x, lod, mu_log=fit.mu_log, sigma_log=fit.sigma_log) == pytest.approx(-direct.fun)


def test_standard_errors_match_the_numerical_hessian() -> None:
    x = simulated_censored_sample(120, geometric_mean=1.5, geometric_sd=3.0, limit_of_detection=1.0, seed=8)
    fit = fit_lognormal_censored(x, 1.0)

    def nll(theta: np.ndarray) -> float:
        return -censored_log_likelihood(x, 1.0, mu_log=theta[0], sigma_log=math.exp(theta[1]))

    theta = np.array([fit.mu_log, math.log(fit.sigma_log)])
    h = 1e-4
    hess = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            ei, ej = np.eye(2)[i] * h, np.eye(2)[j] * h
            hess[i, j] = (nll(theta + ei + ej) - nll(theta + ei - ej)
                          - nll(theta - ei + ej) + nll(theta - ei - ej)) / (4 * h * h)
    se = np.sqrt(np.diag(np.linalg.inv(hess)))
    assert fit.se_mu_log == pytest.approx(se[0], rel=1e-4)
    assert fit.se_log_sigma_log == pytest.approx(se[1], rel=1e-4)


def test_recovers_the_truth_of_simulated_data() -> None:
    # SIMULATED: 400 values, about half censored
    gm, gsd, lod = 3.0, 2.5, 3.0
    x = simulated_censored_sample(400, geometric_mean=gm, geometric_sd=gsd, limit_of_detection=lod, seed=21)
    fit = fit_lognormal_censored(x, lod)
    assert 0.4 < fit.fraction_censored < 0.6
    assert fit.geometric_mean_ci[0] < gm < fit.geometric_mean_ci[1]
    assert fit.geometric_sd_ci[0] < gsd < fit.geometric_sd_ci[1]
    assert fit.geometric_mean == pytest.approx(gm, rel=0.15)
    assert fit.geometric_sd == pytest.approx(gsd, rel=0.1)


def test_intervals_cover_the_truth_about_95_percent_of_the_time() -> None:
    gm, gsd, lod = 2.0, 3.0, 2.0
    hits = 0
    n = 150
    for seed in range(n):
        x = simulated_censored_sample(80, geometric_mean=gm, geometric_sd=gsd, limit_of_detection=lod, seed=seed)
        lo, hi = fit_lognormal_censored(x, lod).geometric_mean_ci
        hits += lo < gm < hi
    assert 0.88 <= hits / n <= 0.99


def test_substitution_is_biased_where_maximum_likelihood_is_not() -> None:
    # SIMULATED, about 65 % below the LOD: LOD/2 and LOD/sqrt2 overestimate the GM here
    gm, gsd, lod = 2.0, 3.0, 4.0
    ml, half, root2 = [], [], []
    for seed in range(60):
        x = simulated_censored_sample(100, geometric_mean=gm, geometric_sd=gsd, limit_of_detection=lod, seed=seed)
        ml.append(fit_lognormal_censored(x, lod).geometric_mean)
        half.append(substitution_estimate(x, lod, rule="LOD/2").geometric_mean)
        root2.append(substitution_estimate(x, lod, rule="LOD/sqrt2").geometric_mean)
    assert np.median(ml) == pytest.approx(gm, rel=0.08)
    assert np.median(half) > 1.2 * gm and np.median(root2) > np.median(half)


def test_substitution_formula() -> None:
    est = substitution_estimate([np.nan, np.nan, 8.0, 32.0], 4.0, rule="LOD/sqrt2")
    expected = math.exp(np.mean(np.log([4 / math.sqrt(2), 4 / math.sqrt(2), 8.0, 32.0])))
    assert est.geometric_mean == pytest.approx(expected)
    assert est.n_censored == 2 and est.rule == "LOD/sqrt2"
    assert set(SUBSTITUTION_RULES) == {"LOD", "LOD/sqrt2", "LOD/2"}


def test_per_value_limits_of_detection() -> None:
    # samples run at two dilutions have two LODs; a common LOD is the special case
    x = simulated_censored_sample(100, geometric_mean=2.0, geometric_sd=2.5, limit_of_detection=1.0, seed=2)
    common = fit_lognormal_censored(x, 1.0)
    per_value = fit_lognormal_censored(x, np.full(x.size, 1.0))
    assert per_value.mu_log == pytest.approx(common.mu_log)
    lods = np.where(np.arange(x.size) % 2 == 0, 1.0, 2.0)
    y = np.where(x < lods, np.nan, x)
    mixed = fit_lognormal_censored(y, lods)
    assert mixed.n_censored > common.n_censored


@pytest.mark.parametrize(
    ("values", "lod", "message"),
    [
        ([1.0, 2.0, -3.0], 0.5, "must be > 0"),
        ([1.0, 2.0, 0.3], 0.5, "below its limit_of_detection"),
        ([1.0, np.inf, 2.0], 0.5, "finite or nan"),
        ([1.0, 2.0, 3.0], 0.0, "limit_of_detection must be finite and > 0"),
        ([1.0, np.nan, np.nan], 0.5, "at least 2 values"),
        ([2.0, 2.0, np.nan], 0.5, "all equal"),
        ([1.0, 2.0, 3.0], [0.5, 0.5], "one number or one per value"),
    ],
)
def test_bad_input_is_refused(values, lod, message) -> None:
    with pytest.raises(ValueError, match=message):
        fit_lognormal_censored(values, lod)


def test_other_argument_checks() -> None:
    with pytest.raises(ValueError, match="rule must be one of"):
        substitution_estimate([1.0, 2.0], 0.5, rule="LOD/3")
    with pytest.raises(ValueError, match="geometric_sd"):
        simulated_censored_sample(10, geometric_mean=1.0, geometric_sd=1.0, limit_of_detection=0.1)
    with pytest.raises(ValueError, match="level"):
        fit_lognormal_censored([1.0, 2.0, 3.0], 0.5, level=0.0)


def test_compare_estimators_shows_the_bias_of_substitution() -> None:
    from widgets.models.censored import compare_estimators

    cmp = compare_estimators(n=60, geometric_mean=2.0, geometric_sd=4.0, limit_of_detection=5.0, n_repeats=40, seed=3)
    assert 0.7 < cmp.fraction_censored < 0.8
    assert cmp.median_ratio("ML") == pytest.approx(1.0, abs=0.15)
    assert cmp.median_ratio("LOD/sqrt2") > 1.5
    with pytest.raises(ValueError, match="method"):
        cmp.median_ratio("LOD/3")
    with pytest.raises(ValueError, match="n must be"):
        compare_estimators(n=2, geometric_mean=1.0, geometric_sd=2.0, limit_of_detection=1.0)
