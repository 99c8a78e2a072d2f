"""Chapter 8 figures: drawn from model results, with the elements the captions promise."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from widgets.datasets import cytosig_signatures, signal_label, signals
from widgets.figures import signatures as fs
from widgets.models import signatures as sg


@pytest.fixture(scope="module")
def R() -> pd.DataFrame:
    return sg.signature_correlation(cytosig_signatures())


LABELS = {s: signal_label(s) for s in signals()}


def test_heatmap_marks_groups_in_tick_labels(R: pd.DataFrame) -> None:
    order = sg.cluster_signatures(R).order
    fig = fs.correlation_heatmap_figure(R, order, labels=LABELS, marked={"γc": ["IL2", "IL4"]})
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "IL-2 ●" in ticks and "IL-4 ●" in ticks and len(ticks) == 43


def test_similarity_figure_sorts_and_colours_partners(R: pd.DataFrame) -> None:
    fig = fs.similarity_figure(R, "IL6", labels=LABELS, partners=["OSM"])
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]  # type: ignore[attr-defined]
    assert heights == sorted(heights, reverse=True) and len(heights) == 42
    assert ax.get_xticklabels()[0].get_text() == "oncostatin M"
    assert "oncostatin M (r = 0.43)" in ax.get_title(loc="left")


def test_activity_figure_highlights_planted_signals() -> None:
    z = pd.Series({"A": 4.0, "B": 0.5, "C": -3.0})
    fig = fs.activity_figure(z, planted={"A": 1.0, "C": -1.0}, significant=["A"])
    colours = [p.get_facecolor() for p in fig.axes[0].patches]
    assert colours[0] == colours[2] != colours[1]


def test_all_figures_are_plain_figures(R: pd.DataFrame) -> None:
    S = cytosig_signatures()
    tests = {g.name: sg.shared_chain_test(R, g.members, n_permutations=200) for g in sg.SHARED_CHAIN_GROUPS}
    figs = [
        fs.shared_chain_tests_figure(tests),
        fs.top_genes_figure(sg.top_genes(S, "IL6"), sg.top_genes(S, "IL6", direction="down"), signal_label="IL-6"),
        fs.enrichment_figure(sg.enrichment_scores(["STAT1", "IRF1", "GBP2", "IFIT3"], S, n_permutations=200)),
        fs.design_figure(dose_ug=5, volume_ul=100, time_h=4, n_cytokines=86, n_cell_types=17,
                         log2fc_min=0.25, fdr_max=0.05),
    ]
    assert all(isinstance(f, Figure) for f in figs)
    assert len(figs[0].axes[0].get_yticklabels()) == len(sg.SHARED_CHAIN_GROUPS)
