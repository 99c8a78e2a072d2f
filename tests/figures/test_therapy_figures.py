"""Tests for the Chapter 6 figures (widgets.figures.therapy)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from widgets.figures import therapy as fig_t
from widgets.models.target_engagement import free_fraction

TIMELINE = pd.DataFrame({
    "cytokine": ["IFN-α2", "IFN-α2", "EPO", "G-CSF", "G-CSF"],
    "inn": ["interferon alfa-2b", "peginterferon alfa-2b", "epoetin alfa", "filgrastim", "pegfilgrastim"],
    "year": [1986, 2001, 1989, 1991, 2002],
    "generation": ["first", "engineered", "first", "first", "engineered"],
})


def _texts(fig: Figure) -> str:
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


def test_timeline_rows_in_order_of_first_medicine_and_markers() -> None:
    fig = fig_t.recombinant_timeline_figure(TIMELINE)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["IFN-α2", "EPO", "G-CSF"]
    markers = [line for line in ax.lines if line.get_marker() in ("o", "D")]
    assert len(markers) == len(TIMELINE)
    assert sum(line.get_marker() == "D" for line in markers) == 2
    assert "interferon alfa-2b (1986)" in _texts(fig)


@pytest.mark.parametrize(("table", "message"), [
    (TIMELINE.drop(columns="year"), "lacks column"),
    (TIMELINE.assign(generation="second"), "unknown generation"),
])
def test_timeline_rejects(table: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fig_t.recombinant_timeline_figure(table)


def test_approvals_figure_labels_counts_and_checks_highlight() -> None:
    counts = pd.DataFrame({"antibody": [0, 1, 3], "small molecule": [0, 0, 2]}, index=[1990, 2000, 2010])
    fig = fig_t.approvals_over_time_figure(counts, highlight="antibody")
    legend = fig.axes[0].get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == ["antibody (3)", "small molecule (2)"]
    widths = [line.get_linewidth() for line in fig.axes[0].lines]
    assert widths[0] > widths[1]
    with pytest.raises(ValueError, match="highlight"):
        fig_t.approvals_over_time_figure(counts, highlight="peptide")


def test_free_fraction_figure_draws_the_model() -> None:
    fig = fig_t.free_fraction_figure(cytokine_pM=10.0, kd_pM=50.0, context_kds_pM=[5.0, 50.0, 500.0],
                                     target_free_fraction=0.01)
    ax = fig.axes[0]
    bold = max(ax.lines, key=lambda line: line.get_linewidth())
    x, y = np.asarray(bold.get_xdata(), dtype=float), np.asarray(bold.get_ydata(), dtype=float)
    np.testing.assert_allclose(y, np.asarray(free_fraction(10.0, x, 50.0)))
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert "5 pM" in _texts(fig) and "500 pM" in _texts(fig)
    assert ax.get_ylabel() == "fraction of cytokine free"


def test_dosing_interval_figure_has_two_panels_and_dose_marks() -> None:
    t = np.linspace(0, 56, 57)
    fig = fig_t.dosing_interval_figure(t, 1e4 * np.exp(-t / 30), 0.01 * np.exp(t / 30), dose_days=[0, 28],
                                       target_free_fraction=0.01)
    top, bottom = fig.axes
    assert top.get_yscale() == bottom.get_yscale() == "log"
    assert sum(line.get_linestyle() == ":" for line in top.lines) == 2
    assert bottom.get_xlabel() == "time (days)"


def test_jak_coverage_figure_cells_and_errors() -> None:
    cov = pd.DataFrame({"drug A": ["blocked", "spared"], "drug B": ["partly blocked", "blocked"]},
                       index=["IL-2", "EPO"])
    fig = fig_t.jak_coverage_figure(cov, title="toy")
    image = np.asarray(fig.axes[0].images[0].get_array())
    assert image.tolist() == [[2, 1], [0, 2]]
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == list(fig_t.COVERAGE_COLOURS)
    with pytest.raises(ValueError, match="unknown coverage"):
        fig_t.jak_coverage_figure(cov.replace("spared", "unknown"))


def test_receptor_clearance_figure_axis_runs_from_free_to_blocked() -> None:
    f = np.linspace(1, 0, 11)
    fig = fig_t.receptor_clearance_figure(f, {"half by receptors": 1 / (0.5 + 0.5 * f)})
    line = fig.axes[0].lines[0]
    x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
    assert x[0] == 0 and x[-1] == 1
    assert y[-1] == pytest.approx(2.0)


def test_jak_tiles_figure_colours_and_errors() -> None:
    fig = fig_t.jak_tiles_figure({"JAK1 + JAK3": ["IL-2", "IL-7"], "JAK2": ["erythropoietin"]},
                                 {"JAK1 + JAK3": "blocked", "JAK2": "spared"}, title="toy")
    ax = fig.axes[0]
    colours = [tuple(p.get_facecolor()) for p in ax.patches]
    assert len(colours) == 3 and colours[0] == colours[1] != colours[2]
    with pytest.raises(ValueError, match="no coverage status"):
        fig_t.jak_tiles_figure({"JAK2": ["EPO"]}, {})
    with pytest.raises(ValueError, match="unknown coverage"):
        fig_t.jak_tiles_figure({"JAK2": ["EPO"]}, {"JAK2": "maybe"})
