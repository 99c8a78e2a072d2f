"""Figures for Chapter 5, "Cytokines in health and disease".

* diagrams drawn as code: haematopoiesis and its cytokines, the acute inflammatory
  response as a timeline, the inflammasome;
* figures of the published model of Reynolds et al. (2006), :mod:`widgets.models.reynolds2006`:
  the three outcomes, and one explorer frame (time courses beside the map of
  outcomes over pathogen load and growth rate);
* figures of the teaching storm model, :mod:`widgets.models.storm` (made up for
  teaching): the rate balance, the hysteresis loop and treatment time courses;
* measured serum IL-6 across conditions, :mod:`widgets.models.serum`, on a log axis.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot,
drawn inside :func:`~widgets.figures.style.book_style` with fixed margins; the
functions compute nothing themselves beyond calling the model layer.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Patch

from widgets.figures.style import (
    LIGHT,
    LOG_TICKS,
    MUTED,
    OKABE_ITO,
    book_style,
    diagram_arrow,
    diagram_axes,
    label_box,
)
from widgets.models import reynolds2006 as rey
from widgets.models import serum, storm
from widgets.models._checks import unknown_name

__all__ = [
    "MAP_K_PG_PER_H",
    "MAP_PATHOGEN0",
    "OUTCOME_COLOURS",
    "acute_inflammation_timeline_figure",
    "haematopoiesis_figure",
    "inflammasome_figure",
    "reynolds_frame_figure",
    "reynolds_outcomes_figure",
    "serum_levels_figure",
    "storm_frame_figure",
    "storm_treatment_figure",
]

OUTCOME_COLOURS: dict[str, str] = {
    "health": OKABE_ITO["bluish green"],
    "aseptic death": OKABE_ITO["orange"],
    "septic death": OKABE_ITO["vermillion"],
}
"""One colour per outcome of the Reynolds model, used in every figure."""

MAP_PATHOGEN0: tuple[float, ...] = tuple(float(x) for x in np.round(np.geomspace(0.2, 3.0, 22), 4))
"""Initial pathogen loads (10^6 per cc) of the outcome map, log-spaced."""

MAP_K_PG_PER_H: tuple[float, ...] = tuple(float(x) for x in np.round(np.linspace(0.1, 1.0, 19), 3))
"""Pathogen growth rates (per h) of the outcome map."""

_STATE_TITLES = {
    "P": "pathogen P (10⁶/cc)",
    "N": "activated phagocytes N*",
    "D": "tissue damage D",
    "CA": "anti-inflammatory C_A",
}


# ---------------------------------------------------------------------------------
# Drawing helpers
# ---------------------------------------------------------------------------------


def _box(ax: Axes, x: float, y: float, text: str, *, w: float, h: float, face: str = LIGHT["grey"],
         edge: str = "#333333", size: float = 9.0, weight: str = "normal") -> None:
    """A rounded box centred on (x, y) with a label."""
    label_box(ax, x, y, text, w=w, h=h, face=face, edge=edge, size=size, weight=weight)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], *, color: str = "#333333",
           lw: float = 1.3, rad: float = 0.0, inhibit: bool = False) -> None:
    style = "-[, widthB=0.4, lengthB=0.0" if inhibit else "-|>,head_length=0.45,head_width=0.22"
    diagram_arrow(ax, start, end, arrowstyle=style, color=color, lw=lw, rad=rad)


# ---------------------------------------------------------------------------------
# Diagrams
# ---------------------------------------------------------------------------------


def haematopoiesis_figure() -> Figure:
    """From stem cell to blood cells, with the cytokines that act at each step.

    A simplified tree: the haematopoietic stem cell, supported by stem cell factor
    (SCF), FLT3 ligand and thrombopoietin, gives myeloid and lymphoid progenitors;
    IL-3 and GM-CSF act on early myeloid progenitors; erythropoietin (from the
    kidney) drives red cells, thrombopoietin (from the liver) and IL-11
    megakaryocytes and platelets, G-CSF neutrophils, M-CSF monocytes, IL-5
    eosinophils, IL-7 lymphocyte precursors, IL-15 NK cells and FLT3 ligand
    dendritic cells (metcalf2008, jelkmann2001, rochman2009).

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding the lineage tree.

    Examples
    --------
    >>> len(haematopoiesis_figure().axes)
    1
    """
    with book_style():
        fig = Figure(figsize=(9.0, 5.2))
        ax = diagram_axes(fig, (0.0, 0.0, 1.0, 1.0), (0, 9), (0, 5.45))
        blue, green, orange = LIGHT["blue"], LIGHT["green"], LIGHT["orange"]
        _box(ax, 0.95, 2.75, "haematopoietic\nstem cell", w=1.55, h=0.75, face=LIGHT["purple"], weight="bold")
        ax.text(0.95, 2.28, "SCF, FLT3 ligand,\nthrombopoietin", ha="center", va="top", fontsize=8.5,
                color=OKABE_ITO["reddish purple"], style="italic")
        my_y, ly_y = 3.65, 1.05
        _box(ax, 3.05, my_y, "myeloid\nprogenitor", w=1.4, h=0.7, face=orange)
        _box(ax, 3.05, ly_y, "lymphoid\nprogenitor", w=1.4, h=0.7, face=blue)
        _arrow(ax, (1.75, 3.0), (2.33, my_y - 0.1))
        _arrow(ax, (1.75, 2.5), (2.33, ly_y + 0.15))
        ax.text(1.95, 3.55, "IL-3, GM-CSF", fontsize=8.5, ha="right", color="#7a4d00", style="italic")
        ax.text(1.95, 1.55, "IL-7", fontsize=8.5, ha="right", color="#1d4f7a", style="italic")
        myeloid = [
            ("red cells", "erythropoietin (kidney)"),
            ("megakaryocytes → platelets", "thrombopoietin (liver), IL-11"),
            ("neutrophils", "G-CSF"),
            ("monocytes → macrophages", "M-CSF"),
            ("eosinophils", "IL-5"),
            ("dendritic cells", "FLT3 ligand"),
        ]
        lymphoid = [
            ("T cells", "IL-7"),
            ("NK cells", "IL-15"),
            ("B cells", "BAFF (survival)"),
        ]
        rows = [(c, k, my_y) for c, k in myeloid] + [(c, k, ly_y) for c, k in lymphoid]
        ys = np.linspace(4.85, 0.35, len(rows))
        for (cell, cytokines, y_from), y in zip(rows, ys):
            _arrow(ax, (3.75, y_from), (5.05, y), color="#555555", lw=1.0)
            _box(ax, 6.0, y, cell, w=1.9, h=0.38, face=green, size=8.5)
            ax.text(7.05, y, cytokines, ha="left", va="center", fontsize=8.5, color="#333333", style="italic")
        ax.text(7.05, 5.15, "main cytokines", ha="left", va="bottom", fontsize=8.5, weight="bold")
        ax.text(6.0, 5.15, "cells made", ha="center", va="bottom", fontsize=8.5, weight="bold")
        return fig


def acute_inflammation_timeline_figure() -> Figure:
    """The acute inflammatory response as a timeline, from recognition to resolution.

    Bars on a logarithmic time axis (minutes to weeks) show when each step is
    typically under way; the times are schematic orders of magnitude, not
    measurements. Steps: recognition of PAMPs and DAMPs by pattern-recognition
    receptors and NF-κB activation; release of TNF and IL-1β, then IL-6; endothelial
    activation (E-selectin, ICAM-1) and CXCL8; neutrophil recruitment; monocyte
    recruitment and clearance; active resolution (IL-10, TGF-β, IL-1Ra, specialised
    pro-resolving mediators) and repair (medzhitov2008, serhan2010).

    Returns
    -------
    matplotlib.figure.Figure
        One axes with a logarithmic time axis.

    Examples
    --------
    >>> fig = acute_inflammation_timeline_figure()
    >>> fig.axes[0].get_xscale()
    'log'
    """
    # (label, start h, end h, colour, annotation)
    steps = [
        ("1 recognition", 1 / 60, 1.0, OKABE_ITO["reddish purple"], "PAMPs, DAMPs → PRRs (TLRs, NLRs) → NF-κB"),
        ("2 early cytokines", 0.25, 6.0, OKABE_ITO["vermillion"], "TNF, IL-1β from macrophages and mast cells"),
        ("3 IL-6, fever", 1.0, 48.0, OKABE_ITO["orange"], "IL-6 → fever, acute-phase proteins"),
        ("4 endothelium", 0.5, 24.0, OKABE_ITO["yellow"], "E-selectin, ICAM-1, VCAM-1; leaky vessels"),
        ("5 neutrophils", 1.0, 48.0, OKABE_ITO["blue"], "CXCL8 → neutrophils roll, stick, enter"),
        ("6 monocytes", 12.0, 120.0, OKABE_ITO["sky blue"], "CCL2 → monocytes; macrophages clear debris"),
        ("7 resolution", 24.0, 240.0, OKABE_ITO["bluish green"], "IL-10, TGF-β, IL-1Ra, lipoxins, resolvins"),
        ("8 repair", 72.0, 1000.0, "#7f7f7f", "TGF-β, PDGF, VEGF, IL-22: new matrix and vessels"),
    ]
    with book_style():
        fig = Figure(figsize=(9.0, 4.6))
        fig.subplots_adjust(left=0.17, right=0.98, top=0.9, bottom=0.14)
        ax = fig.add_subplot()
        n = len(steps)
        for i, (label, start, end, colour, note) in enumerate(steps):
            y = n - 1 - i
            ax.barh(y, end - start, left=start, height=0.62, color=colour, alpha=0.85, edgecolor="#333333",
                    linewidth=0.6)
            x_text, ha = (end * 1.15, "left") if i < 5 else (start / 1.15, "right")
            ax.text(x_text, y, note, va="center", ha=ha, fontsize=8.5, color="#222222")
        ax.set_yticks(range(n))
        ax.set_yticklabels([s[0] for s in reversed(steps)], fontsize=9.5)
        ax.set_xscale("log")
        ticks = [1 / 60, 10 / 60, 1, 6, 24, 168, 672]
        ax.set_xticks(ticks)
        ax.set_xticklabels(["1 min", "10 min", "1 h", "6 h", "1 day", "1 week", "4 weeks"])
        ax.set_axisbelow(True)
        ax.minorticks_off()
        ax.set_xlim(1 / 120, 3000)
        ax.set_ylim(-0.6, n - 0.4)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("time after injury or infection (log scale; schematic)")
        ax.set_title("Acute inflammation: a programme that switches itself off", loc="left", fontsize=11.5)
        return fig


def inflammasome_figure() -> Figure:
    """The NLRP3 inflammasome: two signals, one complex, two products.

    Signal 1 (a PAMP on a Toll-like receptor, or TNF or IL-1 itself) turns on NF-κB,
    which makes pro-IL-1β and NLRP3. Signal 2 (potassium efflux, caused for example
    by extracellular ATP, crystals or pore-forming toxins) lets NLRP3 assemble with
    the adaptor ASC and pro-caspase-1. Active caspase-1 cuts pro-IL-1β and pro-IL-18
    and cuts gasdermin D, whose N-terminal fragment forms membrane pores through
    which IL-1β leaves and the cell dies by pyroptosis (broz2016, he2015).

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding the diagram.

    Examples
    --------
    >>> len(inflammasome_figure().axes)
    1
    """
    with book_style():
        fig = Figure(figsize=(9.0, 4.6))
        ax = diagram_axes(fig, (0.0, 0.0, 1.0, 1.0), (0, 9), (0.3, 4.75))
        # membrane
        ax.add_patch(FancyBboxPatch((0.2, 3.55), 8.6, 0.18, boxstyle="square,pad=0", facecolor="#f3ead7",
                                    edgecolor="#8c7a57", linewidth=1.0, zorder=1))
        ax.text(0.25, 4.6, "outside the cell", fontsize=8.5, color="#666666", va="center")
        ax.text(0.25, 3.3, "cytoplasm", fontsize=8.5, color="#666666")
        _box(ax, 1.4, 4.05, "signal 1: LPS on TLR4\n(or TNF, IL-1)", w=2.0, h=0.55, face=LIGHT["purple"], size=8.5)
        _box(ax, 4.3, 4.05, "signal 2: ATP, crystals,\ntoxins → K⁺ efflux", w=2.2, h=0.55, face=LIGHT["yellow"],
             size=8.5)
        _arrow(ax, (1.4, 3.75), (1.4, 3.05))
        _box(ax, 1.4, 2.8, "NF-κB", w=1.1, h=0.4, face=LIGHT["sky"])
        _arrow(ax, (1.4, 2.58), (1.4, 2.05))
        _box(ax, 1.4, 1.8, "new pro-IL-1β\nand NLRP3", w=1.6, h=0.55, face=LIGHT["grey"], size=8.5)
        _arrow(ax, (4.3, 3.75), (4.3, 3.05))
        _box(ax, 4.3, 2.55, "NLRP3 + ASC +\npro-caspase-1\n= inflammasome", w=1.9, h=0.85, face=LIGHT["orange"],
             size=8.5, weight="bold")
        _arrow(ax, (2.2, 1.9), (3.35, 2.4), rad=-0.2)
        _arrow(ax, (4.3, 2.1), (4.3, 1.55))
        _box(ax, 4.3, 1.3, "active caspase-1", w=1.8, h=0.42, face=LIGHT["vermillion"])
        _arrow(ax, (5.2, 1.35), (6.05, 2.35))
        _arrow(ax, (5.2, 1.2), (5.88, 0.9))
        _box(ax, 7.1, 2.55, "pro-IL-1β, pro-IL-18\n→ mature IL-1β, IL-18", w=2.1, h=0.6, face=LIGHT["grey"], size=8.5)
        _box(ax, 7.1, 0.75, "gasdermin D → N-terminal\nfragment → membrane pores", w=2.4, h=0.6,
             face=LIGHT["grey"], size=8.5)
        _arrow(ax, (7.1, 2.88), (7.1, 3.95))
        _box(ax, 7.1, 4.1, "IL-1β, IL-18 released", w=2.1, h=0.4, face=LIGHT["green"], size=8.5)
        _arrow(ax, (8.2, 0.95), (8.45, 3.5), rad=0.25)
        ax.text(8.6, 2.2, "pores:\nrelease and\npyroptosis", fontsize=8.5, ha="center", va="center", color="#7a2e00")
        return fig


# ---------------------------------------------------------------------------------
# The Reynolds et al. (2006) model
# ---------------------------------------------------------------------------------


def _state_axes(fig: Figure, left: float, bottom: float, width: float, height: float) -> list[Axes]:
    """Four small time-course axes in a 2 x 2 block (P, N*, D, C_A)."""
    gap_x, gap_y = 0.085, 0.13
    w = (width - gap_x) / 2
    h = (height - gap_y) / 2
    axes = []
    for k in range(4):
        row, col = divmod(k, 2)
        axes.append(fig.add_axes((left + col * (w + gap_x), bottom + (1 - row) * (h + gap_y), w, h)))
    return axes


def reynolds_outcomes_figure(*, t_end_h: float = 250.0) -> Figure:
    """The three outcomes of the Reynolds et al. (2006) model, as in the paper's Fig. 5.

    Health (k_pg = 0.3 per h, P(0) = 1), aseptic death (k_pg = 0.3, P(0) = 1.5) and
    septic death (k_pg = 0.6, P(0) = 1), each from N* = D = 0 and C_A = 0.125, in four
    panels, one per variable.

    Parameters
    ----------
    t_end_h : float
        End of the time axis, in h.

    Returns
    -------
    matplotlib.figure.Figure
        Four axes, one per state (P, N*, D, C_A), in a 2 x 2 grid.

    Examples
    --------
    >>> len(reynolds_outcomes_figure().axes)
    4
    """
    t = np.linspace(0.0, t_end_h, 501)
    runs = {name: rey.simulate(pathogen0=sc["pathogen0"], parameters={"k_pg": sc["k_pg"]}, t_end_h=t_end_h,
                               t_eval_h=t)
            for name, sc in rey.SCENARIOS.items()}
    with book_style():
        fig = Figure(figsize=(8.0, 5.2))
        axes = _state_axes(fig, 0.085, 0.1, 0.895, 0.74)
        for ax, state in zip(axes, rey.STATES):
            for name, res in runs.items():
                sc = rey.SCENARIOS[name]
                ax.plot(res.t_h, res.state(state), color=OUTCOME_COLOURS[name], lw=2.0,
                        label=f"{name} (P(0) = {sc['pathogen0']:g}, k_pg = {sc['k_pg']:g}/h)")
            ax.set_title(_STATE_TITLES[state], fontsize=10.5, loc="left")
            ax.set_xlim(0, t_end_h)
            ax.set_ylim(bottom=0)
            ax.tick_params(labelsize=9)
        for ax in axes[2:]:
            ax.set_xlabel("time (h)", fontsize=10)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncol=3, fontsize=8.5, bbox_to_anchor=(0.5, 0.995),
                   handlelength=1.4, columnspacing=1.0)
        return fig


def reynolds_frame_figure(*, pathogen0: float, k_pg: float, s_c: float | None = None,
                          t_end_h: float = 250.0) -> Figure:
    """One explorer frame: the four variables over time beside the map of outcomes.

    Left, P, N*, D and C_A over ``t_end_h`` hours for this pathogen load and growth
    rate, coloured by outcome. Right, the outcome for every pair on a grid of loads
    (log axis) and growth rates at the same anti-inflammatory supply ``s_c``, with
    the current pair marked.

    Parameters
    ----------
    pathogen0 : float
        Initial pathogen load, in 10^6 per cc.
    k_pg : float
        Pathogen growth rate, in per h.
    s_c : float, optional
        Constant source of the anti-inflammatory mediator, in C_A-units per h; default
        the paper's value.
    t_end_h : float
        End of the time courses, in h.

    Returns
    -------
    matplotlib.figure.Figure
        Five axes: the four states, then the outcome map.

    Examples
    --------
    >>> fig = reynolds_frame_figure(pathogen0=1.0, k_pg=0.3)
    >>> len(fig.axes)
    5
    """
    params: dict[str, float] = {"k_pg": k_pg}
    if s_c is not None:
        params["s_c"] = s_c
    t = np.linspace(0.0, t_end_h, 401)
    res = rey.simulate(pathogen0=pathogen0, parameters=params, t_end_h=t_end_h, t_eval_h=t)
    result_outcome = rey.classify_outcome(rey.simulate(pathogen0=pathogen0, parameters=params))
    colour = OUTCOME_COLOURS[result_outcome]
    base = {} if s_c is None else {"s_c": s_c}
    grid = rey.outcome_map(MAP_PATHOGEN0, MAP_K_PG_PER_H, parameters=base)
    with book_style():
        fig = Figure(figsize=(8.6, 4.3))
        axes = _state_axes(fig, 0.065, 0.12, 0.5, 0.72)
        for ax, state in zip(axes, rey.STATES):
            ax.plot(res.t_h, res.state(state), color=colour, lw=2.0)
            ax.set_title(_STATE_TITLES[state], fontsize=9.5, loc="left")
            ax.set_xlim(0, t_end_h)
            ax.set_ylim(bottom=0, top=max(1e-3, 1.12 * float(np.max(res.state(state)))))
            ax.set_xticks([0, 100, 200])
            ax.tick_params(labelsize=8.5)
        for ax in axes[2:]:
            ax.set_xlabel("time (h)", fontsize=9.5)
        fig.text(0.065, 0.955, f"P(0) = {pathogen0:g}, k_pg = {k_pg:g} per h → {result_outcome}", fontsize=10.5,
                 weight="bold", color=colour, ha="left", va="center")
        ax = fig.add_axes((0.69, 0.12, 0.27, 0.72))
        cmap = ListedColormap([OUTCOME_COLOURS[o] for o in rey.OUTCOMES])
        k_edges = _edges(np.asarray(MAP_K_PG_PER_H), log=False)
        p_edges = _edges(np.asarray(MAP_PATHOGEN0), log=True)
        ax.pcolormesh(k_edges, p_edges, grid, cmap=cmap, vmin=-0.5, vmax=2.5, alpha=0.75, shading="flat")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(LOG_TICKS)
        ax.set_yticks([0.2, 0.5, 1, 2, 3])
        ax.set_yticklabels(["0.2", "0.5", "1", "2", "3"])
        ax.minorticks_off()
        ax.plot([k_pg], [pathogen0], marker="o", ms=10, mfc="white", mec="black", mew=2.0, zorder=5)
        ax.set_xlabel("growth rate k_pg (per h)", fontsize=9.5)
        ax.set_ylabel("initial pathogen P(0)", fontsize=9.5)
        ax.set_title("outcome map", fontsize=10, loc="left")
        ax.tick_params(labelsize=8.5)
        ax.grid(False)
        handles = [Patch(facecolor=OUTCOME_COLOURS[o], alpha=0.75, label=o) for o in rey.OUTCOMES]
        fig.legend(handles=handles, loc="center right", bbox_to_anchor=(0.985, 0.955), ncol=3, fontsize=8.5,
                   handlelength=1.0, columnspacing=0.9, borderaxespad=0.0)
        return fig


def _edges(centres: np.ndarray, *, log: bool) -> np.ndarray:
    """Cell edges around grid centres (geometric midpoints on a log axis)."""
    x = np.log(centres) if log else centres
    mid = (x[1:] + x[:-1]) / 2
    edges = np.concatenate([[x[0] - (mid[0] - x[0])], mid, [x[-1] + (x[-1] - mid[-1])]])
    return np.exp(edges) if log else edges


# ---------------------------------------------------------------------------------
# The teaching storm model
# ---------------------------------------------------------------------------------

_LEVEL_MAX = 6.5
_V_MAX = 6.0


def _balance_panel(ax: Axes, *, amplification_per_h: float, block: float) -> None:
    """Production and clearance against level, with the steady states marked."""
    c = np.linspace(0.0, _LEVEL_MAX, 400)
    params = {"amplification_per_h": amplification_per_h}
    made = storm.production_rate(c, block=block, **params)
    cleared = storm.TEACHING_PARAMETERS["clearance_per_h"] * c
    if block > 0:
        ax.plot(c, storm.production_rate(c, **params), color=MUTED, lw=1.4, ls="--", label="production, no block")
    ax.plot(c, made, color=OKABE_ITO["vermillion"], lw=2.2, label="production")
    ax.plot(c, cleared, color=OKABE_ITO["blue"], lw=2.2, label="clearance")
    for s in storm.steady_states(block=block, **params):
        ax.plot([s.level], [storm.TEACHING_PARAMETERS["clearance_per_h"] * s.level], marker="o", ms=8,
                mfc="black" if s.stable else "white", mec="black", mew=1.6, zorder=5)
    ax.set_xlim(0, _LEVEL_MAX)
    ax.set_ylim(0, _LEVEL_MAX)
    ax.set_xlabel("cytokine level C (a.u.)")
    ax.set_ylabel("rate (a.u. per h)")
    ax.legend(loc="upper left", fontsize=8.5)


def _hysteresis_panel(ax: Axes, *, marker_v: float | None = None, marker_levels: tuple[float, ...] = ()) -> None:
    """Steady level against amplification strength: the S-shaped curve and its folds."""
    s_over_k = storm.TEACHING_PARAMETERS["basal_per_h"] / storm.TEACHING_PARAMETERS["clearance_per_h"]
    levels = np.geomspace(s_over_k * 1.0005, _LEVEL_MAX * 1.2, 1200)
    vs, stable = storm.steady_state_curve(levels)
    v_down, v_up = storm.bistable_window()
    ax.axvspan(v_down, v_up, color=LIGHT["yellow"], alpha=0.6, lw=0)
    for mask, style, label in ((stable, "-", "stable state"), (~stable, ":", "unstable (threshold)")):
        ax.plot(np.where(mask, vs, np.nan), levels, color="black", lw=2.2 if style == "-" else 1.6, ls=style,
                label=label)
    low_fold = levels[~stable].max()
    high_fold = levels[~stable].min()
    ax.annotate("", xy=(v_up, 0.9 * levels[stable & (vs > v_up)].min()), xytext=(v_up, high_fold),
                arrowprops=dict(arrowstyle="-|>", color=OKABE_ITO["vermillion"], lw=1.8))
    ax.annotate("", xy=(v_down, 1.25 * s_over_k), xytext=(v_down, low_fold),
                arrowprops=dict(arrowstyle="-|>", color=OKABE_ITO["bluish green"], lw=1.8))
    ax.text(v_up + 0.08, 2.0, "storm\nstarts", fontsize=8.5, color=OKABE_ITO["vermillion"], va="center")
    ax.text(v_down - 0.08, 0.75, "storm\nends", fontsize=8.5, color="#00704f", va="center", ha="right")
    ax.text((v_down + v_up) / 2, _LEVEL_MAX * 0.78, "two stable\nstates", ha="center", va="top", fontsize=8.5,
            color="#555555")
    if marker_v is not None:
        ax.axvline(marker_v, color=OKABE_ITO["reddish purple"], lw=1.4, ls="--")
        for level in marker_levels:
            ax.plot([marker_v], [level], marker="o", ms=8, mfc=OKABE_ITO["reddish purple"], mec="black", zorder=5)
    ax.set_xlim(0, _V_MAX)
    ax.set_ylim(0, _LEVEL_MAX)
    ax.set_xlabel("effective amplification (1 − b)·V (a.u. per h)")
    ax.set_ylabel("steady level (a.u.)")
    ax.legend(loc="upper left", fontsize=8.5)


def storm_frame_figure(*, amplification_per_h: float, block: float) -> Figure:
    """One explorer frame of the teaching storm model (made up for teaching).

    Left, production (red) and clearance (blue) against the cytokine level: steady
    states sit where they cross (filled stable, open unstable). Right, the steady
    level against the effective amplification (1 − b)V, with the bistable window
    shaded and the current setting marked.

    Parameters
    ----------
    amplification_per_h : float
        Strength V of the self-amplification, in a.u. per h.
    block : float
        Fraction b of the amplification blocked, in [0, 1].

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: production and clearance against the level, then the steady states.

    Examples
    --------
    >>> len(storm_frame_figure(amplification_per_h=3.0, block=0.5).axes)
    2
    """
    effective = (1 - block) * amplification_per_h
    levels = tuple(s.level for s in storm.steady_states(amplification_per_h=effective) if s.stable)
    with book_style():
        fig = Figure(figsize=(8.6, 4.0))
        fig.subplots_adjust(left=0.075, right=0.985, top=0.9, bottom=0.14, wspace=0.28)
        ax1, ax2 = fig.subplots(1, 2)
        _balance_panel(ax1, amplification_per_h=amplification_per_h, block=block)
        ax1.set_title(f"V = {amplification_per_h:g}, block {block:.0%}", loc="left", fontsize=10.5)
        _hysteresis_panel(ax2, marker_v=effective, marker_levels=levels)
        ax2.set_title("steady states (teaching model)", loc="left", fontsize=10.5)
        return fig


def storm_treatment_figure(*, amplification_per_h: float = 3.0, treat_from_h: float = 6.0,
                           t_end_h: float = 30.0) -> Figure:
    """Treating a storm in the teaching model: time courses and the hysteresis loop.

    Left, the cytokine level after a push above the threshold at time 0, untreated
    and with treatment from ``treat_from_h``: a block of the amplification just
    below and just above the fraction that ends the storm, and added clearance.
    Right, the S-shaped curve of steady states against amplification, with the
    two jumps that make the loop.

    Parameters
    ----------
    amplification_per_h : float
        Strength V of the amplification, in a.u. per h.
    treat_from_h : float
        When treatment starts, in h.
    t_end_h : float
        End of the time axis, in h.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: the treated storm over time, then the hysteresis loop.

    Examples
    --------
    >>> len(storm_treatment_figure().axes)
    2
    """
    params = {"amplification_per_h": amplification_per_h}
    needed = storm.block_to_end_storm(**params)
    start = 1.5 * storm.threshold_level(**params)
    t = np.linspace(0, t_end_h, 301)
    low_block = round(max(0.0, needed - 0.15), 2)
    high_block = round(min(1.0, needed + 0.15), 2)
    runs = [
        ("untreated", storm.simulate(level0=start, t_end_h=t_end_h, t_eval_h=t, **params), "black", "-"),
        (f"block {low_block:.0%}", storm.simulate(level0=start, t_end_h=t_end_h, t_eval_h=t, block=low_block,
                                                  treat_from_h=treat_from_h, **params), OKABE_ITO["orange"], "-"),
        (f"block {high_block:.0%}", storm.simulate(level0=start, t_end_h=t_end_h, t_eval_h=t, block=high_block,
                                                   treat_from_h=treat_from_h, **params), OKABE_ITO["bluish green"],
         "-"),
        ("clearance doubled", storm.simulate(level0=start, t_end_h=t_end_h, t_eval_h=t,
                                             extra_clearance_per_h=storm.TEACHING_PARAMETERS["clearance_per_h"],
                                             treat_from_h=treat_from_h, **params), OKABE_ITO["blue"], "--"),
    ]
    with book_style():
        fig = Figure(figsize=(9.0, 4.0))
        fig.subplots_adjust(left=0.07, right=0.985, top=0.9, bottom=0.14, wspace=0.26)
        ax1, ax2 = fig.subplots(1, 2)
        for label, res, colour, ls in runs:
            ax1.plot(res.t_h, res.level, color=colour, ls=ls, label=label)
        top = 1.15 * max(float(np.max(r.level)) for _, r, _, _ in runs)
        ax1.axvline(treat_from_h, color=MUTED, lw=1.2, ls=":")
        ax1.text(treat_from_h + 0.4, 0.97 * top, "treatment starts", fontsize=8.5, color="#555555", va="top")
        ax1.set_xlim(0, t_end_h)
        ax1.set_ylim(0, top)
        ax1.set_xlabel("time (h)")
        ax1.set_ylabel("cytokine level C (a.u.)")
        ax1.set_title(f"a storm at V = {amplification_per_h:g}, then treatment", loc="left", fontsize=10.5)
        ax1.legend(loc="center right", bbox_to_anchor=(1.0, 0.42), fontsize=8.5)
        _hysteresis_panel(ax2)
        ax2.set_title("hysteresis: on and off at different V", loc="left", fontsize=10.5)
        return fig


# ---------------------------------------------------------------------------------
# Measured serum levels
# ---------------------------------------------------------------------------------


def _level(value: float) -> str:
    """A concentration as the figures print it: whole numbers from 100, else 3 significant digits."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def serum_levels_figure(*, cytokine: str = "IL-6", highlight: str | None = None, log_scale: bool = True) -> Figure:
    """Pooled mean serum level and 95 % CI of a cytokine across conditions.

    One row per condition of :func:`widgets.models.serum.summary`, lowest first, with
    the number of patients (or values) pooled; one condition can be highlighted.

    Parameters
    ----------
    cytokine : str
        A cytokine of the table.
    highlight : str, optional
        A condition to draw in colour, with its ratio to healthy adults.
    log_scale : bool
        Logarithmic (default) or linear concentration axis.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, one row per condition; the level axis is logarithmic unless
        ``log_scale`` is false.

    Raises
    ------
    KeyError
        If the cytokine or the highlighted condition is not in the table; the message
        suggests the closest conditions.

    Examples
    --------
    >>> serum_levels_figure().axes[0].get_xscale()
    'log'
    """
    table = serum.summary(cytokine)
    if highlight is not None and highlight not in table.index:
        raise unknown_name("condition", highlight, table.index)
    unit = table["unit"].iloc[0]
    with book_style():
        fig = Figure(figsize=(8.0, 3.9))
        fig.subplots_adjust(left=0.33, right=0.97, top=0.86, bottom=0.16)
        ax = fig.add_subplot()
        for y, (condition, row) in enumerate(table.iterrows()):
            on = highlight is None or condition == highlight
            colour = OKABE_ITO["vermillion"] if (highlight is not None and on) else ("black" if on else MUTED)
            ax.errorbar([row["mean"]], [y], xerr=[[row["mean"] - row["ci_lower"]], [row["ci_upper"] - row["mean"]]],
                        fmt="o", ms=7, color=colour, ecolor=colour, elinewidth=1.8, capsize=4)
            if condition == highlight:
                fold = serum.fold_over_healthy(condition, cytokine)
                words = f"{_level(row['mean'])} {unit}"
                if condition != serum.HEALTHY:
                    words += f", {fold:,.0f}× healthy"
                ax.text(row["mean"], y + 0.2, words, va="bottom", ha="left" if not log_scale else "center",
                        fontsize=9, color=colour, weight="bold")
        labels = [f"{c}\n(n = {int(n):,})" for c, n in zip(table.index, table["n"])]
        ax.set_yticks(range(len(table)))
        ax.set_yticklabels(labels, fontsize=9)
        ax.set_ylim(-0.6, len(table) - 0.4)
        ax.grid(axis="y", visible=False)
        if log_scale:
            ax.set_xscale("log")
            ax.set_xlim(1, 1e5)
            ax.xaxis.set_major_formatter(LOG_TICKS)
            ax.minorticks_off()
        else:
            ax.set_xlim(0, 1.05 * float(table["ci_upper"].max()))
        ax.set_xlabel(f"serum {cytokine} ({unit}; {'log' if log_scale else 'linear'} scale)")
        ax.set_title(f"Serum {cytokine}: pooled mean and 95% confidence interval", loc="left", fontsize=11)
        return fig

