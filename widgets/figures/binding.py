"""Figures about cytokine-receptor binding."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from widgets.figures.style import LOG_TICKS, MUTED, PALETTE, book_style
from widgets.models.binding import receptor_occupancy
from widgets.units import ng_per_ml_to_pM, pM_to_ng_per_ml

CONCENTRATION_RANGE_PM = (0.01, 1e5)
"""Concentration axis of the occupancy figure, in pM."""


def occupancy_figure(
    kd_pM: float,
    mass_kDa: float,
    *,
    context_kds_pM: Sequence[float] = (),
) -> Figure:
    """Receptor occupancy against free cytokine concentration, in pM and ng/mL.

    Parameters
    ----------
    kd_pM : float
        Dissociation constant of the highlighted curve, in pM (> 0).
    mass_kDa : float
        Molecular mass used for the ng/mL axis on top, in kDa (> 0).
    context_kds_pM : sequence of float, optional
        Further dissociation constants drawn as faint grey curves for comparison.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, with the concentration in pM below and in ng/mL above.

    Examples
    --------
    >>> fig = occupancy_figure(10.0, 20.0, context_kds_pM=[1.0, 100.0])
    >>> len(fig.axes[0].lines) >= 3
    True
    """
    lo, hi = np.log10(CONCENTRATION_RANGE_PM)
    conc = np.logspace(lo, hi, 400)
    with book_style():
        fig = Figure()  # not registered with pyplot: shown only where it is returned
        ax = fig.subplots()
        # Fixed margins: constrained layout costs ~1 s per frame with log and secondary axes.
        fig.subplots_adjust(left=0.09, right=0.97, bottom=0.12, top=0.87)
        for kd in context_kds_pM:
            if kd != kd_pM:
                ax.plot(conc, receptor_occupancy(conc, kd), color=MUTED, lw=1.0, zorder=1)
        ax.plot(conc, receptor_occupancy(conc, kd_pM), color=PALETTE[0], lw=2.8, zorder=3,
                label=f"$K_D$ = {kd_pM:g} pM")
        ax.axhline(0.5, color=MUTED, lw=0.8, ls="--", zorder=0)
        ax.plot([kd_pM], [0.5], "o", color=PALETTE[1], ms=9, zorder=4,
                label=f"half occupied at {kd_pM:g} pM = {pM_to_ng_per_ml(kd_pM, mass_kDa):.3g} ng/mL")
        ax.vlines(kd_pM, 0, 0.5, color=PALETTE[1], lw=1.2, ls=":", zorder=2)
        ax.set_xscale("log")
        ax.set_xlim(*CONCENTRATION_RANGE_PM)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("free cytokine concentration (pM)")
        ax.set_ylabel("fraction of receptors bound")
        top = ax.secondary_xaxis(
            "top",
            functions=(
                lambda c: pM_to_ng_per_ml(np.clip(c, 1e-30, None), mass_kDa),
                lambda m: ng_per_ml_to_pM(np.clip(m, 1e-30, None), mass_kDa),
            ),
        )
        top.set_xlabel(f"concentration (ng/mL) for a {mass_kDa:g} kDa cytokine")
        for axis in (ax.xaxis, top.xaxis):
            axis.set_major_formatter(LOG_TICKS)
        # Few minor ticks: each tick is an artist, and nine per decade on two log axes
        # made every frame take 0.6 s to draw.
        ax.xaxis.set_minor_locator(LogLocator(subs=(3.0,)))
        top.xaxis.set_minor_locator(NullLocator())
        ax.legend(loc="upper left")
    return fig
