"""Figures for Chapter 4, "Near and far": how far a cytokine reaches.

* :func:`modes_of_action_figure`: six ways a cytokine gets from the cell that makes it
  to the cell that answers (a diagram drawn as code);
* :func:`diffusion_times_figure`: the time diffusion needs to cover a distance, in
  water and in tissue;
* :func:`concentration_profile_figure`: the steady concentration around one
  secreting cell with and without consuming neighbours, its screening length and its
  reach (also the frames of the chapter's first explorer);
* :func:`profile_build_up_figure`: the profile building up after secretion starts,
  from the numerical solver, against the analytic steady state;
* :func:`competition_figure`: how two consumer populations share one cytokine as its
  production rises (IL-2 between regulatory and effector T cells);
* :func:`plasma_curves_figure`: plasma concentration against time after doses, with a
  marked concentration window.

Every function only draws: the numbers come from :mod:`widgets.models.diffusion` and
:mod:`widgets.models.pharmacokinetics`, and the explorers call these functions once
per frame. Each returns a :class:`matplotlib.figure.Figure` built without pyplot, with
fixed margins (``subplots_adjust``) and no mathtext in tick labels, so frames render
quickly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle

from widgets.figures.style import LIGHT, LOG_TICKS, MUTED, OKABE_ITO, PALETTE, book_style, diagram_arrow
from widgets.models._checks import number_in_range, positive_float
from widgets.models.diffusion import (
    ILLUSTRATIVE,
    RadialDiffusionResult,
    SharedCytokineResult,
    mean_diffusion_time_s,
    reach_summary,
    steady_concentration_pM,
    stokes_einstein_diffusion_um2_per_s,
)
from widgets.parameters import value

__all__ = [
    "ConcentrationWindow",
    "PlasmaCurve",
    "competition_figure",
    "concentration_profile_figure",
    "diffusion_times_figure",
    "modes_of_action_figure",
    "plasma_curves_figure",
    "profile_build_up_figure",
]

_DARK = "#333333"


# ---------------------------------------------------------------------------------
# Modes of action (diagram)
# ---------------------------------------------------------------------------------


def _cell(ax: Axes, x: float, y: float, r: float, face: str, label: str = "", *, size: float = 8.5) -> None:
    ax.add_patch(Circle((x, y), r, facecolor=face, edgecolor=_DARK, linewidth=1.1, zorder=2))
    if label:
        ax.text(x, y, label, ha="center", va="center", fontsize=size, zorder=5, color="#111111")


def _dots(ax: Axes, points: Sequence[tuple[float, float]], colour: str = OKABE_ITO["vermillion"]) -> None:
    xs, ys = zip(*points)
    ax.plot(xs, ys, "o", ms=4.2, color=colour, zorder=4, markeredgewidth=0)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], *, rad: float = 0.0,
           colour: str = _DARK, lw: float = 1.3) -> None:
    diagram_arrow(ax, start, end, color=colour, lw=lw, rad=rad, shrink=1, zorder=3)


def _receptor(ax: Axes, x: float, y: float, angle_deg: float, colour: str = OKABE_ITO["blue"]) -> None:
    """A small receptor stub ("Y") on a cell surface pointing outwards at angle_deg."""
    a = math.radians(angle_deg)
    dx, dy = math.cos(a), math.sin(a)
    ax.plot([x, x + 0.16 * dx], [y, y + 0.16 * dy], color=colour, lw=2.0, zorder=3, solid_capstyle="round")
    for side in (-1, 1):
        b = a + side * 0.6
        ax.plot([x + 0.16 * dx, x + 0.16 * dx + 0.1 * math.cos(b)],
                [y + 0.16 * dy, y + 0.16 * dy + 0.1 * math.sin(b)], color=colour, lw=2.0, zorder=3,
                solid_capstyle="round")


def _facing_membranes(offsets: Sequence[float]) -> list[tuple[float, float, float]]:
    """``(y, x_left, x_right)`` per offset: where the two touching cells of a contact panel reach height y.

    The cells are centred at x = 1.15 and 2.95, y = 0.1, with radius 0.75; ``y = 0.1 + offset``.
    """
    return [(0.1 + dy, 1.15 + math.sqrt(0.75**2 - dy**2), 2.95 - math.sqrt(0.75**2 - dy**2)) for dy in offsets]


def _log_scale(ax: Axes, which: str) -> None:
    """A log ``x`` or ``y`` axis with the book's power-of-ten labels and no minor ticks on either axis."""
    getattr(ax, f"set_{which}scale")("log")
    getattr(ax, f"{which}axis").set_major_formatter(LOG_TICKS)
    ax.minorticks_off()


