"""The Chapter 6 exercise checks accept the solutions' answers and refuse typical mistakes.

The "solution" answers below are computed the way each solution in the chapter computes them;
the wrong answers are the slips a student is likely to make.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from widgets import catalog
from widgets.checks import check, labels
from widgets.models import jak_coverage
from widgets.models.target_engagement import (
    antibody_for_free_fraction,
    neutralisation_time_h,
    steady_state_cytokine_pM,
)
from widgets.parameters import value

CH6 = ["ex-ch6-one-percent", "ex-ch6-interval", "ex-ch6-clearance", "ex-ch6-jak-spares", "ex-ch6-timeline"]


def test_every_chapter_6_check_is_registered() -> None:
    assert set(CH6) <= set(labels())


# --------------------------------------------------------------------------- ex-ch6-one-percent
def test_one_percent_solution_is_right() -> None:
    answer = [antibody_for_free_fraction(0.01, cytokine_pM=10, kd_pM=50),
              antibody_for_free_fraction(0.01, cytokine_pM=10, kd_pM=50, binding_sites=2)]
    assert check("ex-ch6-one-percent", answer).status == "right"
    # the excess-antibody rule (99 K_D, ignoring the cytokine) is close enough to count as right
    assert check("ex-ch6-one-percent", [99 * 50, 99 * 50 / 2]).status == "right"


@pytest.mark.parametrize("wrong", [
    [0.01 * 50, 0.01 * 50 / 2],     # K_D * f instead of K_D (1 - f) / f
    [9 * 50, 9 * 50 / 2],           # the 10 % answer
    [4959.9, 4959.9 * 2],           # doubled instead of halved for two sites
    [4.9599, 2.47995],              # nM typed as if pM
])
def test_one_percent_wrong_answers(wrong: list[float]) -> None:
    assert check("ex-ch6-one-percent", wrong).status != "right"


# --------------------------------------------------------------------------- ex-ch6-interval
def test_interval_solution_is_right() -> None:
    t_half_h = value("igg_half_life_days") * 24
    kw: dict[str, Any] = dict(cytokine_pM=10.0, kd_pM=50.0, target_free_fraction=0.01)
    answer = [neutralisation_time_h(2e5, half_life_h=t_half_h, **kw) / 24,
              neutralisation_time_h(4e5, half_life_h=t_half_h, **kw) / 24,
              neutralisation_time_h(2e5, half_life_h=7 * 24, **kw) / 24]
    assert check("ex-ch6-interval", answer).status == "right"
    # by hand: half-life x log2(peak / needed)
    needed = antibody_for_free_fraction(0.01, cytokine_pM=10, kd_pM=50)
    by_hand = [21 * math.log2(2e5 / needed), 21 * math.log2(4e5 / needed), 7 * math.log2(2e5 / needed)]
    assert check("ex-ch6-interval", by_hand).status == "right"


@pytest.mark.parametrize("wrong", [
    [21 * math.log(2e5 / 4959.9), 21 * math.log(4e5 / 4959.9), 7 * math.log(2e5 / 4959.9)],  # ln, not log2
    [112.0 * 24, 133.0 * 24, 37.3 * 24],  # hours, not days
    [112.0, 224.0, 37.3],                 # doubling the dose doubles the time
])
def test_interval_wrong_answers(wrong: list[float]) -> None:
    assert check("ex-ch6-interval", wrong).status != "right"


# --------------------------------------------------------------------------- ex-ch6-clearance
def test_clearance_solution_is_right() -> None:
    kw: dict[str, Any] = dict(nonspecific_clearance_per_h=0.25, receptor_clearance_per_h=0.75)
    base = steady_state_cytokine_pM(1.0, **kw)
    answer = [steady_state_cytokine_pM(1.0, receptor_free_fraction=f, **kw) / base for f in (0.1, 0.0)]
    assert check("ex-ch6-clearance", answer).status == "right"
    assert check("ex-ch6-clearance", [1 / (0.25 + 0.075), 4.0]).status == "right"


@pytest.mark.parametrize("wrong", [
    [1 / (0.25 + 0.75 * 0.9), 4.0],   # used the occupied fraction as the free fraction
    [0.325, 0.25],                     # the level falls: inverted ratio
    [1.9, 1.75],                       # added the shares instead of dividing
])
def test_clearance_wrong_answers(wrong: list[float]) -> None:
    assert check("ex-ch6-clearance", wrong).status != "right"


# --------------------------------------------------------------------------- ex-ch6-jak-spares
def test_jak_spares_solution_is_right() -> None:
    complexes = jak_coverage.jak_complexes(catalog.complexes())
    answer = jak_coverage.spared(complexes, "abrocitinib")
    assert check("ex-ch6-jak-spares", answer).status == "right"
    assert check("ex-ch6-jak-spares", [a.upper() for a in reversed(answer)]).status == "right"


def test_jak_spares_wrong_answers() -> None:
    complexes = jak_coverage.jak_complexes(catalog.complexes())
    jak2_only = list(complexes.loc[complexes["jak_set"] == "JAK2", "complex"])
    assert check("ex-ch6-jak-spares", jak2_only).status != "right"            # forgot IL-12 and IL-23
    gamma_c = list(complexes.loc[complexes["jak_set"] == "JAK1 + JAK3", "complex"])
    assert check("ex-ch6-jak-spares", gamma_c).status == "wrong"               # the JAK3 answer
    assert check("ex-ch6-jak-spares", jak_coverage.spared(complexes, "upadacitinib") + ["TNF"]).status != "right"


# --------------------------------------------------------------------------- ex-ch6-timeline
def test_timeline_solution_is_right() -> None:
    drugs = catalog.drugs()
    kinds = ["recombinant cytokine", "pegylated cytokine", "Fc-fused cytokine", "engineered cytokine"]
    medicines = drugs[drugs["mechanism"].eq("agonist") & drugs["molecule_type"].isin(kinds)]
    before = int((medicines["first_approval_year"] < 2000).sum())
    assert check("ex-ch6-timeline", [before, len(medicines) - before]).status == "right"


@pytest.mark.parametrize("wrong", [[10, 16], [11, 11], [22, 0]])
def test_timeline_wrong_answers(wrong: list[int]) -> None:
    # [10, 16]: counted every agonist (mimetics and the oncolytic virus too); [22, 0]: no split by year
    assert check("ex-ch6-timeline", wrong).status != "right"
