"""Tests for widgets.models.hill: Hill dose-response curve and its least-squares fit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.models import hill as hill_module
from widgets.models.binding import receptor_occupancy
from widgets.models.hill import HillFit, fit_hill, hill

CONC = np.logspace(-2, 4, 13)  # 0.01 .. 10000, half-decade steps


# --- the curve ------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0.5, 1.0, 2.0, 4.0])
def test_ec50_gives_half_maximal_response(n: float) -> None:
    assert hill(37.0, ec50=37.0, hill_coefficient=n, bottom=3.0, top=11.0) == pytest.approx(7.0)


def test_limits_at_zero_and_saturation() -> None:
    assert hill(0.0, ec50=5.0, hill_coefficient=1.7, bottom=2.0, top=9.0) == 2.0
    assert hill(1e12, ec50=5.0, hill_coefficient=1.7, bottom=2.0, top=9.0) == pytest.approx(9.0)
    # extreme ratios neither overflow nor give NaN
    values = hill([0.0, 1e-300, 1e300], ec50=1.0, hill_coefficient=50.0)
    assert np.all(np.isfinite(values))
    np.testing.assert_allclose(values, [0.0, 0.0, 1.0])


def test_n_equal_one_is_one_site_binding() -> None:
    ligand = np.array([0.0, 1.0, 10.0, 100.0, 1000.0])
    np.testing.assert_allclose(hill(ligand, ec50=10.0, hill_coefficient=1.0), receptor_occupancy(ligand, 10.0),
                               rtol=1e-12)


def test_matches_the_algebraic_form() -> None:
    c = np.array([0.3, 1.0, 3.0, 10.0, 30.0])
    ec50, n, bottom, top = 4.0, 2.5, -1.0, 6.0
    expected = bottom + (top - bottom) * c**n / (c**n + ec50**n)
    np.testing.assert_allclose(hill(c, ec50=ec50, hill_coefficient=n, bottom=bottom, top=top), expected, rtol=1e-12)


@pytest.mark.parametrize("n", [0.7, 1.0, 2.0, 3.5])
def test_hill_coefficient_sets_the_slope(n: float) -> None:
    # slope with respect to log10(c) at the EC50 is (top - bottom) * n * ln(10) / 4
    ec50, bottom, top = 20.0, 1.0, 5.0
    h = 1e-6
    up = hill(ec50 * 10**h, ec50=ec50, hill_coefficient=n, bottom=bottom, top=top)
    down = hill(ec50 * 10**-h, ec50=ec50, hill_coefficient=n, bottom=bottom, top=top)
    slope = (up - down) / (2 * h)
    assert slope == pytest.approx((top - bottom) * n * math.log(10) / 4, rel=1e-6)
    # and the EC90 / EC10 ratio is 81 ** (1 / n)
    ec10 = ec50 * (1 / 9) ** (1 / n)
    ec90 = ec50 * 9 ** (1 / n)
    assert hill(ec10, ec50=ec50, hill_coefficient=n) == pytest.approx(0.1)
    assert hill(ec90, ec50=ec50, hill_coefficient=n) == pytest.approx(0.9)
    assert ec90 / ec10 == pytest.approx(81 ** (1 / n))


def test_curve_is_monotone_and_inverts_for_inhibition() -> None:
    rising = hill(CONC, ec50=10.0, hill_coefficient=1.2)
    assert np.all(np.diff(rising) > 0)
    falling = hill(CONC, ec50=10.0, hill_coefficient=1.2, bottom=100.0, top=0.0)
    assert np.all(np.diff(falling) < 0)
    np.testing.assert_allclose(falling, 100.0 * (1 - rising), rtol=1e-12)


# --- the fit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ec50", "n", "bottom", "top"),
    [(10.0, 1.0, 0.0, 1.0), (3.0, 2.5, 5.0, 120.0), (500.0, 0.8, -2.0, 40.0), (50.0, 1.5, 90.0, 10.0)],
)
def test_exact_recovery_from_noiseless_data(ec50: float, n: float, bottom: float, top: float) -> None:
    y = hill(CONC, ec50=ec50, hill_coefficient=n, bottom=bottom, top=top)
    fit = fit_hill(CONC, y)
    assert isinstance(fit, HillFit)
    assert fit.ec50 == pytest.approx(ec50, rel=1e-6)
    assert fit.hill_coefficient == pytest.approx(n, rel=1e-6)
    assert fit.bottom == pytest.approx(bottom, rel=1e-6, abs=1e-6)
    assert fit.top == pytest.approx(top, rel=1e-6, abs=1e-6)
    assert fit.log10_ec50 == pytest.approx(math.log10(ec50), abs=1e-8)
    np.testing.assert_allclose(fit.evaluate(CONC), y, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(fit(CONC), y, rtol=1e-6, atol=1e-6)
    # noiseless data: standard errors are (numerically) zero
    assert fit.hill_coefficient_se < 1e-6 and fit.log10_ec50_se < 1e-6
    assert fit.n_points == CONC.size


def test_fit_with_zero_concentration_control_and_unsorted_input() -> None:
    c = np.concatenate([[0.0, 0.0], CONC])
    y = hill(c, ec50=8.0, hill_coefficient=1.3, bottom=4.0, top=20.0)
    perm = np.random.default_rng(0).permutation(c.size)
    fit = fit_hill(c[perm], np.asarray(y)[perm])
    assert fit.ec50 == pytest.approx(8.0, rel=1e-6)
    assert fit.bottom == pytest.approx(4.0, rel=1e-6)


def test_noisy_fit_standard_errors_are_consistent() -> None:
    # Known noise, many replicates: the estimates lie within a few SE of the truth,
    # and the SEs from sigma (absolute) match the SEs from the residuals roughly.
    rng = np.random.default_rng(42)
    c = np.repeat(CONC, 4)
    sd = 0.03
    truth = {"ec50": 12.0, "hill_coefficient": 1.4, "bottom": 0.1, "top": 0.9}
    y = hill(c, **truth) + rng.normal(0.0, sd, c.size)
    fit_abs = fit_hill(c, y, sigma=np.full(c.size, sd))
    fit_rel = fit_hill(c, y)
    assert abs(fit_abs.log10_ec50 - math.log10(truth["ec50"])) < 4 * fit_abs.log10_ec50_se
    assert abs(fit_abs.hill_coefficient - truth["hill_coefficient"]) < 4 * fit_abs.hill_coefficient_se
    assert abs(fit_abs.bottom - truth["bottom"]) < 4 * fit_abs.bottom_se
    assert abs(fit_abs.top - truth["top"]) < 4 * fit_abs.top_se
    assert 0.5 < fit_rel.hill_coefficient_se / fit_abs.hill_coefficient_se < 2.0
    # delta-method SE of EC50
    assert fit_abs.ec50_se == pytest.approx(fit_abs.ec50 * math.log(10) * fit_abs.log10_ec50_se)
    assert fit_abs.covariance.shape == (4, 4)
    np.testing.assert_allclose(np.sqrt(np.diag(fit_abs.covariance))[1], fit_abs.hill_coefficient_se)


def test_scalar_sigma_is_broadcast() -> None:
    rng = np.random.default_rng(3)
    y = hill(CONC, ec50=12.0, hill_coefficient=1.0) + rng.normal(0, 0.02, CONC.size)
    a = fit_hill(CONC, y, sigma=0.02)
    b = fit_hill(CONC, y, sigma=np.full(CONC.size, 0.02))
    assert a.ec50 == pytest.approx(b.ec50) and a.top_se == pytest.approx(b.top_se)


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"conc": -1.0}, r"conc must be >= 0, got -1\.0"),
        ({"conc": math.nan}, r"conc must not contain NaN"),
        ({"ec50": 0.0}, r"ec50 must be in \(0, inf\), got 0\.0"),
        ({"ec50": -3.0}, r"ec50 must be in \(0, inf\), got -3\.0"),
        ({"ec50": math.nan}, r"ec50 must be in \(0, inf\), got nan"),
        ({"hill_coefficient": 0.0}, r"hill_coefficient must be in \(0, inf\), got 0\.0"),
        ({"hill_coefficient": math.inf}, r"hill_coefficient must be in \(0, inf\), got inf"),
        ({"bottom": math.nan}, r"bottom must be a finite number, got nan"),
        ({"top": "max"}, r"top must be a finite number, got 'max'"),
    ],
)
def test_hill_bad_input(kwargs: dict, match: str) -> None:
    args = {"conc": 1.0, "ec50": 1.0, "hill_coefficient": 1.0} | kwargs
    conc = args.pop("conc")
    with pytest.raises(ValueError, match=match):
        hill(conc, **args)


@pytest.mark.parametrize(
    ("conc", "response", "sigma", "match"),
    [
        ([1, 2, 3, 4], [0.1, 0.2, 0.3, 0.4], None, r"at least 5 points .* got 4"),
        ([1, 2, 3, 4, 5], [0.1, 0.2, 0.3], None, r"response must have the shape of conc"),
        ([[1, 2, 3, 4, 5]], [[0.1, 0.2, 0.3, 0.4, 0.5]], None, r"conc must be 1-D"),
        ([1, 2, -3, 4, 5], [0.1, 0.2, 0.3, 0.4, 0.5], None, r"conc must be >= 0, got -3\.0"),
        ([1, 2, 3, 4, 5], [0.1, np.nan, 0.3, 0.4, 0.5], None, r"response must contain only finite"),
        ([0, 0, 0, 1, 1], [0.1, 0.1, 0.1, 0.5, 0.5], None, r"at least 3 distinct positive values, got 1"),
        ([1, 2, 3, 4, 5], [0.3] * 5, None, r"response must vary"),
        ([1, 2, 3, 4, 5], [0.1, 0.2, 0.3, 0.4, 0.5], [0.1, 0.1, 0.0, 0.1, 0.1],
         r"sigma must be finite and > 0, got 0\.0"),
        ([1, 2, 3, 4, 5], [0.1, 0.2, 0.3, 0.4, 0.5], [0.1, 0.1], r"sigma must have the shape of conc"),
    ],
)
def test_fit_bad_input(conc, response, sigma, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        fit_hill(conc, response, sigma=sigma)


def test_module_has_no_ui_imports() -> None:
    source = open(hill_module.__file__, encoding="utf-8").read()
    assert "matplotlib" not in source and "ipywidgets" not in source
