"""Tests for the Chapter 5 explorers (widgets.explorers.inflammation).

The explorers are built once per module and shared (frames come from the disk cache
after the first build).
"""

from __future__ import annotations

import pytest

from widgets.explorers import inflammation as ex
from widgets.explorers.core import FrameExplorer
from widgets.models import reynolds2006 as rey
from widgets.models import serum, storm

reynolds = pytest.fixture(scope="module")(ex.reynolds_explorer)
storm_ex = pytest.fixture(scope="module")(ex.storm_explorer)
serum_ex = pytest.fixture(scope="module")(ex.serum_explorer)


def test_reynolds_grid_links_and_paper_values(reynolds):
    assert isinstance(reynolds, FrameExplorer)
    assert [c.name for c in reynolds.grid.controls] == ["pathogen0", "k_pg", "s_c"]
    assert len(reynolds.frames) == 5 * 3 * 2 == 30
    assert reynolds.n_links == 1 + 5 + 15
    # the paper's scenarios are on the grid (Fig. 5: P(0) 1 and 1.5, k_pg 0.3 and 0.6)
    for sc in rey.SCENARIOS.values():
        assert sc["pathogen0"] in ex.REYNOLDS_PATHOGEN0_GRID and sc["k_pg"] in ex.REYNOLDS_K_PG_GRID_PER_H
    assert ex.REYNOLDS_S_C_OPTIONS[0][1] == rey.DEFAULT_PARAMETERS["s_c"].value


def test_reynolds_default_frame_is_the_healthy_scenario(reynolds, frame_image):
    frame = reynolds.visible_frame()
    assert "initial pathogen 1 million per cc, growth rate 0.3 per h" in frame.alt
    assert "Outcome: health" in frame.alt and "the paper's value" in frame.alt
    assert frame_image(frame.uri).size[0] >= 700


def test_reynolds_alt_text_agrees_with_the_model_for_every_frame(reynolds):
    for (i, j, k), frame in reynolds.frames.items():
        p0, kpg = ex.REYNOLDS_PATHOGEN0_GRID[i], ex.REYNOLDS_K_PG_GRID_PER_H[j]
        s_c = ex.REYNOLDS_S_C_OPTIONS[k][1]
        expected = rey.outcome(pathogen0=p0, parameters={"k_pg": kpg, "s_c": s_c})
        assert f"Outcome: {expected};" in frame.alt
        assert f"initial pathogen {p0:g} million" in frame.alt and f"growth rate {kpg:g} per h" in frame.alt
        assert expected in frame.details


def test_reynolds_frames_show_all_three_outcomes_and_the_intervention(reynolds):
    outcomes = {f.alt.split("Outcome: ")[1].split(";")[0] for f in reynolds.frames.values()}
    assert outcomes == set(rey.OUTCOMES)
    i = ex.REYNOLDS_PATHOGEN0_GRID.index(1.5)
    # doubling the anti-inflammatory supply turns the paper's aseptic death into health
    assert "Outcome: aseptic death" in reynolds.frames[(i, 0, 0)].alt
    assert "Outcome: health" in reynolds.frames[(i, 0, 1)].alt


def test_storm_grid_and_alt(storm_ex):
    assert [c.name for c in storm_ex.grid.controls] == ["amplification_per_h", "block"]
    assert len(storm_ex.frames) == 20
    assert storm_ex.grid.controls[1].format(0.25) == "25%"
    for (i, j), frame in storm_ex.frames.items():
        v, b = ex.STORM_AMPLIFICATION_GRID[i], ex.STORM_BLOCK_GRID[j]
        assert f"V = {v:g} a.u. per h, {b:.0%} of it blocked" in frame.alt
        n_stable = sum(s.stable for s in storm.steady_states(amplification_per_h=v, block=b))
        assert ("two stable states" in frame.alt) == (n_stable == 2)
        assert "teaching" in frame.alt.lower()


def test_storm_frames_show_hysteresis(storm_ex):
    # V = 5 with a quarter blocked: a storm does not start from rest, but an established one persists
    i, j = ex.STORM_AMPLIFICATION_GRID.index(5.0), ex.STORM_BLOCK_GRID.index(0.25)
    alt = storm_ex.frames[(i, j)].alt
    low = storm.steady_states(amplification_per_h=5.0, block=0.25)[0].level
    high = storm.steady_states(amplification_per_h=5.0, block=0.25)[-1].level
    assert f"it settles at {low:.2f} a.u.; started from an untreated storm" in alt
    assert alt.endswith(f"it settles at {high:.2f} a.u.")
    # V = 3 with half blocked: the storm ends (the block needed is 48 %)
    k = ex.STORM_AMPLIFICATION_GRID.index(3.0)
    assert "block that ends a storm at this V</td><td" in storm_ex.frames[(k, 2)].details
    assert f"{storm.block_to_end_storm(amplification_per_h=3.0):.0%}" in storm_ex.frames[(k, 2)].details


def test_serum_grid_alt_and_details(serum_ex):
    assert [c.name for c in serum_ex.grid.controls] == ["highlight", "log_scale"]
    assert len(serum_ex.frames) == len(serum.conditions()) * 2 == 10
    default = serum_ex.visible_frame()
    assert "Highlighted: sepsis, 983.6 pg/mL" in default.alt and "logarithmic" in default.alt
    assert "Leisman et al. 2020 (abstract)" in default.details and "leisman2020" not in default.details
    for (i, j), frame in serum_ex.frames.items():
        assert serum.conditions()[i] in frame.alt
        assert ("crowd together" in frame.alt) == (j == 1)


def test_frames_keep_the_page_small(reynolds, storm_ex, serum_ex):
    total = sum(len(f.uri) for e in (reynolds, storm_ex, serum_ex) for f in e.frames.values())
    assert total < 1.6e6  # bytes of base64 PNG; the page budget is 2.5 MB in all