def _panel_title(ax: Axes, title: str, example: str) -> None:
    ax.text(0.0, 1.55, title, ha="left", va="top", fontsize=11, weight="bold", color="#111111")
    ax.text(0.0, -1.05, example, ha="left", va="top", fontsize=8.6, color="#444444", linespacing=1.3)


def modes_of_action_figure() -> Figure:
    """Six ways a cytokine reaches the cell that responds to it.

    Autocrine, paracrine and endocrine action differ in distance; juxtacrine action
    and trans-presentation need contact between cells; directed secretion into an
    immunological synapse aims the message at one partner. The examples under each
    panel are the ones the chapter discusses.

    Examples
    --------
    >>> fig = modes_of_action_figure()
    >>> len(fig.axes)
    6
    """
    with book_style():
        fig = Figure(figsize=(10.0, 5.6))
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.97, wspace=0.08, hspace=0.16)
        axes = fig.subplots(2, 3)
        for ax in axes.flat:
            ax.set_xlim(0, 4)
            ax.set_ylim(-1.95, 1.6)
            ax.set_aspect("equal")
            ax.set_axis_off()
        secretor, target = LIGHT["orange"], LIGHT["blue"]
        ligand, receptor, alpha_chain = OKABE_ITO["vermillion"], OKABE_ITO["blue"], OKABE_ITO["bluish green"]

        # Autocrine: the secreting cell carries the receptor itself.
        ax = axes[0, 0]
        _panel_title(ax, "Autocrine", "the cell answers its own signal\n(IL-2 on an activated T cell)")
        _cell(ax, 1.8, 0.1, 0.75, secretor, "secreting\ncell")
        for ang in (0, 140, 250):
            a = math.radians(ang)
            _receptor(ax, 1.8 + 0.75 * math.cos(a), 0.1 + 0.75 * math.sin(a), ang, receptor)
        _arrow(ax, (2.05, 0.82), (2.78, 0.18), rad=-0.75, colour=ligand)
        _dots(ax, [(2.55, 0.9), (2.9, 0.55), (0.85, 0.75), (2.6, -0.7)])

        # Paracrine: a neighbour within tens of micrometres.
        ax = axes[0, 1]
        _panel_title(ax, "Paracrine", "neighbours within tens of µm\n(most interleukins and chemokines)")
        _cell(ax, 0.9, 0.1, 0.62, secretor, "secreting\ncell")
        _cell(ax, 3.05, 0.1, 0.55, target, "target")
        for ang in (150, 180, 210):
            a = math.radians(ang)
            _receptor(ax, 3.05 + 0.55 * math.cos(a), 0.1 + 0.55 * math.sin(a), ang, receptor)
        _dots(ax, [(1.75, 0.42), (1.95, -0.22), (2.15, 0.38), (1.8, -0.35)])
        _arrow(ax, (1.55, 0.1), (2.3, 0.1), colour=ligand)

        # Endocrine: through the blood to a distant organ.
        ax = axes[0, 2]
        _panel_title(ax, "Endocrine", "through the blood to distant organs\n(G-CSF, erythropoietin, leptin, IL-6)")
        _cell(ax, 0.6, 0.75, 0.42, secretor, "source", size=8)
        ax.add_patch(FancyBboxPatch((0.25, -0.6), 3.5, 0.62, boxstyle="round,pad=0.02,rounding_size=0.25",
                                    facecolor="#f6d0d0", edgecolor="#b04a4a", linewidth=1.1, zorder=1))
        ax.text(2.0, -0.12, "blood", ha="center", va="center", fontsize=8.5, color="#7a2020", zorder=5)
        _dots(ax, [(0.9, -0.42), (1.5, -0.2), (2.5, -0.45), (3.0, -0.2)])
        _arrow(ax, (0.7, 0.3), (0.85, -0.05), colour=ligand)
        _arrow(ax, (1.1, -0.36), (3.1, -0.36), colour="#7a2020")
        _cell(ax, 3.35, 0.85, 0.45, target, "organ", size=8)
        _arrow(ax, (3.3, 0.0), (3.33, 0.37), colour=ligand)

        # Juxtacrine: the cytokine stays on the membrane of the cell that makes it.
        ax = axes[1, 0]
        _panel_title(ax, "Juxtacrine",
                     "membrane-bound cytokine, cell contact\n(membrane TNF, membrane stem cell factor)")
        _cell(ax, 1.15, 0.1, 0.75, secretor, "presenting\ncell")
        _cell(ax, 2.95, 0.1, 0.75, target, "target")
        for y, x_left, x_right in _facing_membranes((-0.35, 0.0, 0.35)):
            ax.plot([x_left, 2.02], [y, y], color=ligand, lw=2.6, zorder=4, solid_capstyle="round")
            ax.plot([2.04], [y], "o", ms=5.5, color=ligand, zorder=4)
            ax.plot([x_right, 2.12], [y, y], color=receptor, lw=2.6, zorder=3, solid_capstyle="round")
        ax.text(2.05, 1.0, "ligand on the membrane", fontsize=8, color=ligand, ha="center")

        # Trans-presentation: one cell holds the cytokine on its receptor chain for another.
        ax = axes[1, 1]
        _panel_title(ax, "Trans-presentation",
                     "cytokine held on one cell's receptor chain\n(IL-15 on IL-15Rα, shown to NK and CD8 T cells)")
        _cell(ax, 1.15, 0.1, 0.75, secretor, "presenting\ncell")
        _cell(ax, 2.95, 0.1, 0.75, target, "NK or\nCD8 T cell", size=8)
        for y, x_left, x_right in _facing_membranes((-0.3, 0.3)):
            ax.plot([x_left, 2.0], [y, y], color=alpha_chain, lw=3.0, zorder=3, solid_capstyle="round")
            ax.plot([2.05], [y], "o", ms=6.0, color=ligand, zorder=4)
            ax.plot([x_right, 2.11], [y, y], color=receptor, lw=2.6, zorder=3, solid_capstyle="round")
        ax.text(1.0, 1.0, "IL-15Rα", fontsize=8, color=alpha_chain, ha="center")
        ax.text(2.05, 1.0, "IL-15", fontsize=8, color=ligand, ha="center")
        ax.text(3.2, 1.0, "IL-2Rβ/γc", fontsize=8, color=receptor, ha="center")

        # Synaptic: secretion aimed into the contact with one partner.
        ax = axes[1, 2]
        _panel_title(ax, "Synaptic", "secretion aimed into the immunological\nsynapse (IL-2, IFN-γ from T cells)")
        _cell(ax, 1.15, 0.1, 0.75, secretor, "T cell")
        _cell(ax, 2.95, 0.1, 0.75, target, "partner")
        ax.add_patch(Rectangle((1.9, -0.3), 0.3, 0.8, facecolor=LIGHT["grey"], edgecolor="none", zorder=1))
        _dots(ax, [(2.0, -0.15), (2.1, 0.05), (1.98, 0.22), (2.1, 0.38)])
        _arrow(ax, (1.35, 0.1), (1.88, 0.1), colour=ligand)
        _dots(ax, [(2.05, 0.78)], colour=MUTED)
        ax.text(2.05, 1.0, "some escapes", fontsize=8, color="#666666", ha="center")
        return fig


