"""Tests for widgets.models.assay: 4PL/5PL standard curves, back-calculation and assay limits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.models import assay
from widgets.models.assay import (
    MODELS,
    bootstrap_back_calculation,
    detection_limits,
    fit_logistic,
    logistic_curve,
    precision_profile,
    quantification_range,
    replicate_precision,
    simulated_plate,
)
from widgets.models.hill import hill
from widgets.parameters import value

# A SIMULATED standard series (made up for these tests): blank plus 3-fold dilutions.
SIM_CONC = np.array([0.0, 1.4, 4.1, 12.3, 37.0, 111.0, 333.0, 1000.0, 3000.0])
SIM_TRUTH = {"bottom": 0.06, "top": 2.8, "ec50": 150.0, "slope": 1.2}

# --- An independent published fit of a public dose-response dataset ---------------------
# Dataset: "ryegrass" (root length in cm of perennial ryegrass against ferulic acid in mM;
# 24 observations), from Inderjit, Streibig and Olofsdotter (2002), Physiologia Plantarum
# 114, 422-428, as shipped with the R package drc. The values below were read from the
# file data/ryegrass.rda of the drc repository (github.com/DoseResponse/drc, commit
# 8dcccc3, "Initial commit"; columns rootl and conc, in file order).
RYEGRASS_CONC_MM = np.repeat([0.0, 0.94, 1.88, 3.75, 7.5, 15.0, 30.0], [6, 3, 3, 3, 3, 3, 3])
RYEGRASS_ROOT_CM = np.array([
    7.58, 8.0, 8.328571429, 7.25, 7.375, 7.9625,
    8.355555556, 6.914285714, 7.75,
    6.871428571, 6.45, 5.922222222,
    1.925, 2.885714286, 4.233333333,
    1.1875, 0.857142857, 1.057142857,
    0.6875, 0.525, 0.825,
    0.25, 0.22, 0.44,
])
# Reference estimates of the four-parameter log-logistic fit drm(rootl ~ conc, fct = LL.4())
# (drc parameterisation: b = slope, c = lower limit = our "top", d = upper limit = our
# "bottom", e = ED50), reported for Ritz, Baty, Streibig and Gerhard (2015), PLoS ONE 10:
# e0146021 (bib key ritz2015), and read here in two independent places (the full text of
# the paper could not be opened with this project's search tool):
#  * the test suite of the Python package Delicatessen (github.com/pzivich/Delicatessen,
#    tests/test_ee_doseresponse.py, test_4pl: "Results from Ritz et al. and R"):
#    c = 0.48141, e = 3.05795, b = 2.98222, d = 7.79296;
#  * the documentation of the R package deli (r-causal.github.io/deli, ee_loglogistic,
#    example output, an M-estimation fit): lower 0.481410, upper 7.792962, ed50 3.057955,
#    steepness 2.982229.
RYEGRASS_REFERENCE = {"top": 0.48141, "ec50": 3.05795, "slope": 2.98222, "bottom": 7.79296}


def test_ryegrass_agrees_with_the_published_fit() -> None:
    fit = fit_logistic(RYEGRASS_CONC_MM, RYEGRASS_ROOT_CM)
    for name, ref in RYEGRASS_REFERENCE.items():
        assert fit.params[name] == pytest.approx(ref, abs=1e-5), name  # five decimals printed
    assert fit.df == 20
    assert not fit.increasing  # root length falls with ferulic acid


# --- the curve ---------------------------------------------------------------------------


def test_curve_limits_and_midpoint() -> None:
    assert logistic_curve(0.0, **SIM_TRUTH) == SIM_TRUTH["bottom"]
    assert logistic_curve(1e15, **SIM_TRUTH) == pytest.approx(SIM_TRUTH["top"])
    mid = 0.5 * (SIM_TRUTH["bottom"] + SIM_TRUTH["top"])
    assert logistic_curve(SIM_TRUTH["ec50"], **SIM_TRUTH) == pytest.approx(mid)


def test_4pl_is_the_hill_equation_of_chapter_3() -> None:
    c = np.array([0.0, 0.3, 3.0, 30.0, 300.0, 3000.0])
    expected = hill(c, ec50=150.0, hill_coefficient=1.2, bottom=0.06, top=2.8)
    np.testing.assert_allclose(logistic_curve(c, **SIM_TRUTH), expected, rtol=1e-12)


def test_algebraic_form_of_the_5pl() -> None:
    c = np.array([0.5, 5.0, 50.0, 500.0])
    b, t, e, s, g = 0.1, 3.0, 40.0, 0.9, 0.6
    expected = b + (t - b) / (1 + (e / c) ** s) ** g
    np.testing.assert_allclose(logistic_curve(c, bottom=b, top=t, ec50=e, slope=s, asymmetry=g), expected, rtol=1e-12)


@pytest.mark.parametrize("model", ["4PL", "5PL"])
def test_analytic_jacobian_matches_finite_differences(model: str) -> None:
    x = np.array([0.0, 0.5, 5.0, 50.0, 500.0])
    theta = np.array([0.1, 2.5, math.log(40.0), math.log(1.3)] + ([math.log(0.7)] if model == "5PL" else []))
    jac = assay._jacobian_internal(x, theta)
    h = 1e-6
    for k in range(theta.size):
        d = np.zeros_like(theta)
        d[k] = h
        num = (assay._curve_internal(x, theta + d) - assay._curve_internal(x, theta - d)) / (2 * h)
        np.testing.assert_allclose(jac[:, k], num, rtol=1e-6, atol=1e-9)


# --- fitting simulated data with known truth ---------------------------------------------


def test_noiseless_4pl_and_5pl_are_recovered_exactly() -> None:
    y = logistic_curve(SIM_CONC, **SIM_TRUTH)
    fit = fit_logistic(SIM_CONC, y)
    for name, true in SIM_TRUTH.items():
        assert fit.params[name] == pytest.approx(true, rel=1e-7)
    truth5 = {**SIM_TRUTH, "asymmetry": 0.55}
    y5 = logistic_curve(SIM_CONC, **truth5)
    fit5 = fit_logistic(SIM_CONC, y5, model="5PL")
    for name, true in truth5.items():
        assert fit5.params[name] == pytest.approx(true, rel=1e-5), name
    assert tuple(fit5.params) == MODELS["5PL"]


def test_simulated_replicates_recover_the_truth_within_their_standard_errors() -> None:
    # SIMULATED plate: 4 replicates per level, constant CV of 5 %, fitted with 1/y^2 weights
    rng = np.random.default_rng(7)
    x = np.repeat(SIM_CONC, 4)
    y = np.asarray(logistic_curve(x, **SIM_TRUTH)) * (1 + 0.05 * rng.standard_normal(x.size))
    fit = fit_logistic(x, y, weights="1/y^2")
    for name, true in SIM_TRUTH.items():
        assert abs(fit.params[name] - true) < 4 * fit.standard_errors[name], name
    # with 1/y^2 weights the residual standard error estimates the CV of the signal
    assert fit.residual_standard_error == pytest.approx(0.05, rel=0.35)


def test_standard_errors_are_calibrated_over_many_simulated_plates() -> None:
    # SIMULATED: the fraction of 95 % intervals for the EC50 that cover the truth is near 0.95
    rng = np.random.default_rng(11)
    x = np.repeat(SIM_CONC, 2)
    mean = np.asarray(logistic_curve(x, **SIM_TRUTH))
    hits = 0
    n = 80
    for _ in range(n):
        fit = fit_logistic(x, mean + 0.03 * rng.standard_normal(x.size))
        log_se = fit.standard_errors["ec50"] / fit.params["ec50"]
        hits += abs(math.log(fit.params["ec50"] / SIM_TRUTH["ec50"])) < 2.1 * log_se
    assert 0.85 <= hits / n <= 1.0


def test_user_weights_equal_to_the_scheme_give_the_same_fit() -> None:
    x, y, _ = simulated_plate(seed=4)
    scheme = fit_logistic(x, y, weights="1/y^2")
    user = fit_logistic(x, y, weights=scheme.weight_values)
    for name in MODELS["4PL"]:
        assert user.params[name] == pytest.approx(scheme.params[name], rel=1e-6)
    assert user.weights == "user" and scheme.weights == "1/y^2"


def test_weighting_changes_the_low_end_of_the_curve() -> None:
    # SIMULATED constant-CV data: unweighted least squares is dominated by the top
    x, y, _ = simulated_plate(seed=2, cv=0.08, replicates=3)
    plain = fit_logistic(x, y)
    weighted = fit_logistic(x, y, weights="1/y")
    assert plain.params != weighted.params


# --- predict and inverse -------------------------------------------------------------------


@pytest.mark.parametrize("model", ["4PL", "5PL"])
def test_monotone_and_invertible(model: str) -> None:
    x, y, _ = simulated_plate(seed=5, replicates=3)
    fit = fit_logistic(x, y, model=model, weights="1/y^2")
    grid = np.logspace(-1, 4, 60)
    signal = np.asarray(fit.predict(grid))
    assert np.all(np.diff(signal) > 0) == fit.increasing
    inside = grid[(grid > 0.5) & (grid < 5000)]
    np.testing.assert_allclose(fit.inverse(fit.predict(inside)), inside, rtol=1e-8)


def test_falling_curve_is_monotone_and_invertible() -> None:
    fit = fit_logistic(RYEGRASS_CONC_MM, RYEGRASS_ROOT_CM)
    grid = np.logspace(-1, 1.5, 30)
    assert np.all(np.diff(np.asarray(fit.predict(grid))) < 0)
    np.testing.assert_allclose(fit.inverse(fit.predict(grid)), grid, rtol=1e-8)


def test_out_of_range_gives_nan_and_a_reason_not_an_exception() -> None:
    fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    b, t = fit.params["bottom"], fit.params["top"]
    signals = np.array([b - 0.01, b, 1.0, t, t + 0.5, np.nan])
    back = np.asarray(fit.inverse(signals))
    assert np.isnan(back[[0, 1, 3, 4, 5]]).all() and np.isfinite(back[2])
    reasons = fit.range_reason(signals)
    assert "blank asymptote" in reasons[0] and "blank asymptote" in reasons[1]
    assert reasons[2] == ""
    assert "saturation" in reasons[3] and "dilute" in reasons[4]
    assert "not a finite" in reasons[5]
    bc = fit.back_calculate(signals)
    assert bc.reason == tuple(reasons)
    assert np.isnan(bc.standard_error[[0, 4]]).all() and np.isfinite(bc.standard_error[2])


def test_midpoint_concentration_of_the_5pl() -> None:
    truth5 = {**SIM_TRUTH, "asymmetry": 0.5}
    fit = fit_logistic(SIM_CONC, logistic_curve(SIM_CONC, **truth5), model="5PL")
    mid = 0.5 * (truth5["bottom"] + truth5["top"])
    assert fit.predict(fit.midpoint_concentration) == pytest.approx(mid)
    assert fit.midpoint_concentration != pytest.approx(truth5["ec50"], rel=0.05)


# --- error of a back-calculated concentration -----------------------------------------------


@pytest.mark.parametrize("model", ["4PL", "5PL"])
def test_gradient_of_log_concentration_matches_finite_differences(model: str) -> None:
    x, y, _ = simulated_plate(seed=3, replicates=3)
    fit = fit_logistic(x, y, model=model, weights="1/y^2")
    signal = np.array([0.3, 1.2])
    dy, dtheta = fit._log_conc_gradients(signal)
    h = 1e-6
    num_dy = (np.log(fit.inverse(signal + h)) - np.log(fit.inverse(signal - h))) / (2 * h)
    np.testing.assert_allclose(dy, num_dy, rtol=1e-5)
    theta = fit._theta
    for k in range(theta.size):
        d = np.zeros_like(theta)
        d[k] = h
        up = type(fit)(**{**fit.__dict__, "params": assay._from_internal(theta + d)})
        down = type(fit)(**{**fit.__dict__, "params": assay._from_internal(theta - d)})
        num = (np.log(up.inverse(signal)) - np.log(down.inverse(signal))) / (2 * h)
        np.testing.assert_allclose(dtheta[:, k], num, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("concentration", [8.0, 150.0])
def test_delta_method_agrees_with_a_parametric_bootstrap(concentration: float) -> None:
    fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    boot = bootstrap_back_calculation(fit, concentration, n_replicates=2, n_boot=300, seed=9)
    assert np.isfinite(boot).mean() > 0.98
    boot_sd_log = float(np.nanstd(np.log(boot), ddof=1))
    delta = fit.back_calculate(fit.predict(concentration), n_replicates=2)
    assert delta.cv[0] == pytest.approx(boot_sd_log, rel=0.2)
    assert float(np.nanmedian(boot)) == pytest.approx(concentration, rel=0.05)


def test_more_replicates_shrink_the_error_but_not_below_the_curve_error() -> None:
    fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    signal = fit.predict(50.0)
    cvs = [fit.back_calculate(signal, n_replicates=n).cv[0] for n in (1, 2, 4, 1000)]
    assert cvs[0] > cvs[1] > cvs[2] > cvs[3] > 0


def test_interval_contains_the_estimate_and_widens_with_level() -> None:
    fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    narrow = fit.back_calculate(1.0, level=0.5)
    wide = fit.back_calculate(1.0, level=0.99)
    assert wide.lower[0] < narrow.lower[0] < narrow.concentration[0] < narrow.upper[0] < wide.upper[0]
    assert narrow.lower[0] * narrow.upper[0] == pytest.approx(narrow.concentration[0] ** 2)


def test_user_weighted_fit_needs_an_explicit_response_sd() -> None:
    x, y, _ = simulated_plate(seed=1)
    fit = fit_logistic(x, y, weights=np.ones_like(y))
    with pytest.raises(ValueError, match="response_sd"):
        fit.back_calculate(1.0)
    assert np.isfinite(fit.back_calculate(1.0, response_sd=0.05).cv[0])
    with pytest.raises(ValueError, match="variance model"):
        bootstrap_back_calculation(fit, 10.0)


# --- limits -----------------------------------------------------------------------------------


def test_detection_limits_follow_their_formulas() -> None:
    x, y, blanks = simulated_plate(seed=1)
    fit = fit_logistic(x, y, weights="1/y^2")
    low = np.array([0.071, 0.075, 0.069, 0.073, 0.077])
    lim = detection_limits(fit, blanks, low)
    mean, sd = blanks.mean(), blanks.std(ddof=1)
    z = value("clsi_lob_lod_z_one_sided")
    assert lim.lob_response == pytest.approx(mean + z * sd)
    assert lim.lod_response == pytest.approx(mean + z * sd + z * low.std(ddof=1))
    assert lim.lod_3sd_response == pytest.approx(mean + value("classical_lod_blank_sd_multiplier") * sd)
    assert lim.lob_concentration == pytest.approx(float(fit.inverse(lim.lob_response)))
    assert lim.lob_concentration < lim.lod_concentration
    assert math.isnan(detection_limits(fit, blanks).lod_response)


def test_detection_limits_of_a_falling_curve_lie_below_the_blank_signal() -> None:
    fit = fit_logistic(RYEGRASS_CONC_MM, RYEGRASS_ROOT_CM)
    lim = detection_limits(fit, RYEGRASS_ROOT_CM[:6])
    assert lim.lod_3sd_response < lim.lob_response < lim.blank_mean


def test_precision_profile_is_u_shaped_and_gives_limits() -> None:
    fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    grid = np.logspace(-1, 4.5, 221)
    prof = precision_profile(fit, grid, n_replicates=2)
    best = int(np.nanargmin(prof.cv))
    assert 0 < best < grid.size - 1
    lloq, uloq = prof.limits(0.2)
    assert grid[0] < lloq < grid[best] < uloq < grid[-1]
    strict_lloq, strict_uloq = prof.limits(0.1)
    assert lloq < strict_lloq < strict_uloq < uloq
    assert prof.limits() == prof.limits(value("lba_precision_cv_max_fraction"))
    assert math.isnan(prof.limits(1e-6)[0])
    assert list(prof.to_frame().columns) == ["concentration", "cv"]


def test_replicate_precision_and_quantification_range() -> None:
    x, y, _ = simulated_plate(seed=1)
    fit = fit_logistic(x, y, weights="1/y^2")
    table = replicate_precision(fit, x[x > 0], y[x > 0])
    assert table["nominal"].is_monotonic_increasing and (table["n"] == 2).all()
    lloq, uloq = quantification_range(table)
    assert lloq in set(table["nominal"]) and uloq in set(table["nominal"]) and lloq <= uloq


def test_quantification_range_uses_strict_limits_inside_and_loose_limits_at_the_ends() -> None:
    import pandas as pd

    table = pd.DataFrame({"nominal": [1, 2, 4, 8, 16, 32], "n": 3, "n_quantified": 3,
                          "cv": [0.30, 0.23, 0.10, 0.05, 0.22, 0.40],
                          "recovery": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]})
    assert quantification_range(table) == (2.0, 16.0)
    inside_bad = table.assign(cv=[0.1, 0.1, 0.23, 0.1, 0.1, 0.1])  # 23 % inside fails, at an end passes
    assert quantification_range(inside_bad) == (4.0, 32.0)
    biased = table.assign(cv=0.05, recovery=[1.3, 1.0, 1.0, 1.0, 1.0, 0.7])
    assert quantification_range(biased) == (2.0, 16.0)
    assert all(math.isnan(v) for v in quantification_range(table.assign(n_quantified=0)))


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("conc", "resp", "kwargs", "message"),
    [
        ([0, 1, 2, 3, 4], [1, 2, 3, 4], {}, "one value per concentration"),
        ([0, 1, 2, 3], [1, 2, 3, 4], {}, "more points than parameters"),
        ([0, 1, 2, 3, 4], [1, 2, 3, 4, 5], {"model": "5PL"}, "more points than parameters"),
        ([0, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6], {}, "distinct concentrations"),
        ([-1, 1, 2, 3, 4], [1, 2, 3, 4, 5], {}, "concentration must be >= 0"),
        ([0, 1, np.nan, 3, 4], [1, 2, 3, 4, 5], {}, "must not contain NaN"),
        ([0, 1, np.inf, 3, 4], [1, 2, 3, 4, 5], {}, "must be finite"),
        ([0, 1, 2, 3, 4], [1, 2, np.nan, 4, 5], {}, "response must be finite"),
        ([0, 1, 2, 3, 4], [2, 2, 2, 2, 2], {}, "must vary"),
        ([0, 1, 2, 3, 4], [1, 2, 3, 4, 5], {"weights": [1, 1, 1, 1]}, "one value per point"),
        ([0, 1, 2, 3, 4], [1, 2, 3, 4, 5], {"weights": [1, 1, 0, 1, 1]}, "finite and > 0"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(conc, resp, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        fit_logistic(conc, resp, **kwargs)


def test_unknown_model_and_scheme_suggest_names() -> None:
    x, y, _ = simulated_plate(seed=1)
    with pytest.raises(KeyError, match="did you mean '4PL'"):
        fit_logistic(x, y, model="4pL")
    with pytest.raises(KeyError, match="1/y\\^2"):
        fit_logistic(x, y, weights="1/y2")


def test_named_weights_need_positive_fitted_signals() -> None:
    x = np.array([0.0, 1.0, 3.0, 10.0, 30.0, 100.0])
    y = np.asarray(logistic_curve(x, bottom=-0.5, top=2.0, ec50=10.0, slope=1.0))
    with pytest.raises(ValueError, match="positive fitted signals"):
        fit_logistic(x, y, weights="1/y^2")


def test_other_argument_checks() -> None:
    fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    with pytest.raises(ValueError, match="n_replicates"):
        fit.back_calculate(1.0, n_replicates=0)
    with pytest.raises(ValueError, match="level"):
        fit.back_calculate(1.0, level=1.0)
    with pytest.raises(ValueError, match="at least 2"):
        detection_limits(fit, [0.05])
    with pytest.raises(ValueError, match="strictly increasing"):
        precision_profile(fit, [10.0, 1.0])
    with pytest.raises(ValueError, match="ec50 must be"):
        logistic_curve(1.0, bottom=0, top=1, ec50=0.0, slope=1.0)
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap_back_calculation(fit, 10.0, n_boot=5)
    with pytest.raises(ValueError, match="missing"):
        quantification_range(replicate_precision(fit, [10.0], [1.0]).drop(columns="cv"))
    with pytest.raises(ValueError, match="n_standards"):
        simulated_plate(n_standards=0)


def test_the_fit_result_is_frozen() -> None:
    fit = fit_logistic(*simulated_plate(seed=1)[:2])
    with pytest.raises(TypeError):
        fit.params["ec50"] = 1.0  # type: ignore[index]
    with pytest.raises(ValueError):
        fit.concentration[0] = 5.0
    with pytest.raises(AttributeError):
        fit.df = 3  # type: ignore[misc]


def test_the_packaged_ryegrass_dataset_matches_the_values_typed_here() -> None:
    from widgets.dose_response_data import ryegrass

    d = ryegrass()
    np.testing.assert_array_equal(d.x, RYEGRASS_CONC_MM)
    np.testing.assert_allclose(d.y, RYEGRASS_ROOT_CM, rtol=0, atol=1e-12)
    assert dict(d.reference_fit) == RYEGRASS_REFERENCE


def test_weighting_study_reports_every_scheme_and_level() -> None:
    table = assay.weighting_study(n_plates=4, seed=2)
    assert set(table["scheme"]) == {"none", "1/y", "1/y^2"}
    assert (table["fraction_quantified"] <= 1).all() and (table["median_abs_relative_error"] >= 0).all()
    assert table.attrs["n_plates"] == 4
    with pytest.raises(ValueError, match="n_plates"):
        assay.weighting_study(n_plates=0)
    with pytest.raises(KeyError):
        assay.weighting_study(n_plates=1, schemes=("1/x",))
