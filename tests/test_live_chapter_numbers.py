"""The chapters' live explorers: each chapter shows the live one, and the numbers in its
predict-first questions and debrief are what the explorer computes.

The numbers come from :meth:`widgets.explorers.live.LiveExplorer.summary_numbers`, which
integrates the same model definition with scipy that the page integrates in the browser
(their agreement is tested in ``tests/explorers/test_live_engine*.py``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from widgets.explorers.inflammation import reynolds_live_explorer
from widgets.explorers.near_far import dose_live_explorer, il2_receptor_window_ng_per_ml
from widgets.explorers.signalling import raia_live_explorer
from widgets.models import reynolds2006 as rey

CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"


@cache
def notebook(stem: str) -> dict:
    return json.loads((CHAPTERS / f"{stem}.ipynb").read_text(encoding="utf-8"))


def text(stem: str) -> str:
    """The chapter's Markdown, with line breaks as spaces."""
    cells = notebook(stem)["cells"]
    return re.sub(r"\s+", " ", " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))


def code(stem: str) -> str:
    return "\n".join("".join(c["source"]) for c in notebook(stem)["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize(("stem", "live", "frames"), [
    ("03-how-cytokines-signal", "raia_live_explorer()", "raia_explorer()"),
    ("04-near-and-far", "dose_live_explorer()", "dose_explorer()"),
    ("05-health-and-disease", "reynolds_live_explorer()", "reynolds_explorer()"),
])
def test_the_model_explorers_of_the_chapters_are_live(stem: str, live: str, frames: str) -> None:
    source = code(stem)
    assert live in source
    assert not re.search(rf"(?<![\w.]){re.escape(frames)}", source), f"{stem} still shows the frame explorer"


def _peak(ex, **values) -> tuple[float, float]:
    numbers = ex.summary_numbers(values)
    peak, when = next(v for k, v in numbers.items() if k.startswith("peak:"))
    return peak, when


def _at(ex, observable: str, **values) -> float:
    return next(v for k, v in ex.summary_numbers(values).items() if k.startswith(f"at:{observable}:"))


def test_raia_debrief() -> None:
    t = text("03-how-cytokines-signal")
    ex = raia_live_explorer()
    published = _peak(ex)
    assert 45 <= published[1] <= 55 and "peaks after about 50 minutes" in t
    # no feedback: still rising at two hours, above the published peak
    free = _peak(ex, socs3_feedback=0.0)
    assert free[1] == 120 and free[0] > published[0]
    # 50 % JAK2 inhibition: less than a tenth off the peak at 20 and 80, about a third at 1
    for dose in (20.0, 80.0):
        assert 1 - _peak(ex, il13_dose=dose, jak2_inhibition=0.5)[0] / _peak(ex, il13_dose=dose)[0] < 0.1
    low = 1 - _peak(ex, il13_dose=1.0, jak2_inhibition=0.5)[0] / _peak(ex, il13_dose=1.0)[0]
    assert round(3 * low) == 1 and "removes about a third of the peak" in t
    # ... and delays it by a few minutes except at the highest dose
    for dose in (1.0, 20.0):
        assert 2 <= _peak(ex, il13_dose=dose, jak2_inhibition=0.5)[1] - _peak(ex, il13_dose=dose)[1] <= 10
    assert _peak(ex, il13_dose=80.0, jak2_inhibition=0.5)[1] <= _peak(ex, il13_dose=80.0)[1]
    # the two dials of the brake
    brake, decay = ex.defaults["JAK2_p_inhibition"], ex.defaults["SOCS3_degradation"]
    strong = _peak(ex, JAK2_p_inhibition=10 * brake)
    assert strong[0] < published[0] and 2 <= published[1] - strong[1] <= 10
    assert "brings it forward by a few minutes" in t
    assert _at(ex, "pSTAT5", JAK2_p_inhibition=10 * brake) < _at(ex, "pSTAT5")  # a steeper decline
    socs3 = _at(ex, "SOCS3", SOCS3_degradation=10 * decay) / _at(ex, "SOCS3")
    assert round(10 * socs3) == 1 and "falls to about a tenth" in t
    assert _at(ex, "pSTAT5", SOCS3_degradation=10 * decay) / _at(ex, "pSTAT5", socs3_feedback=0.0) > 0.9


def test_dose_debrief() -> None:
    t = text("04-near-and-far")
    ex = dose_live_explorer()
    miu = ex.defaults["dose_ug"]
    assert round(miu) == 61 and "about 61 µg" in t

    def numbers(**values):
        n = ex.summary_numbers(values)
        return {k.split(":")[0]: v for k, v in n.items() if not k.startswith("at:")}

    low, high = il2_receptor_window_ng_per_ml()
    bolus = numbers()
    assert round(bolus["peak"][0]) == 20 and bolus["peak"][0] > high and "starts at about 20 ng/mL" in t
    assert round(bolus["time_between"]) == 9 and "about 9 hours in the window" in t
    tenfold = numbers(dose_ug=10 * miu)
    assert abs(tenfold["time_between"] - bolus["time_between"]) < 0.05
    assert round(tenfold["time_above"] - bolus["time_above"]) == 5 and "about five hours *above*" in t
    sc = numbers(subcutaneous=1.0)
    assert 1.6 < sc["time_between"] / bolus["time_between"] < 2.0 and "nearly doubles" in t
    long = numbers(subcutaneous=1.0, elimination_half_life_h=18.0)
    assert long["time_between"] > 47.9 and long["time_above"] == 0 and high * 0.95 < long["peak"][0] < high
    very_long = numbers(subcutaneous=1.0, elimination_half_life_h=100.0)
    assert very_long["time_above"] > 24 and "with 100 hours the same injection spends most of the two days" in t
    depot = numbers(subcutaneous=1.0, absorption_half_life_h=10.0)
    assert round(depot["time_between"]) == 44 and "about 44 of the 48 hours" in t
    assert round(depot["peak"][0]) == 2 and "a peak of only about 2 ng/mL" in t
    assert round(ex.defaults["absorption_half_life_h"], 1) == 2.2 and "about 2.2 hours" in t


def test_reynolds_debrief() -> None:
    t = text("05-health-and-disease")
    ex = reynolds_live_explorer()

    def outcome(**values) -> str:
        return ex.summary_numbers(values)["outcome::0"]

    assert [outcome(pathogen0=p) for p in (0.5, 1.0, 2.0, 10.0)] == ["health"] * 2 + ["aseptic death"] * 2
    assert 1.0 < rey.health_threshold_pathogen0(parameters={"k_pg": 0.3}) < 1.1 and "just above 1" in t
    at_045 = rey.health_threshold_pathogen0(parameters={"k_pg": 0.45})
    assert round(at_045, 1) == 0.6 and "at 0.45 per h it lies near 0.6" in t
    assert outcome(pathogen0=1.0, k_pg=0.45) == "aseptic death"
    at_06 = rey.health_threshold_pathogen0(parameters={"k_pg": 0.6})
    assert round(at_06, 2) == 0.36 and "up to about 0.36" in t
    assert outcome(pathogen0=0.3, k_pg=0.6) == "health" and outcome(pathogen0=0.5, k_pg=0.6) == "septic death"
    # the jump at a load of 1 as the growth rate passes 0.5 per h
    assert outcome(k_pg=0.5) == "aseptic death" and outcome(k_pg=0.52) == "septic death"
    # doubled anti-inflammatory supply
    s_c = 2 * ex.defaults["s_c"]
    assert all(outcome(pathogen0=p, s_c=s_c) == "health" for p in (0.1, 1.0, 1.5, 3.0, 10.0))
    assert outcome(pathogen0=1.0, k_pg=0.45, s_c=s_c) == "septic death"
    assert ("the same doubled anti-inflammatory supply rescued every infection with a slowly growing pathogen "
            "and turned aseptic death into septic death with a faster one") in t
    assert ("the same doubled supply rescued every infection at 0.3 per h but at 0.45 per h turned aseptic "
            "death into septic death") in t
    # the Fig. 9 reset, from the explorer's switch
    fig9 = {"pathogen0": 0.36, "k_pg": 0.6, "treat": 1.0}
    assert 2 * ex.defaults["k_pg"] == fig9["k_pg"]
    assert "a pathogen growing twice as fast as the default ($k_{pg}$ = 0.6 per h)" in t
    assert "(load 0.36, growth rate 0.6 per h)" in t
    assert outcome(**fig9, ca_level=0.0) == "aseptic death" and outcome(**fig9, ca_level=0.5) == "septic death"
    assert outcome(**fig9, ca_level=0.3) == "health" and outcome(pathogen0=0.36, k_pg=0.6) == "health"
    assert at_06 > 0.36 and "starts just below the threshold load" in t
