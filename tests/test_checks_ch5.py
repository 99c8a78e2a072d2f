"""The Chapter 5 exercise checks: the solutions' own answers pass, typical wrong answers do not.

Each "solution" below is computed the way the chapter's solution cell computes it (with
the package's public functions), not typed in.
"""

from __future__ import annotations

import pytest

from widgets.checks import check, labels
from widgets.checks.ch5 import BLOCK_AMPLIFICATION_PER_H, THRESHOLD_K_PG_PER_H
from widgets.models import reynolds2006 as rey
from widgets.models import serum, storm
from widgets.parameters import value

LABELS = ["ex-ch5-threshold", "ex-ch5-block", "ex-ch5-clearance", "ex-ch5-il6", "ex-ch5-recovery"]


def test_every_chapter_5_check_is_registered() -> None:
    assert set(LABELS) <= set(labels())


def _threshold_by_bisection() -> float:
    """The solution's own bisection, as in the chapter."""
    low, high = 1.0, 1.5
    while high - low > 0.002:
        mid = (low + high) / 2
        res = rey.simulate(pathogen0=mid, parameters={"k_pg": THRESHOLD_K_PG_PER_H})
        low, high = (mid, high) if rey.classify_outcome(res) == "health" else (low, mid)
    return high


def _block_by_window() -> float:
    v_down, _ = storm.bistable_window()
    return 1 - v_down / BLOCK_AMPLIFICATION_PER_H


def _recovery_by_hand() -> list[float]:
    toci = 100 * value("recovery_tocilizumab_deaths_count") / value("recovery_tocilizumab_patients_count")
    usual = (100 * value("recovery_tocilizumab_control_deaths_count")
             / value("recovery_tocilizumab_control_patients_count"))
    return [usual - toci, 100 / (usual - toci)]


def test_solutions_pass() -> None:
    assert check("ex-ch5-threshold", _threshold_by_bisection()).status == "right"
    assert check("ex-ch5-threshold", round(_threshold_by_bisection(), 2)).status == "right"
    assert check("ex-ch5-block", _block_by_window()).status == "right"
    assert check("ex-ch5-block", round(_block_by_window(), 2)).status == "right"
    window = storm.bistable_window(extra_clearance_per_h=1.0)
    assert check("ex-ch5-clearance", [round(x, 1) for x in window]).status == "right"
    table = serum.summary("IL-6")
    healthy = table.loc["healthy adults", "mean"]
    ratios = [table.loc[c, "mean"] / healthy for c in ("severe or critical COVID-19", "sepsis",
                                                       "cytokine release syndrome (CAR-T)")]
    assert check("ex-ch5-il6", ratios).status == "right"
    assert check("ex-ch5-il6", [round(r) for r in ratios]).status == "right"
    assert check("ex-ch5-recovery", _recovery_by_hand()).status == "right"
    assert check("ex-ch5-recovery", [4.1, 24]).status == "right"


@pytest.mark.parametrize(
    ("label", "answer"),
    [
        ("ex-ch5-threshold", 1.5),    # the paper's aseptic scenario, not the threshold
        ("ex-ch5-threshold", 1.0),    # the healthy scenario
        ("ex-ch5-threshold", 0.5137),  # the growth rate of the saddle node, not a load
        ("ex-ch5-block", 0.475),      # the block needed at V = 3, not V = 4
        ("ex-ch5-block", 60.7),       # a percentage instead of a fraction
        ("ex-ch5-block", 0.393),      # V_down / V instead of 1 - V_down / V
        ("ex-ch5-clearance", [1.574, 3.806]),  # the window without extra clearance
        ("ex-ch5-clearance", [29.73, 3.473]),  # the two ends swapped
        ("ex-ch5-il6", [36.7, 983.6, 3110.5]),  # the levels, not the ratios
        ("ex-ch5-il6", [0.14, 0.0053, 0.0017]),  # healthy divided by disease
        ("ex-ch5-recovery", [0.041, 24.4]),  # a proportion instead of percentage points
        ("ex-ch5-recovery", [4.1, 100 / 30.7]),  # 100 / risk instead of 100 / risk difference
    ],
)
def test_typical_wrong_answers_fail(label: str, answer: object) -> None:
    assert check(label, answer).status != "right"
