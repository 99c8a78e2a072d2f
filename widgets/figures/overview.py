"""Figures for Chapter 1, "What are cytokines?".

Three static figures, drawn as code so that every box, arrow and label can be
reviewed like any other line of the book:

* :func:`modes_of_action_figure`: autocrine, paracrine and endocrine action side by side;
* :func:`cytokine_sizes_figure`: molecular masses of cytokines as their sources report
  them, from a table the chapter passes in (the catalog's mass columns);
* :func:`vignette_timeline_figure`: the opening scene of the chapter, from the thorn to
  the fever, as a schematic sequence of events.

The functions only draw. They take every number they show as an argument or from a
small table of labelled text, and they return a :class:`matplotlib.figure.Figure`
built without pyplot, so nothing is displayed twice in a notebook.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch

from widgets.figures.style import OKABE_ITO, book_style

__all__ = [
    "VIGNETTE_EVENTS",
    "cytokine_sizes_figure",
    "modes_of_action_figure",
    "vignette_timeline_figure",
]

_CELL_FACE = "#d8eefb"
_CELL_EDGE = "#3d6e8f"
_SIGNAL = OKABE_ITO["vermillion"]
_RECEPTOR = OKABE_ITO["blue"]


# ---------------------------------------------------------------------------------
# Small drawing helpers
# ---------------------------------------------------------------------------------

def _panel(fig: Figure, rect: tuple[float, float, float, float], xlim: tuple[float, float] = (0.0, 4.0),
           ylim: tuple[float, float] = (0.0, 4.0)) -> Axes:
    ax = fig.add_axes(rect)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def _cell(ax: Axes, x: float, y: float, label: str, *, r: float = 0.55,
          face: str = _CELL_FACE, receptors: Sequence[float] = ()) -> None:
    """A round cell with a nucleus, a label below it and receptor stubs at the given angles (degrees)."""
    ax.add_patch(Circle((x, y), r, facecolor=face, edgecolor=_CELL_EDGE, linewidth=1.3, zorder=2))
    ax.add_patch(Circle((x, y), r * 0.35, facecolor="#a9c7dd", edgecolor=_CELL_EDGE,
                        linewidth=0.8, zorder=3))
    for angle in receptors:
        a = math.radians(angle)
        x0, y0 = x + r * math.cos(a), y + r * math.sin(a)
        x1, y1 = x + (r + 0.16) * math.cos(a), y + (r + 0.16) * math.sin(a)
        ax.plot([x0, x1], [y0, y1], color=_RECEPTOR, lw=2.4, solid_capstyle="butt", zorder=3)
    ax.text(x, y - r - 0.22, label, ha="center", va="top", fontsize=9, color="#111111")


def _dots(ax: Axes, points: Sequence[tuple[float, float]]) -> None:
    """Cytokine molecules drawn as small filled dots."""
    for x, y in points:
        ax.add_patch(Circle((x, y), 0.06, facecolor=_SIGNAL, edgecolor="none", zorder=4))


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], *,
           rad: float = 0.0, color: str = _SIGNAL, lw: float = 1.5) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>,head_length=0.45,head_width=0.22",
                                 mutation_scale=12, color=color, linewidth=lw, zorder=3,
                                 connectionstyle=f"arc3,rad={rad}", shrinkA=3, shrinkB=3))


# ---------------------------------------------------------------------------------
# Figure 1: three modes of action
# ---------------------------------------------------------------------------------

MODES: tuple[tuple[str, str], ...] = (
    ("Autocrine", "the producer reads its own message"),
    ("Paracrine", "a neighbour in the same tissue reads it"),
    ("Endocrine", "the blood carries it to a distant organ"),
)
"""Titles and one-line definitions of the three panels."""


def modes_of_action_figure() -> Figure:
    """Autocrine, paracrine and endocrine action of a cytokine, one panel each.

    The examples are those of the chapter text: a T cell that reads a cytokine it
    secretes itself; a macrophage whose chemokine attracts a neutrophil from a
    nearby vessel; IL-6 from a site of inflammation reaching the liver.

    Returns
    -------
    matplotlib.figure.Figure
        Three axes titled Autocrine, Paracrine and Endocrine.

    Examples
    --------
    >>> fig = modes_of_action_figure()
    >>> [ax.get_title() for ax in fig.axes]
    ['Autocrine', 'Paracrine', 'Endocrine']
    """
    with book_style():
        fig = Figure(figsize=(10.0, 3.9))
        fig.patch.set_facecolor("white")
        axes = [_panel(fig, (0.01 + k * 0.33, 0.04, 0.31, 0.82)) for k in range(3)]
        for ax, (title, subtitle) in zip(axes, MODES):
            ax.set_title(title, fontsize=12, weight="bold", pad=14)
            ax.text(2.0, 4.05, subtitle, ha="center", va="bottom", fontsize=9,
                    style="italic", color="#333333")

        # autocrine: one T cell, molecules leave and come back to its own receptors
        ax = axes[0]
        _cell(ax, 2.0, 1.9, "activated T cell", r=0.75, receptors=(40, 140))
        _arrow(ax, (2.55, 2.45), (2.65, 2.78), rad=0.0)
        _dots(ax, [(2.85, 3.0), (2.35, 3.25), (1.6, 3.15)])
        _arrow(ax, (1.35, 3.0), (1.45, 2.55), rad=0.3)

        # paracrine: macrophage releases a chemokine; a neutrophil leaves the vessel
        ax = axes[1]
        ax.add_patch(FancyBboxPatch((0.15, 0.3), 3.7, 0.6, boxstyle="round,pad=0.02,rounding_size=0.25",
                                    facecolor="#f6d0b8", edgecolor="#b35c2e", linewidth=1.0, zorder=1))
        ax.text(0.3, 0.6, "blood vessel", ha="left", va="center", fontsize=8.5, color="#7a3b17")
        _cell(ax, 0.95, 2.85, "macrophage", r=0.55)
        _dots(ax, [(1.75, 2.75), (2.1, 2.55), (2.45, 2.35), (2.0, 3.0)])
        _arrow(ax, (1.55, 2.85), (2.55, 2.2))
        ax.add_patch(Circle((3.05, 1.75), 0.42, facecolor="#e9e2f3", edgecolor=_CELL_EDGE,
                            linewidth=1.3, zorder=2))
        ax.add_patch(Circle((3.05, 1.75), 0.15, facecolor="#a9c7dd", edgecolor=_CELL_EDGE,
                            linewidth=0.8, zorder=3))
        for angle in (120, 150, 180):
            a = math.radians(angle)
            ax.plot([3.05 + 0.42 * math.cos(a), 3.05 + 0.58 * math.cos(a)],
                    [1.75 + 0.42 * math.sin(a), 1.75 + 0.58 * math.sin(a)],
                    color=_RECEPTOR, lw=2.4, solid_capstyle="butt", zorder=3)
        ax.text(3.6, 1.75, "neutrophil", ha="left", va="center", fontsize=9)
        _arrow(ax, (3.05, 0.95), (3.05, 1.28), color=_CELL_EDGE)

        # endocrine: a producer in a wound, the blood, and the liver far away
        ax = axes[2]
        _cell(ax, 0.8, 3.0, "", r=0.45)
        ax.text(0.8, 3.6, "macrophage in a wound", ha="center", va="bottom", fontsize=9)
        ax.add_patch(FancyBboxPatch((0.25, 1.35), 3.5, 0.55, boxstyle="round,pad=0.02,rounding_size=0.25",
                                    facecolor="#f6d0b8", edgecolor="#b35c2e", linewidth=1.0, zorder=1))
        ax.text(2.0, 1.05, "blood", ha="center", va="top", fontsize=8.5, color="#7a3b17")
        _dots(ax, [(1.1, 1.62), (1.5, 1.55), (2.0, 1.68), (2.5, 1.58)])
        _arrow(ax, (0.85, 2.5), (0.95, 1.9))
        ax.add_patch(Ellipse((3.2, 3.0), 1.1, 0.8, facecolor="#c9a27e", edgecolor="#7a5230",
                             linewidth=1.2, zorder=2))
        ax.text(3.2, 3.5, "liver", ha="center", va="bottom", fontsize=9)
        _arrow(ax, (3.1, 1.9), (3.15, 2.6))
        return fig


# ---------------------------------------------------------------------------------
# Figure 2: sizes
# ---------------------------------------------------------------------------------

def cytokine_sizes_figure(table: pd.DataFrame, *, notes: Mapping[str, str] | None = None,
                          band: tuple[float, float] | None = None, band_label: str = "") -> Figure:
    """Molecular masses of cytokines as their sources report them, one row per cytokine.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows with the columns ``name``, ``mass_kDa_low`` and ``mass_kDa_high`` (kDa), as
        in :func:`widgets.catalog.tables.cytokines`; rows without a mass are left out. A range
        (glycoforms, different sources) is drawn as a bar, a single value as a dot. Rows
        are drawn from the lightest (top) to the heaviest.
    notes : mapping of str to str, optional
        Short text drawn to the right of a row, by name (e.g. ``{"TNF": "acts as a
        trimer"}``). Text only: the figure never computes a mass.
    band : (float, float), optional
        A shaded vertical band, e.g. the 8–14 kDa of the chemokines.
    band_label : str
        Label of the band, drawn above it.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with a logarithmic mass axis.

    Raises
    ------
    ValueError
        If the table lacks a column, no row has a mass, or a note names no row.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"name": ["A", "B", "C"], "mass_kDa_low": [17, 15, float("nan")],
    ...                   "mass_kDa_high": [20, 15, float("nan")]})
    >>> fig = cytokine_sizes_figure(t, notes={"A": "a note"})
    >>> [tick.get_text() for tick in fig.axes[0].get_yticklabels()]  # lightest first
    ['B', 'A']
    """
    missing = {"name", "mass_kDa_low", "mass_kDa_high"} - set(table.columns)
    if missing:
        raise ValueError(f"the table needs the columns {sorted(missing)}")
    rows = table.dropna(subset=["mass_kDa_low", "mass_kDa_high"])
    if rows.empty:
        raise ValueError("no row of the table has a molecular mass")
    rows = rows.sort_values(["mass_kDa_low", "mass_kDa_high", "name"], kind="stable")
    notes = dict(notes or {})
    unknown = set(notes) - set(rows["name"])
    if unknown:
        raise ValueError(f"notes for names without a mass in the table: {sorted(unknown)}")
    n = len(rows)
    with book_style():
        fig = Figure(figsize=(7.6, 0.36 * n + 1.6))
        fig.patch.set_facecolor("white")
        ax = fig.add_axes((0.27, 0.9 / (0.36 * n + 1.6), 0.70, 1 - 1.35 / (0.36 * n + 1.6)))
        ys = list(range(n))[::-1]
        if band is not None:
            ax.axvspan(*band, color="#ececec", zorder=0)
            if band_label:
                ax.text(math.sqrt(band[0] * band[1]), n - 0.45, band_label, ha="center",
                        va="bottom", fontsize=8.5, color="#555555")
        for y, row in zip(ys, rows.itertuples()):
            lo, hi = float(row.mass_kDa_low), float(row.mass_kDa_high)
            if hi > lo:
                ax.plot([lo, hi], [y, y], color=OKABE_ITO["blue"], lw=6, solid_capstyle="round", zorder=3)
            else:
                ax.plot([lo], [y], "o", color=OKABE_ITO["blue"], ms=8, zorder=3)
            if row.name in notes:
                ax.text(hi * 1.08, y, notes[row.name], ha="left", va="center", fontsize=8.5,
                        style="italic", color="#333333")
        ax.set_yticks(ys, list(rows["name"]))
        ax.set_xscale("log")
        ax.set_xlim(5, 60)
        ax.set_xticks([5, 10, 20, 50], ["5", "10", "20", "50"])
        ax.minorticks_off()
        ax.set_xlabel("molecular mass of one chain (kDa, log scale)")
        ax.set_ylim(-0.7, n - 0.2 + (0.6 if band_label else 0))
        ax.grid(axis="y", visible=False)
        return fig


# ---------------------------------------------------------------------------------
# Figure 3: the opening scene as a timeline
# ---------------------------------------------------------------------------------

VIGNETTE_EVENTS: tuple[tuple[str, str, str], ...] = (
    ("Saturday afternoon", "thorn", "A rose thorn carries microbes\ninto the thumb"),
    ("minutes to hours", "tissue", "Macrophages sense the microbes\nand release TNF, IL-1β, IL-6\nand chemokines"),
    ("hours", "tissue", "Chemokines call neutrophils\nout of the blood: the thumb\nturns red, hot and swollen"),
    ("within a day", "lymph node", "Dendritic cells carry the news\nto the lymph node under the\narm: a tender lump"),
    ("Sunday evening", "whole body",
     "IL-1β, TNF and IL-6 reset the\nhypothalamus: shivering, 38.6 °C;\nthe liver makes acute-phase proteins"),
)
"""(when, where, what) for each event of the opening scene, in order.

