"""Chapter 1 explorer: how receptor affinity sets the concentration a cytokine works at."""

from __future__ import annotations

from widgets.explorers.core import Control, Frame, FrameExplorer
from widgets.figures.binding import occupancy_figure
from widgets.units import pM_to_ng_per_ml

__all__ = ["KD_GRID_PM", "MASS_GRID_KDA", "occupancy_explorer", "occupancy_frame"]

KD_GRID_PM: tuple[float, ...] = (1, 3, 10, 30, 100, 300, 1000)
"""Dissociation constants of the explorer, in pM (illustrative grid)."""

MASS_GRID_KDA: tuple[float, ...] = (10, 15, 20, 30, 50)
"""Molecular masses of the explorer, in kDa (illustrative grid)."""


def occupancy_frame(*, kd_pM: float, mass_kDa: float) -> Frame:
    """One frame of :func:`occupancy_explorer`: the occupancy curve and its alt text.

    Examples
    --------
    >>> occupancy_frame(kd_pM=10, mass_kDa=20).alt[:60]
    'Receptor occupancy against cytokine concentration for K_D = '
    """
    ng = pM_to_ng_per_ml(kd_pM, mass_kDa)
    alt = (
        f"Receptor occupancy against cytokine concentration for K_D = {kd_pM:g} pM and a "
        f"{mass_kDa:g} kDa cytokine: the S-shaped curve on a log axis rises from 0 to 1 and "
        f"crosses half occupancy at {kd_pM:g} pM, which is {ng:.3g} ng/mL on the top axis."
    )
    return Frame(occupancy_figure(kd_pM, mass_kDa, context_kds_pM=KD_GRID_PM), alt)


def occupancy_explorer() -> FrameExplorer:
    """Receptor occupancy for a chosen K_D, with the concentration in pM and ng/mL.

    Returns
    -------
    FrameExplorer
        Two sliders (K_D in pM, molecular mass in kDa), 35 precomputed frames.

    Examples
    --------
    >>> occupancy_explorer()
    FrameExplorer(kd_pM: 7 values, mass_kDa: 5 values; 35 frames)
    """
    return FrameExplorer(
        occupancy_frame,
        [
            Control("kd_pM", KD_GRID_PM, label="Dissociation constant K_D", unit="pM", default=10),
            Control("mass_kDa", MASS_GRID_KDA, label="Molecular mass of the cytokine", unit="kDa", default=20),
        ],
        title="Receptor occupancy: move the sliders",
    )
