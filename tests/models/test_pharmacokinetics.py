"""Tests for widgets.models.pharmacokinetics: analytic limits, ODE agreement, mass balance, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad, solve_ivp

from widgets.models import pharmacokinetics as pk
from widgets.models.pharmacokinetics import (
    LN2,
    TwoCompartmentModel,
    dosing_interval_for_trough_h,
    elimination_rate_per_h,
    one_compartment_ng_per_ml,
    repeated_doses_ng_per_ml,
    steady_state_trough_ng_per_ml,
    time_above_h,
    two_compartment_ng_per_ml,
)
from widgets.parameters import value

DOSE, V = 300.0, 3.0  # ug, L -> 100 ng/mL at t = 0


# --- one compartment ------------------------------------------------------------------


def test_iv_bolus_halves_every_half_life() -> None:
    t = np.arange(0.0, 5 * 3.5, 3.5)
    c = one_compartment_ng_per_ml(t, dose_ug=DOSE, volume_L=V, half_life_h=3.5)
    np.testing.assert_allclose(c, 100.0 * 0.5 ** np.arange(5))
    assert one_compartment_ng_per_ml(0.0, dose_ug=DOSE, volume_L=V, half_life_h=3.5) == 100.0
    assert isinstance(one_compartment_ng_per_ml(1.0, dose_ug=DOSE, volume_L=V, half_life_h=3.5), float)


def test_subcutaneous_bateman_matches_ode() -> None:
    k, ka = elimination_rate_per_h(3.5), LN2 / 1.0
    sol = solve_ivp(lambda _t, y: [-ka * y[0], ka * y[0] - k * y[1]], (0, 48), [DOSE, 0.0],
                    t_eval=np.linspace(0, 48, 97), rtol=1e-11, atol=1e-12)
    c = one_compartment_ng_per_ml(sol.t, dose_ug=DOSE, volume_L=V, half_life_h=3.5, absorption_half_life_h=1.0)
    np.testing.assert_allclose(c, sol.y[1] / V, rtol=1e-7, atol=1e-9)


def test_absorption_equal_to_elimination_is_exact_and_continuous() -> None:
    t = np.linspace(0, 30, 61)
    k = elimination_rate_per_h(5.0)
    equal = one_compartment_ng_per_ml(t, dose_ug=DOSE, volume_L=V, half_life_h=5.0, absorption_half_life_h=5.0)
    np.testing.assert_allclose(equal, 100.0 * k * t * np.exp(-k * t), rtol=1e-13)
    for eps in (1e-4, 1e-8, 1e-12):  # approaching from either side is smooth
        near = one_compartment_ng_per_ml(t, dose_ug=DOSE, volume_L=V, half_life_h=5.0,
                                         absorption_half_life_h=5.0 * (1 + eps))
        np.testing.assert_allclose(near, equal, rtol=10 * eps + 1e-12)
    assert np.all(np.isfinite(equal))
    # the peak of t e^{-kt} is at 1/k
    fine = np.linspace(0, 30, 30001)
    c = one_compartment_ng_per_ml(fine, dose_ug=DOSE, volume_L=V, half_life_h=5.0, absorption_half_life_h=5.0)
    assert fine[np.argmax(c)] == pytest.approx(1 / k, abs=1e-3)


def test_area_under_curve_is_dose_over_clearance() -> None:
    # AUC = D / (k V) for both routes (complete bioavailability)
    k = elimination_rate_per_h(3.5)
    for t_abs in (None, 0.5, 3.5, 12.0):
        auc = quad(lambda tt: one_compartment_ng_per_ml(tt, dose_ug=DOSE, volume_L=V, half_life_h=3.5,
                                                        absorption_half_life_h=t_abs), 0, np.inf, limit=200)[0]
        assert auc == pytest.approx(DOSE / (k * V), rel=1e-7)


def test_repeated_doses_and_trough() -> None:
    tau, t_half = 24.0, 24.0
    # single dose equals the one-compartment curve
    t = np.linspace(0, 20, 5)
    np.testing.assert_allclose(
        repeated_doses_ng_per_ml(t, dose_ug=DOSE, interval_h=tau, n_doses=1, volume_L=V, half_life_h=t_half),
        one_compartment_ng_per_ml(t, dose_ug=DOSE, volume_L=V, half_life_h=t_half))
    # after many doses the trough approaches the steady-state formula
    n = 30
    trough = repeated_doses_ng_per_ml(n * tau - 1e-9, dose_ug=DOSE, interval_h=tau, n_doses=n, volume_L=V,
                                      half_life_h=t_half)
    assert trough == pytest.approx(steady_state_trough_ng_per_ml(dose_ug=DOSE, interval_h=tau, volume_L=V,
                                                                 half_life_h=t_half), rel=1e-6)
    # the interval that gives a trough is the inverse problem
    interval = dosing_interval_for_trough_h(37.0, dose_ug=DOSE, volume_L=V, half_life_h=t_half)
    assert steady_state_trough_ng_per_ml(dose_ug=DOSE, interval_h=interval, volume_L=V,
                                         half_life_h=t_half) == pytest.approx(37.0)
    # doubling the half-life doubles the interval; doubling the dose adds less than one half-life
    longer = dosing_interval_for_trough_h(37.0, dose_ug=DOSE, volume_L=V, half_life_h=2 * t_half)
    assert longer == pytest.approx(2 * interval)
    gain = dosing_interval_for_trough_h(37.0, dose_ug=2 * DOSE, volume_L=V, half_life_h=t_half) - interval
    assert 0 < gain < t_half


def test_time_above_threshold() -> None:
    t = np.linspace(0, 24, 2401)
    c = one_compartment_ng_per_ml(t, dose_ug=DOSE, volume_L=V, half_life_h=3.5)
    exact = 3.5 * math.log2(100.0 / 10.0)  # time for 100 -> 10 ng/mL
    assert time_above_h(t, c, 10.0) == pytest.approx(exact, abs=1e-3)
    assert time_above_h(t, c, 1e6) == 0.0
    assert time_above_h(t, c, 0.0) == pytest.approx(24.0)


# --- two compartments -----------------------------------------------------------------


def _ode_central(model: TwoCompartmentModel, t: np.ndarray, dose: float, ka: float | None, f: float = 1.0):
    k10, k12, k21 = model.k10_per_h, model.k12_per_h, model.k21_per_h

    def rhs(_t, y):
        depot, a1, a2 = y
        absorb = (ka or 0.0) * depot
        return [-absorb, absorb - (k10 + k12) * a1 + k21 * a2, k12 * a1 - k21 * a2]

    y0 = [f * dose, 0.0, 0.0] if ka is not None else [0.0, dose, 0.0]
    sol = solve_ivp(rhs, (0, t[-1]), y0, t_eval=t, method="LSODA", rtol=1e-11, atol=1e-12)
    return sol.y[1] / model.central_volume_L


def _il2_model() -> TwoCompartmentModel:
    # recombinant IL-2: half-lives 12.9 and 85 min, clearance 120 mL/min (Konrad et al. 1990, abstract)
    return TwoCompartmentModel.from_half_lives(
        distribution_half_life_h=value("il2_distribution_half_life_min") / 60,
        elimination_half_life_h=value("il2_elimination_half_life_min") / 60,
        central_volume_L=3.0, clearance_L_per_h=value("il2_clearance_ml_per_min") * 60 / 1000)


def _igg_model() -> TwoCompartmentModel:
    # an IgG-like antibody: terminal half-life about three weeks (illustrative volumes and clearance)
    return TwoCompartmentModel.from_half_lives(distribution_half_life_h=48.0, elimination_half_life_h=21 * 24.0,
                                               central_volume_L=3.0, clearance_L_per_h=0.2 / 24)


@pytest.mark.parametrize("make", [_il2_model, _igg_model])
@pytest.mark.parametrize("t_abs", [None, 0.5, 30.0])
def test_two_compartment_matches_direct_ode_solution(make, t_abs) -> None:
    model = make()
    horizon = 10 * model.elimination_half_life_h
    t = np.linspace(0, horizon, 121)
    ka = None if t_abs is None else LN2 / t_abs
    c = two_compartment_ng_per_ml(t, dose_ug=DOSE, model=model, absorption_half_life_h=t_abs, bioavailability=0.7)
    f = 0.7 if t_abs is not None else 1.0
    np.testing.assert_allclose(c, _ode_central(model, t, DOSE, ka, f), rtol=1e-6, atol=1e-9 * DOSE / V)


def test_two_compartment_recovers_half_lives_and_initial_concentration() -> None:
    model = _il2_model()
    assert model.distribution_half_life_h * 60 == pytest.approx(12.9)
    assert model.elimination_half_life_h * 60 == pytest.approx(85.0)
    assert model.k10_per_h == pytest.approx(7.2 / 3.0)
    c = np.asarray(two_compartment_ng_per_ml(np.array([0.0, 20.0, 21.0]), dose_ug=DOSE, model=model))
    assert c[0] == pytest.approx(DOSE / 3.0)
    # the terminal slope is beta
    assert math.log(c[1] / c[2]) == pytest.approx(model.beta_per_h, rel=1e-9)
    # AUC = dose / CL
    auc = quad(lambda tt: two_compartment_ng_per_ml(tt, dose_ug=DOSE, model=model), 0, np.inf, limit=200)[0]
    assert auc == pytest.approx(DOSE / model.clearance_L_per_h, rel=1e-7)


def test_two_compartment_degenerate_absorption_rate() -> None:
    model = _il2_model()
    t = np.linspace(0, 10, 41)
    for rate in (model.alpha_per_h, model.beta_per_h):
        t_abs = LN2 / rate
        c = two_compartment_ng_per_ml(t, dose_ug=DOSE, model=model, absorption_half_life_h=t_abs)
        np.testing.assert_allclose(c, _ode_central(model, t, DOSE, rate), rtol=1e-6, atol=1e-9)


def test_two_compartment_reduces_to_one_compartment_without_exchange() -> None:
    model = TwoCompartmentModel(3.0, 3.0 * elimination_rate_per_h(3.5), 2.0, 0.0)
    t = np.linspace(0, 20, 21)
    np.testing.assert_allclose(two_compartment_ng_per_ml(t, dose_ug=DOSE, model=model),
                               one_compartment_ng_per_ml(t, dose_ug=DOSE, volume_L=3.0, half_life_h=3.5), rtol=1e-12)
    np.testing.assert_allclose(
        two_compartment_ng_per_ml(t, dose_ug=DOSE, model=model, absorption_half_life_h=1.0),
        one_compartment_ng_per_ml(t, dose_ug=DOSE, volume_L=3.0, half_life_h=3.5, absorption_half_life_h=1.0),
        rtol=1e-9, atol=1e-12)


def test_igg_model_has_a_three_week_tail() -> None:
    model = _igg_model()
    days = np.array([28.0, 49.0]) * 24
    c = np.asarray(two_compartment_ng_per_ml(days, dose_ug=DOSE, model=model))
    assert c[0] / c[1] == pytest.approx(2.0, rel=0.01)  # 21 days later, half is left
    assert model.to_frame().loc["elimination_half_life_h", "value"] == pytest.approx(504.0)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: one_compartment_ng_per_ml(1.0, dose_ug=-1, volume_L=V, half_life_h=1.0), "dose_ug must be in"),
        (lambda: one_compartment_ng_per_ml(1.0, dose_ug=1, volume_L=0, half_life_h=1.0), "volume_L must be in"),
        (lambda: one_compartment_ng_per_ml(1.0, dose_ug=1, volume_L=V, half_life_h=0.0), "half_life_h must be in"),
        (lambda: one_compartment_ng_per_ml(1.0, dose_ug=1, volume_L=V, half_life_h=1.0, absorption_half_life_h=-2),
         "absorption_half_life_h must be in"),
        (lambda: one_compartment_ng_per_ml(-1.0, dose_ug=1, volume_L=V, half_life_h=1.0), "t_h must be >= 0"),
        (lambda: one_compartment_ng_per_ml(float("nan"), dose_ug=1, volume_L=V, half_life_h=1.0), "NaN"),
        (lambda: repeated_doses_ng_per_ml(1.0, dose_ug=1, interval_h=0, n_doses=2, volume_L=V, half_life_h=1),
         "interval_h"),
        (lambda: repeated_doses_ng_per_ml(1.0, dose_ug=1, interval_h=1, n_doses=0, volume_L=V, half_life_h=1),
         "n_doses"),
        (lambda: dosing_interval_for_trough_h(0.0, dose_ug=1, volume_L=V, half_life_h=1), "threshold"),
        (lambda: time_above_h([0, 0], [1, 1], 0.5), "strictly increasing"),
        (lambda: time_above_h([0, 1], [1], 0.5), "same length"),
        (lambda: TwoCompartmentModel(0.0, 1.0, 1.0, 1.0), "central_volume_L"),
        (lambda: TwoCompartmentModel(1.0, 1.0, 1.0, -1.0), "intercompartmental"),
        (lambda: TwoCompartmentModel.from_half_lives(distribution_half_life_h=2.0, elimination_half_life_h=1.0,
                                                     central_volume_L=3.0, clearance_L_per_h=1.0), "shorter"),
        (lambda: TwoCompartmentModel.from_half_lives(distribution_half_life_h=0.2, elimination_half_life_h=1.4,
                                                     central_volume_L=3.0, clearance_L_per_h=100.0),
         "no two-compartment"),
        (lambda: two_compartment_ng_per_ml(1.0, dose_ug=1, model="x"),  # type: ignore[arg-type]
         "TwoCompartmentModel"),
        (lambda: two_compartment_ng_per_ml(1.0, dose_ug=1, model=TwoCompartmentModel(3, 1, 3, 1),
                                           absorption_half_life_h=1.0, bioavailability=1.5), "bioavailability"),
    ],
)
def test_bad_input_is_refused(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------------------------
# Peak time and the absorption half-life that explains it
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("t_half, t_abs", [(3.5, 0.5), (3.5, 2.0), (3.5, 3.5), (18.2, 40.0), (0.2, 5.0)])
def test_peak_time_is_where_the_curve_peaks(t_half, t_abs):
    tmax = pk.peak_time_h(half_life_h=t_half, absorption_half_life_h=t_abs)
    t = np.linspace(0.0, 6 * tmax, 60001)
    c = pk.one_compartment_ng_per_ml(t, dose_ug=100, volume_L=3, half_life_h=t_half, absorption_half_life_h=t_abs)
    assert t[np.argmax(c)] == pytest.approx(tmax, rel=1e-3)


def test_peak_time_is_symmetric_in_the_two_half_lives():
    assert pk.peak_time_h(half_life_h=2.0, absorption_half_life_h=7.0) == pytest.approx(
        pk.peak_time_h(half_life_h=7.0, absorption_half_life_h=2.0))


def test_peak_time_is_continuous_through_equal_half_lives():
    at = pk.peak_time_h(half_life_h=3.5, absorption_half_life_h=3.5)
    near = pk.peak_time_h(half_life_h=3.5, absorption_half_life_h=3.5 * (1 + 1e-7))
    assert near == pytest.approx(at, rel=1e-6)


@pytest.mark.parametrize("tmax, t_half", [(4.0, 3.5), (12.0, 18.2), (1.0, 0.5), (30.0, 3.5), (0.05, 3.5)])
def test_absorption_half_life_for_peak_inverts_peak_time(tmax, t_half):
    t_abs = pk.absorption_half_life_for_peak_h(tmax, half_life_h=t_half)
    assert pk.peak_time_h(half_life_h=t_half, absorption_half_life_h=t_abs) == pytest.approx(tmax, rel=1e-9)


def test_filgrastim_peak_implies_absorption_of_about_two_hours():
    # khandoozi2021: t1/2 about 3.5 h, tmax about 4 h after 300 µg SC
    t_abs = pk.absorption_half_life_for_peak_h(4.0, half_life_h=3.5)
    assert 2.0 < t_abs < 2.5


def test_peak_helpers_reject_bad_input():
    with pytest.raises(ValueError):
        pk.peak_time_h(half_life_h=0.0, absorption_half_life_h=1.0)
    with pytest.raises(ValueError):
        pk.peak_time_h(half_life_h=1.0, absorption_half_life_h=-1.0)
    with pytest.raises(ValueError):
        pk.absorption_half_life_for_peak_h(0.0, half_life_h=3.5)
    with pytest.raises(ValueError):
        pk.absorption_half_life_for_peak_h(4.0, half_life_h=float("nan"))


def test_il2_receptor_window_is_the_kds_in_ng_per_ml():
    from widgets.units import pM_to_ng_per_ml
    low, high = pk.il2_receptor_window_ng_per_ml()
    mass = value("aldesleukin_mass_Da") / 1000
    assert low == pytest.approx(float(pM_to_ng_per_ml(value("il2_high_affinity_kd_low_pM"), mass)))
    assert high == pytest.approx(float(pM_to_ng_per_ml(value("il2_intermediate_affinity_kd_pM"), mass)))
    assert high / low == pytest.approx(100.0)


def test_aldesleukin_units_per_mass_from_the_label():
    assert pk.aldesleukin_ug_per_million_iu() == pytest.approx(1100 / 18)
