"""The browser engine (live_assets/engine.js), run in Node, against scipy on the same definitions.

For every live model, a grid of parameter sets is integrated by the JavaScript Rodas3
integrator (at the tolerances the explorers use) and by scipy (LSODA with the analytic
Jacobian, tight tolerances). Every species at every output time must agree to a relative
error below 1e-4: |js - scipy| <= 1e-4 (|scipy| + floor), where the floor of a species is
0.1 % of its largest value or 10^6 times the integrator's absolute tolerance (1e-3 in
the species units of the Raia and Reynolds models, 1e-6 µg in the dosing model),
whichever is larger: below the floor the integrator controls absolute, not relative,
errors, and the values are far below what a plot shows. The Raia model must also reproduce the 205 points of the
PEtab benchmark's reference simulation to below 1e-3.
"""

from __future__ import annotations

import importlib.util
import io
import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from widgets.explorers.inflammation import reynolds_live_explorer
from widgets.explorers.live import ASSETS, DEFAULT_TOLERANCES, module_source
from widgets.explorers.near_far import dose_live_explorer
from widgets.explorers.signalling import raia_live_explorer
from widgets.models import raia2011, reynolds2006
from widgets.models.definitions import load

HERE = Path(__file__).resolve().parent
RELATIVE, FLOOR = 1e-4, 1e-3