# ---------------------------------------------------------------------------------
# Diffusion times
# ---------------------------------------------------------------------------------

_TIME_MARKS_S = ((60.0, "1 min"), (3600.0, "1 h"), (86400.0, "1 day"))


def diffusion_times_figure(*, mass_kDa: float = 20.0, tortuosity: float | None = None) -> Figure:
    """Mean time for a protein to diffuse a given distance, in water and in tissue.

    The diffusion coefficient in water comes from the Stokes-Einstein estimate
    (:func:`widgets.models.diffusion.stokes_einstein_diffusion_um2_per_s`, 20 °C); in
    tissue it is divided by the squared tortuosity (default: the brain's extracellular
    space, ``brain_ecs_tortuosity`` in ``diffusion.tsv``). The time is
    ``x² / (6 D)`` (:func:`~widgets.models.diffusion.mean_diffusion_time_s`).

    Parameters
    ----------
    mass_kDa : float
        Protein mass in kDa (> 0).
    tortuosity : float, optional
        Tortuosity of the tissue (>= 1).

    Examples
    --------
    >>> fig = diffusion_times_figure()
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
    ('log', 'log')
    """
    mass = positive_float("mass_kDa", mass_kDa)
    tort = value("brain_ecs_tortuosity") if tortuosity is None else number_in_range("tortuosity", tortuosity, low=1.0)
    d_water = float(stokes_einstein_diffusion_um2_per_s(mass))
    d_tissue = d_water / tort**2
    x = np.logspace(0, 4, 200)  # 1 µm to 10 mm
    marks = (10.0, 100.0, 1000.0)
    with book_style():
        fig = Figure(figsize=(7.0, 4.4))
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.13, top=0.95)
        for d, colour, label in ((d_water, PALETTE[0], f"water, 20 °C (D ≈ {d_water:.0f} µm²/s)"),
                                 (d_tissue, PALETTE[1], f"tissue, tortuosity {tort:g} (D ≈ {d_tissue:.0f} µm²/s)")):
            ax.plot(x, mean_diffusion_time_s(x, d), color=colour, label=label)
            for m in marks:
                ax.plot([m], [float(mean_diffusion_time_s(m, d))], "o", color=colour, ms=6, zorder=4)
        # the tissue curve lies above the water curve: label each on its outer side, the
        # water times below-right of their dots and the tissue times above-left of theirs
        for m in marks:
            t = float(mean_diffusion_time_s(m, d_water))
            ax.annotate(_format_seconds(t), (m, t), textcoords="offset points", xytext=(8, -12), ha="left",
                        fontsize=9, color=PALETTE[0])
            t = float(mean_diffusion_time_s(m, d_tissue))
            ax.annotate(_format_seconds(t), (m, t), textcoords="offset points", xytext=(-8, 8), ha="right",
                        fontsize=9, color=PALETTE[1])
        for t, label in _TIME_MARKS_S:
            ax.axhline(t, color=MUTED, lw=0.9, ls=":", zorder=1)
            ax.text(1.15, t * 1.15, label, fontsize=8.5, color="#666666", va="bottom")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.xaxis.set_major_formatter(LOG_TICKS)
        ax.yaxis.set_major_formatter(LOG_TICKS)
        ax.minorticks_off()
        ax.set_xlim(1, 1e4)
        ax.set_ylim(1e-3, 1e6)
        ax.set_xticks([1, 10, 100, 1000, 1e4])
        ax.set_xticklabels(["1 µm", "10 µm", "100 µm", "1 mm", "1 cm"])
        ax.set_xlabel(f"distance (log scale), {mass:g} kDa protein")
        ax.set_ylabel("mean time to diffuse that far (s, log scale)")
        ax.legend(loc="lower right", frameon=True, framealpha=0.9, edgecolor="none", facecolor="white")
        return fig


