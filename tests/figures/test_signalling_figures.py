"""Tests for the Chapter 3 figures (widgets.figures.signalling)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from widgets.figures import signalling as sig
from widgets.models.hill import fit_hill, hill
from widgets.models.kinetics import ILLUSTRATIVE_KON_PER_M_PER_S, time_to_equilibrium_s


def _texts(fig: Figure) -> str:
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


@pytest.mark.parametrize(
    "factory, words",
    [
        (sig.receptor_classes_figure, ["JAK", "MyD88", "TRADD", "caspase-8", "SMAD2/3 + SMAD4", "PI3K–AKT"]),
        (sig.jak_stat_cascade_figure, ["JAK", "STAT · STAT", "SOCS protein", "negative feedback", "nucleus"]),
        (sig.jak_stat_domains_figure, ["FERM", "SH2-like", "pseudokinase", "kinase", "DNA-binding", "SH2"]),
        (sig.raia_scheme_figure, ["IL-4Rα/IL-13Rα1", "IL-13Rα2 (decoy)", "JAK2", "STAT5", "SOCS3 protein"]),
    ],
)
def test_diagrams_are_figures_with_their_labels(factory, words):
    fig = factory()
    assert isinstance(fig, Figure)
    text = _texts(fig)
    for word in words:
        assert word in text, f"{factory.__name__} lacks the label {word!r}"
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)  # readable on a white page


def test_receptor_classes_has_six_panels_with_titles():
    fig = sig.receptor_classes_figure()
    assert len(fig.axes) == 6
    titles = _texts(fig)
    for title in ["Type I and II cytokine receptors", "IL-1 receptor family", "TNF receptor superfamily",
                  "Chemokine receptors (GPCRs)", "TGF-β family receptors", "Receptor tyrosine kinases"]:
        assert title in titles


def test_binding_figure_axes_labels_and_t95_marker():
    fig = sig.binding_time_course_figure(19.0, 10.0, context_ligands_pM=sig_context())
    ax = fig.axes[0]
    assert ax.get_xlabel() == "time after adding the cytokine (log scale)"
    assert ax.get_ylabel() == "fraction of receptors bound"
    assert ax.get_xscale() == "log"
    # The marker sits at 95 % of the equilibrium occupancy, at the analytic t95.
    marker = [line for line in ax.lines if line.get_marker() == "o"][0]
    t95_min = time_to_equilibrium_s(10.0, kon_per_M_per_s=ILLUSTRATIVE_KON_PER_M_PER_S,
                                    koff_per_s=19e-12 * ILLUSTRATIVE_KON_PER_M_PER_S) / 60
    assert marker.get_xdata()[0] == pytest.approx(t95_min)
    assert marker.get_ydata()[0] == pytest.approx(0.95 * 10 / 29)
    # The named affinity is labelled in the legend.
    assert "TNF–TNFR1" in " ".join(t.get_text() for t in ax.get_legend().get_texts())


def sig_context():
    return (1.0, 10.0, 100.0, 1000.0)


def test_binding_figure_rejects_bad_input():
    with pytest.raises(ValueError, match="kd_pM must be"):
        sig.binding_time_course_figure(0.0, 10.0)
    with pytest.raises(ValueError, match="ligand_pM must be"):
        sig.binding_time_course_figure(10.0, float("nan"))


def test_raia_figure_axes_and_units():
    fig = sig.raia_time_course_figure(4.0, socs3_feedback=False, jak2_inhibition=0.5)
    ax_p, ax_s = fig.axes
    assert ax_p.get_xlabel() == ax_s.get_xlabel() == "time after IL-13 (min)"
    assert ax_p.get_ylabel() == "phosphorylated STAT5 (nM)"
    assert ax_s.get_ylabel() == "SOCS3 protein (nM)"
    assert ax_p.get_xlim() == (0.0, 120.0)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "published model, same dose" in labels
    assert any("IL-13 4 ng/mL" in label for label in labels)


def test_raia_figure_published_setting_has_no_reference_curve():
    fig = sig.raia_time_course_figure(20.0)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["IL-13 20 ng/mL: published model"]


def test_dose_response_figure():
    c = np.array([0.0, 0.3, 1, 3, 10, 30, 100])
    y = hill(c, ec50=3.0, hill_coefficient=1.2, top=100.0)
    fit = fit_hill(c, y)
    fig = sig.dose_response_figure(c, y, np.full(c.size, 5.0), fit, conc_label="IL-13 (ng/mL)",
                                   response_label="pSTAT5 at 30 min (nM)")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "IL-13 (ng/mL)"
    assert ax.get_ylabel() == "pSTAT5 at 30 min (nM)"
    assert ax.get_xscale() == "log"