@pytest.fixture(scope="module")
def node(tmp_path_factory) -> object:
    executable = shutil.which("node")
    if executable is None:
        pytest.fail("Node.js is not installed (it is needed for `make setup` too)", pytrace=False)
    folder = tmp_path_factory.mktemp("engine")
    (folder / "engine.mjs").write_text((ASSETS / "engine.js").read_text(encoding="utf-8"), encoding="utf-8")

    def run(definition: dict, cases: list[dict], options: dict | None = None) -> list[dict]:
        payload = json.dumps({"definition": definition, "cases": cases, "options": options or {}})
        proc = subprocess.run([executable, str(HERE / "live_runner.mjs"), str(folder / "engine.mjs")], input=payload,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    return run


def agreement(js_states: np.ndarray, py_states: np.ndarray, atol: float) -> float:
    floor = np.maximum(FLOOR * np.max(np.abs(py_states), axis=0), 1e6 * atol)
    return float(np.max(np.abs(js_states - py_states) / (np.abs(py_states) + floor)))


def compare(node, name: str, cases: list[dict], t: np.ndarray, tolerances: dict | None = None) -> list[float]:
    model = load(name)
    tolerances = tolerances or dict(DEFAULT_TOLERANCES)
    results = node(model.to_browser(), [{"values": c["values"], "times": t.tolist(), "resets": c.get("resets", [])}
                                        for c in cases], tolerances)
    errors = []
    for case, result in zip(cases, results):
        resets = [(r["time"], r["set"]) for r in case.get("resets", [])]
        reference = model.simulate(t, case["values"], resets=resets, rtol=1e-11, atol=1e-13)
        js = np.array(result["states"]).reshape(t.size, len(model.species))
        errors.append(agreement(js, reference.states, tolerances["atol"]))
    return errors


def test_raia_agrees_with_scipy_on_a_grid(node) -> None:
    brake = raia2011.DEFAULT_PARAMETERS["JAK2_p_inhibition"].value
    decay = raia2011.DEFAULT_PARAMETERS["SOCS3_degradation"].value
    cases = [{"values": {"il13_dose": d, "socs3_feedback": fb, "jak2_inhibition": f}}
             for d in (0.1, 1.0, 4.0, 20.0, 100.0) for fb in (1.0, 0.0) for f in (0.0, 0.5, 0.95)]
    cases += [{"values": {"il13_dose": 20.0, "JAK2_p_inhibition": brake * k, "SOCS3_degradation": decay * j}}
              for k in (0.1, 10.0) for j in (0.1, 10.0)]
    errors = compare(node, "raia2011", cases, raia2011.TIME_COURSE_MIN)
    assert max(errors) < RELATIVE, {json.dumps(c["values"]): e for c, e in zip(cases, errors) if e >= RELATIVE}


def test_reynolds_agrees_with_scipy_on_a_grid(node) -> None:
    s_c = reynolds2006.DEFAULT_PARAMETERS["s_c"].value
    # loads and rates away from the thresholds between outcomes, where any error changes the outcome
    cases: list[dict[str, Any]] = [{"values": {"pathogen0": p, "k_pg": k, "s_c": s}}
             for p in (0.1, 0.5, 1.0, 1.5, 3.0, 10.0) for k in (0.05, 0.3, 0.6, 1.2) for s in (s_c, 2 * s_c)]
    cases += [{"values": {"pathogen0": 0.36, "k_pg": 0.6}, "resets": [{"time": 10.0, "set": {"CA": level}}]}
              for level in (0.1, 0.303, 0.5)]
    t = np.linspace(0.0, 500.0, 1001)
    model = load("reynolds2006")
    results = node(model.to_browser(), [{"values": c["values"], "times": t.tolist(), "resets": c.get("resets", [])}
                                        for c in cases], dict(DEFAULT_TOLERANCES))
    bad = {}
    for case, result in zip(cases, results):
        resets = [(r["time"], r["set"]) for r in case.get("resets", [])]
        reference = model.simulate(t, case["values"], resets=resets, rtol=1e-11, atol=1e-13)
        js = np.array(result["states"]).reshape(t.size, 4)
        error = agreement(js, reference.states, DEFAULT_TOLERANCES["atol"])
        if error >= RELATIVE:
            bad[json.dumps(case)] = error
    assert not bad, bad


def test_pharmacokinetics_agrees_with_scipy_on_a_grid(node) -> None:
    cases = [{"values": {"dose_ug": d, "elimination_half_life_h": h, "subcutaneous": sc, "absorption_half_life_h": a,
                         "central_volume_L": 3.0}}
             for d in (0.611, 61.1, 6110.0) for h in (0.25, 85 / 60, 18.2, 100.0)
             for sc in (0.0, 1.0) for a in (0.25, 2.2, 48.0) if sc or a == 2.2]
    cases.append({"values": {"k12_per_h": 1.2, "k21_per_h": 0.8, "dose_ug": 500.0}})
    t = np.linspace(0.0, 48.0, 481)
    errors = compare(node, "pharmacokinetics", cases, t, {"rtol": 1e-6, "atol": 1e-12})
    assert max(errors) < RELATIVE, {json.dumps(c["values"]): e for c, e in zip(cases, errors) if e >= RELATIVE}


def _raia_reference() -> pd.DataFrame:
    spec = importlib.util.spec_from_file_location("raia_tests", HERE.parent / "models" / "test_raia2011.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return pd.read_csv(io.StringIO(module.REFERENCE_TSV), sep="\t")


def test_raia_in_the_browser_engine_reproduces_the_benchmark_reference(node) -> None:
    reference = _raia_reference()
    assert len(reference) == 205
    model = load("raia2011")
    levels = sorted(reference.il13_level.unique())
    times = sorted(reference.time_min.unique())
    results = node(model.to_browser(), [{"values": {"il13_dose": float(level)}, "times": [float(x) for x in times]}
                                        for level in levels], dict(DEFAULT_TOLERANCES))
    worst = 0.0
    for level, result in zip(levels, results):
        rows = reference[reference.il13_level == level]
        for row in rows.itertuples():
            value = result["observables"][row.observable][times.index(row.time_min)]
            expected = row.value
            error = abs(value - expected) / abs(expected) if expected else abs(value)
            where = (level, row.time_min, row.observable, value, expected)
            assert error < 1e-3 if expected else abs(value) < 1e-9, where
            worst = max(worst, error)
    assert worst < 1e-3


def test_the_engine_is_order_three_and_l_stable(node) -> None:
    """Rodas3 on y' = -y^3 (exact 1/sqrt(1 + 2t)): the error falls with the tolerance and the
    steps grow like tol^(-1/3); on y' = -1e8 (y - 1) one step of any size lands on the steady
    state (L-stability: the stiff mode is damped, not reflected)."""
    definition = {"name": "t", "time_unit": "s", "constants": [{"name": "k", "value": 1.0, "unit": "1/s"}],
                  "species": [{"name": "y", "unit": "1", "initial": 1.0}], "helpers": [],
                  "odes": [["neg", ["*", "k", ["^", "y", 3.0]]]],
                  "jacobian": [[0, 0, ["neg", ["*", 3.0, ["*", "k", ["^", "y", 2.0]]]]]], "observables": []}
    errors, steps = [], []
    for rtol in (1e-4, 1e-5, 1e-6, 1e-7):
        (result,) = node(definition, [{"values": {}, "times": [10.0]}], {"rtol": rtol, "atol": 1e-14})
        errors.append(abs(result["states"][0] - 1 / math.sqrt(21.0)))
        steps.append(result["stats"]["steps"])
    assert all(b < a for a, b in zip(errors, errors[1:])), errors
    # order 3: the number of steps grows like tol^(-1/3), about 2.15 times per decade
    growth = [b / a for a, b in zip(steps, steps[1:])]
    assert all(1.6 < g < 2.8 for g in growth), (steps, growth)
    stiff = {**definition, "odes": [["neg", ["*", "k", ["-", "y", 1.0]]]], "jacobian": [[0, 0, ["neg", "k"]]],
             "constants": [{"name": "k", "value": 1e8, "unit": "1/s"}]}
    (result,) = node(stiff, [{"values": {}, "times": [1.0]}], {"rtol": 1e-6, "atol": 1e-12, "h0": 1.0})
    assert math.isclose(result["states"][0], 1.0, rel_tol=1e-9)
    assert result["stats"]["rejected"] == 0 and result["stats"]["steps"] == 1


def test_the_expression_compiler_refuses_anything_but_the_language(node, tmp_path) -> None:
    script = tmp_path / "check.mjs"
    script.write_text(
        f'import {{ compileExpression }} from "{(tmp_path / "engine.mjs").as_uri()}";\n'
        "const bad = [['call', 'eval', 'x'], ['call', 'constructor', 'x'], ['%', 1, 2], {op: '+'}, ['call', 'exp'],\n"
        "  'toString', '__proto__', Infinity, ['neg'], ['+', 'x'], null];\n"
        "const refused = bad.map((t) => {\n"
        "  try { compileExpression(t, ['x']); return false; } catch (e) { return true; } });\n"
        "const f = compileExpression(['+', ['call', 'max', 'x', 2], ['^', 'x', 3]], ['x']);\n"
        "console.log(JSON.stringify({ refused, value: f({ x: 2 }) }));\n", encoding="utf-8")
    (tmp_path / "engine.mjs").write_text((ASSETS / "engine.js").read_text(encoding="utf-8"), encoding="utf-8")
    out = json.loads(subprocess.run([shutil.which("node") or "node", str(script)], capture_output=True, text=True,
                                    check=True).stdout)
    assert all(out["refused"]), out
    assert out["value"] == 10.0


def test_the_anywidget_module_parses_and_formats_like_python(tmp_path) -> None:
    module = tmp_path / "live.mjs"
    module.write_text(module_source(), encoding="utf-8")
    script = tmp_path / "format.mjs"
    numbers = [0.0, 98.929, 53.0, 1234.5, 0.0125, 1.29e-9, 3.0e-4, 2.5e5, -0.5, 100.0, 0.001, 1e-3 * 0.999]
    script.write_text(f'import {{ formatNumber }} from "{module.as_uri()}";\n'
                      f"console.log(JSON.stringify({json.dumps(numbers)}.map((x) => formatNumber(x))));\n",
                      encoding="utf-8")
    out = json.loads(subprocess.run([shutil.which("node") or "node", str(script)], capture_output=True, text=True,
                                    check=True).stdout)
    from widgets.explorers.live import _format

    assert out == [_format(x) for x in numbers]


@pytest.mark.parametrize("factory", [raia_live_explorer, reynolds_live_explorer, dose_live_explorer])
def test_the_page_summary_numbers_match_python(node, factory) -> None:
    """What the explorers' summaries compute from the JavaScript run equals the scipy numbers."""
    explorer = factory()
    t = explorer.time.times
    values = {k: v for k, v in explorer.defaults.items() if k in explorer.model.constants}
    (result,) = node(explorer.definition, [{"values": values, "times": t.tolist()}], explorer.spec["tolerances"])
    _t, python_obs, _final = explorer.simulate()
    for item in explorer.spec["summary"]:
        if item["kind"] == "peak":
            js = np.array(result["observables"][item["observable"]])
            py = python_obs[item["observable"]]
            assert t[int(np.argmax(js))] == t[int(np.argmax(py))]
            assert js.max() == pytest.approx(py.max(), rel=1e-4)
