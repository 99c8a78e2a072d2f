"""The Chapter 7 exercise checks accept the solutions' answers and refuse typical mistakes."""

from __future__ import annotations

import pytest

from widgets.checks import ch7, check


def _scaled(values, factor):
    return [v * factor for v in values]


@pytest.mark.parametrize(
    ("label", "answer"),
    [
        ("ex-ch7-fit", ch7._fit_answer),
        ("ex-ch7-lloq", ch7._lloq_answer),
        ("ex-ch7-detection", ch7._detection_answer),
        ("ex-ch7-censored", ch7._censored_answer),
        ("ex-ch7-units", ch7._units_answer),
    ],
)
def test_the_solution_is_right(label, answer) -> None:
    assert check(label, answer()).status == "right"
    assert check(label, [round(v, 4) for v in answer()]).status == "right"


def test_typical_mistakes_are_not_right() -> None:
    fit = ch7._fit_answer()
    assert check("ex-ch7-fit", _scaled(fit, 2.0)).status == "wrong"          # wrong unit or dilution
    assert check("ex-ch7-fit", fit[::-1]).status != "right"                  # order of the samples
    lloq, uloq = ch7._lloq_answer()
    assert check("ex-ch7-lloq", [lloq, 500.0]).status != "right"             # ignoring the failing level
    assert check("ex-ch7-lloq", [lloq * 2, uloq]).status != "right"
    lob, lod = ch7._detection_answer()
    assert check("ex-ch7-detection", [lod, lob]).status != "right"           # swapped
    ml, half = ch7._censored_answer()
    assert check("ex-ch7-censored", [half * 1.5, half]).status != "right"    # LOD/sqrt2-like guess for ML
    assert check("ex-ch7-censored", [half, ml]).status != "right"            # the two estimates swapped
    assert check("ex-ch7-censored", [half, half]).status != "right"          # LOD/2 computed twice
    assert check("ex-ch7-censored", [round(ml, 2), round(half, 2)]).status == "right"  # two decimals, as asked
    pg, pm = ch7._units_answer()
    assert check("ex-ch7-units", [pg * 1000, pm]).status == "wrong"          # ng/pg confusion
    assert check("ex-ch7-units", [pg, pg / 15.3 * 1000]).status == "wrong"   # ng/mL formula on pg/mL
    assert check("ex-ch7-units", [100 / 18e6 * 1e9, pm]).status != "right"   # IU per mL as if IU per mg


def test_answers_must_have_the_right_shape() -> None:
    with pytest.raises(ValueError):
        check("ex-ch7-fit", [1.0, 2.0])
    with pytest.raises(ValueError):
        check("ex-ch7-units", "6111")
