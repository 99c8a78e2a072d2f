"""Chapter 4 explorers: how far a cytokine reaches, who gets it, and how long a dose lasts.

* :func:`profile_explorer`: the steady concentration around one secreting cell, with
  secretion rate, receptors per consuming neighbour and neighbour spacing as controls;
* :func:`competition_explorer`: IL-2 shared between regulatory T cells (many
  high-affinity receptors) and effector T cells (few, weaker ones) as production rises;
* :func:`dose_explorer`: plasma IL-2 after a dose, with half-life, route and dose as
  controls, against the window between the two IL-2 receptor affinities;
* :func:`dose_live_explorer`: the same question with continuous controls, the model
  integrated in the reader's browser (:mod:`widgets.explorers.live`).

The numbers come from :mod:`widgets.models.diffusion` and
:mod:`widgets.models.pharmacokinetics`; the drawing from :mod:`widgets.figures.near_far`.
"""

from __future__ import annotations

import math
from types import MappingProxyType

import numpy as np

from widgets.explorers.core import Control, Frame, FrameExplorer, rows_table
from widgets.explorers.live import (
    Band,
    LiveExplorer,
    Panel,
    Peak,
    Reference,
    Series,
    Slider,
    Switch,
    TimeAbove,
    TimeBetween,
    TimeGrid,
    ValueAt,
)
from widgets.figures.near_far import (
    ConcentrationWindow,
    PlasmaCurve,
    competition_figure,
    concentration_profile_figure,
    plasma_curves_figure,
)
from widgets.figures.style import MUTED, PALETTE
from widgets.models.definitions import load as load_definition
from widgets.models.diffusion import (
    ILLUSTRATIVE,
    Consumer,
    reach_summary,
    shared_cytokine_steady_state,
    shared_cytokine_sweep,
    uptake_capacity_pM_per_s,
)
from widgets.models.pharmacokinetics import (
    ILLUSTRATIVE_PLASMA_VOLUME_L,
    absorption_half_life_for_peak_h,
    aldesleukin_ug_per_million_iu,
    il2_receptor_window_ng_per_ml,
    one_compartment_ng_per_ml,
    time_above_h,
)
from widgets.parameters import value
from widgets.units import MIN_PER_H

__all__ = [
    "COMPETITION_PRODUCTION_PM_PER_S",
    "COMPETITION_TEFF",
    "DOSE_GRID_MIU",
    "HALF_LIFE_MENU_H",
    "PROFILE_RECEPTOR_GRID",
    "PROFILE_SECRETION_GRID",
    "PROFILE_SPACING_GRID_UM",
    "TREG_RECEPTOR_GRID",
    "TREG_SPACING_GRID_UM",
    "competition_explorer",
    "competition_frame",
    "dose_explorer",
    "dose_frame",
    "dose_live_explorer",
    "profile_explorer",
    "profile_frame",
]


def _pm(value_pM: float) -> str:
    """A concentration for a table: two significant digits, no exponent."""
    return f"{value_pM:,.0f}" if value_pM >= 100 else f"{value_pM:.2g}"


# ---------------------------------------------------------------------------------
# (a) Concentration around one secreting cell
# ---------------------------------------------------------------------------------

PROFILE_SECRETION_GRID: tuple[float, ...] = (10.0, 100.0, 1000.0)
"""Secretion rates of the profile explorer, in molecules per second (orders of magnitude)."""

PROFILE_RECEPTOR_GRID: tuple[float, ...] = (100.0, 1000.0, 10000.0, 30000.0)
"""Receptors per consuming neighbour (orders of magnitude, from a resting cell to a
regulatory T cell rich in high-affinity receptors)."""

PROFILE_SPACING_GRID_UM: tuple[float, ...] = (10.0, 20.0)
"""One consuming neighbour per cube of this side, in µm: 10 µm is lymphocytes packed as
in a lymph node, 20 µm a consumer among every eighth cell."""


def _profile_threshold_pM() -> float:
    return value("il2_high_affinity_kd_low_pM")


