"""Chapter 1 explorer: how receptor affinity sets the concentration a cytokine works at."""

from __future__ import annotations

from widgets.explorers.core import FrameExplorer, Parameter
from widgets.figures.binding import occupancy_figure
from widgets.models.binding import pM_to_ng_per_ml

KD_GRID_PM = (1, 3, 10, 30, 100, 300, 1000)
MASS_GRID_KDA = (10, 15, 20, 30, 50)


def occupancy_alt(kd_pM: float, mass_kDa: float) -> str:
    """Alt text for one frame of :func:`occupancy_explorer`.

    Examples
    --------
    >>> occupancy_alt(10, 20)[:60]
    'Receptor occupancy against cytokine concentration for K_D = '
    """
    ng = float(pM_to_ng_per_ml(kd_pM, mass_kDa))
    return (
        f"Receptor occupancy against cytokine concentration for K_D = {kd_pM:g} pM and a "
        f"{mass_kDa:g} kDa cytokine: the S-shaped curve on a log axis rises from 0 to 1 and "
        f"crosses half occupancy at {kd_pM:g} pM, which is {ng:.3g} ng/mL on the top axis."
    )


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
        lambda kd_pM, mass_kDa: occupancy_figure(kd_pM, mass_kDa, context_kds_pM=KD_GRID_PM),
        [
            Parameter("kd_pM", KD_GRID_PM, label="Dissociation constant K_D", unit="pM", default=10),
            Parameter("mass_kDa", MASS_GRID_KDA, label="Molecular mass of the cytokine", unit="kDa", default=20),
        ],
        alt=occupancy_alt,
        title="Receptor occupancy: move the sliders",
    )
