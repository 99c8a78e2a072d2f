"""Tests for the reduced acute-inflammation model of Reynolds et al. (2006).

Published values are from the full text of Reynolds A, Rubin J, Clermont G, Day J,
Vodovotz Y, Ermentrout GB, J Theor Biol 242:220-236 (2006),
doi:10.1016/j.jtbi.2006.02.016 (bib key reynolds2006): Table 1 (parameters), Fig. 5
(the three outcomes; values read off the plotted curves, so compared with a
tolerance), Fig. 6 (bifurcations in k_pg: septic death appears at 0.5137 per h,
health loses stability at 1.5 and aseptic death at 1.755), Fig. 8 (initial C_A and
the threshold load) and Fig. 9 (resetting C_A at 10 h). The SBML values quoted in
``test_parameters_match_curated_sbml`` are those of BioModels BIOMD0000000714,
file HealthyOutcome.xml.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from widgets.models import reynolds2006 as rey
from widgets.models.reynolds2006 import (
    OUTCOMES,
    PARAMETER_NAMES,
    SCENARIOS,
    Reynolds2006Result,
    classify_outcome,
    health_threshold_pathogen0,
    outcome,
    outcome_map,
    simulate,
    simulate_ca_reset,
)
from widgets.parameters import value

FIG9: dict[str, Any] = {"pathogen0": value("reynolds2006_fig9_pathogen0_1e6_per_cc"),
        "parameters": {"k_pg": value("reynolds2006_fig9_k_pg_per_h")},
        "at_h": value("reynolds2006_fig9_reset_time_h")}


def scenario(name: str, **kw) -> Reynolds2006Result:
    s = SCENARIOS[name]
    return simulate(pathogen0=s["pathogen0"], parameters={"k_pg": s["k_pg"]}, **kw)


# --- parameters ---------------------------------------------------------------------


def test_parameters_match_curated_sbml() -> None:
    # BIOMD0000000714 HealthyOutcome.xml, listOfParameters (identical to Table 1).
    sbml = {"k_pm": 0.6, "k_mp": 0.01, "s_m": 0.005, "mu_m": 0.002, "k_pg": 0.3, "p_inf": 20.0, "k_pn": 1.8,
            "k_np": 0.1, "k_nn": 0.01, "s_nr": 0.08, "mu_nr": 0.12, "mu_n": 0.05, "k_nd": 0.02, "k_dn": 0.35,
            "x_dn": 0.06, "mu_d": 0.02, "c_inf": 0.28, "s_c": 0.0125, "k_cn": 0.04, "k_cnd": 48.0, "mu_c": 0.1}
    assert set(sbml) == set(PARAMETER_NAMES)
    for name, v in sbml.items():
        assert rey.DEFAULT_PARAMETERS[name].value == v, name
        assert rey.DEFAULT_PARAMETERS[name].source == "reynolds2006"
    assert rey.INITIAL_STATE == {"N": 0.0, "D": 0.0, "CA": 0.125}


def test_parameter_table() -> None:
    table = rey.parameter_table()
    assert list(table.index) == list(PARAMETER_NAMES)
    assert table.loc["mu_c", "unit"] == "per h"
    assert table["locator"].str.contains("Table 1").all()


def test_derived_thresholds_of_the_paper() -> None:
    p = {n: q.value for n, q in rey.DEFAULT_PARAMETERS.items()}
    # Section 2.1: health is stable for k_pg < k_pm s_m / mu_m = 1.5 per h.
    assert p["k_pm"] * p["s_m"] / p["mu_m"] == pytest.approx(value("reynolds2006_k_pg_health_transcritical_per_h"))
    # Section 2.1: the M/P subsystem is bistable above k_pg = 0.059 per h.
    onset = 4 * p["k_mp"] * p["k_pm"] * p["s_m"] * p["p_inf"] / (p["p_inf"] * p["k_mp"] + p["mu_m"]) ** 2
    assert onset == pytest.approx(0.059, abs=5e-4)
    # The health state is (0, 0, 0, s_c / mu_c).
    assert p["s_c"] / p["mu_c"] == pytest.approx(rey.INITIAL_STATE["CA"])


def test_health_is_a_fixed_point() -> None:
    res = simulate(pathogen0=0.0, t_end_h=100.0)
    for s in rey.STATES:
        assert np.allclose(res.state(s), res.state(s)[0])
    assert res.final == {"P": 0.0, "N": 0.0, "D": 0.0, "CA": pytest.approx(0.125)}
    assert classify_outcome(res) == "health"


def test_jacobian_matches_finite_differences() -> None:
    p = {n: q.value for n, q in rey.DEFAULT_PARAMETERS.items()}
    rhs, jac = rey._system(p)
    rng = np.random.default_rng(5)
    for _ in range(5):
        y = rng.uniform([0.1, 0.05, 0.5, 0.1], [5.0, 1.0, 15.0, 0.6])
        numeric = np.empty((4, 4))
        for j in range(4):
            h = 1e-6 * max(1.0, abs(y[j]))
            up, down = y.copy(), y.copy()
            up[j] += h
            down[j] -= h
            numeric[:, j] = (np.array(rhs(0, up)) - np.array(rhs(0, down))) / (2 * h)
        assert np.allclose(jac(0, y), numeric, rtol=1e-5, atol=1e-8)


# --- the three outcomes of Fig. 5 ------------------------------------------------------


@pytest.mark.parametrize("name", OUTCOMES)
def test_fig5_scenarios_reach_the_published_outcome(name: str) -> None:
    assert classify_outcome(scenario(name)) == name


def test_fig5a_health_course() -> None:
    r = scenario("health", t_end_h=200.0)
    # Fig. 5a: P gone by about 50 h; N* peaks near 0.19 at about 30 h; D peaks near
    # 3.5 at 30-40 h and is nearly resolved by 200 h; C_A rises to about 0.5 and is
    # still about 0.45 at 200 h (it returns to baseline last).
    assert r.P[50] < 1e-3
    i = int(r.N.argmax())
    assert r.N[i] == pytest.approx(0.19, rel=0.1) and 25 <= r.t_h[i] <= 40
    j = int(r.D.argmax())
    assert r.D[j] == pytest.approx(3.5, rel=0.1) and 25 <= r.t_h[j] <= 45
    assert r.D[-1] < 0.1 * r.D[j]
    assert r.CA.max() == pytest.approx(0.5, rel=0.1)
    assert r.CA[-1] == pytest.approx(0.45, rel=0.05)


def test_fig5b_aseptic_course() -> None:
    r = scenario("aseptic death", t_end_h=200.0)
    # Fig. 5b: P cleared by about 50 h; N* about 0.3 at 50 h and about 0.6 at 200 h;
    # D about 17 at 200 h; C_A about 0.5.
    assert r.P[50] < 1e-3
    assert r.N[50] == pytest.approx(0.3, rel=0.2)
    assert r.N[-1] == pytest.approx(0.6, rel=0.1)
    assert r.D[-1] == pytest.approx(17.0, rel=0.05)
    assert r.CA[-1] == pytest.approx(0.5, rel=0.1)


def test_fig5c_septic_course() -> None:
    r = scenario("septic death", t_end_h=200.0)
    # Fig. 5c: P peaks near 7.8 at about 15 h and settles near 5; N* about 0.98;
    # D about 17.5 at 200 h.
    i = int(r.P.argmax())
    assert r.P[i] == pytest.approx(7.8, rel=0.05) and 10 <= r.t_h[i] <= 20
    assert r.P[-1] == pytest.approx(5.0, rel=0.05)
    assert r.N[-1] == pytest.approx(0.98, rel=0.03)
    assert r.D[-1] == pytest.approx(17.5, rel=0.05)


def test_initial_load_decides_between_health_and_aseptic_death() -> None:
    # Fig. 5a/5b: at k_pg = 0.3 per h a load of 1 heals and a load of 1.5 does not;
    # larger loads than the threshold all end in aseptic death (no septic state
    # exists below k_pg = 0.5137, Fig. 6).
    threshold = health_threshold_pathogen0(parameters={"k_pg": 0.3})
    assert 1.0 < threshold < 1.5
    assert outcome(pathogen0=0.99 * threshold) == "health"
    assert outcome(pathogen0=1.01 * threshold) == "aseptic death"
    for p0 in (2.0, 5.0, 20.0):
        assert outcome(pathogen0=p0) == "aseptic death"


def test_fig6_septic_death_needs_a_fast_pathogen() -> None:
    onset = value("reynolds2006_k_pg_septic_saddle_node_per_h")
    loads = np.geomspace(0.05, 20.0, 12)
    below = outcome_map(loads, [onset - 0.01])
    above = outcome_map(loads, [onset + 0.02])
    assert OUTCOMES.index("septic death") not in below
    assert OUTCOMES.index("septic death") in above


def test_fig6_health_unstable_above_transcritical() -> None:
    k = value("reynolds2006_k_pg_health_transcritical_per_h")
    assert outcome(pathogen0=1e-3, parameters={"k_pg": k - 0.05}) == "health"
    assert outcome(pathogen0=1e-3, parameters={"k_pg": k + 0.05}) == "septic death"


def test_fig6_aseptic_death_unstable_above_transcritical() -> None:
    k = value("reynolds2006_k_pg_aseptic_transcritical_per_h")
    a = scenario("aseptic death").final
    start = {"N0": a["N"], "D0": a["D"], "CA0": a["CA"]}
    assert outcome(pathogen0=1e-3, parameters={"k_pg": k - 0.03, **start}) == "aseptic death"
    assert outcome(pathogen0=1e-3, parameters={"k_pg": k + 0.03, **start}) == "septic death"


def test_threshold_load_falls_with_growth_rate() -> None:
    # Fig. 7 (curve "Dynamic"): the threshold between health and death falls as k_pg rises.
    thresholds = [health_threshold_pathogen0(parameters={"k_pg": k}) for k in (0.2, 0.4, 0.6, 0.8)]
    assert all(a > b for a, b in zip(thresholds, thresholds[1:]))


# --- anti-inflammation -----------------------------------------------------------------


def test_fig9_untreated_level_at_10_h() -> None:
    res = simulate(pathogen0=FIG9["pathogen0"], parameters=FIG9["parameters"], t_eval_h=[FIG9["at_h"]])
    assert res.CA[0] == pytest.approx(value("reynolds2006_fig9_ca_normal_ca_units"), abs=1e-3)
    assert classify_outcome(res) == "health"


@pytest.mark.parametrize(
    ("ca_level", "expected"),
    [(0.0, "aseptic death"), (0.12, "aseptic death"), (0.2, "aseptic death"), (0.24, "health"),
     (0.32, "health"), (0.36, "septic death"), (0.8, "septic death")],
)
def test_fig9_resetting_ca(ca_level: float, expected: str) -> None:
    # Fig. 9: depleting C_A to 0-0.2 gives aseptic death, 0.24 and 0.32 heal, and
    # raising it beyond 0.35 gives septic death.
    res = simulate_ca_reset(ca_level=ca_level, **FIG9)
    assert classify_outcome(res) == expected
    assert res.ca_reset == (FIG9["at_h"], ca_level)


def test_fig9_before_reset_is_untreated() -> None:
    t = np.arange(0.0, 30.0, 1.0)
    treated = simulate_ca_reset(ca_level=0.8, t_end_h=30.0, t_eval_h=t, **FIG9)
    untreated = simulate(pathogen0=FIG9["pathogen0"], parameters=FIG9["parameters"], t_end_h=30.0, t_eval_h=t)
    before = t < FIG9["at_h"]
    assert np.allclose(treated.CA[before], untreated.CA[before], rtol=1e-6)
    assert treated.CA[t == FIG9["at_h"]][0] == pytest.approx(0.8)


def test_fig8_initial_ca_shifts_the_threshold_at_low_growth_rate() -> None:
    # Fig. 8: at low k_pg, less initial C_A lowers the threshold load and more raises it.
    base = health_threshold_pathogen0(parameters={"k_pg": 0.3})
    low = health_threshold_pathogen0(parameters={"k_pg": 0.3, "CA0": 0.05})
    high = health_threshold_pathogen0(parameters={"k_pg": 0.3, "CA0": 0.2})
    assert low < base < high


def test_constant_anti_inflammatory_supply_rescues_then_harms() -> None:
    # The paper's message (Fig. 9, Discussion): modest anti-inflammation can turn
    # aseptic death into health; too much lets the pathogen win. Here with a larger
    # source s_c from the start, in the aseptic scenario.
    p0 = SCENARIOS["aseptic death"]["pathogen0"]
    assert outcome(pathogen0=p0) == "aseptic death"
    assert outcome(pathogen0=p0, parameters={"s_c": 0.025}) == "health"
    assert outcome(pathogen0=p0, parameters={"s_c": 0.1}) == "septic death"


# --- general properties ----------------------------------------------------------------


@pytest.mark.parametrize(("p0", "k_pg"), [(0.1, 0.3), (1.0, 0.3), (1.5, 0.3), (1.0, 0.6), (20.0, 2.0), (5.0, 0.05)])
def test_states_stay_non_negative(p0: float, k_pg: float) -> None:
    res = simulate(pathogen0=p0, parameters={"k_pg": k_pg})
    for s in rey.STATES:
        assert res.state(s).min() >= 0.0
    assert res.P.max() <= rey.DEFAULT_PARAMETERS["p_inf"].value * (1 + 1e-9)


def test_outcome_robust_to_longer_runs() -> None:
    loads, rates = [0.2, 0.8, 1.2, 3.0], [0.1, 0.4, 0.7, 1.2]
    assert np.array_equal(outcome_map(loads, rates), outcome_map(loads, rates, t_end_h=1000.0))


def test_result_shape_and_frame() -> None:
    res = simulate(pathogen0=1.0, t_end_h=48.0, t_eval_h=[0.0, 12.0, 24.0])
    assert res.t_h.tolist() == [0.0, 12.0, 24.0]
    assert res.t_end_h == 48.0
    full = simulate(pathogen0=1.0, t_end_h=48.0)
    assert full.t_h.size == 49 and full.t_h[-1] == 48.0
    assert res.final["D"] == pytest.approx(full.D[-1], rel=1e-6)
    frame = res.to_frame()
    assert isinstance(frame, pd.DataFrame) and frame.index.name == "t_h"
    assert frame.loc[0.0, "P"] == pytest.approx(1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.pathogen0 = 2.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        res.P[0] = 5.0
    with pytest.raises(TypeError):
        res.final["P"] = 1.0  # type: ignore[index]
    assert res.parameters["k_pg"] == 0.3 and res.parameters["CA0"] == 0.125
    assert res.outcome == classify_outcome(res)


def test_parameters_override_by_paper_name() -> None:
    res = simulate(pathogen0=1.0, parameters={"k_pg": 0.6, "CA0": 0.2}, t_eval_h=[0.0])
    assert res.parameters["k_pg"] == 0.6 and res.CA[0] == pytest.approx(0.2)
    assert rey.DEFAULT_PARAMETERS["k_pg"].value == 0.3  # defaults untouched


# --- bad inputs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pathogen0": -1.0}, "pathogen0 must be in"),
        ({"pathogen0": float("nan")}, "pathogen0 must be in"),
        ({"pathogen0": "lots"}, "pathogen0 must be a number"),
        ({"t_end_h": 0.0}, "t_end_h must be in"),
        ({"t_end_h": math.inf}, "t_end_h must be in"),
        ({"parameters": {"k_pg": -0.1}}, "parameters\\['k_pg'\\] must be in"),
        ({"parameters": {"c_inf": 0.0}}, "parameters\\['c_inf'\\] must be in \\(0"),
        ({"parameters": {"CA0": -0.1}}, "parameters\\['CA0'\\] must be in"),
        ({"t_eval_h": [0.0, 600.0]}, "t_eval_h must lie in"),
        ({"t_eval_h": [5.0, 1.0]}, "strictly increasing"),
        ({"t_eval_h": []}, "non-empty"),
        ({"t_eval_h": [[0.0, 1.0]]}, "1-D"),
    ],
)
def test_bad_inputs_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        simulate(**kwargs)


def test_unknown_parameter_suggests_names() -> None:
    with pytest.raises(KeyError, match="did you mean 'k_pg'"):
        simulate(parameters={"kpg": 0.5})
    with pytest.raises(TypeError, match="mapping"):
        simulate(parameters=[("k_pg", 0.5)])  # type: ignore[arg-type]


def test_positional_arguments_are_refused() -> None:
    with pytest.raises(TypeError):
        simulate(1.0)  # type: ignore[call-arg]


def test_bad_reset_and_classify_inputs() -> None:
    with pytest.raises(ValueError, match="at_h must be in"):
        simulate_ca_reset(pathogen0=1.0, ca_level=0.2, at_h=600.0)
    with pytest.raises(ValueError, match="ca_level must be in"):
        simulate_ca_reset(pathogen0=1.0, ca_level=-0.2)
    with pytest.raises(TypeError, match="Reynolds2006Result"):
        classify_outcome({"P": 0.0})  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="unknown state"):
        simulate(pathogen0=1.0, t_eval_h=[0.0]).state("Nstar")
    with pytest.raises(ValueError, match="high must be in"):
        health_threshold_pathogen0(high=0.0)


def test_threshold_edge_cases() -> None:
    # Above k_pg = 1.5 health is unstable, so every load fails; for a very slow pathogen
    # large loads still overwhelm the response, so the threshold stays finite; a search
    # that stops below the threshold reports infinity.
    assert health_threshold_pathogen0(parameters={"k_pg": 1.6}) == 0.0
    assert math.isfinite(health_threshold_pathogen0(parameters={"k_pg": 0.05}))
    assert health_threshold_pathogen0(parameters={"k_pg": 0.3}, high=0.5) == math.inf
