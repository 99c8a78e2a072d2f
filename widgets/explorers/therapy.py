"""Chapter 6 explorers: cytokines as medicines and as drug targets.

* :func:`target_engagement_explorer` -- the fraction of a cytokine left free by a
  neutralising antibody, against antibody concentration, for a chosen antibody
  affinity and cytokine concentration (4 x 3 = 12 frames), from
  :func:`widgets.models.target_engagement.free_fraction`.
"""

from __future__ import annotations

import html

from widgets.explorers.core import Control, Frame, FrameExplorer
from widgets.figures.therapy import free_fraction_figure
from widgets.models.target_engagement import antibody_for_free_fraction
from widgets.parameters import value
from widgets.units import pM_to_ng_per_ml

__all__ = [
    "ANTIBODY_RANGE_PM",
    "ENGAGEMENT_CYTOKINE_GRID_PM",
    "ENGAGEMENT_KD_GRID_PM",
    "ENGAGEMENT_TARGETS",
    "antibody_ug_per_ml",
    "target_engagement_explorer",
    "target_engagement_frame",
]

ENGAGEMENT_KD_GRID_PM: tuple[float, ...] = (1.0, 10.0, 100.0, 1000.0)
"""Antibody dissociation constants offered by the target-engagement explorer, pM."""

ENGAGEMENT_CYTOKINE_GRID_PM: tuple[float, ...] = (1.0, 100.0, 10_000.0)
"""Total cytokine concentrations offered by the target-engagement explorer, pM: a serum
level, an inflamed tissue and a local hot spot, in round decades (illustrative)."""

ENGAGEMENT_TARGETS: tuple[float, ...] = (0.5, 0.1, 0.01)
"""Free fractions tabulated under each frame."""

ANTIBODY_RANGE_PM: tuple[float, float] = (1.0, 1e7)
"""Antibody axis of the frames, pM (1 pM to 10 µM)."""

_TABLE = ' style="margin:0.4em auto;border-collapse:collapse;font-size:0.9em"'
_CELL = ' style="padding:0.15em 0.9em;text-align:right"'


def antibody_ug_per_ml(antibody_pM: float) -> float:
    """An antibody concentration in µg/mL, for an IgG of the book's order-of-magnitude mass.

    Uses ``igg_mass_kDa`` (about 150 kDa) from the therapy parameter table.

    Examples
    --------
    >>> round(antibody_ug_per_ml(6667.0), 2)
    1.0
    """
    return float(pM_to_ng_per_ml(antibody_pM, value("igg_mass_kDa"))) / 1000.0


def _format_pM(conc_pM: float) -> str:
    if conc_pM >= 1e6:
        return f"{conc_pM / 1e6:.3g} µM"
    if conc_pM >= 1e3:
        return f"{conc_pM / 1e3:.3g} nM"
    return f"{conc_pM:.3g} pM"


def _engagement_table(kd_pM: float, cytokine_pM: float) -> str:
    head = ("<thead><tr>" + "".join(f"<th{_CELL}>{h}</th>" for h in
            ("cytokine left free", "antibody needed", "as IgG (µg/mL, approx.)")) + "</tr></thead>")
    rows = []
    for target in ENGAGEMENT_TARGETS:
        ab = float(antibody_for_free_fraction(target, cytokine_pM=cytokine_pM, kd_pM=kd_pM))
        rows.append((f"{target:.0%}", _format_pM(ab), f"{antibody_ug_per_ml(ab):.2g}"))
    body = "".join("<tr>" + "".join(f"<td{_CELL}>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="explorer-table"{_TABLE}>{head}<tbody>{body}</tbody></table>'


def target_engagement_frame(*, kd_pM: float, cytokine_pM: float) -> Frame:
    """One frame of :func:`target_engagement_explorer`: curve, alt text and a small table.

    Parameters
    ----------
    kd_pM : float
        Dissociation constant of the antibody (one site per antibody), pM.
    cytokine_pM : float
        Total cytokine concentration, pM.

    Examples
    --------
    >>> frame = target_engagement_frame(kd_pM=100, cytokine_pM=1)
    >>> "1% free at 9.9 nM" in frame.alt
    True
    """
    half = float(antibody_for_free_fraction(0.5, cytokine_pM=cytokine_pM, kd_pM=kd_pM))
    one = float(antibody_for_free_fraction(0.01, cytokine_pM=cytokine_pM, kd_pM=kd_pM))
    fig = free_fraction_figure(
        cytokine_pM=cytokine_pM, kd_pM=kd_pM, context_kds_pM=ENGAGEMENT_KD_GRID_PM,
        antibody_range_pM=ANTIBODY_RANGE_PM, target_free_fraction=0.01,
    )
    others = ", ".join(f"{k:g}" for k in ENGAGEMENT_KD_GRID_PM if k != kd_pM)
    alt = (
        f"Fraction of {cytokine_pM:g} pM cytokine left free against total antibody concentration "
        f"from 1 pM to 10 µM, both on log axes. The bold curve, for an antibody with K_D = "
        f"{kd_pM:g} pM, stays near 1 while the antibody is scarce, then falls: half the cytokine "
        f"is free at {_format_pM(half)} antibody and 1% free at {_format_pM(one)} "
        f"(about {antibody_ug_per_ml(one):.2g} µg/mL of IgG). A dashed line marks 1% free; grey "
        f"curves show antibodies with K_D = {others} pM."
    )
    return Frame(fig, alt, _engagement_table(kd_pM, cytokine_pM))


def target_engagement_explorer() -> FrameExplorer:
    """Free cytokine against antibody concentration, for a chosen K_D and cytokine level.

    Returns
    -------
    FrameExplorer
        4 affinities x 3 cytokine concentrations = 12 frames.

    Examples
    --------
    >>> target_engagement_explorer()
    FrameExplorer(kd_pM: 4 values, cytokine_pM: 3 values; 12 frames)
    """
    return FrameExplorer(
        target_engagement_frame,
        [
            Control("kd_pM", ENGAGEMENT_KD_GRID_PM, label="Antibody K_D", unit="pM", default=100.0),
            Control("cytokine_pM", ENGAGEMENT_CYTOKINE_GRID_PM, label="Total cytokine", unit="pM",
                    default=1.0),
        ],
        title="How much antibody does it take to neutralise a cytokine?",
    )
