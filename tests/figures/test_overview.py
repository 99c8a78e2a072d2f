"""Chapter 1 figures: modes of action, cytokine sizes, the opening scene as a timeline."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from widgets import catalog
from widgets.figures import overview


def test_modes_figure_has_three_titled_panels() -> None:
    fig = overview.modes_of_action_figure()
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == [title for title, _ in overview.MODES]
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"activated T cell", "macrophage", "neutrophil", "liver", "blood"} <= texts


def test_sizes_figure_draws_every_catalog_mass_once_and_in_order() -> None:
    cyt = catalog.cytokines()
    with_mass = cyt.dropna(subset=["mass_kDa_low"])
    fig = overview.cytokine_sizes_figure(cyt, notes={"TNF": "acts as a trimer"}, band=(8, 14),
                                         band_label="chemokines")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(with_mass["name"])
    lows = with_mass.set_index("name")["mass_kDa_low"]
    drawn = [lows[name] for name in labels]
    assert drawn == sorted(drawn), "lightest at the top"
    # every data point lies on the axis range, which is not clipped
    lo, hi = ax.get_xlim()
    assert lo <= with_mass["mass_kDa_low"].min() and with_mass["mass_kDa_high"].max() <= hi
    assert "acts as a trimer" in {t.get_text() for t in ax.texts}


def test_sizes_figure_draws_a_range_as_a_bar_and_a_value_as_a_dot() -> None:
    table = pd.DataFrame({"name": ["ranged", "single", "none"], "mass_kDa_low": [19.0, 15.0, math.nan],
                          "mass_kDa_high": [26.0, 15.0, math.nan]})
    ax = overview.cytokine_sizes_figure(table).axes[0]
    lines = [line for line in ax.lines if len(np.asarray(line.get_xdata()))]
    bars = [line for line in lines if len(np.asarray(line.get_xdata())) == 2]
    dots = [line for line in lines if len(np.asarray(line.get_xdata())) == 1]
    assert len(bars) == 1 and np.asarray(bars[0].get_xdata()).tolist() == [19.0, 26.0]
    assert len(dots) == 1 and np.asarray(dots[0].get_xdata()).tolist() == [15.0]


@pytest.mark.parametrize("bad, message", [
    (pd.DataFrame({"name": ["A"]}), "needs the columns"),
    (pd.DataFrame({"name": ["A"], "mass_kDa_low": [math.nan], "mass_kDa_high": [math.nan]}), "no row"),
])
def test_sizes_figure_rejects_unusable_tables(bad, message) -> None:
    with pytest.raises(ValueError, match=message):
        overview.cytokine_sizes_figure(bad)


def test_sizes_figure_rejects_a_note_for_a_missing_row() -> None:
    table = pd.DataFrame({"name": ["A"], "mass_kDa_low": [15.0], "mass_kDa_high": [15.0]})
    with pytest.raises(ValueError, match="notes for names"):
        overview.cytokine_sizes_figure(table, notes={"B": "x"})


def test_timeline_shows_every_event_in_order() -> None:
    fig = overview.vignette_timeline_figure()
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    for when, _where, what in overview.VIGNETTE_EVENTS:
        assert when in texts and what in texts
    markers = [line for line in ax.lines if line.get_marker() == "o" and len(np.asarray(line.get_xdata())) == 1]
    xs = [float(np.asarray(line.get_xdata())[0]) for line in markers]
    assert xs == sorted(xs) and len(xs) == len(overview.VIGNETTE_EVENTS)
    # the two ends of the story are the story's own times
    assert overview.VIGNETTE_EVENTS[0][0] == "Saturday afternoon"
    assert overview.VIGNETTE_EVENTS[-1][0] == "Sunday evening"


def test_timeline_rejects_an_unknown_place() -> None:
    with pytest.raises(ValueError, match="unknown place"):
        overview.vignette_timeline_figure([("now", "moon", "x")])