Only the first and the last times come from the story itself; the placement of the
events in between is schematic and follows the order described in the chapter.
"""

_PLACE_COLOUR = {
    "thorn": OKABE_ITO["black"],
    "tissue": OKABE_ITO["vermillion"],
    "lymph node": OKABE_ITO["bluish green"],
    "whole body": OKABE_ITO["blue"],
}


def vignette_timeline_figure(events: Sequence[tuple[str, str, str]] = VIGNETTE_EVENTS) -> Figure:
    """The opening scene of Chapter 1 as a sequence of events from thorn to fever.

    Parameters
    ----------
    events : sequence of (when, where, what)
        Defaults to :data:`VIGNETTE_EVENTS`. ``where`` is one of ``thorn``,
        ``tissue``, ``lymph node`` and ``whole body`` and sets the colour.

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding the timeline.

    Examples
    --------
    >>> fig = vignette_timeline_figure()
    >>> len(fig.axes[0].collections) + len(fig.axes[0].lines) > 0
    True
    """
    unknown = {where for _, where, _ in events} - set(_PLACE_COLOUR)
    if unknown:
        raise ValueError(f"unknown place(s) {sorted(unknown)}; use one of {sorted(_PLACE_COLOUR)}")
    n = len(events)
    with book_style():
        fig = Figure(figsize=(10.0, 3.6))
        fig.patch.set_facecolor("white")
        ax = fig.add_axes((0.02, 0.05, 0.96, 0.9))
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylim(-1.55, 1.35)
        ax.set_axis_off()
        ax.add_patch(FancyArrowPatch((-0.5, 0), (n - 0.45, 0), arrowstyle="-|>,head_length=0.8,head_width=0.35",
                                     mutation_scale=14, color="#555555", linewidth=1.6))
        for k, (when, where, what) in enumerate(events):
            colour = _PLACE_COLOUR[where]
            up = k % 2 == 0
            y_text = 0.55 if up else -0.55
            ax.plot([k], [0], "o", color=colour, ms=11, zorder=3)
            ax.plot([k, k], [0, y_text * 0.8], color=colour, lw=1.2, zorder=2)
            ax.text(k, y_text, what, ha="center", va="bottom" if up else "top", fontsize=8.8,
                    color="#111111", linespacing=1.25)
            ax.text(k, -0.18 if up else 0.18, when, ha="center", va="top" if up else "bottom",
                    fontsize=8.5, weight="bold", color=colour)
        handles = [ax.plot([], [], "o", color=c, ms=9, ls="none")[0] for c in _PLACE_COLOUR.values()]
        ax.legend(handles, list(_PLACE_COLOUR), loc="lower center", ncol=4, fontsize=9,
                  bbox_to_anchor=(0.5, -0.02))
        return fig