def _format_seconds(t: float) -> str:
    if t < 120.0:
        return f"{t:.2g} s"
    if t < 3600.0 * 0.995:
        return f"{t / 60:.2g} min"
    if t < 2 * 86400.0:
        return f"{t / 3600:.2g} h"
    return f"{t / 86400:.2g} days"


# ---------------------------------------------------------------------------------
# Concentration around one secreting cell
# ---------------------------------------------------------------------------------


def concentration_profile_figure(
    *,
    secretion_per_s: float,
    receptors_per_cell: float,
    cell_spacing_um: float,
    threshold_pM: float,
    kon_per_M_per_s: float = ILLUSTRATIVE["kon_per_M_per_s"],
    diffusion_um2_per_s: float = ILLUSTRATIVE["diffusion_um2_per_s"],
    cell_radius_um: float = ILLUSTRATIVE["cell_radius_um"],
    r_max_um: float = 250.0,
    ylim_pM: tuple[float, float] = (0.01, 1000.0),
    threshold_label: str = "threshold",
) -> Figure:
    """Steady concentration against distance from one secreting cell among consumers.

    Draws :func:`~widgets.models.diffusion.steady_concentration_pM` with the screening
    length of the consumers (:func:`~widgets.models.diffusion.screening_length_um`),
    the same cell without consumers (grey, dashed: the 1/r fall of pure diffusion), the
    threshold as a horizontal line, the screening length as a vertical line (at one
    screening length beyond the cell surface the concentration has fallen by a further
    factor e compared with free diffusion) and the reach as a dot.

    Parameters
    ----------
    secretion_per_s : float
        Molecules secreted per second (> 0).
    receptors_per_cell : float
        Receptors per consuming cell (>= 0; 0 means no consumption).
    cell_spacing_um : float
        One consuming cell per cube of this side, in µm (> 0).
    threshold_pM : float
        Concentration that counts as "reached", in pM (> 0), for example a receptor K_D.
    kon_per_M_per_s, diffusion_um2_per_s, cell_radius_um : float, optional
        Defaults: :data:`widgets.models.diffusion.ILLUSTRATIVE`.
    r_max_um : float, optional
        Right end of the distance axis, in µm.
    ylim_pM : tuple of float, optional
        Concentration axis range (log scale); fixed so that explorer frames compare.
    threshold_label : str, optional
        Legend text for the threshold line.

    Examples
    --------
    >>> fig = concentration_profile_figure(secretion_per_s=100, receptors_per_cell=1000,
    ...                                    cell_spacing_um=10, threshold_pM=10)
    >>> fig.axes[0].get_yscale()
    'log'
    """
    summary = reach_summary(secretion_per_s=secretion_per_s, receptors_per_cell=receptors_per_cell,
                            cell_spacing_um=cell_spacing_um, threshold_pM=threshold_pM,
                            kon_per_M_per_s=kon_per_M_per_s, diffusion_um2_per_s=diffusion_um2_per_s,
                            cell_radius_um=cell_radius_um)
    lam = summary.screening_length_um
    a = cell_radius_um
    r = np.linspace(a, max(r_max_um, 2 * a), 400)
    common = dict(secretion_per_s=secretion_per_s, cell_radius_um=a, diffusion_um2_per_s=diffusion_um2_per_s)
    with_consumers = steady_concentration_pM(r, screening_length_um=lam, **common)
    free = steady_concentration_pM(r, **common)
    lo, hi = ylim_pM
    with book_style():
        fig = Figure(figsize=(7.0, 4.4))
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.86)
        ax.axvspan(0, a, color=LIGHT["orange"], zorder=0, lw=0)
        ax.text(a / 2, lo * 1.5, "cell", rotation=90, ha="center", va="bottom", fontsize=8.5, color="#8a5a00")
        ax.plot(r, free, color=MUTED, lw=1.6, ls="--", label="no consumers (falls as 1/r)")
        ax.plot(r, np.maximum(with_consumers, lo * 1e-3), color=PALETTE[0], lw=2.6,
                label="with consuming neighbours")
        ax.axhline(threshold_pM, color=PALETTE[1], lw=1.2, ls=":", label=f"{threshold_label} ({threshold_pM:g} pM)")
        if math.isfinite(lam) and a + lam < r[-1]:
            ax.axvline(a + lam, color=PALETTE[2], lw=1.2, ls="-.", zorder=1)
            ax.text(a + lam + 3, lo * 1.6, "one screening length\nfrom the surface", fontsize=8.5,
                    color=PALETTE[2], va="bottom")
        if summary.reach_um > a:
            ax.plot([summary.reach_um], [threshold_pM], "o", color=PALETTE[1], ms=8, zorder=5)
        _log_scale(ax, "y")
        ax.set_xlim(0, r[-1])
        ax.set_ylim(lo, hi)
        ax.set_xlabel("distance from the centre of the secreting cell (µm)")
        ax.set_ylabel("steady concentration (pM, log scale)")
        lam_text = "no consumption" if not math.isfinite(lam) else f"screening length {lam:.0f} µm"
        if summary.reach_um > a:
            reach_text = (f"above {threshold_pM:g} pM out to {summary.reach_um:.0f} µm "
                          f"(about {summary.cells_reached:.0f} neighbours)")
        else:
            reach_text = f"never above {threshold_pM:g} pM, even at the cell surface"
        fig.text(0.11, 0.955, f"{secretion_per_s:g} molecules/s · {receptors_per_cell:g} receptors per consumer · "
                 f"one consumer per ({cell_spacing_um:g} µm)³", fontsize=9.5, va="top", color="#222222")
        fig.text(0.11, 0.905, f"{lam_text}; {reach_text}", fontsize=9.5, va="top", color=PALETTE[0])
        ax.legend(loc="upper right", frameon=True, framealpha=0.92, edgecolor="none", facecolor="white",
                  fontsize=9)
        return fig