def profile_frame(*, secretion_per_s: float, receptors_per_cell: float, cell_spacing_um: float) -> Frame:
    """One frame of :func:`profile_explorer`.

    Examples
    --------
    >>> f = profile_frame(secretion_per_s=100.0, receptors_per_cell=1000.0, cell_spacing_um=10.0)
    >>> "screening length of 78 µm" in f.alt
    True
    """
    threshold = _profile_threshold_pM()
    s = reach_summary(secretion_per_s=secretion_per_s, receptors_per_cell=receptors_per_cell,
                      cell_spacing_um=cell_spacing_um, threshold_pM=threshold)
    fig = concentration_profile_figure(secretion_per_s=secretion_per_s, receptors_per_cell=receptors_per_cell,
                                       cell_spacing_um=cell_spacing_um, threshold_pM=threshold,
                                       threshold_label="high-affinity IL-2 receptor KD")
    if s.reach_um > ILLUSTRATIVE["cell_radius_um"]:
        reach = (f"it stays above {threshold:g} pM out to {s.reach_um:.0f} µm from the centre, "
                 f"which holds about {s.cells_reached:.0f} neighbouring cells "
                 f"(without consumers it would reach {s.reach_free_um:.0f} µm)")
    else:
        reach = f"it never reaches {threshold:g} pM, not even at the cell surface"
    alt = (f"Steady concentration against distance from a cell secreting {secretion_per_s:g} molecules per "
           f"second, among consumers with {receptors_per_cell:g} receptors each, one per "
           f"{cell_spacing_um:g} µm cube. The concentration is {s.surface_pM:.3g} pM at the cell surface and "
           f"falls faster than the grey 1/r curve without consumers, with a screening length of "
           f"{s.screening_length_um:.0f} µm; {reach}.")
    details = rows_table([
        ("screening length", f"{s.screening_length_um:.0f} µm"),
        ("concentration at the cell surface", f"{s.surface_pM:.3g} pM"),
        (f"reach (above {threshold:g} pM)", f"{s.reach_um:.0f} µm from the centre"),
        ("reach without consumers", f"{s.reach_free_um:.0f} µm"),
        ("neighbours within the reach", f"about {s.cells_reached:.0f}"),
    ], row_headers=True, inline_style=False)
    return Frame(fig, alt, details)


def profile_explorer() -> FrameExplorer:
    """Concentration around one secreting cell: secretion, receptors per consumer, spacing.

    Returns
    -------
    FrameExplorer
        Three controls, 24 precomputed frames.

    Examples
    --------
    >>> profile_explorer()
    FrameExplorer(secretion_per_s: 3 values, receptors_per_cell: 4 values, cell_spacing_um: 2 values; 24 frames)
    """
    return FrameExplorer(
        profile_frame,
        [
            Control("secretion_per_s", PROFILE_SECRETION_GRID, label="Secretion rate", unit="molecules/s",
                    default=100.0),
            Control("receptors_per_cell", PROFILE_RECEPTOR_GRID, label="Receptors per consuming neighbour",
                    default=1000.0),
            Control("cell_spacing_um", PROFILE_SPACING_GRID_UM, label="Spacing of consuming neighbours",
                    unit="µm", default=10.0),
        ],
        title="How far does the cytokine reach?",
    )


# ---------------------------------------------------------------------------------
# (b) Competition for IL-2
# ---------------------------------------------------------------------------------

_INTERNALISATION_PER_S = 1e-3
"""Internalisation rate of bound IL-2 receptors (illustrative, order of magnitude: a
complex internalised in about a quarter of an hour)."""

_DEGRADATION_PER_S = 1e-4
"""First-order loss of free IL-2 other than uptake by the two populations (illustrative:
lymph flow and other cells; a lifetime of about three hours)."""

COMPETITION_TEFF: Consumer = Consumer(
    "effector T cells",
    receptors_per_cell=1000.0,
    cell_spacing_um=12.0,
    kd_pM=value("il2_intermediate_affinity_kd_pM"),
    kon_per_M_per_s=ILLUSTRATIVE["kon_per_M_per_s"],
    internalisation_per_s=_INTERNALISATION_PER_S,
)
"""Effector T cells with little CD25: intermediate-affinity receptors (allouche1990),
10³ per cell (illustrative), and about one in two cells of a dense cluster."""

TREG_RECEPTOR_GRID: tuple[float, ...] = (1000.0, 3000.0, 10000.0, 30000.0)
"""High-affinity IL-2 receptors per regulatory T cell (orders of magnitude)."""

TREG_SPACING_GRID_UM: tuple[float, ...] = (15.0, 20.0, 30.0)
"""One regulatory T cell per cube of this side, in µm (more to fewer Tregs)."""

