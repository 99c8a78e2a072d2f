"""Chapter 1 exercise checks: right for the solution's own answers, not right for typical mistakes."""

from __future__ import annotations

import pytest
from check_answers import answer_tests

from widgets.checks import check

AVOGADRO = 6.02214076e23

# The solution's answers, recomputed here by hand from the exercise text (not by the check).
SOLUTIONS = {
    "ex-ch1-occupancy": [2 / 22, 20 / 40, 200 / 220],
    # 20 pg/mL = 0.02 ng/mL; 1 ng/mL = 1000/M pM; K_D = 10 pM
    "ex-ch1-units": [0.02 * 1000 / 20, 1 / 11, 0.02 * 1000 / 50, 0.4 / 10.4],
    # 5 µg in 100 µL, 20 kDa
    "ex-ch1-dose": [50_000.0, 50_000 * 1000 / 20],
    # 1 pL at 1 pM and 1 nM
    "ex-ch1-modes": [1e-12 * 1e-12 * AVOGADRO, 1e-9 * 1e-12 * AVOGADRO],
    # 10 pg/mL of 17 kDa TNF chains, then trimers
    "ex-ch1-sizes": [0.01 * 1000 / 17, 0.01 * 1000 / 17 / 3],
}

MISTAKES = {
    "ex-ch1-occupancy": [[0.5, 0.5, 0.5], [0.1, 0.5, 0.9 * 2]],
    "ex-ch1-units": [[20.0, 2 / 3, 8.0, 0.44],  # pg/mL not converted to ng/mL
                     [1.0, 0.0909, 1.0, 0.0909]],  # mass ignored
    "ex-ch1-dose": [[50.0, 2500.0],  # µg/mL taken for ng/mL
                    [50_000.0, 2_500.0]],  # pM off by 1000
    "ex-ch1-modes": [[6.0, 6000.0], [0.0006, 0.6]],  # volume off by 10 or 1000
    "ex-ch1-sizes": [[0.196, 0.588],  # swapped
                     [0.588, 1.76]],  # multiplied by 3 instead of dividing
}


test_solution_answer_is_right, test_typical_mistake_is_not_right = answer_tests(SOLUTIONS, MISTAKES)


def test_rounded_answers_from_the_solution_text_are_right() -> None:
    # the numbers the solutions print, rounded as a student would copy them
    assert check("ex-ch1-units", [1.0, 0.091, 0.4, 0.038]).status == "right"
    assert check("ex-ch1-sizes", [0.59, 0.196]).status == "right"
    assert check("ex-ch1-modes", [0.6, 602]).status == "right"


def test_wrong_shape_is_an_error() -> None:
    with pytest.raises(ValueError):
        check("ex-ch1-sizes", [0.59])


def test_numeric_quiz_answers_agree_with_the_package() -> None:
    from pathlib import Path

    from widgets.chapter_data import validate
    from widgets.models.binding import concentration_for_occupancy, receptor_occupancy
    from widgets.units import ng_per_ml_to_pM

    root = Path(__file__).resolve().parents[1]
    q = {x.id: x for x in validate(root / "chapters" / "01-what-are-cytokines.yml").questions}
    assert q["ch1-dose-1"].answer == pytest.approx(receptor_occupancy(30.0, kd_pM=30.0))
    assert q["ch1-dose-2"].answer == pytest.approx(ng_per_ml_to_pM(1.0, mass_kDa=25.0))
    ratio = concentration_for_occupancy(0.9, kd_pM=1.0) / concentration_for_occupancy(0.1, kd_pM=1.0)
    assert q["ch1-dose-3"].answer == pytest.approx(ratio)
    assert q["ch1-names-2"].answer == 1974 - 1957
