"""Tests for the Chapter 4 figures (widgets.figures.near_far)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from widgets.figures import near_far as nf
from widgets.models.diffusion import (
    Consumer,
    mean_diffusion_time_s,
    reach_summary,
    shared_cytokine_sweep,
    simulate_secretion,
    steady_concentration_pM,
    stokes_einstein_diffusion_um2_per_s,
    uptake_capacity_pM_per_s,
)
from widgets.parameters import value

PROFILE = dict(secretion_per_s=100.0, receptors_per_cell=1000.0, cell_spacing_um=10.0, threshold_pM=10.0)
TREG = Consumer("Treg", 1e4, 20.0, 10.0, 1e7, 1e-3)
TEFF = Consumer("Teff", 1e3, 12.0, 1000.0, 1e7, 1e-3)


def _texts(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.texts) + " " + " ".join(
        t.get_text() for ax in fig.axes for t in ax.texts)


def test_modes_of_action_has_six_labelled_panels():
    fig = nf.modes_of_action_figure()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 6
    text = _texts(fig)
    for word in ["Autocrine", "Paracrine", "Endocrine", "Juxtacrine", "Trans-presentation", "Synaptic",
                 "IL-15Rα", "membrane TNF", "G-CSF"]:
        assert word in text
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_diffusion_times_markers_are_the_model_times():
    fig = nf.diffusion_times_figure()
    ax = fig.axes[0]
    d = float(stokes_einstein_diffusion_um2_per_s(20.0))
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    water = [(float(m.get_xdata()[0]), float(m.get_ydata()[0])) for m in markers if m.get_color() == nf.PALETTE[0]]
    assert [x for x, _ in water] == [10.0, 100.0, 1000.0]
    for x, t in water:
        assert t == pytest.approx(float(mean_diffusion_time_s(x, d)))
    tissue = [float(m.get_ydata()[0]) for m in markers if m.get_color() == nf.PALETTE[1]]
    assert tissue[0] / water[0][1] == pytest.approx(value("brain_ecs_tortuosity") ** 2)


def test_diffusion_times_rejects_bad_input():
    with pytest.raises(ValueError):
        nf.diffusion_times_figure(mass_kDa=0)
    with pytest.raises(ValueError):
        nf.diffusion_times_figure(tortuosity=0.5)


def test_profile_figure_draws_the_model_and_marks_the_reach():
    fig = nf.concentration_profile_figure(**PROFILE)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert ax.get_ylim() == pytest.approx((0.01, 1000.0))
    main = [line for line in ax.lines if line.get_label() == "with consuming neighbours"][0]
    r, c = main.get_xdata(), main.get_ydata()
    lam = reach_summary(**PROFILE).screening_length_um
    expected = steady_concentration_pM(r, secretion_per_s=100.0, cell_radius_um=5.0, diffusion_um2_per_s=100.0,
                                       screening_length_um=lam)
    np.testing.assert_allclose(c, expected)
    dot = [line for line in ax.lines if line.get_marker() == "o"][0]
    assert dot.get_xdata()[0] == pytest.approx(reach_summary(**PROFILE).reach_um)
    assert "screening length 78 µm" in _texts(fig)


def test_profile_figure_says_when_nothing_is_reached():
    fig = nf.concentration_profile_figure(**{**PROFILE, "secretion_per_s": 1.0})
    assert "never above 10 pM" in _texts(fig)
    assert not [line for line in fig.axes[0].lines if line.get_marker() == "o"]


def test_build_up_figure_has_one_curve_per_time_and_the_exact_steady_state():
    lam = 50.0
    res = simulate_secretion([0.0, 1.0, 10.0, 100.0, 2000.0], secretion_per_s=100.0, cell_radius_um=5.0,
                             diffusion_um2_per_s=100.0, screening_length_um=lam, r_show_um=200.0)
    fig = nf.profile_build_up_figure(res)
    lines = fig.axes[0].lines
    assert len(lines) == 5  # four times after 0, and the steady state
    steady, last = lines[-1], lines[-2]
    np.testing.assert_allclose(last.get_ydata(), steady.get_ydata(), rtol=0.01)


def test_competition_figure_shares_and_occupancies():
    consumers = [TREG, TEFF]
    capacity = uptake_capacity_pM_per_s(consumers)
    sweep = shared_cytokine_sweep(np.logspace(-3, 0, 20) * 0.95 * capacity, consumers)
    fig = nf.competition_figure(sweep, capacity_pM_per_s=capacity)
    share_ax, occ_ax = fig.axes
    treg_share = share_ax.lines[0].get_ydata()
    teff_share = share_ax.lines[1].get_ydata()
    np.testing.assert_allclose(treg_share + teff_share, 1.0, rtol=1e-6)  # no degradation: all is taken up
    assert treg_share[0] > 0.9 and treg_share[-1] < treg_share[0]
    assert np.all(np.diff(occ_ax.lines[0].get_ydata()) > 0)
    assert "lost by other routes" not in [line.get_label() for line in share_ax.lines]


def test_competition_figure_with_degradation_draws_the_lost_share():
    sweep = shared_cytokine_sweep([0.01, 0.1, 1.0, 10.0], [TREG, TEFF], degradation_per_s=1e-3)
    labels = [line.get_label() for line in nf.competition_figure(sweep).axes[0].lines]
    assert "lost by other routes" in labels


def test_competition_figure_needs_two_points():
    with pytest.raises(ValueError):
        nf.competition_figure(shared_cytokine_sweep([0.1], [TREG]))


def test_plasma_curves_figure_draws_curves_window_and_reference():
    t = np.linspace(0, 24, 50)
    curves = [nf.PlasmaCurve("first", t, 100 * np.exp(-0.3 * t)), nf.PlasmaCurve("second", t, 50 * np.exp(-0.1 * t),
                                                                               dashed=True)]
    fig = nf.plasma_curves_figure(curves, window=nf.ConcentrationWindow(1, 10, "window"),
                                  reference_ng_per_ml=(5.0, "reference"), time_unit="min")
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels[:2] == ["first", "second"]
    assert "reference" in labels
    first = [line for line in ax.lines if line.get_label() == "first"][0]
    assert first.get_xdata()[-1] == pytest.approx(24 * 60)


def test_plasma_curves_figure_rejects_bad_input():
    t = np.linspace(0, 1, 5)
    with pytest.raises(ValueError):
        nf.plasma_curves_figure([])
    with pytest.raises(ValueError):
        nf.plasma_curves_figure([nf.PlasmaCurve("x", t, t + 1)], time_unit="week")
