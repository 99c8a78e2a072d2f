"""Tests for the Chapter 7 figures (widgets.figures.assay): they draw what they are given."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from widgets.figures import assay as figs
from widgets.models.assay import fit_logistic, precision_profile, simulated_plate, weighting_study
from widgets.models.censored import compare_estimators, fit_lognormal_censored, simulated_censored_sample


def test_standard_curve_figure_with_and_without_profile() -> None:
    x, y, _ = simulated_plate(seed=1)
    fit = fit_logistic(x, y, weights="1/y^2")
    assert len(figs.standard_curve_figure(fit).axes) == 1
    prof = precision_profile(fit, np.logspace(-0.5, 4, 50))
    fig = figs.standard_curve_figure(fit, back=fit.back_calculate(0.5), profile=prof, limits=prof.limits(0.2),
                                     max_cv=0.2)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert fig.axes[0].get_xscale() == "log" and "pg/mL" in fig.axes[1].get_xlabel()
    # a signal outside the curve is drawn without a point
    assert isinstance(figs.standard_curve_figure(fit, back=fit.back_calculate(10.0)), Figure)


def test_weighting_figure_plots_the_study() -> None:
    x, y, _ = simulated_plate(seed=2)
    study = weighting_study(n_plates=3, seed=1)
    fig = figs.weighting_figure({"unweighted": fit_logistic(x, y), "1/y²": fit_logistic(x, y, weights="1/y^2")},
                                study=study)
    assert "Typical error" in fig.axes[1].get_ylabel()
    assert len(fig.axes[1].lines) == 2


def test_censoring_and_hook_figures() -> None:
    v = simulated_censored_sample(40, geometric_mean=2.0, geometric_sd=3.0, limit_of_detection=2.0, seed=1)
    cmp = compare_estimators(n=40, geometric_mean=2.0, geometric_sd=3.0, limit_of_detection=2.0, n_repeats=5)
    fig = figs.censoring_figure(v, limit_of_detection=2.0, fit=fit_lognormal_censored(v, 2.0), comparison=cmp)
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()][0].startswith("maximum")
    g = np.logspace(0, 6, 30)
    fig = figs.hook_figure(g, one_step=g / (1 + g / 100) ** 2, two_step=g / (1 + g / 100), sample_pM=1e5,
                           apparent_pM=2.0)
    assert any("reads as" in t.get_text() for t in fig.axes[0].texts)
