"""Figures and tables about cytokine families: drawn from the catalog, not typed by hand."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from widgets import catalog
from widgets.figures import families as fam


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- tables
def test_every_pathway_of_the_vocabulary_has_a_distinct_style() -> None:
    assert set(fam.PATHWAY_STYLE) == set(catalog.PATHWAYS)
    pairs = [(s["color"], s["marker"]) for s in fam.PATHWAY_STYLE.values()]
    assert len(pairs) == len(set(pairs)), "colour + marker must identify a pathway"


# --------------------------------------------------------------------------- figures
def test_family_figure_axes_follow_the_catalog() -> None:
    fig = fam.family_figure("IL-17 family")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    xlabels = [t.get_text() for t in ax.get_xticklabels()]
    ligands = catalog.family_ligands("IL-17 family")
    assert xlabels == [s[0] if len(s) == 1 else f"{lig}\n{'+'.join(s)}"
                       for lig, s in zip(ligands["ligand"], ligands["subunits"])]
    assert "IL-17A/F\nIL17A+IL17F" in xlabels
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    assert ylabels[0] == "IL17RA (IL-17RA)"
    assert fig.get_suptitle() == "IL-17 family: 7 ligands, 4 receptor chains"
    # one dot per (ligand, chain) pair
    pairs = sum(len(roles) for roles in ligands["chain_roles"])
    assert len(ax.lines) == pairs
    assert ax.get_xlabel() and "receptor chain" in [t.get_text() for t in ax.texts]


def test_family_figure_draws_non_signalling_binding_lightly() -> None:
    fig = fam.family_figure("IL-1 family")
    light = [line for line in fig.axes[0].lines if line.get_markerfacecolor() in ("white", "#d9d9d9")]
    # IL-1Ra on IL1R1 (antagonist) and IL1R2; IL-1α and IL-1β on the decoy IL1R2; IL-36Ra on IL1RL2
    assert len(light) == 5
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "decoy receptor (binds, no signal)" in labels and "binds and blocks (antagonist)" in labels


def test_family_figure_marks_members_without_receptor() -> None:
    fig = fam.family_figure("adipokine")
    grey = {t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_fontstyle() == "italic"}
    assert grey == {"RETN", "NAMPT"}


def test_shared_chain_figure_title_and_labels() -> None:
    fig = fam.shared_chain_figure("IL2RG")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "IL2RG (γc): used by 6 cytokines in the catalog"
    texts = {t.get_text() for t in ax.texts}
    assert "IL-2 (IL2)" in texts and "TSLP" in texts and "IL2RG (γc)" in texts
    gp130 = {t.get_text() for t in fam.shared_chain_figure("IL6ST").axes[0].texts}
    assert "IL-35 (EBI3+IL12A)" in gp130 and "IL-12 (IL12A+IL12B)" in gp130  # IL-12 only as a neighbour


def test_overview_figure_has_one_bar_group_per_family() -> None:
    fig = fam.family_overview_figure()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == catalog.families()
    totals = sorted(int(t.get_text()) for t in ax.texts)
    expected = sorted(catalog.cytokines().groupby("family", observed=True).size().tolist())
    assert totals == expected
    assert ax.get_xlabel()