def profile_build_up_figure(result: RadialDiffusionResult, *, r_max_um: float | None = None) -> Figure:
    """Concentration profiles at the solver's output times, with the analytic steady state.

    Parameters
    ----------
    result : RadialDiffusionResult
        Output of :func:`widgets.models.diffusion.simulate_secretion`; every output time
        after ``t = 0`` becomes one curve.
    r_max_um : float, optional
        Right end of the distance axis (default: the finely resolved region).

    Examples
    --------
    >>> from widgets.models.diffusion import simulate_secretion
    >>> res = simulate_secretion([0, 10, 100, 1000], secretion_per_s=100, cell_radius_um=5,
    ...                          diffusion_um2_per_s=100, screening_length_um=50, r_show_um=200)
    >>> len(profile_build_up_figure(res).axes[0].lines)
    4
    """
    p = result.parameters
    a, lam = p["cell_radius_um"], p["screening_length_um"]
    r_show = p.get("r_show_um", 200.0)
    r_max = r_show if r_max_um is None else positive_float("r_max_um", r_max_um)
    r = np.linspace(a, r_max, 300)
    steady = np.asarray(steady_concentration_pM(r, secretion_per_s=p["secretion_per_s"], cell_radius_um=a,
                                                diffusion_um2_per_s=p["diffusion_um2_per_s"],
                                                screening_length_um=lam))
    times = [(i, t) for i, t in enumerate(result.t_s) if t > 0]
    colours = [PALETTE[5], PALETTE[2], PALETTE[3], PALETTE[1], PALETTE[4], PALETTE[0]]
    with book_style():
        fig = Figure(figsize=(7.0, 4.2))
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.14, top=0.95)
        for n, (i, t) in enumerate(times):
            ax.plot(r, result.at_pM(r, t_index=i), color=colours[n % len(colours)], lw=2.0,
                    label=f"after {_format_seconds(float(t))}")
        ax.plot(r, steady, color="#111111", lw=1.4, ls="--", label="steady state (exact)")
        ax.set_xlim(0, r_max)
        top = float(steady[0]) * 1.1
        ax.set_ylim(0, top)
        ax.axvspan(0, a, color=LIGHT["orange"], zorder=0, lw=0)
        ax.set_xlabel("distance from the centre of the secreting cell (µm)")
        ax.set_ylabel("concentration (pM)")
        ax.legend(loc="upper right", frameon=True, framealpha=0.92, edgecolor="none", facecolor="white")
        return fig


