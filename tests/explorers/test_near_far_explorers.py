"""Tests for the Chapter 4 explorers (widgets.explorers.near_far)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.explorers import near_far as ex
from widgets.explorers.core import FrameExplorer
from widgets.models.diffusion import reach_summary, shared_cytokine_steady_state
from widgets.models.pharmacokinetics import (
    ILLUSTRATIVE_PLASMA_VOLUME_L,
    aldesleukin_ug_per_million_iu,
    il2_receptor_window_ng_per_ml,
    one_compartment_ng_per_ml,
)
from widgets.parameters import value

profile = pytest.fixture(scope="module")(ex.profile_explorer)
competition = pytest.fixture(scope="module")(ex.competition_explorer)
dose = pytest.fixture(scope="module")(ex.dose_explorer)


def test_frame_budget_for_the_chapter(profile, competition, dose):
    n = len(profile.frames) + len(competition.frames) + len(dose.frames)
    assert n == 24 + 12 + 18
    size = sum(len(f.uri) + len(f.alt) + len(f.details)
               for e in (profile, competition, dose) for f in e.frames.values())
    assert size < 1.8e6  # leaves room for the static figures under the 2.5 MB page budget


def test_explorers_are_frame_explorers_with_their_controls(profile, competition, dose):
    assert isinstance(profile, FrameExplorer)
    assert [c.name for c in profile.grid.controls] == ["secretion_per_s", "receptors_per_cell", "cell_spacing_um"]
    assert [c.name for c in competition.grid.controls] == ["treg_receptors", "treg_spacing_um"]
    assert [c.name for c in dose.grid.controls] == ["half_life_h", "route", "dose_MIU"]
    assert type(dose.controls[1]).__name__ == "Dropdown"


def test_profile_alt_text_carries_the_numbers_of_every_frame(profile):
    for (i, j, k), frame in profile.frames.items():
        q = ex.PROFILE_SECRETION_GRID[i]
        n = ex.PROFILE_RECEPTOR_GRID[j]
        s = ex.PROFILE_SPACING_GRID_UM[k]
        summary = reach_summary(secretion_per_s=q, receptors_per_cell=n, cell_spacing_um=s,
                                  threshold_pM=value("il2_high_affinity_kd_low_pM"))
        assert f"screening length of {summary.screening_length_um:.0f} µm" in frame.alt
        assert f"{q:g} molecules per second" in frame.alt
        assert frame.details.startswith('<table class="explorer-table"')


def test_profile_default_frame_and_the_low_secretion_case(profile):
    assert "100 molecules per second" in profile.visible_frame().alt
    weak = profile.grid.at(secretion_per_s=10.0, receptors_per_cell=1000.0, cell_spacing_um=10.0)
    assert "never reaches 10 pM" in weak.alt


def test_more_receptors_shorten_the_screening_length():
    lengths = [reach_summary(secretion_per_s=100.0, receptors_per_cell=n, cell_spacing_um=10.0,
                               threshold_pM=10.0).screening_length_um for n in ex.PROFILE_RECEPTOR_GRID]
    assert all(a > b for a, b in zip(lengths, lengths[1:]))
    # lambda scales as 1/sqrt(receptors)
    assert lengths[0] / lengths[2] == pytest.approx(10.0)


def test_competition_alt_matches_the_model(competition):
    for (i, j), frame in competition.frames.items():
        treg = ex._treg(ex.TREG_RECEPTOR_GRID[i], ex.TREG_SPACING_GRID_UM[j])
        res = shared_cytokine_steady_state(1.0, [treg, ex.COMPETITION_TEFF],
                                           degradation_per_s=ex.EXPLORER_CONSTANTS["degradation_per_s"])
        assert f"at 1 pM per second the shares are {res.share[treg.name]:.0%}" in frame.alt


def test_tregs_take_most_il2_at_low_production_when_they_are_many(competition):
    frame = competition.grid.at(treg_receptors=30000.0, treg_spacing_um=15.0)
    assert "regulatory T cells take 9" in frame.alt  # 90 % or more


def test_dose_frames_agree_with_the_one_compartment_model(dose):
    _low, high = il2_receptor_window_ng_per_ml()
    for label, t_half in ex.HALF_LIFE_MENU_H:
        for d in ex.DOSE_GRID_MIU:
            frame = dose.grid.at(half_life_h=t_half, route="iv", dose_MIU=d)
            dose_ug = d * aldesleukin_ug_per_million_iu()
            peak = float(one_compartment_ng_per_ml(0.0, dose_ug=dose_ug, volume_L=ILLUSTRATIVE_PLASMA_VOLUME_L,
                                                   half_life_h=t_half))
            assert f"The peak is {peak:.3g} ng/mL" in frame.alt
            assert label in frame.alt
            # time above the upper edge of the window, exactly, for an IV bolus
            if peak > high:
                exact = min(48.0, t_half * math.log2(peak / high))
                assert f"spends {exact:.1f} h above the window" in frame.alt


def test_longer_half_life_keeps_a_dose_in_the_window_longer(dose):
    hours = []
    for _label, t_half in ex.HALF_LIFE_MENU_H:
        alt = dose.grid.at(half_life_h=t_half, route="sc", dose_MIU=1.0).alt
        hours.append(float(alt.split(" h in the window")[0].rsplit(" ", 1)[1]))
    assert hours[0] < hours[1] < hours[2] and hours[-1] > 2 * hours[0]


def test_dose_frame_rejects_an_unknown_route():
    with pytest.raises(ValueError, match="route"):
        ex.dose_frame(half_life_h=1.0, route="oral", dose_MIU=1.0)


def test_one_million_units_is_about_61_micrograms():
    assert aldesleukin_ug_per_million_iu() == pytest.approx(1100 / 18)
    assert np.isfinite(ex.COMPETITION_PRODUCTION_PM_PER_S).all()
