"""The Chapter 3 exercise checks accept the solutions' answers and reject typical mistakes."""

from __future__ import annotations

from typing import Any

from check_answers import answer_tests

from widgets.checks import check

# The solution's answers as the chapter states them (rounded as a student would copy them).
SOLUTIONS: dict[str, Any] = {
    "ex-ch3-jak3": 22,
    "ex-ch3-kinetics": [60.8, 2.75, 0.710],
    "ex-ch3-depletion": [0.498, 0.479, 0.319, 0.0566],
    "ex-ch3-ec50": [14.5, 2.96, 1.42],
    "ex-ch3-jakinh": [0.81, 0.926, 0.965],
    "ex-ch3-socs3": [0.866, 1.0],
    "ex-ch3-decoy": [89.1, 89.1, 89.1, 4.01, 5.87, 22.61],
    "ex-ch3-il12rb1": ["IL-12", "IL-23"],
    "ex-ch3-ruxolitinib": ["erythropoietin", "thrombopoietin", "G-CSF", "IL-3", "IL-5", "GM-CSF"],
}

MISTAKES: dict[str, list] = {
    # complexes counted instead of cytokines (OSM has two JAK2 receptors); the JAK3 complexes counted
    "ex-ch3-jak3": [23, 7],
    # half-lives swapped; k_off taken as K_D / k_on (pM not converted): wildly off
    "ex-ch3-kinetics": [[2.75, 60.8, 0.710], [60.8, 2.75, 0.29]],
    # depletion ignored: 0.5 everywhere
    "ex-ch3-depletion": [[0.5, 0.5, 0.5, 0.5]],
    # the same EC50 at every time
    "ex-ch3-ec50": [[2.96, 2.96, 2.96]],
    # percent instead of fraction; the same value at every dose
    "ex-ch3-jakinh": [[81, 93, 97], [0.81, 0.81, 0.81]],
    # the two cases swapped
    "ex-ch3-socs3": [[1.0, 0.866]],
    # the decoy assumed to take IL-13 from the signalling receptor (pSTAT5 falls); the cell-bound
    # IL-13 taken as unchanged; read at 120 minutes instead of 30; pairs interleaved per scale
    "ex-ch3-decoy": [[89.1, 80.0, 45.0, 4.01, 5.87, 22.61], [89.1, 89.1, 89.1, 4.01, 4.01, 4.01],
                     [86.0, 86.0, 86.0, 3.84, 5.71, 22.55], [89.1, 4.01, 89.1, 5.87, 89.1, 22.61]],
    # IL-12Rβ1 is not in the IL-27 or IL-35 receptor
    "ex-ch3-il12rb1": [["IL-12", "IL-23", "IL-27"], ["IL-12"]],
    # M-CSF and SCF use receptor tyrosine kinases, not JAK2
    "ex-ch3-ruxolitinib": [SOLUTIONS["ex-ch3-ruxolitinib"] + ["M-CSF"], ["erythropoietin", "thrombopoietin"]],
}


test_solution_answer_is_right, test_typical_mistake_is_not_right = answer_tests(SOLUTIONS, MISTAKES)


def test_placeholder_answers_are_not_right() -> None:
    assert check("ex-ch3-kinetics", [0.0, 0.0, 0.0]).status == "wrong"
    assert check("ex-ch3-il12rb1", ["..."]).status == "wrong"