# ---------------------------------------------------------------------------------
# Competition for a shared cytokine
# ---------------------------------------------------------------------------------


def competition_figure(
    results: Sequence[SharedCytokineResult],
    *,
    capacity_pM_per_s: float | None = None,
    title: str | None = None,
) -> Figure:
    """Share of a cytokine taken by each consumer population, and their occupancy, against production.

    Parameters
    ----------
    results : sequence of SharedCytokineResult
        Steady states at increasing production rates, for example from
        :func:`widgets.models.diffusion.shared_cytokine_sweep`.
    capacity_pM_per_s : float, optional
        The populations' combined uptake capacity, marked with a dotted line
        (:func:`widgets.models.diffusion.uptake_capacity_pM_per_s`).
    title : str, optional
        Text above the panels.

    Examples
    --------
    >>> from widgets.models.diffusion import Consumer, shared_cytokine_sweep
    >>> treg = Consumer("Treg", 1e4, 20, 10, 1e7, 1e-3)
    >>> teff = Consumer("Teff", 1e3, 12, 1000, 1e7, 1e-3)
    >>> len(competition_figure(shared_cytokine_sweep([0.01, 0.1, 1.0], [treg, teff])).axes)
    2
    """
    if len(results) < 2:
        raise ValueError("results must hold at least two steady states")
    production = np.array([r.production_pM_per_s for r in results])
    names = list(results[0].occupancy)
    lost = any(r.share.get("degraded", 0.0) > 0 for r in results)
    colours = [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]]
    with book_style():
        fig = Figure(figsize=(9.0, 4.0))
        fig.subplots_adjust(left=0.08, right=0.985, bottom=0.15, top=0.84 if title else 0.92, wspace=0.28)
        left, right = fig.subplots(1, 2)
        for n, name in enumerate(names):
            colour = colours[n % len(colours)]
            left.plot(production, [r.share[name] for r in results], color=colour, label=name)
            right.plot(production, [r.occupancy[name] for r in results], color=colour, label=name)
        if lost:
            left.plot(production, [r.share["degraded"] for r in results], color=MUTED, ls="--",
                      label="lost by other routes")
        for ax in (left, right):
            _log_scale(ax, "x")
            ax.set_ylim(0, 1.02)
            ax.set_xlim(production[0], production[-1] * 1.05)
            ax.set_xlabel("production (pM per second, log scale)")
            if capacity_pM_per_s is not None:
                ax.axvline(capacity_pM_per_s, color=MUTED, lw=1.0, ls=":")
        if capacity_pM_per_s is not None:
            right.text(capacity_pM_per_s * 1.08, 0.04, "uptake\ncapacity", ha="left", fontsize=8.5,
                       color="#666666")
        left.set_ylabel("share of the cytokine taken up")
        right.set_ylabel("fraction of receptors bound")
        left.set_title("who takes the cytokine", fontsize=11)
        right.set_title("how strongly each population is signalled", fontsize=11)
        left.legend(loc="center left", frameon=True, framealpha=0.9, edgecolor="none", facecolor="white")
        if title:
            fig.text(0.08, 0.975, title, fontsize=10, va="top", color="#222222")
        return fig