COMPETITION_PRODUCTION_PM_PER_S: np.ndarray = np.logspace(-3, 1.5, 46)
"""IL-2 production rates on the explorer's x axis, in pM per second."""


def _treg(receptors: float, spacing_um: float) -> Consumer:
    return Consumer("regulatory T cells", receptors_per_cell=receptors, cell_spacing_um=spacing_um,
                    kd_pM=value("il2_high_affinity_kd_low_pM"), kon_per_M_per_s=ILLUSTRATIVE["kon_per_M_per_s"],
                    internalisation_per_s=_INTERNALISATION_PER_S)


def competition_frame(*, treg_receptors: float, treg_spacing_um: float) -> Frame:
    """One frame of :func:`competition_explorer`.

    Examples
    --------
    >>> f = competition_frame(treg_receptors=10000.0, treg_spacing_um=20.0)
    >>> "regulatory T cells take" in f.alt
    True
    """
    treg = _treg(treg_receptors, treg_spacing_um)
    consumers = [treg, COMPETITION_TEFF]
    sweep = shared_cytokine_sweep(COMPETITION_PRODUCTION_PM_PER_S, consumers, degradation_per_s=_DEGRADATION_PER_S)
    fig = competition_figure(sweep, capacity_pM_per_s=uptake_capacity_pM_per_s(consumers),
                             title=f"{treg_receptors:g} high-affinity receptors per Treg, one Treg per "
                                   f"({treg_spacing_um:g} µm)³; effector cells fixed")
    low = shared_cytokine_steady_state(1e-3, consumers, degradation_per_s=_DEGRADATION_PER_S)
    mid = shared_cytokine_steady_state(1.0, consumers, degradation_per_s=_DEGRADATION_PER_S)
    high = shared_cytokine_steady_state(10.0, consumers, degradation_per_s=_DEGRADATION_PER_S)
    tr, te = treg.name, COMPETITION_TEFF.name
    alt = (f"Two panels against IL-2 production on a log axis, for {treg_receptors:g} receptors per regulatory "
           f"T cell and one Treg per {treg_spacing_um:g} µm cube. At low production the regulatory T cells "
           f"take {low.share[tr]:.0%} of the IL-2 and effector cells {low.share[te]:.0%}; at 1 pM per second "
           f"the shares are {mid.share[tr]:.0%} and {mid.share[te]:.0%}, and at 10 pM per second "
           f"{high.share[tr]:.0%} and {high.share[te]:.0%}, with {high.share['degraded']:.0%} lost otherwise. "
           f"Receptor occupancy at 1 pM per second: {mid.occupancy[tr]:.0%} on Tregs, "
           f"{mid.occupancy[te]:.0%} on effector cells.")
    details = rows_table([
        ("production", "0.001 / 1 / 10 pM per second"),
        ("share taken by Tregs", f"{low.share[tr]:.0%} / {mid.share[tr]:.0%} / {high.share[tr]:.0%}"),
        ("share taken by effector cells", f"{low.share[te]:.0%} / {mid.share[te]:.0%} / {high.share[te]:.0%}"),
        ("occupancy on effector cells", f"{low.occupancy[te]:.2%} / {mid.occupancy[te]:.0%} / "
                                        f"{high.occupancy[te]:.0%}"),
        ("free IL-2", f"{_pm(low.concentration_pM)} / {_pm(mid.concentration_pM)} / "
                      f"{_pm(high.concentration_pM)} pM"),
    ], row_headers=True, inline_style=False)
    return Frame(fig, alt, details)


def competition_explorer() -> FrameExplorer:
    """IL-2 shared between regulatory and effector T cells as production rises.

    Returns
    -------
    FrameExplorer
        Two controls, 12 precomputed frames.

    Examples
    --------
    >>> competition_explorer()
    FrameExplorer(treg_receptors: 4 values, treg_spacing_um: 3 values; 12 frames)
    """
    return FrameExplorer(
        competition_frame,
        [
            Control("treg_receptors", TREG_RECEPTOR_GRID, label="High-affinity receptors per Treg",
                    default=10000.0),
            Control("treg_spacing_um", TREG_SPACING_GRID_UM, label="One Treg per cube of side", unit="µm",
                    default=20.0),
        ],
        title="Who gets the IL-2?",
    )


# ---------------------------------------------------------------------------------
# (c) Plasma IL-2 after a dose
# ---------------------------------------------------------------------------------

