"""Tests for the Chapter 5 figures (widgets.figures.inflammation)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from widgets.figures import inflammation as fig5
from widgets.models import reynolds2006 as rey
from widgets.models import serum, storm


def _texts(fig: Figure) -> str:
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts) + " " + " ".join(t.get_text() for t in fig.texts)


@pytest.mark.parametrize(
    ("factory", "words"),
    [
        (fig5.haematopoiesis_figure, ["stem cell", "erythropoietin (kidney)", "thrombopoietin (liver), IL-11",
                                      "G-CSF", "M-CSF", "IL-7", "IL-15", "FLT3 ligand", "BAFF"]),
        (fig5.acute_inflammation_timeline_figure, ["PAMPs, DAMPs", "NF-κB", "TNF, IL-1β", "E-selectin", "CXCL8",
                                                   "IL-10, TGF-β, IL-1Ra"]),
        (fig5.inflammasome_figure, ["signal 1", "signal 2", "inflammasome", "active caspase-1", "gasdermin D",
                                    "pyroptosis"]),
    ],
)
def test_diagrams_carry_their_labels(factory, words):
    fig = factory()
    assert isinstance(fig, Figure)
    text = _texts(fig)
    for word in words:
        assert word in text, f"{factory.__name__} lacks {word!r}"
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_timeline_is_on_a_log_time_axis_with_eight_steps():
    ax = fig5.acute_inflammation_timeline_figure().axes[0]
    assert ax.get_xscale() == "log"
    assert len(ax.patches) == 8
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("8") and labels[-1].startswith("1")  # recognition on top


def test_outcomes_figure_draws_the_three_scenarios_in_four_panels():
    fig = fig5.reynolds_outcomes_figure()
    assert len(fig.axes) == 4
    for ax in fig.axes:
        assert [line.get_color() for line in ax.lines] == [fig5.OUTCOME_COLOURS[o] for o in rey.SCENARIOS]
    # septic pathogen stays high at the end, the other two are cleared
    p_axis = fig.axes[0]
    ends = [line.get_ydata()[-1] for line in p_axis.lines]
    assert ends[2] > 4 and ends[0] < 0.01 and ends[1] < 0.01


def test_reynolds_frame_marks_the_pair_on_the_outcome_map():
    fig = fig5.reynolds_frame_figure(pathogen0=1.5, k_pg=0.3)
    assert len(fig.axes) == 5
    map_axis = fig.axes[4]
    assert map_axis.get_yscale() == "log"
    marker = [line for line in map_axis.lines if line.get_marker() == "o"][0]
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (0.3, 1.5)
    grid = map_axis.collections[0].get_array().reshape(len(fig5.MAP_PATHOGEN0), len(fig5.MAP_K_PG_PER_H))
    assert set(np.unique(grid)) == {0, 1, 2}
    assert "aseptic death" in _texts(fig)
    # the time courses take the outcome's colour
    assert fig.axes[0].lines[0].get_color() == fig5.OUTCOME_COLOURS["aseptic death"]


def test_reynolds_frame_passes_the_anti_inflammatory_supply_on():
    fig = fig5.reynolds_frame_figure(pathogen0=1.5, k_pg=0.3, s_c=0.025)
    assert "health" in _texts(fig)


def test_storm_frame_marks_every_steady_state():
    fig = fig5.storm_frame_figure(amplification_per_h=3.0, block=0.0)
    balance, loop = fig.axes
    markers = [line for line in balance.lines if line.get_marker() == "o"]
    states = storm.steady_states(amplification_per_h=3.0)
    assert [m.get_xdata()[0] for m in markers] == pytest.approx([s.level for s in states])
    assert [m.get_markerfacecolor() == "white" for m in markers] == [not s.stable for s in states]
    # the marker on the loop sits at the effective amplification
    blocked = fig5.storm_frame_figure(amplification_per_h=4.0, block=0.5).axes[1]
    dots = [line for line in blocked.lines if line.get_marker() == "o"]
    assert {d.get_xdata()[0] for d in dots} == {2.0}
    assert balance.get_xlabel() == "cytokine level C (a.u.)"


def test_storm_treatment_figure_shows_the_four_courses():
    fig = fig5.storm_treatment_figure()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == "untreated" and labels[-1] == "clearance doubled"
    ends = {label: line.get_ydata()[-1] for label, line in zip(labels, ax.lines)}
    high = storm.steady_states()[-1].level
    assert ends["untreated"] == pytest.approx(high, rel=1e-3)
    assert ends[labels[1]] > 1.0 > ends[labels[2]]  # the smaller block fails, the larger one works
    assert ends["clearance doubled"] < 0.5


def test_serum_figure_log_and_linear_and_highlight():
    fig = fig5.serum_levels_figure(highlight="sepsis")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert len(ax.get_yticklabels()) == len(serum.summary())
    assert f"{serum.fold_over_healthy('sepsis'):,.0f}× healthy" in _texts(fig)
    assert fig5.serum_levels_figure(log_scale=False).axes[0].get_xscale() == "linear"
    with pytest.raises(KeyError, match="unknown condition"):
        fig5.serum_levels_figure(highlight="flu")