# ---------------------------------------------------------------------------------
# Plasma curves
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlasmaCurve:
    """One concentration-time curve to draw: times in h, concentrations in ng/mL."""

    label: str
    t_h: np.ndarray
    conc_ng_per_ml: np.ndarray
    colour: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class ConcentrationWindow:
    """A concentration range to shade, in ng/mL, with a label."""

    low_ng_per_ml: float
    high_ng_per_ml: float
    label: str


def plasma_curves_figure(
    curves: Sequence[PlasmaCurve],
    *,
    window: ConcentrationWindow | None = None,
    reference_ng_per_ml: tuple[float, str] | None = None,
    ylim_ng_per_ml: tuple[float, float] | None = None,
    xlim_h: tuple[float, float] | None = None,
    time_unit: str = "h",
    title: str | None = None,
) -> Figure:
    """Plasma concentration against time (log scale) for one or more doses.

    Parameters
    ----------
    curves : sequence of PlasmaCurve
        The curves; the first is drawn on top.
    window : ConcentrationWindow, optional
        A concentration range shaded behind the curves.
    reference_ng_per_ml : (float, str), optional
        One concentration drawn as a dotted line with its label.
    ylim_ng_per_ml, xlim_h : tuple of float, optional
        Axis ranges (concentration on a log axis).
    time_unit : {"h", "min", "day"}
        Unit of the time axis (the curves are always given in h).
    title : str, optional
        Text above the axes.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0, 24, 100)
    >>> fig = plasma_curves_figure([PlasmaCurve("IV", t, 100 * np.exp(-0.2 * t))])
    >>> fig.axes[0].get_yscale()
    'log'
    """
    scale = {"h": 1.0, "min": 60.0, "day": 1 / 24}
    if time_unit not in scale:
        raise ValueError(f"time_unit must be one of {sorted(scale)}, got {time_unit!r}")
    if not curves:
        raise ValueError("curves must hold at least one curve")
    f = scale[time_unit]
    with book_style():
        fig = Figure(figsize=(7.0, 4.3))
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.13, top=0.88 if title else 0.95)
        if window is not None:
            ax.axhspan(window.low_ng_per_ml, window.high_ng_per_ml, color=LIGHT["green"], lw=0, zorder=0)
        for n, curve in reversed(list(enumerate(curves))):
            colour = curve.colour or PALETTE[n % len(PALETTE)]
            c = np.asarray(curve.conc_ng_per_ml, dtype=float)
            ax.plot(np.asarray(curve.t_h) * f, np.where(c > 0, c, np.nan), color=colour,
                    lw=2.6 if n == 0 else 2.0, ls="--" if curve.dashed else "-", label=curve.label,
                    zorder=3 + (len(curves) - n))
        if reference_ng_per_ml is not None:
            level, label = reference_ng_per_ml
            ax.axhline(level, color="#555555", lw=1.1, ls=":", zorder=2, label=label)
        _log_scale(ax, "y")
        if ylim_ng_per_ml is not None:
            ax.set_ylim(*ylim_ng_per_ml)
        if xlim_h is not None:
            ax.set_xlim(xlim_h[0] * f, xlim_h[1] * f)
        else:
            ax.set_xlim(0, max(float(np.max(c.t_h)) for c in curves) * f)
        if window is not None:
            lo, _hi = ax.get_ylim()
            x0, x1 = ax.get_xlim()
            ax.text(x0 + 0.02 * (x1 - x0), max(window.low_ng_per_ml, lo) * 1.25, window.label, ha="left",
                    va="bottom", fontsize=8.5, color="#2d6b57", zorder=2)
        unit_word = {"h": "hours", "min": "minutes", "day": "days"}[time_unit]
        ax.set_xlabel(f"time after the dose ({unit_word})")
        ax.set_ylabel("plasma concentration (ng/mL, log scale)")
        handles, labels = ax.get_legend_handles_labels()
        order = sorted(range(len(labels)), key=lambda i: [c.label for c in curves].index(labels[i])
                       if labels[i] in [c.label for c in curves] else len(curves))
        ax.legend([handles[i] for i in order], [labels[i] for i in order], loc="upper right", frameon=True,
                  framealpha=0.92, edgecolor="none", facecolor="white", fontsize=9)
        if title:
            fig.text(0.12, 0.975, title, fontsize=10, va="top", color="#222222")
        return fig
