"""Tests for widgets.models.target_engagement: analytic limits, conservation, a numerical
cross-check against mass-action kinetics run to equilibrium, and bad inputs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from widgets.models.kinetics import equilibrium_occupancy_with_depletion
from widgets.models.target_engagement import (
    ReceptorBlockade,
    antibody_for_free_fraction,
    free_fraction,
    receptor_blockade,
    steady_state_cytokine_pM,
)

KD = 50.0  # pM


# ------------------------------------------------------------------ free_fraction
def test_no_antibody_leaves_everything_free() -> None:
    assert free_fraction(10.0, 0.0, KD) == 1.0
    assert free_fraction(0.0, 0.0, KD) == 1.0


def test_trace_cytokine_limit_is_kd_over_kd_plus_sites() -> None:
    for ab in [1.0, 50.0, 1e4, 1e7]:
        assert free_fraction(0.0, ab, KD) == pytest.approx(KD / (KD + ab), rel=1e-12)
        assert free_fraction(1e-6, ab, KD) == pytest.approx(KD / (KD + ab), rel=1e-6)


def test_excess_cytokine_saturates_the_antibody() -> None:
    # cytokine far above antibody and K_D: the antibody binds at most its sites
    l_t, ab = 1e6, 100.0
    bound = (1 - free_fraction(l_t, ab, KD)) * l_t
    assert bound == pytest.approx(ab, rel=1e-3)
    bound2 = (1 - free_fraction(l_t, ab, KD, binding_sites=2)) * l_t
    assert bound2 == pytest.approx(2 * ab, rel=1e-3)


def test_tight_binding_titration() -> None:
    # K_D << concentrations: the antibody captures cytokine stoichiometrically
    l_t = 1000.0
    assert free_fraction(l_t, 500.0, 1e-3) == pytest.approx(0.5, rel=1e-4)
    assert free_fraction(l_t, 2000.0, 1e-3) < 1e-5


def test_agrees_with_the_depletion_quadratic_of_kinetics() -> None:
    # the same equilibrium seen from the other partner: bound = occupancy * sites
    rng = np.random.default_rng(1)
    for _ in range(50):
        l_t, ab, kd = 10 ** rng.uniform(-2, 4, size=3)
        occ = equilibrium_occupancy_with_depletion(ab, l_t, kd)  # sites as "ligand"
        bound_from_kinetics = occ * l_t
        bound_here = (1 - free_fraction(l_t, ab, kd)) * l_t
        assert bound_here == pytest.approx(bound_from_kinetics, rel=1e-9, abs=1e-12)


def test_mass_balance_and_equilibrium_condition() -> None:
    l_t, ab, kd = np.meshgrid([0.1, 10.0, 1e3], [0.0, 5.0, 500.0, 5e5], [0.5, 50.0])
    f = free_fraction(l_t, ab, kd)
    free_l = f * l_t
    bound = l_t - free_l
    free_s = ab - bound
    assert (free_s >= -1e-9).all()
    mask = bound > 1e-12
    np.testing.assert_allclose(free_l[mask] * free_s[mask] / bound[mask], kd[mask], rtol=1e-8)


def test_monotone_in_antibody_and_affinity() -> None:
    ab = np.logspace(-1, 6, 40)
    f = free_fraction(10.0, ab, KD)
    assert (np.diff(f) < 0).all()
    kd = np.logspace(-1, 5, 40)
    assert (np.diff(free_fraction(10.0, 1000.0, kd)) > 0).all()


def test_numerical_equilibrium_of_mass_action_kinetics() -> None:
    kon = 1e6 * 1e-12  # 1e6 M^-1 s^-1 expressed per pM per s
    for l_t, ab, kd in [(10.0, 100.0, 50.0), (500.0, 300.0, 20.0), (1.0, 1e4, 200.0)]:
        koff = kd * kon

        def rhs(_t: float, y: np.ndarray, koff: float = koff) -> list[float]:
            lf, sf, c = y
            rate = kon * lf * sf - koff * c
            return [-rate, -rate, rate]

        sol = solve_ivp(rhs, (0, 5e6), [l_t, ab, 0.0], method="LSODA", rtol=1e-10, atol=1e-12)
        assert sol.y[0, -1] / l_t == pytest.approx(free_fraction(l_t, ab, kd), rel=1e-5)


def test_scalar_in_float_out_and_broadcasting() -> None:
    assert isinstance(free_fraction(1.0, 2.0, 3.0), float)
    out = free_fraction([1.0, 10.0], 100.0, [5.0, 50.0])
    assert isinstance(out, np.ndarray) and out.shape == (2,)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((-1.0, 1.0, 1.0), {}, "cytokine_pM must be >= 0"),
        ((1.0, -1.0, 1.0), {}, "antibody_pM must be >= 0"),
        ((1.0, 1.0, 0.0), {}, "kd_pM must be > 0"),
        ((float("nan"), 1.0, 1.0), {}, "NaN"),
        ((1.0, float("inf"), 1.0), {}, "finite"),
        ((1.0, 1.0, 1.0), {"binding_sites": 0}, "binding_sites must be in"),
        ((1.0, 1.0, 1.0), {"binding_sites": 1.5}, "whole number"),
    ],
)
def test_free_fraction_bad_inputs(args: tuple, kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        free_fraction(*args, **kwargs)


# ------------------------------------------------------------------ inverse
def test_inverse_round_trip() -> None:
    for f in [0.9, 0.5, 0.1, 0.01, 1e-4]:
        for l_t in [0.0, 1.0, 1e3]:
            for n in (1, 2):
                ab = antibody_for_free_fraction(f, cytokine_pM=l_t, kd_pM=KD, binding_sites=n)
                assert free_fraction(l_t, ab, KD, binding_sites=n) == pytest.approx(f, rel=1e-8)


def test_one_percent_free_needs_99_kd_of_sites() -> None:
    assert antibody_for_free_fraction(0.01, cytokine_pM=0.0, kd_pM=KD) == pytest.approx(99 * KD)
    assert antibody_for_free_fraction(1.0, cytokine_pM=10.0, kd_pM=KD) == 0.0


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5])
def test_inverse_bad_fraction(bad: float) -> None:
    with pytest.raises(ValueError, match="target_free_fraction must be in"):
        antibody_for_free_fraction(bad, cytokine_pM=1.0, kd_pM=KD)


# ------------------------------------------------------------------ receptor blockade
def test_gaddum_limit_without_receptor_depletion() -> None:
    res = receptor_blockade([1.0, 10.0, 100.0], 30.0, kd_cytokine_pM=10.0, kd_blocker_pM=3.0)
    l_over = np.array([1.0, 10.0, 100.0]) / 10.0
    expected = l_over / (1 + l_over + 10.0)
    np.testing.assert_allclose(res.cytokine_occupancy, expected, rtol=1e-12)
    np.testing.assert_allclose(res.blocker_occupancy, 10.0 / (1 + l_over + 10.0), rtol=1e-12)
    np.testing.assert_allclose(res.signal_fraction, (1 + l_over) / (1 + l_over + 10.0), rtol=1e-12)


def test_no_blocker_reduces_to_the_depletion_quadratic() -> None:
    for lt, rt, kd in [(10.0, 17.0, 10.0), (1.0, 100.0, 5.0), (1e3, 10.0, 50.0)]:
        res = receptor_blockade(lt, 0.0, kd_cytokine_pM=kd, kd_blocker_pM=1.0, receptor_pM=rt)
        assert res.cytokine_occupancy == pytest.approx(equilibrium_occupancy_with_depletion(lt, rt, kd), rel=1e-9)
        assert res.signal_fraction == pytest.approx(1.0)
        assert res.blocker_occupancy == 0.0


def test_conservation_and_equilibrium_with_depletion() -> None:
    lt, bt, rt, kl, kb = 20.0, 50.0, 40.0, 10.0, 2.0
    res = receptor_blockade(lt, bt, kd_cytokine_pM=kl, kd_blocker_pM=kb, receptor_pM=rt)
    lr = res.cytokine_occupancy * rt
    br = res.blocker_occupancy * rt
    r_free = rt - lr - br
    assert res.free_cytokine_pM + lr == pytest.approx(lt)
    assert res.free_blocker_pM + br == pytest.approx(bt)
    assert res.free_cytokine_pM * r_free / lr == pytest.approx(kl, rel=1e-8)
    assert res.free_blocker_pM * r_free / br == pytest.approx(kb, rel=1e-8)


def test_receptor_blockade_matches_kinetics_run_to_equilibrium() -> None:
    kon = 1e6 * 1e-12
    lt, bt, rt, kl, kb = 20.0, 50.0, 40.0, 10.0, 2.0

    def rhs(_t: float, y: np.ndarray) -> list[float]:
        lf, bf, r, lr, br = y
        v1 = kon * lf * r - kl * kon * lr
        v2 = kon * bf * r - kb * kon * br
        return [-v1, -v2, -v1 - v2, v1, v2]

    sol = solve_ivp(rhs, (0, 5e6), [lt, bt, rt, 0.0, 0.0], method="LSODA", rtol=1e-10, atol=1e-12)
    res = receptor_blockade(lt, bt, kd_cytokine_pM=kl, kd_blocker_pM=kb, receptor_pM=rt)
    assert sol.y[3, -1] / rt == pytest.approx(res.cytokine_occupancy, rel=1e-5)
    assert sol.y[4, -1] / rt == pytest.approx(res.blocker_occupancy, rel=1e-5)


def test_more_blocker_less_signal() -> None:
    res = receptor_blockade(10.0, np.logspace(-1, 5, 30), kd_cytokine_pM=10.0, kd_blocker_pM=10.0, receptor_pM=5.0)
    assert isinstance(res, ReceptorBlockade)
    signal = np.asarray(res.signal_fraction)
    assert (np.diff(signal) < 0).all()
    assert signal[0] == pytest.approx(1.0, abs=0.02)
    assert signal[-1] < 1e-3


def test_receptor_blockade_scalars_are_floats_and_zero_cytokine() -> None:
    res = receptor_blockade(0.0, 10.0, kd_cytokine_pM=1.0, kd_blocker_pM=1.0)
    assert isinstance(res.cytokine_occupancy, float)
    assert res.cytokine_occupancy == 0.0 and res.signal_fraction == 1.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"kd_cytokine_pM": 0.0, "kd_blocker_pM": 1.0}, "kd_cytokine_pM must be in"),
        ({"kd_cytokine_pM": 1.0, "kd_blocker_pM": -2.0}, "kd_blocker_pM must be in"),
        ({"kd_cytokine_pM": 1.0, "kd_blocker_pM": 1.0, "receptor_pM": -1.0}, "receptor_pM must be in"),
    ],
)
def test_receptor_blockade_bad_inputs(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        receptor_blockade(1.0, 1.0, **kwargs)
    with pytest.raises(ValueError, match="blocker_pM must be >= 0"):
        receptor_blockade(1.0, -1.0, kd_cytokine_pM=1.0, kd_blocker_pM=1.0)


# ------------------------------------------------------------------ clearance
def test_steady_state_limits_and_monotonicity() -> None:
    kwargs = {"nonspecific_clearance_per_h": 0.2, "receptor_clearance_per_h": 0.8}
    assert steady_state_cytokine_pM(4.0, **kwargs) == pytest.approx(4.0)
    assert steady_state_cytokine_pM(4.0, **kwargs, receptor_free_fraction=0.0) == pytest.approx(20.0)
    free = np.linspace(1, 0, 11)
    levels = steady_state_cytokine_pM(4.0, **kwargs, receptor_free_fraction=free)
    assert (np.diff(levels) > 0).all()
    assert steady_state_cytokine_pM(0.0, **kwargs) == 0.0


def test_steady_state_matches_integration_of_the_ode() -> None:
    p, k0, kr, f = 3.0, 0.3, 1.2, 0.25
    sol = solve_ivp(lambda _t, c: [p - (k0 + kr * f) * c[0]], (0, 200), [0.0], rtol=1e-10, atol=1e-12)
    assert sol.y[0, -1] == pytest.approx(
        steady_state_cytokine_pM(p, nonspecific_clearance_per_h=k0, receptor_clearance_per_h=kr,
                                 receptor_free_fraction=f), rel=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"nonspecific_clearance_per_h": 0.0, "receptor_clearance_per_h": 1.0}, "nonspecific_clearance_per_h"),
        ({"nonspecific_clearance_per_h": 1.0, "receptor_clearance_per_h": -1.0}, "receptor_clearance_per_h"),
        ({"nonspecific_clearance_per_h": 1.0, "receptor_clearance_per_h": 1.0, "receptor_free_fraction": 1.2},
         "receptor_free_fraction must be in"),
    ],
)
def test_steady_state_bad_inputs(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        steady_state_cytokine_pM(1.0, **kwargs)


# --------------------------------------------------------------------------- dosing interval
def test_neutralisation_time_ends_exactly_at_the_target() -> None:
    from widgets.models.target_engagement import neutralisation_time_h

    kw: dict[str, Any] = dict(cytokine_pM=10.0, kd_pM=50.0, target_free_fraction=0.01)
    t = neutralisation_time_h(1e5, half_life_h=504.0, **kw)
    antibody_then = 1e5 * 2 ** (-t / 504.0)
    assert free_fraction(10.0, antibody_then, 50.0) == pytest.approx(0.01, rel=1e-6)


def test_neutralisation_time_scales_with_half_life_and_is_zero_below_need() -> None:
    from widgets.models.target_engagement import neutralisation_time_h

    kw: dict[str, Any] = dict(cytokine_pM=1.0, kd_pM=100.0, target_free_fraction=0.01)
    short = neutralisation_time_h(1e5, half_life_h=5.0, **kw)
    long = neutralisation_time_h(1e5, half_life_h=500.0, **kw)
    assert long == pytest.approx(100 * short)
    assert neutralisation_time_h(10.0, half_life_h=500.0, **kw) == 0.0
    both = np.asarray(neutralisation_time_h([0.0, 1e5], half_life_h=5.0, **kw))
    np.testing.assert_allclose(both, [0.0, float(short)])


def test_neutralisation_time_matches_the_ode_of_elimination() -> None:
    from scipy.integrate import solve_ivp

    from widgets.models.target_engagement import neutralisation_time_h

    k = np.log(2) / 300.0
    sol = solve_ivp(lambda t, c: -k * c, (0, 5000), [2e4], dense_output=True, rtol=1e-10, atol=1e-6)
    t = neutralisation_time_h(2e4, half_life_h=300.0, cytokine_pM=5.0, kd_pM=20.0, target_free_fraction=0.05)
    assert free_fraction(5.0, sol.sol(t)[0], 20.0) == pytest.approx(0.05, rel=1e-5)


@pytest.mark.parametrize("bad", [dict(half_life_h=0.0), dict(half_life_h=-1.0), dict(peak_antibody_pM=-1.0),
                                 dict(target_free_fraction=0.0)])
def test_neutralisation_time_rejects(bad: dict) -> None:
    from widgets.models.target_engagement import neutralisation_time_h

    kw: dict[str, Any] = dict(peak_antibody_pM=1e4, half_life_h=100.0, cytokine_pM=1.0, kd_pM=10.0,
                              target_free_fraction=0.01)
    kw.update(bad)
    peak = kw.pop("peak_antibody_pM")
    with pytest.raises(ValueError):
        neutralisation_time_h(peak, **kw)


# --------------------------------------------------------------------------- repeated doses (Chapter 4's PK model)
def test_dosing_course_single_dose_matches_neutralisation_time() -> None:
    from widgets.models.target_engagement import dosing_course, neutralisation_time_h

    course = dosing_course(peak_per_dose_pM=1e5, interval_h=5000.0, n_doses=1, half_life_h=504.0,
                           cytokine_pM=10.0, kd_pM=50.0, points=20001)
    expected = neutralisation_time_h(1e5, half_life_h=504.0, cytokine_pM=10.0, kd_pM=50.0,
                                     target_free_fraction=0.01)
    assert course.hours_at_target == pytest.approx(float(expected), rel=1e-3)
    assert course.antibody_pM[0] == pytest.approx(1e5)
    np.testing.assert_allclose(course.free, np.asarray(free_fraction(10.0, course.antibody_pM, 50.0)))


def test_dosing_course_superposes_doses_and_accumulates() -> None:
    from widgets.models.target_engagement import dosing_course

    course = dosing_course(peak_per_dose_pM=1e4, interval_h=504.0, n_doses=4, half_life_h=504.0,
                           cytokine_pM=1.0, kd_pM=100.0, points=4 * 504 + 1)
    t = course.t_h
    # just after the second dose: half of the first dose is left, plus the new one
    i = int(np.searchsorted(t, 504.0))
    assert course.antibody_pM[i] == pytest.approx(1.5e4, rel=1e-3)
    assert course.dose_times_h == (0.0, 504.0, 1008.0, 1512.0)
    troughs = [course.antibody_pM[int(np.searchsorted(t, k * 504.0)) - 1] for k in (1, 2, 3)]
    assert troughs[0] < troughs[1] < troughs[2]  # accumulation towards steady state
    frame = course.to_frame()
    assert list(frame.columns) == ["t_h", "t_days", "antibody_pM", "free_fraction"]


def test_longer_half_life_keeps_the_cytokine_neutralised_longer() -> None:
    from widgets.models.target_engagement import dosing_course

    kw: dict[str, Any] = dict(peak_per_dose_pM=1e5, interval_h=672.0, n_doses=3, cytokine_pM=10.0, kd_pM=100.0)
    shares = [dosing_course(half_life_h=h, **kw).fraction_of_time_at_target for h in (72.0, 168.0, 504.0)]
    assert shares[0] < shares[1] < shares[2] == pytest.approx(1.0)


@pytest.mark.parametrize("bad", [dict(peak_per_dose_pM=0.0), dict(interval_h=-1.0), dict(n_doses=0),
                                 dict(n_doses=1.5), dict(points=1), dict(half_life_h=0.0)])
def test_dosing_course_rejects(bad: dict[str, Any]) -> None:
    from widgets.models.target_engagement import dosing_course

    kw: dict[str, Any] = dict(peak_per_dose_pM=1e5, interval_h=672.0, n_doses=3, half_life_h=504.0,
                              cytokine_pM=10.0, kd_pM=100.0)
    kw.update(bad)
    with pytest.raises(ValueError):
        dosing_course(**kw)
