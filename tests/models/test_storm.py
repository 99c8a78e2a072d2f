"""Tests for the teaching storm model (widgets.models.storm), which is made up for teaching.

There are no published values to compare with; the tests check the mathematics:
steady states are roots with the right stability, analytic limits, the bistable
window and its folds, hysteresis, the threshold, and the two interventions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.models import storm
from widgets.models.storm import (
    TEACHING_PARAMETERS,
    bistable_window,
    block_to_end_storm,
    block_to_prevent_storm,
    hysteresis_sweep,
    net_rate,
    production_rate,
    simulate,
    steady_states,
    threshold_level,
)


@pytest.mark.parametrize("V", [0.5, 1.0, 2.0, 3.0, 3.5, 4.0, 6.0])
def test_steady_states_are_roots_with_the_right_stability(V: float) -> None:
    for s in steady_states(amplification_per_h=V):
        assert abs(float(net_rate(s.level, amplification_per_h=V))) < 1e-9
        # stable states pull back a small displacement, unstable ones push it away
        h = 1e-4 * s.level
        pushed_up = net_rate(s.level + h, amplification_per_h=V)
        assert (pushed_up < 0) == s.stable


def test_steady_states_match_polynomial_roots() -> None:
    # (s - kC)(K^n + C^n) + V C^n = 0 with n = 3, K = 1: a quartic.
    s, V, k = TEACHING_PARAMETERS["basal_per_h"], 3.0, TEACHING_PARAMETERS["clearance_per_h"]
    coeffs = np.polynomial.polynomial.polymul([s, -k], [1.0, 0, 0, 1.0])
    coeffs = np.polynomial.polynomial.polyadd(coeffs, [0, 0, 0, V])
    roots = np.polynomial.polynomial.polyroots(coeffs)
    real = sorted(r.real for r in roots if abs(r.imag) < 1e-9 and r.real > 0)
    assert [x.level for x in steady_states(amplification_per_h=V)] == pytest.approx(real, rel=1e-9)


def test_analytic_limits() -> None:
    s, k = TEACHING_PARAMETERS["basal_per_h"], TEACHING_PARAMETERS["clearance_per_h"]
    # No amplification: one stable state at s / k.
    (only,) = steady_states(amplification_per_h=0.0)
    assert only.level == pytest.approx(s / k) and only.stable
    # A full block is the same as no amplification.
    assert steady_states(amplification_per_h=5.0, block=1.0)[0].level == pytest.approx(s / k)
    # Without cooperativity (n = 1) the response is graded: never bistable.
    assert all(math.isnan(v) for v in bistable_window(hill=1.0))
    for V in (1.0, 5.0, 20.0):
        assert len(steady_states(amplification_per_h=V, hill=1.0)) == 1


def test_bistable_window_and_its_folds() -> None:
    v_down, v_up = bistable_window()
    assert 0 < v_down < v_up
    assert len(steady_states(amplification_per_h=v_down * 0.99)) == 1
    assert len(steady_states(amplification_per_h=v_down * 1.01)) == 3
    assert len(steady_states(amplification_per_h=v_up * 0.99)) == 3
    assert len(steady_states(amplification_per_h=v_up * 1.01)) == 1
    # At a fold two states merge: just inside the window they are close together and
    # the slope of dC/dt at them is nearly zero (it shrinks like the square root of
    # the distance to the fold).
    for v, pair in ((v_down * (1 + 1e-4), slice(1, 3)), (v_up * (1 - 1e-4), slice(0, 2))):
        a, b = steady_states(amplification_per_h=v)[pair]
        assert abs(b.level - a.level) < 0.05 * b.level
        assert abs(storm._slope(b.level, storm._params({"amplification_per_h": v}), 0.0, 0.0)) < 0.02


def test_threshold_separates_rest_from_storm() -> None:
    c_star = threshold_level()
    low, high = steady_states()[0].level, steady_states()[-1].level
    assert low < c_star < high
    assert simulate(level0=0.98 * c_star).final == pytest.approx(low, rel=1e-3)
    assert simulate(level0=1.02 * c_star).final == pytest.approx(high, rel=1e-3)
    assert math.isnan(threshold_level(amplification_per_h=1.0))


def test_hysteresis() -> None:
    vs = np.linspace(0.5, 6.0, 23)
    up, down = hysteresis_sweep(vs)
    v_down, v_up = bistable_window()
    inside = (vs > v_down) & (vs < v_up)
    outside = ~inside
    assert np.all(down[inside] > 3 * up[inside])
    assert np.allclose(up[outside], down[outside])
    assert np.all(np.diff(up) >= 0) and np.all(np.diff(down) >= 0)


def test_block_to_end_needs_more_than_block_to_prevent() -> None:
    V = 5.0
    prevent, end = block_to_prevent_storm(amplification_per_h=V), block_to_end_storm(amplification_per_h=V)
    v_down, v_up = bistable_window()
    assert prevent == pytest.approx(1 - v_up / V)
    assert end == pytest.approx(1 - v_down / V)
    assert 0 < prevent < end < 1
    storm_level = steady_states(amplification_per_h=V)[-1].level
    rest = steady_states(amplification_per_h=V, block=1.0)[0].level
    # Started in the storm: a block just above `end` resolves it, just below does not.
    ok = simulate(level0=storm_level, amplification_per_h=V, block=end + 0.02, t_end_h=200.0)
    not_ok = simulate(level0=storm_level, amplification_per_h=V, block=end - 0.02, t_end_h=200.0)
    assert ok.final < 1.0 < not_ok.final
    # Started at rest: a block just above `prevent` keeps it at rest.
    kept = simulate(level0=rest, amplification_per_h=V, block=prevent + 0.02, t_end_h=200.0)
    lost = simulate(level0=rest, amplification_per_h=V, block=prevent - 0.02, t_end_h=200.0)
    assert kept.final < 1.0 < lost.final
    assert block_to_end_storm(amplification_per_h=1.0) == 0.0
    assert math.isnan(block_to_end_storm(hill=1.0))
    assert block_to_prevent_storm(amplification_per_h=3.0) == 0.0


def test_faster_clearance_widens_and_shifts_the_window() -> None:
    base = bistable_window()
    faster = bistable_window(clearance_per_h=2 * TEACHING_PARAMETERS["clearance_per_h"])
    assert faster == pytest.approx(bistable_window(extra_clearance_per_h=TEACHING_PARAMETERS["clearance_per_h"]))
    assert faster[0] > base[0] and faster[1] > base[1]
    # At V = 3 a doubled clearance leaves no storm state.
    assert len(steady_states(amplification_per_h=3.0, extra_clearance_per_h=1.0)) == 1
    assert steady_states(amplification_per_h=3.0, extra_clearance_per_h=1.0)[0].level < 0.5


def test_treatment_starts_when_asked() -> None:
    res = simulate(level0=2.0, block=0.9, treat_from_h=12.0, t_end_h=48.0)
    untreated = simulate(level0=2.0, t_end_h=48.0)
    before = res.t_h < 12.0
    assert np.allclose(res.level[before], untreated.level[before], rtol=1e-6)
    assert res.final < 0.3 < untreated.final
    late = simulate(level0=2.0, block=0.9, treat_from_h=100.0, t_end_h=48.0)
    assert late.final == pytest.approx(untreated.final)
    assert res.to_frame().index.name == "t_h"
    assert res.t_h[0] == 0.0 and res.t_h[-1] == 48.0 and res.t_h.size == 193


def test_production_is_monotonic() -> None:
    levels = np.linspace(0.0, 10.0, 50)
    prod = production_rate(levels)
    assert np.all(np.diff(prod) > 0)
    assert np.all(production_rate(levels, block=0.5) <= prod)
    assert production_rate(0.0) == TEACHING_PARAMETERS["basal_per_h"]


def test_default_start_is_the_resting_state() -> None:
    res = simulate(t_end_h=10.0)
    assert np.allclose(res.level, steady_states()[0].level, rtol=1e-6)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: steady_states(block=1.5), ValueError, "block must be in"),
        (lambda: steady_states(extra_clearance_per_h=-1.0), ValueError, "extra_clearance_per_h must be in"),
        (lambda: steady_states(hill=0.0), ValueError, "hill must be in"),
        (lambda: steady_states(amplificaton_per_h=2.0), KeyError, "did you mean 'amplification_per_h'"),
        (lambda: net_rate(-1.0), ValueError, "level must be >= 0"),
        (lambda: simulate(level0=-1.0), ValueError, "level0 must be in"),
        (lambda: simulate(t_end_h=0.0), ValueError, "t_end_h must be in"),
        (lambda: simulate(t_eval_h=[0.0, 100.0]), ValueError, "t_eval_h must be"),
        (lambda: hysteresis_sweep([3.0, 1.0]), ValueError, "strictly increasing"),
    ],
)
def test_bad_inputs_are_refused(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def test_steady_state_curve_matches_the_roots_and_the_folds() -> None:
    from widgets.models.storm import bistable_window, steady_state_curve, steady_states

    for v in (1.0, 3.0, 5.0):
        states = steady_states(amplification_per_h=v)
        vs, stable = steady_state_curve([s.level for s in states])
        assert np.allclose(vs, v, rtol=1e-6)
        assert stable.tolist() == [s.stable for s in states]
    c = np.geomspace(0.21, 50, 4000)
    vs, stable = steady_state_curve(c)
    v_down, v_up = bistable_window()
    # the unstable (middle) branch spans exactly the bistable window
    assert vs[~stable].min() == pytest.approx(v_down, rel=1e-3)
    assert vs[~stable].max() == pytest.approx(v_up, rel=1e-3)
    with pytest.raises(ValueError, match="levels must be >"):
        steady_state_curve([0.1])
    with pytest.raises(ValueError):
        steady_state_curve([-1.0])
