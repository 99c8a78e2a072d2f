"""Tests for widgets.models.kinetics: analytic limits of ligand-receptor binding kinetics."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from widgets.models import kinetics
from widgets.models.binding import receptor_occupancy
from widgets.models.kinetics import (
    AFFINITIES,
    affinity_table,
    dissociation_half_life_s,
    dissociation_time_course,
    equilibrium_occupancy_with_depletion,
    get_affinity,
    kd_pM_from_rates,
    occupancy_time_course,
    relaxation_time_s,
    time_to_equilibrium_s,
)

KON = 2.0e7  # M^-1 s^-1
KOFF = 4.0e-4  # s^-1
KD_PM = KOFF / KON * 1e12  # 20 pM


def test_kd_from_rates() -> None:
    assert kd_pM_from_rates(KON, KOFF) == pytest.approx(20.0)
    np.testing.assert_allclose(kd_pM_from_rates([1e6, 1e7], 1e-3), [1000.0, 100.0])


def test_relaxation_time_limits() -> None:
    # no ligand: relaxation is pure dissociation
    assert relaxation_time_s(0.0, kon_per_M_per_s=KON, koff_per_s=KOFF) == pytest.approx(1 / KOFF)
    # at L = K_D the observed rate is 2 k_off
    assert relaxation_time_s(KD_PM, kon_per_M_per_s=KON, koff_per_s=KOFF) == pytest.approx(1 / (2 * KOFF))
    # high ligand: tau -> 1 / (k_on L)
    big = 1e6 * KD_PM
    assert relaxation_time_s(big, kon_per_M_per_s=KON, koff_per_s=KOFF) == pytest.approx(
        1 / (KON * big * 1e-12), rel=1e-5
    )


def test_occupancy_time_course_limits_and_equilibrium() -> None:
    ligand = np.array([0.2, 1.0, 5.0, 20.0, 100.0]) * KD_PM
    assert np.all(occupancy_time_course(0.0, ligand, kon_per_M_per_s=KON, koff_per_s=KOFF) == 0.0)
    late = occupancy_time_course(1e7, ligand, kon_per_M_per_s=KON, koff_per_s=KOFF)
    np.testing.assert_allclose(late, receptor_occupancy(ligand, KD_PM), rtol=1e-12)
    # initial slope is k_on L (receptors all free)
    dt = 1e-3
    f = occupancy_time_course(dt, KD_PM, kon_per_M_per_s=KON, koff_per_s=KOFF)
    assert f / dt == pytest.approx(KON * KD_PM * 1e-12, rel=1e-5)


def test_occupancy_time_course_matches_numerical_ode() -> None:
    ligand = 3.0 * KD_PM
    t = np.linspace(0.0, 5000.0, 51)
    sol = solve_ivp(
        lambda _t, f: KON * ligand * 1e-12 * (1 - f) - KOFF * f,
        (0.0, t[-1]),
        [0.3],
        t_eval=t,
        rtol=1e-10,
        atol=1e-12,
    )
    analytic = occupancy_time_course(t, ligand, kon_per_M_per_s=KON, koff_per_s=KOFF, initial_occupancy=0.3)
    np.testing.assert_allclose(analytic, sol.y[0], rtol=1e-7)


def test_occupancy_is_monotone_in_time_and_dose() -> None:
    t = np.linspace(0.0, 1e4, 200)
    low = np.asarray(occupancy_time_course(t, 5.0, kon_per_M_per_s=KON, koff_per_s=KOFF))
    high = np.asarray(occupancy_time_course(t, 50.0, kon_per_M_per_s=KON, koff_per_s=KOFF))
    assert np.all(np.diff(low) > 0) and np.all(high[1:] > low[1:])
    assert np.all((high >= 0) & (high <= 1))


def test_washout_from_time_course_equals_dissociation() -> None:
    t = np.linspace(0.0, 1e4, 11)
    washout = occupancy_time_course(t, 0.0, kon_per_M_per_s=KON, koff_per_s=KOFF, initial_occupancy=0.8)
    np.testing.assert_allclose(washout, dissociation_time_course(t, koff_per_s=KOFF, initial_occupancy=0.8))


def test_dissociation_half_life() -> None:
    assert dissociation_half_life_s(KOFF) == pytest.approx(math.log(2) / KOFF)
    t_half = dissociation_half_life_s(KOFF)
    assert dissociation_time_course(t_half, koff_per_s=KOFF) == pytest.approx(0.5)
    assert dissociation_time_course(2 * t_half, koff_per_s=KOFF) == pytest.approx(0.25)


def test_time_to_equilibrium_reaches_stated_fraction() -> None:
    for ligand in [0.1 * KD_PM, KD_PM, 10 * KD_PM]:
        t95 = time_to_equilibrium_s(ligand, kon_per_M_per_s=KON, koff_per_s=KOFF)
        tau = relaxation_time_s(ligand, kon_per_M_per_s=KON, koff_per_s=KOFF)
        assert t95 == pytest.approx(math.log(20.0) * tau)
        f = occupancy_time_course(t95, ligand, kon_per_M_per_s=KON, koff_per_s=KOFF)
        assert f / receptor_occupancy(ligand, KD_PM) == pytest.approx(0.95)
        # never slower than the dissociation-limited time
        assert t95 <= math.log(20.0) / KOFF
    t50 = time_to_equilibrium_s(KD_PM, kon_per_M_per_s=KON, koff_per_s=KOFF, fraction=0.5)
    assert t50 == pytest.approx(math.log(2) / (2 * KOFF))


def test_depletion_limits() -> None:
    ligand = np.array([0.0, 1.0, 10.0, 100.0, 1000.0])
    # negligible receptor: no-depletion formula of binding.receptor_occupancy
    np.testing.assert_allclose(
        equilibrium_occupancy_with_depletion(ligand, 1e-9, 10.0), receptor_occupancy(ligand, 10.0), rtol=1e-9
    )
    np.testing.assert_allclose(
        equilibrium_occupancy_with_depletion(ligand, 0.0, 10.0), receptor_occupancy(ligand, 10.0), rtol=1e-15
    )
    # receptor in huge excess and tight binding: all ligand is captured, f = L_T / R_T
    f = equilibrium_occupancy_with_depletion(5.0, 1e6, 1e-3)
    assert f == pytest.approx(5.0 / 1e6, rel=1e-6)
    # ligand in huge excess: saturation
    assert equilibrium_occupancy_with_depletion(1e9, 100.0, 10.0) == pytest.approx(1.0, abs=1e-7)


def test_depletion_solution_satisfies_mass_action() -> None:
    rng = np.random.default_rng(1)
    lt = 10 ** rng.uniform(-1, 4, 200)
    rt = 10 ** rng.uniform(-1, 4, 200)
    kd = 10 ** rng.uniform(-1, 3, 200)
    c = equilibrium_occupancy_with_depletion(lt, rt, kd) * rt
    free_l, free_r = lt - c, rt - c
    assert np.all(free_l >= -1e-9 * lt) and np.all(free_r >= -1e-9 * rt)
    np.testing.assert_allclose(free_l * free_r, kd * c, rtol=1e-8, atol=1e-12)


def test_depletion_lowers_occupancy() -> None:
    # for the same total ligand, more receptors -> lower fraction bound
    rt = np.array([0.0, 1.0, 10.0, 100.0, 1000.0])
    f = equilibrium_occupancy_with_depletion(20.0, rt, 10.0)
    assert np.all(np.diff(f) < 0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: kd_pM_from_rates(0.0, 1e-3), r"kon_per_M_per_s must be > 0, got 0\.0"),
        (lambda: kd_pM_from_rates(1e7, -1e-3), r"koff_per_s must be >= 0, got -0\.001"),
        (lambda: relaxation_time_s(-1.0, kon_per_M_per_s=KON, koff_per_s=KOFF), r"ligand_pM must be >= 0, got -1\.0"),
        (lambda: relaxation_time_s(1.0, kon_per_M_per_s=KON, koff_per_s=0.0), r"koff_per_s must be > 0, got 0\.0"),
        (lambda: relaxation_time_s(math.nan, kon_per_M_per_s=KON, koff_per_s=KOFF), r"ligand_pM must not contain NaN"),
        (lambda: relaxation_time_s(math.inf, kon_per_M_per_s=KON, koff_per_s=KOFF), r"ligand_pM must be finite"),
        (lambda: occupancy_time_course(-1.0, 1.0, kon_per_M_per_s=KON, koff_per_s=KOFF),
         r"t_s must be >= 0, got -1\.0"),
        (
            lambda: occupancy_time_course(1.0, 1.0, kon_per_M_per_s=KON, koff_per_s=KOFF, initial_occupancy=1.2),
            r"initial_occupancy must be in \[0, 1\], got 1\.2",
        ),
        (lambda: time_to_equilibrium_s(1.0, kon_per_M_per_s=KON, koff_per_s=KOFF, fraction=1.0),
         r"fraction must be in \(0, 1\), got 1\.0"),
        (lambda: dissociation_half_life_s(-1.0), r"koff_per_s must be > 0, got -1\.0"),
        (lambda: equilibrium_occupancy_with_depletion(1.0, 1.0, 0.0), r"kd_pM must be > 0, got 0\.0"),
        (lambda: equilibrium_occupancy_with_depletion(-1.0, 1.0, 1.0), r"ligand_total_pM must be >= 0, got -1\.0"),
        (lambda: equilibrium_occupancy_with_depletion(1.0, -2.0, 1.0), r"receptor_total_pM must be >= 0, got -2\.0"),
        (lambda: kd_pM_from_rates("fast", 1e-3), r"kon_per_M_per_s must be numeric"),
    ],
)
def test_bad_input(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


# --- affinity table ---------------------------------------------------------------


def test_published_tnf_affinities() -> None:
    # Grell et al. 1998 (PNAS 95:570): K_D 1.9e-11 M (TNF-R1) and 4.2e-10 M (TNF-R2), 37 °C.
    assert get_affinity("TNF", "TNFR1").kd_pM == pytest.approx(19.0)
    assert get_affinity("TNF", "TNFR2").kd_pM == pytest.approx(420.0)
    assert get_affinity("TNF", "TNFR2").kd_pM / get_affinity("TNF", "TNFR1").kd_pM == pytest.approx(420 / 19)


def test_il2_receptor_affinities_are_ordered() -> None:
    low = get_affinity("IL-2", "IL-2Rα")
    mid = get_affinity("IL-2", "IL-2Rβ/γc (intermediate affinity)")
    high = get_affinity("IL-2", "IL-2Rα/β/γc (high affinity)")
    assert (low.kd_pM_low, low.kd_pM_high) == (5_000.0, 50_000.0)
    assert (high.kd_pM_low, high.kd_pM_high) == (10.0, 100.0)
    assert high.kd_pM_high < mid.kd_pM < low.kd_pM_low
    # representative value of a range is its geometric midpoint
    assert high.kd_pM == pytest.approx(math.sqrt(10.0 * 100.0))


def test_affinity_records_are_complete() -> None:
    table = affinity_table()
    assert len(table) == len(AFFINITIES)
    assert (table["kd_pM_low"] > 0).all() and (table["kd_pM_low"] <= table["kd_pM_high"]).all()
    assert set(table["source"]) == {"grell1998", "allouche1990"}
    assert table["conditions"].str.len().min() > 0
    with pytest.raises(KeyError, match="TNF / TNFR1"):
        get_affinity("TNF", "TNFR-1")


def test_module_has_no_ui_imports() -> None:
    source = open(kinetics.__file__, encoding="utf-8").read()
    assert "matplotlib" not in source and "ipywidgets" not in source


# --- the numbers behind one binding curve (moved from the figure module) -------------


def test_binding_summary_limits():
    from widgets.models.kinetics import binding_summary

    s = binding_summary(100.0, 100.0)
    assert s.theta_eq == pytest.approx(0.5)
    # k_off = K_D * k_on; half-life ln2/k_off
    assert s.koff_per_s == pytest.approx(1e-3)
    assert s.half_life_min == pytest.approx(math.log(2) / 1e-3 / 60)
    # at L = K_D, k_obs = 2 k_off, so t95 = ln(20) / (2 k_off)
    assert s.t95_min == pytest.approx(math.log(20) / 2e-3 / 60)
    # more ligand always reaches equilibrium sooner
    assert binding_summary(100.0, 1000.0).t95_min < s.t95_min


def test_binding_summary_refuses_bad_input():
    from widgets.models.kinetics import binding_summary

    with pytest.raises(ValueError, match="kd_pM must be"):
        binding_summary(0.0, 10.0)
    with pytest.raises(ValueError, match="ligand_pM must be"):
        binding_summary(10.0, float("nan"))


def test_koff_from_kd_inverts_kd_from_rates():
    from widgets.models.kinetics import kd_pM_from_rates, koff_per_s_from_kd

    koff = koff_per_s_from_kd(420.0, kon_per_M_per_s=1e7)
    assert kd_pM_from_rates(1e7, koff) == pytest.approx(420.0)
    assert isinstance(koff, float)


def test_named_affinities_come_from_the_sourced_table():
    from widgets import parameters
    from widgets.models.kinetics import named_affinities_pM

    named = named_affinities_pM()
    assert named == {parameters.value("tnf_tnfr1_kd_pM"): "TNF–TNFR1",
                     parameters.value("tnf_tnfr2_kd_pM"): "TNF–TNFR2",
                     parameters.value("il2_intermediate_kd_pM"): "IL-2–IL-2Rβ/γc"}
