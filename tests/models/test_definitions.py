"""Model definitions as data: checking, the Jacobian, the browser export, and the PK definition."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import pytest

from widgets.models import definitions, expressions
from widgets.models.definitions import from_mapping, load
from widgets.models.pharmacokinetics import TwoCompartmentModel, one_compartment_ng_per_ml, two_compartment_ng_per_ml

MINIMAL: dict[str, Any] = {
    "name": "toy",
    "title": "A made-up binding model for tests",
    "time_unit": "min",
    "parameters": {"k_on": {"value": 0.1, "unit": "nM^-1 min^-1", "source": "made up", "description": "binding"}},
    "inputs": {"L": {"value": 2.0, "unit": "nM", "description": "ligand"}},
    "species": {"R": {"initial": 1, "unit": "nM"}, "C": {"initial": 0, "unit": "nM"}},
    "helpers": {"v": "k_on * L * R"},
    "odes": {"R": "-v", "C": "v"},
    "observables": {"bound": {"expression": "C / (R + C)", "unit": "dimensionless"}},
}


def edited(**changes: object) -> dict:
    data = copy.deepcopy(MINIMAL)
    for path, value in changes.items():
        keys = path.split("__")
        node: Any = data
        for key in keys[:-1]:
            node = node[key]
        if value is None:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
    return data


def test_the_minimal_definition_runs() -> None:
    m = from_mapping(MINIMAL)
    run = m.simulate([0.0, 5.0])
    assert run.states[-1, 0] == pytest.approx(math.exp(-0.2 * 5.0), rel=1e-7)
    assert m.observe("bound", run.states)[-1] == pytest.approx(1 - math.exp(-1.0), rel=1e-7)
    assert m.inputs["L"].source.startswith("setting")


@pytest.mark.parametrize("changes, message", [
    ({"species__R__unit": None}, "species 'R': missing 'unit'"),
    ({"parameters__k_on__unit": None}, "parameter 'k_on': missing 'unit'"),
    ({"parameters__k_on__source": None}, "parameter 'k_on': missing 'source'"),
    ({"parameters__k_on__value": "fast"}, "'value' must be a number"),
    ({"parameters__k_on__value": float("nan")}, "'value' must be finite"),
    ({"inputs__L__unit": ""}, "input 'L': missing 'unit'"),
    ({"observables__bound__unit": None}, "observable 'bound': missing 'unit'"),
    ({"helpers__v": "k_onn * L * R"}, "helper 'v': unknown name 'k_onn' (did you mean 'k_on'?)"),
    ({"odes__C": "v + w"}, "ode of 'C': unknown name 'w'"),
    ({"odes__C": "v +"}, "ode of 'C': expression 'v +': ends too early"),
    ({"odes__C": None}, "species 'C' has no equation"),
    ({"odes__X": "1"}, "odes: 'X' is not a species"),
    ({"helpers": {"a": "b", "b": "R"}}, "helper 'a': uses helper 'b' before it is defined"),
    ({"species__C__initial": "R"}, "'R' is not a parameter or input"),
    ({"species__L": {"initial": 0, "unit": "nM"}}, "species 'L': the name is already used by an input"),
    ({"inputs__exp": {"value": 1, "unit": "nM", "description": "x"}}, "the name of a function cannot be used"),
    ({"inputs__L__colour": "red"}, "unknown key(s) 'colour'"),
    ({"extra": 1}, "unknown key(s) 'extra'"),
    ({"time_unit": None}, "missing 'time_unit'"),
    ({"species": {}}, "at least one species"),
    ({"parameters__k_on": {"table": "no_such_row_nM"}}, "unknown parameter 'no_such_row_nM'"),
    ({"parameters__k_on": {"table": "tnf_tnfr1_kd_pM", "unit": "pM"}}, "give nothing else"),
    ({"observables__bound__expression": "import os"}, "unexpected 'os'"),
    ({"name": "not a name"}, "must be an identifier"),
])
def test_mistakes_are_refused_with_clear_errors(changes: dict, message: str) -> None:
    with pytest.raises(ValueError) as info:
        from_mapping(edited(**changes))
    assert message in str(info.value)


def test_a_table_row_brings_its_provenance() -> None:
    m = from_mapping(edited(parameters__k_on={"table": "tnf_tnfr1_kd_pM"}))
    assert m.parameters["k_on"].source == "grell1998" and m.parameters["k_on"].unit == "pM"


def test_values_are_checked() -> None:
    m = from_mapping(MINIMAL)
    with pytest.raises(KeyError, match="k_onn"):
        m.values({"k_onn": 1.0})
    with pytest.raises(ValueError, match="toy: L must be a finite number, got inf"):
        m.values({"L": math.inf})
    with pytest.raises(ValueError, match="toy: L must be a finite number, got 'high'"):
        m.values({"L": "high"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="strictly increasing"):
        m.simulate([1.0, 1.0])
    with pytest.raises(ValueError, match="inside"):
        m.simulate([-1.0, 1.0])
    with pytest.raises(KeyError, match="did you mean"):
        m.observe("bund", [[1.0, 0.0]])
    with pytest.raises(KeyError, match="raia2011"):
        load("raia2012")


@pytest.mark.parametrize("name", definitions.available())
def test_every_shipped_definition_loads_and_its_jacobian_is_right(name: str) -> None:
    m = load(name)
    rhs, jac = m.system()
    rng = np.random.default_rng(3)
    base = np.abs(m.initial_state()) + 0.5
    for _ in range(3):
        y = base * rng.uniform(0.5, 1.5, size=base.size)
        numeric = np.empty((y.size, y.size))
        for j in range(y.size):
            h = 1e-6 * max(1.0, abs(y[j]))
            up, down = y.copy(), y.copy()
            up[j] += h
            down[j] -= h
            numeric[:, j] = (rhs(0.0, up) - rhs(0.0, down)) / (2 * h)
        np.testing.assert_allclose(jac(0.0, y), numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", definitions.available())
def test_the_browser_export_holds_the_same_trees(name: str) -> None:
    m = load(name)
    data = m.to_browser()
    assert [s["name"] for s in data["species"]] == list(m.species_names)
    assert [expressions.from_json(e) for e in data["odes"]] == list(m.odes)
    assert len(data["jacobian"]) == len(m.jacobian())
    for (i, j, e), (bi, bj, be) in zip(m.jacobian(), data["jacobian"]):
        assert (i, j, e) == (bi, bj, expressions.from_json(be))
    assert {c["name"] for c in data["constants"]} == set(m.constants)
    assert all(p.unit for p in m.constants.values()) and all(s.unit for s in m.species)


# --- the pharmacokinetic definition against the closed forms ------------------------------

T_H = np.linspace(0.0, 48.0, 97)
PK = load("pharmacokinetics")


def _plasma(values: dict) -> np.ndarray:
    run = PK.simulate(T_H, values, rtol=1e-10, atol=1e-12)
    return PK.observe("plasma_ng_per_ml", run.states, values)


@pytest.mark.parametrize("absorption", [None, 2.2, 0.5])
def test_one_compartment_definition_equals_the_closed_form(absorption: float | None) -> None:
    values: dict[str, Any] = {"dose_ug": 61.1, "central_volume_L": 3.0, "elimination_half_life_h": 85 / 60,
              "subcutaneous": 0.0 if absorption is None else 1.0, "absorption_half_life_h": absorption or 1.0}
    expected = one_compartment_ng_per_ml(T_H, dose_ug=61.1, volume_L=3.0, half_life_h=85 / 60,
                                         absorption_half_life_h=absorption)
    np.testing.assert_allclose(_plasma(values), expected, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("absorption", [None, 3.0])
def test_two_compartment_definition_equals_the_closed_form(absorption: float | None) -> None:
    model = TwoCompartmentModel(3.0, 7.2, 3.0, 4.0)
    values = {"dose_ug": 500.0, "central_volume_L": 3.0, "elimination_half_life_h": math.log(2) / model.k10_per_h,
              "k12_per_h": model.k12_per_h, "k21_per_h": model.k21_per_h, "bioavailability": 0.7,
              "subcutaneous": 0.0 if absorption is None else 1.0, "absorption_half_life_h": absorption or 1.0}
    expected = two_compartment_ng_per_ml(T_H, dose_ug=500.0, model=model, absorption_half_life_h=absorption,
                                         bioavailability=0.7)
    np.testing.assert_allclose(_plasma(values), expected, rtol=1e-6, atol=1e-9)
