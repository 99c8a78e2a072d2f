"""Tests for widgets.models.diffusion: analytic limits, the numerical solver, conservation, bad input."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from scipy.integrate import quad

from widgets.models.diffusion import (
    ILLUSTRATIVE,
    Consumer,
    captured_fraction_within,
    cells_within,
    mean_diffusion_time_s,
    minimal_protein_radius_nm,
    molecules_per_um3_to_pM,
    point_source_concentration_pM,
    reach_um,
    screening_length_from_rate_um,
    screening_length_um,
    shared_cytokine_steady_state,
    simulate_secretion,
    steady_concentration_pM,
    stokes_einstein_diffusion_um2_per_s,
    uptake_rate_per_s,
)
from widgets.parameters import value
from widgets.units import pM_to_molecules_per_um3

Q = ILLUSTRATIVE["secretion_per_s"]
A = ILLUSTRATIVE["cell_radius_um"]
D = ILLUSTRATIVE["diffusion_um2_per_s"]


# --- diffusion by numbers -------------------------------------------------------------


def test_unit_conversion_is_the_inverse_of_units_module() -> None:
    assert molecules_per_um3_to_pM(pM_to_molecules_per_um3(37.0)) == pytest.approx(37.0)


def test_minimal_radius_reproduces_the_0066_rule() -> None:
    # R_min = 0.066 M^(1/3) nm with M in Da (erickson2009); 0.73 cm^3/g gives 0.0661
    for mass_kDa in (1.0, 20.0, 150.0):
        assert minimal_protein_radius_nm(mass_kDa) == pytest.approx(0.066 * (mass_kDa * 1e3) ** (1 / 3), rel=0.005)


def test_stokes_einstein_scaling_and_value() -> None:
    d20 = float(stokes_einstein_diffusion_um2_per_s(20.0))
    assert 100 < d20 < 140  # order of 100 um^2/s for a 20 kDa protein in water at 20 C
    # D ~ M^(-1/3): an eight-fold heavier protein diffuses half as fast
    assert stokes_einstein_diffusion_um2_per_s(160.0) == pytest.approx(d20 / 2, rel=1e-12)
    # D ~ T / eta and ~ 1 / radius
    eta = value("water_viscosity_20C_mPa_s")
    hot = stokes_einstein_diffusion_um2_per_s(20.0, temperature_K=2 * 293.15, viscosity_mPa_s=eta)
    assert hot == pytest.approx(2 * d20)
    assert stokes_einstein_diffusion_um2_per_s(20.0, viscosity_mPa_s=2 * eta) == pytest.approx(d20 / 2)
    assert stokes_einstein_diffusion_um2_per_s(20.0, radius_factor=1.25) == pytest.approx(d20 / 1.25)
    np.testing.assert_allclose(np.asarray(stokes_einstein_diffusion_um2_per_s([20.0, 160.0])), [float(d20), d20 / 2])


def test_mean_diffusion_time_is_quadratic_in_distance() -> None:
    t = mean_diffusion_time_s([10.0, 100.0, 1000.0], D)
    np.testing.assert_allclose(t, [100 / 600, 10_000 / 600, 1e6 / 600])
    assert mean_diffusion_time_s(10.0, D, dimensions=1) == pytest.approx(0.5)
    assert mean_diffusion_time_s(0.0, D) == 0.0


# --- uptake and screening length --------------------------------------------------------


def test_uptake_rate_by_hand() -> None:
    # 1000 receptors in 1000 um^3 = 1 pL -> 1000 / (6.022e23 * 1e-12) M = 1.66 nM
    receptor_M = 1000 / (6.02214076e23 * 1e-12)
    assert uptake_rate_per_s(1e7, 1000, 10.0) == pytest.approx(1e7 * receptor_M)


def test_screening_length_scaling_laws() -> None:
    lam = screening_length_um(D, 1e7, 1000, 10.0)
    assert screening_length_um(D, 1e7, 4000, 10.0) == pytest.approx(lam / 2)  # 4x receptors: half
    assert screening_length_um(D, 1e7, 1000, 5.0) == pytest.approx(lam / math.sqrt(8))  # 8x cells
    assert screening_length_um(4 * D, 1e7, 1000, 10.0) == pytest.approx(2 * lam)
    assert lam == pytest.approx(math.sqrt(D / uptake_rate_per_s(1e7, 1000, 10.0)))
    assert screening_length_um(D, 1e7, 0.0, 10.0) == math.inf
    assert screening_length_from_rate_um(D, 0.0) == math.inf


# --- the steady state around one secreting cell ------------------------------------------


@pytest.mark.parametrize("lam", [10.0, 25.0, 80.0, math.inf])
def test_steady_state_solves_the_equation_and_the_flux_condition(lam: float) -> None:
    kw: dict[str, Any] = dict(secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D, screening_length_um=lam)
    k = 0.0 if math.isinf(lam) else D / lam**2
    r = np.linspace(8.0, 60.0, 27)
    h = 1e-2

    def c(x):
        return np.asarray(steady_concentration_pM(x, **kw))

    lap = (c(r + h) * (r + h) - 2 * c(r) * r + c(r - h) * (r - h)) / h**2 / r  # (1/r) d2(rc)/dr2
    np.testing.assert_allclose(D * lap, k * c(r), rtol=1e-3, atol=1e-8)
    # outward flux at the cell surface equals the secretion rate
    dcdr = (-3 * c(A) + 4 * c(A + h) - c(A + 2 * h)) / (2 * h)  # one-sided, second order, pM/um
    flux = 4 * math.pi * A**2 * D * pM_to_molecules_per_um3(-dcdr)
    assert flux == pytest.approx(Q, rel=2e-3)


def test_steady_state_limits() -> None:
    no_uptake = steady_concentration_pM(20.0, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D)
    assert no_uptake == pytest.approx(molecules_per_um3_to_pM(Q / (4 * math.pi * D * 20.0)))
    # a very long screening length approaches the 1/r solution
    far = steady_concentration_pM(20.0, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D,
                                  screening_length_um=1e9)
    assert far == pytest.approx(no_uptake, rel=1e-6)
    # linear in secretion; shorter screening length lowers the concentration everywhere
    double = steady_concentration_pM(20.0, secretion_per_s=2 * Q, cell_radius_um=A, diffusion_um2_per_s=D)
    assert double == pytest.approx(2 * no_uptake)
    r = np.linspace(A, 200, 40)
    prof = [steady_concentration_pM(r, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D,
                                    screening_length_um=lam) for lam in (10.0, 30.0, 100.0)]
    assert np.all(prof[0] <= prof[1]) and np.all(prof[1] <= prof[2])
    assert np.all(np.diff(prof[1]) < 0)


def test_captured_fraction_conserves_molecules() -> None:
    lam = 30.0
    k = D / lam**2

    def uptake_density(r: float) -> float:  # molecules per second per um of radius
        c = steady_concentration_pM(r, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D,
                                    screening_length_um=lam)
        return float(k * pM_to_molecules_per_um3(c) * 4 * math.pi * r**2)

    for r_out in (A, 20.0, 60.0, 150.0):
        numeric = quad(uptake_density, A, r_out, limit=200)[0] / Q
        assert captured_fraction_within(r_out, cell_radius_um=A, screening_length_um=lam) == pytest.approx(
            numeric, abs=1e-9)
    assert quad(uptake_density, A, np.inf)[0] == pytest.approx(Q, rel=1e-8)  # everything is consumed
    assert captured_fraction_within(A, cell_radius_um=A, screening_length_um=lam) == 0.0
    f = np.asarray(captured_fraction_within(np.linspace(A, 300, 50), cell_radius_um=A, screening_length_um=lam))
    assert np.all(np.diff(f) > 0) and f[-1] == pytest.approx(1.0, abs=1e-3)


def test_reach_and_cells_within() -> None:
    kw: dict[str, Any] = dict(secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D, screening_length_um=25.0)
    r = reach_um(0.1, **kw)
    assert steady_concentration_pM(r, **kw) == pytest.approx(0.1, rel=1e-8)
    assert reach_um(0.05, **kw) > r > reach_um(0.2, **kw)
    assert reach_um(1e3, **kw) == A  # surface already below the threshold
    free = reach_um(0.1, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D)
    at_free = steady_concentration_pM(free, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D)
    assert at_free == pytest.approx(0.1)
    assert cells_within(10.0, 10.0) == pytest.approx(4 / 3 * math.pi)


# --- the exact time-dependent point source ------------------------------------------------


def test_point_source_limits() -> None:
    r = np.array([5.0, 20.0, 80.0])
    free_late = point_source_concentration_pM(r, 1e9, secretion_per_s=Q, diffusion_um2_per_s=D)
    np.testing.assert_allclose(free_late, molecules_per_um3_to_pM(Q / (4 * math.pi * D * r)), rtol=1e-3)
    lam = 20.0
    late = point_source_concentration_pM(r, 1e6, secretion_per_s=Q, diffusion_um2_per_s=D, screening_length_um=lam)
    np.testing.assert_allclose(late, molecules_per_um3_to_pM(Q * np.exp(-r / lam) / (4 * math.pi * D * r)), rtol=1e-9)
    # free diffusion: the erfc form
    t = 30.0
    from scipy.special import erfc
    np.testing.assert_allclose(
        point_source_concentration_pM(r, t, secretion_per_s=Q, diffusion_um2_per_s=D),
        molecules_per_um3_to_pM(Q * erfc(r / (2 * math.sqrt(D * t))) / (4 * math.pi * D * r)), rtol=1e-12)
    # the profile only grows with time and never exceeds the steady state
    times = [1.0, 10.0, 100.0, 1000.0]
    prof = [point_source_concentration_pM(r, tt, secretion_per_s=Q, diffusion_um2_per_s=D, screening_length_um=lam)
            for tt in times]
    for early, later in zip(prof, prof[1:]):
        assert np.all(later >= early)
    assert np.all(prof[-1] <= late * (1 + 1e-12))
    # far away nothing overflows
    assert point_source_concentration_pM(5000.0, 10.0, secretion_per_s=Q, diffusion_um2_per_s=D,
                                         screening_length_um=5.0) == pytest.approx(0.0, abs=1e-300)


# --- the numerical solver -------------------------------------------------------------------


@pytest.mark.parametrize("lam", [10.0, 25.0, 77.6, 250.0])
def test_solver_matches_analytic_steady_state_within_one_percent(lam: float) -> None:
    kw: dict[str, Any] = dict(secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D, screening_length_um=lam)
    r = np.linspace(A, A + min(8 * lam, 400.0), 60)
    exact = steady_concentration_pM(r, **kw)
    steady = simulate_secretion([0.0], steady_state=True, **kw)
    np.testing.assert_allclose(steady.at_pM(r), exact, rtol=0.01)
    # the time course converges to the same steady state (t >> 1/k and >> r^2/D)
    t_end = 30.0 * lam**2 / D + 40.0 * r[-1] ** 2 / D
    late = simulate_secretion([t_end], **kw)
    np.testing.assert_allclose(late.at_pM(r), exact, rtol=0.01)


def test_solver_without_consumers_matches_the_1_over_r_law() -> None:
    kw: dict[str, Any] = dict(secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D)
    r = np.linspace(A, 300.0, 40)
    steady = simulate_secretion([0.0], steady_state=True, **kw)
    np.testing.assert_allclose(steady.at_pM(r), steady_concentration_pM(r, **kw), rtol=0.01)


@pytest.mark.parametrize("lam", [math.inf, 30.0])
def test_solver_matches_a_point_source_switched_on(lam: float) -> None:
    # a small secreting cell behaves like a point source a few radii away
    kw: dict[str, Any] = dict(secretion_per_s=Q, cell_radius_um=0.5, diffusion_um2_per_s=D, screening_length_um=lam)
    times = np.array([2.0, 10.0, 60.0])
    res = simulate_secretion(times, r_show_um=200.0, n_cells=400, **kw)
    for i, t in enumerate(times):
        r = np.linspace(5.0, min(150.0, 4 * math.sqrt(D * t) + 5.0), 25)
        exact = point_source_concentration_pM(r, t, secretion_per_s=Q, diffusion_um2_per_s=D, screening_length_um=lam)
        np.testing.assert_allclose(res.at_pM(r, t_index=i), exact, rtol=0.03)


def test_solver_conserves_molecules_without_consumers() -> None:
    t_end = 100.0
    res = simulate_secretion([t_end], secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D, r_show_um=400.0)
    from widgets.models.diffusion import _radial_grid  # the grid the solver used

    faces = _radial_grid(A, math.inf, 400.0, 200)
    volumes = 4 / 3 * math.pi * (faces[1:] ** 3 - faces[:-1] ** 3)
    amount = float(np.sum(pM_to_molecules_per_um3(res.concentration_pM[-1]) * volumes))
    assert amount == pytest.approx(Q * t_end, rel=1e-3)


def test_solver_result_object() -> None:
    res = simulate_secretion([0.0, 1.0, 10.0], secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D,
                             screening_length_um=25.0)
    assert res.concentration_pM.shape == (3, res.r_um.size)
    assert np.all(res.concentration_pM[0] == 0.0)
    frame = res.to_frame()
    assert list(frame.columns) == ["t_s", "r_um", "concentration_pM"] and len(frame) == 3 * res.r_um.size
    assert res.parameters["uptake_per_s"] == pytest.approx(D / 25.0**2)
    assert res.at_pM(A, t_index=0) == 0.0  # linear interpolation where c = 0
    with pytest.raises(ValueError, match="within the grid"):
        res.at_pM(1.0)
    with pytest.raises(TypeError):
        res.parameters["q"] = 1.0  # type: ignore[index]  # read-only


def test_solver_bad_input() -> None:
    kw: dict[str, Any] = dict(secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D)
    with pytest.raises(ValueError, match="increasing"):
        simulate_secretion([2.0, 1.0], **kw)
    with pytest.raises(ValueError, match="n_cells"):
        simulate_secretion([1.0], n_cells=5, **kw)
    with pytest.raises(ValueError, match="r_show_um"):
        simulate_secretion([1.0], r_show_um=1.0, **kw)
    with pytest.raises(ValueError, match="t_s must be >= 0"):
        simulate_secretion([-1.0], **kw)


# --- competition ---------------------------------------------------------------------------


def _pops() -> list[Consumer]:
    treg = Consumer("Treg", 1e4, 20.0, kd_pM=10.0, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    teff = Consumer("Teff", 1e3, 12.0, kd_pM=1000.0, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    return [treg, teff]


def test_shared_cytokine_balance_and_low_production_limit() -> None:
    pops = _pops()
    res = shared_cytokine_steady_state(1.0, pops)
    total = sum(float(p.uptake_pM_per_s(res.concentration_pM)) for p in pops)
    assert total == pytest.approx(1.0, rel=1e-10)
    assert sum(res.share.values()) == pytest.approx(1.0)
    # at low production the shares are set by R / K_M (linear uptake)
    low = shared_cytokine_steady_state(1e-6, pops)
    lin = [p.internalisation_per_s * p.receptor_pM / p.half_saturation_pM for p in pops]
    assert low.share["Treg"] == pytest.approx(lin[0] / sum(lin), rel=1e-5)
    assert shared_cytokine_steady_state(0.0, pops).concentration_pM == 0.0


def test_tug_of_war_high_affinity_consumers_saturate_first() -> None:
    pops = _pops()
    shares = [shared_cytokine_steady_state(p, pops).share["Treg"] for p in (0.01, 0.5, 1.5, 2.5)]
    assert all(b < a for a, b in zip(shares, shares[1:]))
    occ = [shared_cytokine_steady_state(p, pops).occupancy for p in (0.01, 1.0, 2.5)]
    assert all(o["Treg"] > o["Teff"] for o in occ)
    assert occ[0]["Teff"] < occ[1]["Teff"] < occ[2]["Teff"]


def test_shared_cytokine_capacity_and_degradation() -> None:
    pops = _pops()
    capacity = sum(p.internalisation_per_s * p.receptor_pM for p in pops)
    with pytest.raises(ValueError, match="no steady state"):
        shared_cytokine_steady_state(capacity * 1.01, pops)
    res = shared_cytokine_steady_state(capacity * 2, pops, degradation_per_s=1e-3)
    assert res.share["degraded"] > 0.4
    frame = res.to_frame()
    assert list(frame.index) == ["Treg", "Teff"]


def test_consumer_and_competition_bad_input() -> None:
    with pytest.raises(ValueError, match="kd_pM"):
        Consumer("x", 1e3, 10.0, kd_pM=0.0, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    with pytest.raises(ValueError, match="name"):
        Consumer("", 1e3, 10.0, kd_pM=1.0, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    with pytest.raises(ValueError, match="distinct"):
        shared_cytokine_steady_state(0.1, [_pops()[0], _pops()[0]])
    with pytest.raises(ValueError, match="non-empty"):
        shared_cytokine_steady_state(0.1, [])


# --- bad input everywhere ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: steady_concentration_pM(4.0, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D),
         "inside the secreting cell|>= cell_radius_um"),
        (lambda: steady_concentration_pM(6.0, secretion_per_s=-1, cell_radius_um=A, diffusion_um2_per_s=D),
         "secretion_per_s must be in"),
        (lambda: steady_concentration_pM(6.0, secretion_per_s=Q, cell_radius_um=0.0, diffusion_um2_per_s=D),
         "cell_radius_um must be in"),
        (lambda: steady_concentration_pM(6.0, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=-1.0),
         "diffusion_um2_per_s must be in"),
        (lambda: steady_concentration_pM(6.0, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D,
                                         screening_length_um=0.0), "screening_length_um must be in"),
        (lambda: steady_concentration_pM(float("nan"), secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D),
         "NaN"),
        (lambda: screening_length_um(D, 1e7, -1.0, 10.0), "receptors_per_cell must be >= 0"),
        (lambda: screening_length_um(D, 1e7, 1e3, 0.0), "cell_spacing_um must be > 0"),
        (lambda: mean_diffusion_time_s(10.0, D, dimensions=4), "dimensions"),
        (lambda: stokes_einstein_diffusion_um2_per_s(0.0), "mass_kDa must be > 0"),
        (lambda: stokes_einstein_diffusion_um2_per_s(20.0, radius_factor=0.5), "radius_factor"),
        (lambda: captured_fraction_within(10.0, cell_radius_um=A, screening_length_um=math.inf), "screening_length_um"),
        (lambda: reach_um(0.0, secretion_per_s=Q, cell_radius_um=A, diffusion_um2_per_s=D), "threshold_pM"),
        (lambda: point_source_concentration_pM(0.0, 1.0, secretion_per_s=Q, diffusion_um2_per_s=D), "r_um must be > 0"),
        (lambda: point_source_concentration_pM(1.0, -1.0, secretion_per_s=Q, diffusion_um2_per_s=D), "t_s must be in"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


# --- reach summary, capacity and sweep ----------------------------------------------------


def test_reach_summary_agrees_with_its_parts():
    from widgets.models.diffusion import reach_summary, reach_um, screening_length_um
    s = reach_summary(secretion_per_s=100.0, receptors_per_cell=1000.0, cell_spacing_um=10.0, threshold_pM=10.0)
    lam = float(screening_length_um(100.0, 1e7, 1000.0, 10.0))
    assert s.screening_length_um == pytest.approx(lam)
    assert s.reach_um == pytest.approx(reach_um(10.0, secretion_per_s=100.0, cell_radius_um=5.0,
                                                diffusion_um2_per_s=100.0, screening_length_um=lam))
    assert s.reach_free_um > s.reach_um
    assert s.cells_reached == pytest.approx(4 / 3 * math.pi * s.reach_um**3 / 1000.0 - 1.0)


def test_reach_summary_without_receptors_is_free_diffusion_and_may_reach_nobody():
    from widgets.models.diffusion import reach_summary
    free = reach_summary(secretion_per_s=100.0, receptors_per_cell=0.0, cell_spacing_um=10.0, threshold_pM=10.0)
    assert math.isinf(free.screening_length_um) and free.reach_um == pytest.approx(free.reach_free_um)
    weak = reach_summary(secretion_per_s=1.0, receptors_per_cell=1000.0, cell_spacing_um=10.0, threshold_pM=10.0)
    assert weak.reach_um == pytest.approx(5.0) and weak.cells_reached == 0.0
    with pytest.raises(ValueError):
        reach_summary(secretion_per_s=1.0, receptors_per_cell=-1.0, cell_spacing_um=10.0, threshold_pM=10.0)


def test_uptake_capacity_and_sweep():
    from widgets.models.diffusion import Consumer, shared_cytokine_sweep, uptake_capacity_pM_per_s
    treg = Consumer("Treg", 1e4, 20.0, kd_pM=10, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    teff = Consumer("Teff", 1e3, 12.0, kd_pM=1000, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    cap = uptake_capacity_pM_per_s([treg, teff])
    assert cap == pytest.approx(1e-3 * (treg.receptor_pM + teff.receptor_pM))
    sweep = shared_cytokine_sweep([0.0, 0.1 * cap, 0.9 * cap], [treg, teff])
    assert [r.production_pM_per_s for r in sweep] == pytest.approx([0.0, 0.1 * cap, 0.9 * cap])
    conc = [r.concentration_pM for r in sweep]
    assert conc[0] == 0.0 and conc[1] < conc[2]
    with pytest.raises(ValueError):
        shared_cytokine_sweep([1.1 * cap], [treg, teff])
    with pytest.raises(ValueError):
        uptake_capacity_pM_per_s(["not a consumer"])
