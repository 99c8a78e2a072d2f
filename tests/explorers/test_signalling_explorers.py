"""Tests for the Chapter 3 explorers (widgets.explorers.signalling).

The explorers are built once per module (about 20 s together) and shared.
"""

from __future__ import annotations

import pytest

from widgets.explorers import signalling as ex
from widgets.explorers.core import FrameExplorer

binding = pytest.fixture(scope="module")(ex.binding_explorer)
raia = pytest.fixture(scope="module")(ex.raia_explorer)


def test_binding_grid_and_links(binding):
    assert isinstance(binding, FrameExplorer)
    assert [p.name for p in binding.grid.controls] == ["kd_pM", "ligand_pM"]
    assert len(binding.frames) == len(ex.BINDING_KD_GRID_PM) * len(ex.BINDING_LIGAND_GRID_PM) == 24
    # one outer stack linked to the K_D slider, one inner stack per K_D linked to the other slider
    assert binding.n_links == 1 + len(ex.BINDING_KD_GRID_PM)
    assert 19 in ex.BINDING_KD_GRID_PM and 420 in ex.BINDING_KD_GRID_PM  # TNFR1, TNFR2 (grell1998)


def test_binding_default_frame_is_tnfr1(binding, frame_image):
    uri, alt = binding.visible_frame().uri, binding.visible_frame().alt
    assert "K_D = 19 pM (TNF–TNFR1)" in alt and "10 pM cytokine" in alt
    assert frame_image(uri).size[0] >= 600


def test_binding_alt_names_values_for_every_frame(binding):
    for (i, j), frame in binding.frames.items():
        alt = frame.alt
        kd, lig = ex.BINDING_KD_GRID_PM[i], ex.BINDING_LIGAND_GRID_PM[j]
        assert f"K_D = {kd:g} pM" in alt
        assert f"{lig:g} pM cytokine" in alt
        assert "95 %" in alt


def test_binding_details_table(binding):
    html = binding.frames[(2, 1)].details
    assert html.startswith('<table class="explorer-table"')
    assert "half-life" in html and "occupancy at equilibrium" in html


def test_raia_grid_and_links(raia):
    names = [p.name for p in raia.grid.controls]
    assert names == ["il13_dose", "socs3_feedback", "jak2_inhibition"]
    assert len(raia.frames) == 4 * 2 * 5 == 40
    # 1 outer stack, 4 middle stacks, 4 x 2 inner stacks
    assert raia.n_links == 1 + 4 + 8
    assert {4, 20, 80} <= set(ex.RAIA_DOSE_GRID)  # the doses of the experiments


def test_raia_controls(raia):
    dose, feedback, inhibition = raia.controls
    assert type(feedback).__name__ == "Dropdown"
    assert type(dose).__name__ == type(inhibition).__name__ == "SelectionSlider"
    assert raia.grid.controls[0].unit == "ng/mL"
    assert raia.grid.controls[2].format(0.25) == "25%" and raia.controls[2].options[1][0] == "25%"


def test_raia_alt_names_values_for_every_frame(raia):
    for (i, j, k), frame in raia.frames.items():
        alt = frame.alt
        dose = ex.RAIA_DOSE_GRID[i]
        assert f"IL-13 at {dose:g} ng/mL" in alt
        assert ex.FEEDBACK_OPTIONS[j][0] in alt
        assert f"JAK2 inhibition {ex.JAK2_INHIBITION_GRID[k] * 100:g} %" in alt


def test_raia_alt_tells_transient_from_sustained(raia):
    published = raia.frames[(2, 0, 0)].alt
    no_feedback = raia.frames[(2, 1, 0)].alt
    assert "then declines" in published
    assert "without a decline" in no_feedback


def test_raia_default_frame_is_published_model(raia):
    alt = raia.visible_frame().alt
    assert "IL-13 at 20 ng/mL" in alt and "on (published model)" in alt and "inhibition 0 %" in alt


def test_raia_rejects_unknown_feedback_option():
    with pytest.raises(TypeError, match="socs3_feedback must be True or False"):
        ex.raia_frame(il13_dose=20, socs3_feedback="maybe", jak2_inhibition=0.0)


def test_frames_keep_the_page_small(binding, raia):
    total = sum(len(f.uri) for f in binding.frames.values()) + sum(len(f.uri) for f in raia.frames.values())
    assert total < 1.8e6  # bytes of base64 PNG; the page budget is 2.5 MB in all