HALF_LIFE_MENU_H: tuple[tuple[str, float], ...] = (
    ("85 min (aldesleukin)", value("aldesleukin_elimination_half_life_min") / MIN_PER_H),
    ("3.5 h (as filgrastim)", value("filgrastim_half_life_h")),
    ("18 h (as pegfilgrastim)", value("pegfilgrastim_half_life_h")),
)
"""Elimination half-lives offered: IL-2's own, and two borrowed from G-CSF drugs to ask
what a half-life-extended IL-2 would do (a thought experiment, not a drug)."""

DOSE_GRID_MIU: tuple[float, ...] = (0.1, 1.0, 10.0)
"""Doses in million international units (IU) of aldesleukin."""

_T_H = np.linspace(0.0, 48.0, 961)


def _sc_absorption_half_life_h() -> float:
    """Absorption half-life behind filgrastim's subcutaneous peak (borrowed for every SC dose)."""
    return absorption_half_life_for_peak_h(value("filgrastim_tmax_h"), half_life_h=value("filgrastim_half_life_h"))


def _curve(half_life_h: float, route: str, dose_ug: float) -> np.ndarray:
    absorption = _sc_absorption_half_life_h() if route == "sc" else None
    return np.asarray(one_compartment_ng_per_ml(_T_H, dose_ug=dose_ug, volume_L=ILLUSTRATIVE_PLASMA_VOLUME_L,
                                                half_life_h=half_life_h, absorption_half_life_h=absorption))


def dose_frame(*, half_life_h: float, route: str, dose_MIU: float) -> Frame:
    """One frame of :func:`dose_explorer`.

    Examples
    --------
    >>> f = dose_frame(half_life_h=HALF_LIFE_MENU_H[0][1], route="iv", dose_MIU=1.0)
    >>> "in the window" in f.alt
    True
    """
    if route not in ("iv", "sc"):
        raise ValueError(f"route must be 'iv' or 'sc', got {route!r}")
    dose_ug = dose_MIU * aldesleukin_ug_per_million_iu()
    window = ConcentrationWindow(*il2_receptor_window_ng_per_ml(),
                                 "window: high-affinity receptors engaged, intermediate ones not yet")
    c = _curve(half_life_h, route, dose_ug)
    label = dict((v, k) for k, v in HALF_LIFE_MENU_H).get(half_life_h, f"{half_life_h:g} h")
    route_word = {"iv": "intravenous bolus", "sc": "subcutaneous injection"}[route]
    curves = [PlasmaCurve(f"{dose_MIU:g} million IU, {route_word}, half-life {label}", _T_H, c)]
    aldesleukin = HALF_LIFE_MENU_H[0][1]
    if not math.isclose(half_life_h, aldesleukin):
        curves.append(PlasmaCurve("same dose and route, aldesleukin's half-life", _T_H,
                                  _curve(aldesleukin, route, dose_ug), colour=MUTED, dashed=True))
    fig = plasma_curves_figure(curves, window=window, ylim_ng_per_ml=(0.01, 2000.0), xlim_h=(0.0, 48.0))
    above_low = time_above_h(_T_H, c, window.low_ng_per_ml)
    above_high = time_above_h(_T_H, c, window.high_ng_per_ml)
    in_window = above_low - above_high
    peak = float(np.max(c))
    alt = (f"Plasma IL-2 over 48 hours on a log axis after {dose_MIU:g} million IU ({dose_ug:.0f} µg) by "
           f"{route_word}, with an elimination half-life of {label}. The peak is {peak:.3g} ng/mL; the curve "
           f"spends {above_high:.1f} h above the window (above {window.high_ng_per_ml:.3g} ng/mL, where the "
           f"intermediate-affinity receptor is engaged) and {in_window:.1f} h in the window between "
           f"{window.low_ng_per_ml:.2g} and {window.high_ng_per_ml:.3g} ng/mL.")
    details = rows_table([
        ("dose", f"{dose_MIU:g} million IU = {dose_ug:.0f} µg"),
        ("peak", f"{peak:.3g} ng/mL"),
        ("hours above the window", f"{above_high:.1f} h"),
        ("hours in the window", f"{in_window:.1f} h"),
    ], row_headers=True, inline_style=False)
    return Frame(fig, alt, details)


