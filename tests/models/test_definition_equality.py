"""The models rebuilt on their definitions give what the hand-written ones gave.

``fixtures/pre_definition_outputs.json`` holds the outputs of the hand-written right-hand
sides and Jacobians of :mod:`widgets.models.raia2011` and
:mod:`widgets.models.reynolds2006`, recorded at commit db16f9b before the models were
rebuilt on ``widgets/data/models/*.yml`` (``fixtures/record_pre_definition_outputs.py``).
Same solver, same tolerances: the states must agree to far better than the solver's
own error.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from widgets.models import raia2011, reynolds2006

FIXTURES = json.loads((Path(__file__).parent / "fixtures" / "pre_definition_outputs.json").read_text())
RTOL, ATOL = 1e-7, 1e-9


def _case_id(case: dict) -> str:
    return ",".join(f"{k}={v}" for k, v in case["kwargs"].items())


@pytest.mark.parametrize("case", FIXTURES["raia2011"], ids=_case_id)
def test_raia_equals_the_hand_written_model(case: dict) -> None:
    res = raia2011.simulate(t_min=case["t_min"], **case["kwargs"])
    expected = np.array(case["concentrations_nM"]).reshape(len(case["t_min"]), len(raia2011.SPECIES))
    np.testing.assert_allclose(res.concentrations_nM, expected, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", FIXTURES["reynolds2006"], ids=lambda c: f"{c['function']}:{_case_id(c)}")
def test_reynolds_equals_the_hand_written_model(case: dict) -> None:
    run = getattr(reynolds2006, case["function"])(t_eval_h=case["t_h"], **case["kwargs"])
    for state in reynolds2006.STATES:
        np.testing.assert_allclose(run.state(state), case["states"][state], rtol=RTOL, atol=ATOL, err_msg=state)
        assert run.final[state] == pytest.approx(case["final"][state], rel=RTOL, abs=ATOL)


def test_reynolds_outcome_map_and_threshold_are_unchanged() -> None:
    grid = FIXTURES["reynolds2006_outcome_map"]
    assert reynolds2006.outcome_map(grid["pathogen0"], grid["k_pg"]).tolist() == grid["outcomes"]
    assert reynolds2006.health_threshold_pathogen0() == pytest.approx(
        FIXTURES["reynolds2006_health_threshold_pathogen0"], rel=1e-9)
