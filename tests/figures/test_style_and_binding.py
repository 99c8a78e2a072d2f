"""The shared style and the Chapter 1 figure and explorer."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt

from widgets.explorers.occupancy import KD_GRID_PM, MASS_GRID_KDA, occupancy_explorer, occupancy_frame
from widgets.figures.binding import occupancy_figure
from widgets.figures.style import OKABE_ITO, PALETTE, book_style


def test_palette_is_okabe_ito_without_yellow() -> None:
    assert set(PALETTE) <= set(OKABE_ITO.values())
    assert OKABE_ITO["yellow"] not in PALETTE


def test_style_is_scoped() -> None:
    before = mpl.rcParams["axes.spines.top"]
    with book_style():
        assert mpl.rcParams["axes.spines.top"] is False
    assert mpl.rcParams["axes.spines.top"] == before


def test_occupancy_figure_axes_are_labelled_with_units() -> None:
    fig = occupancy_figure(10.0, 20.0, context_kds_pM=KD_GRID_PM)
    ax = fig.axes[0]
    assert "(pM)" in ax.get_xlabel() and "bound" in ax.get_ylabel()
    (top,) = ax.child_axes  # the secondary x axis on top
    assert "ng/mL" in top.get_xlabel() and "20 kDa" in top.get_xlabel()
    assert ax.get_xscale() == "log"
    plt.close(fig)


def test_alt_text_gives_the_conversion() -> None:
    text = occupancy_frame(kd_pM=10, mass_kDa=20).alt
    assert "K_D = 10 pM" in text and "20 kDa" in text and "0.2 ng/mL" in text


def test_occupancy_explorer_grid() -> None:
    ex = occupancy_explorer()
    assert len(ex.frames) == len(KD_GRID_PM) * len(MASS_GRID_KDA)
    assert [c.description for c in ex.controls] == [
        "Dissociation constant K_D (pM)",
        "Molecular mass of the cytokine (kDa)",
    ]
    assert ex.visible_frame().alt == occupancy_frame(kd_pM=10, mass_kDa=20).alt