def dose_explorer() -> FrameExplorer:
    """Plasma IL-2 after one dose: half-life, route and dose against the receptor window.

    Returns
    -------
    FrameExplorer
        Three controls, 18 precomputed frames.

    Examples
    --------
    >>> dose_explorer()
    FrameExplorer(half_life_h: 3 values, route: 2 values, dose_MIU: 3 values; 18 frames)
    """
    return FrameExplorer(
        dose_frame,
        [
            Control("half_life_h", HALF_LIFE_MENU_H, label="Elimination half-life",
                    default=HALF_LIFE_MENU_H[0][1]),
            Control("route", (("intravenous bolus", "iv"), ("subcutaneous injection", "sc")), label="Route",
                    default="iv"),
            Control("dose_MIU", DOSE_GRID_MIU, label="Dose", unit="million IU", default=1.0),
        ],
        title="How long does a dose stay in the window?",
    )


EXPLORER_CONSTANTS = MappingProxyType({
    "internalisation_per_s": _INTERNALISATION_PER_S,
    "degradation_per_s": _DEGRADATION_PER_S,
})
"""The illustrative rate constants of the competition explorer (for the chapter's text)."""


# ---------------------------------------------------------------------------------
# (c, live) Plasma IL-2 after a dose, computed in the reader's browser
# ---------------------------------------------------------------------------------


def dose_live_explorer() -> LiveExplorer:
    """Plasma IL-2 after one dose, with continuous dose, half-lives and route, computed in the browser.

    The linear depot and plasma model of ``widgets/data/models/pharmacokinetics.yml``
    (one compartment here, whose closed form is
    :func:`widgets.models.pharmacokinetics.one_compartment_ng_per_ml`), with the 3 L
    plasma volume, aldesleukin's elimination half-life and, under the skin, the absorption
    half-life behind filgrastim's peak as defaults; the window between the two IL-2
    receptor affinities is shaded.

    Returns
    -------
    LiveExplorer

    Examples
    --------
    >>> dose_live_explorer().summary_text().split("; ")[:3]
    ['Plasma IL-2 peaks at 20.4 ng/mL at 0 h', '9.41 h in the window', '0.585 h above the window']
    """
    low, high = il2_receptor_window_ng_per_ml()
    ug_per_miu = aldesleukin_ug_per_million_iu()
    return LiveExplorer(
        load_definition("pharmacokinetics"),
        title="How long does a dose stay in the window? (computed in your browser)",
        controls=[
            Slider("dose_ug", "Dose", 0.01, 100.0, "million IU", log=True, scale=ug_per_miu),
            Slider("elimination_half_life_h", "Elimination half-life", 0.25, 100.0, "h", log=True),
            Switch("subcutaneous", "Injected under the skin (off: intravenous bolus)"),
            Slider("absorption_half_life_h", "Absorption half-life (under the skin)", 0.25, 48.0, "h", log=True,
                   enables="subcutaneous"),
        ],
        values={"dose_ug": 1.0 * ug_per_miu, "central_volume_L": ILLUSTRATIVE_PLASMA_VOLUME_L,
                "elimination_half_life_h": HALF_LIFE_MENU_H[0][1], "subcutaneous": 0.0,
                "absorption_half_life_h": _sc_absorption_half_life_h()},
        panels=[Panel("Plasma IL-2", "plasma IL-2 (ng/mL, log scale)",
                      (Series("plasma_ng_per_ml", "plasma IL-2 at your setting", PALETTE[0]),), log=True,
                      y_range=(0.01, 2000.0),
                      bands=(Band(low, high, "window: high-affinity receptors only"),))],
        summary=[
            Peak("plasma_ng_per_ml", "Plasma IL-2", "ng/mL"),
            TimeBetween("plasma_ng_per_ml", low, high, "in the window"),
            TimeAbove("plasma_ng_per_ml", high, "above the window"),
            ValueAt("plasma_ng_per_ml", float(_T_H[-1]), "plasma IL-2", "ng/mL"),
        ],
        time=TimeGrid(float(_T_H[-1]), _T_H.size, "time after the dose (h)"),
        reference=Reference("aldesleukin's half-life, same dose and route",
                            keep=("dose_ug", "subcutaneous", "absorption_half_life_h")),
        default_view=(dose_frame, {"half_life_h": HALF_LIFE_MENU_H[0][1], "route": "iv", "dose_MIU": 1.0}),
        # amounts fall over many orders of magnitude in two days: a small absolute tolerance (µg)
        tolerances={"rtol": 1e-6, "atol": 1e-12},
    )
