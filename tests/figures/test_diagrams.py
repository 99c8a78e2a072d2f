"""Every schematic diagram of the book is a figure on a white page with the labels its chapter names."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from widgets.figures import inflammation as fig5
from widgets.figures import signalling as sig


@pytest.mark.parametrize(
    ("factory", "words"),
    [
        # Chapter 3
        (sig.receptor_classes_figure, ["JAK", "MyD88", "TRADD", "caspase-8", "SMAD2/3 + SMAD4", "PI3K–AKT"]),
        (sig.jak_stat_cascade_figure, ["JAK", "STAT · STAT", "SOCS protein", "negative feedback", "nucleus"]),
        (sig.jak_stat_domains_figure, ["FERM", "SH2-like", "pseudokinase", "kinase", "DNA-binding", "SH2"]),
        (sig.raia_scheme_figure, ["IL-4Rα/IL-13Rα1", "IL-13Rα2 (decoy)", "JAK2", "STAT5", "SOCS3 protein"]),
        # Chapter 5
        (fig5.haematopoiesis_figure, ["stem cell", "erythropoietin (kidney)", "thrombopoietin (liver), IL-11",
                                      "G-CSF", "M-CSF", "IL-7", "IL-15", "FLT3 ligand", "BAFF"]),
        (fig5.acute_inflammation_timeline_figure, ["PAMPs, DAMPs", "NF-κB", "TNF, IL-1β", "E-selectin", "CXCL8",
                                                   "IL-10, TGF-β, IL-1Ra"]),
        (fig5.inflammasome_figure, ["signal 1", "signal 2", "inflammasome", "active caspase-1", "gasdermin D",
                                    "pyroptosis"]),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_diagrams_are_figures_with_their_labels(factory, words, figure_text):
    fig = factory()
    assert isinstance(fig, Figure)
    text = figure_text(fig)
    for word in words:
        assert word in text, f"{factory.__name__} lacks the label {word!r}"
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)  # readable on a white page
