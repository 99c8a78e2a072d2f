"""The Chapter 4 exercise checks accept the solutions' answers and reject typical mistakes.

Each "solution" below repeats the computation of the exercise's solution cell in the
notebook; each wrong answer is a mistake a student is likely to make.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.checks import check, labels
from widgets.checks.ch4 import chapter_il2_consumers, chapter_il2_model
from widgets.models.diffusion import (
    minimal_protein_radius_nm,
    screening_length_um,
    shared_cytokine_steady_state,
    stokes_einstein_diffusion_um2_per_s,
)
from widgets.models.pharmacokinetics import (
    absorption_half_life_for_peak_h,
    dosing_interval_for_trough_h,
    il2_receptor_window_ng_per_ml,
    one_compartment_ng_per_ml,
    time_above_h,
    two_compartment_ng_per_ml,
)
from widgets.parameters import value

CH4 = ["ex-ch4-diffusion", "ex-ch4-screening", "ex-ch4-capture", "ex-ch4-interval", "ex-ch4-label",
       "ex-ch4-highdose"]


def test_every_computational_exercise_has_a_check():
    assert set(CH4) <= set(labels())


# --- solutions (as in the notebook) ----------------------------------------------------


def solution_diffusion():
    return [stokes_einstein_diffusion_um2_per_s(value("aldesleukin_mass_Da") / 1000),
            stokes_einstein_diffusion_um2_per_s(150.0)]


def solution_screening():
    return [screening_length_um(100.0, 1e7, 2_000, 12.0), screening_length_um(100.0, 1e7, 20_000, 12.0)]


def solution_capture():
    tregs, effectors = chapter_il2_consumers()
    return [shared_cytokine_steady_state(p, [tregs, effectors]).share["regulatory T cells"] for p in (0.5, 2.5)]


def solution_interval():
    return [dosing_interval_for_trough_h(1.0, dose_ug=350.0, volume_L=10.5,
                                         half_life_h=value("filgrastim_half_life_h")),
            dosing_interval_for_trough_h(1.0, dose_ug=350.0, volume_L=10.5,
                                         half_life_h=value("pegfilgrastim_half_life_h"))]


def _filgrastim_curve(t, *, volume_L):
    t_half = value("filgrastim_half_life_h")
    t_abs = absorption_half_life_for_peak_h(value("filgrastim_tmax_h"), half_life_h=t_half)
    return one_compartment_ng_per_ml(t, dose_ug=300.0, volume_L=volume_L, half_life_h=t_half,
                                     absorption_half_life_h=t_abs)


def solution_label():
    t = np.linspace(0.0, 48.0, 2881)  # one point per minute, as the exercise asks
    return time_above_h(t, _filgrastim_curve(t, volume_L=value("filgrastim_volume_mL_per_kg") * 60 / 1000), 10.0)


def solution_highdose():
    dose = value("aldesleukin_dose_mg_per_kg") * 80 * 1000
    t = np.linspace(0.0, 8.0, 4801)
    c = two_compartment_ng_per_ml(t, dose_ug=dose, model=chapter_il2_model())
    return [c[0], time_above_h(t, c, il2_receptor_window_ng_per_ml()[1])]


SOLUTIONS = {
    "ex-ch4-diffusion": solution_diffusion,
    "ex-ch4-screening": solution_screening,
    "ex-ch4-capture": solution_capture,
    "ex-ch4-interval": solution_interval,
    "ex-ch4-label": solution_label,
    "ex-ch4-highdose": solution_highdose,
}


@pytest.mark.parametrize("label", CH4)
def test_the_solution_is_right(label):
    assert check(label, SOLUTIONS[label]()).status == "right"


@pytest.mark.parametrize("label", CH4)
def test_a_rounded_solution_is_still_right(label):
    answer = SOLUTIONS[label]()
    rounded = [float(f"{a:.3g}") for a in answer] if isinstance(answer, list) else float(f"{answer:.3g}")
    assert check(label, rounded).status == "right"


# --- typical mistakes ----------------------------------------------------------------------


def _wrong_diffusion():
    # the mass used in kDa as if it were the radius ratio: D scaled by mass instead of mass^(1/3)
    d20 = stokes_einstein_diffusion_um2_per_s(20.0)
    yield [d20 * 20 / 15.3, d20 * 20 / 150]
    # the radius in µm mistaken for nm (a thousandfold too small)
    yield [d / 1000 for d in solution_diffusion()]
    # the two answers in the wrong order
    yield list(reversed(solution_diffusion()))


def _wrong_screening():
    # a k_on a thousand times too small (a slip between M and mM)
    yield [screening_length_um(100.0, 1e4, 2_000, 12.0), screening_length_um(100.0, 1e4, 20_000, 12.0)]
    # forgot the square root: D / k in µm² reported as µm
    yield [lam**2 for lam in solution_screening()]
    # spacing used as cell density per µm² (s² instead of s³)
    yield [math.sqrt(100.0 / (1e7 * n / 6.02214076e23 / 1e-15 / 144.0)) for n in (2_000, 20_000)]


def _wrong_capture():
    tregs, effectors = chapter_il2_consumers()
    # the effector cells' shares instead of the Tregs'
    yield [shared_cytokine_steady_state(p, [tregs, effectors]).share["effector T cells"] for p in (0.5, 2.5)]
    # receptor occupancy instead of share
    yield [shared_cytokine_steady_state(p, [tregs, effectors]).occupancy["regulatory T cells"] for p in (0.5, 2.5)]
    # percentages instead of fractions
    yield [100 * s for s in solution_capture()]


def _wrong_interval():
    # half-life used as if it were the rate constant k
    yield [math.log1p(350.0 / 10.5) * t for t in (1 / 3.5, 1 / 18.2)]
    # forgot ln 2: tau = t_half * ln(1 + D / (V Cmin))
    yield [t * math.log1p(350.0 / 10.5) for t in (3.5, 18.2)]
    # the threshold taken as 0.1 ng/mL (a slip of a factor of ten in the units)
    yield [t / math.log(2) * math.log1p(350.0 / 10.5 / 0.1) for t in (3.5, 18.2)]


def _wrong_label():
    t = np.linspace(0.0, 48.0, 2881)
    # the 70 kg volume of the chapter instead of 60 kg
    yield time_above_h(t, _filgrastim_curve(t, volume_L=10.5), 10.0)
    # intravenous bolus instead of subcutaneous injection
    yield time_above_h(t, one_compartment_ng_per_ml(t, dose_ug=300.0, volume_L=9.0, half_life_h=3.5), 10.0)
    # plasma volume (3 L) instead of the volume of distribution
    yield time_above_h(t, _filgrastim_curve(t, volume_L=3.0), 10.0)


def _wrong_highdose():
    dose = value("aldesleukin_dose_mg_per_kg") * 80 * 1000
    t = np.linspace(0.0, 8.0, 4801)
    # one compartment with the elimination half-life only
    c1 = one_compartment_ng_per_ml(t, dose_ug=dose, volume_L=3.0, half_life_h=85 / 60)
    yield [c1[0], time_above_h(t, c1, il2_receptor_window_ng_per_ml()[1])]
    # the dose for 70 kg and the 1 nM edge taken as 1 ng/mL
    c70 = two_compartment_ng_per_ml(t, dose_ug=0.037 * 70 * 1000, model=chapter_il2_model())
    yield [c70[0], time_above_h(t, c70, 1.0)]
    # concentration in nM instead of ng/mL
    right = solution_highdose()
    yield [right[0] / 15.3, right[1]]


WRONG = {
    "ex-ch4-diffusion": _wrong_diffusion,
    "ex-ch4-screening": _wrong_screening,
    "ex-ch4-capture": _wrong_capture,
    "ex-ch4-interval": _wrong_interval,
    "ex-ch4-label": _wrong_label,
    "ex-ch4-highdose": _wrong_highdose,
}


@pytest.mark.parametrize("label", CH4)
def test_typical_mistakes_are_not_right(label):
    for wrong in WRONG[label]():
        assert check(label, wrong).status != "right", (label, wrong)


def test_minimal_radius_is_the_source_of_the_size_dependence():
    # the cube-root law the diffusion exercise asks the student to explain
    ratio = minimal_protein_radius_nm(150.0) / minimal_protein_radius_nm(15.3)
    assert ratio == pytest.approx((150 / 15.3) ** (1 / 3))


def test_checks_reject_answers_of_the_wrong_shape():
    with pytest.raises(ValueError):
        check("ex-ch4-screening", [72.0])
    with pytest.raises(ValueError):
        check("ex-ch4-diffusion", "fast")
