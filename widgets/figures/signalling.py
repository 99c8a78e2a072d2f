"""Figures for Chapter 3, "How cytokines signal".

Two kinds of figure live here:

* pathway diagrams drawn as code (receptor classes, the JAK/STAT cascade, JAK and
  STAT domains, the scheme of the Raia et al. 2011 model), so that every box and
  arrow can be reviewed and changed like any other line of the book;
* data figures for the chapter's explorers: receptor occupancy over time after a
  cytokine is added, and the IL-13 time course of the Raia et al. 2011 model.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot,
so nothing is displayed twice in a notebook and frames can be rendered in bulk.
Margins are fixed with ``subplots_adjust`` (constrained layout costs about a
second per frame).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyBboxPatch, Rectangle

from widgets.figures.style import LIGHT, MUTED, OKABE_ITO, PALETTE, book_style, diagram_arrow, diagram_axes, label_box
from widgets.models.binding import receptor_occupancy
from widgets.models.hill import HillFit
from widgets.models.kinetics import (
    ILLUSTRATIVE_KON_PER_M_PER_S,
    binding_summary,
    named_affinities_pM,
    occupancy_time_course,
)
from widgets.models.raia2011 import IL13_DOSE_UNIT, OBSERVABLE_UNITS, time_course
from widgets.units import S_PER_MIN, format_minutes

__all__ = [
    "binding_time_course_figure",
    "dose_response_figure",
    "jak_stat_cascade_figure",
    "jak_stat_domains_figure",
    "raia_scheme_figure",
    "raia_time_course_figure",
    "receptor_classes_figure",
]

_TIME_TICKS_MIN = (1.0, 10.0, 60.0, 600.0, 10080.0)
_TIME_TICK_LABELS = ("1 min", "10 min", "1 h", "10 h", "1 week")

# ---------------------------------------------------------------------------------
# Small drawing helpers for the diagrams
# ---------------------------------------------------------------------------------


def _box(ax: Axes, x: float, y: float, text: str, *, w: float = 1.6, h: float = 0.5,
         face: str = LIGHT["grey"], edge: str = "#333333", size: float = 9.5,
         weight: str = "normal", style: str = "round,pad=0.02,rounding_size=0.12") -> None:
    """A rounded box centred on (x, y) with a label."""
    label_box(ax, x, y, text, w=w, h=h, face=face, edge=edge, size=size, weight=weight, boxstyle=style,
              linewidth=1.1)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], *,
           inhibit: bool = False, color: str = "#333333", lw: float = 1.4,
           rad: float = 0.0, style: str | None = None, zorder: float = 2) -> None:
    """An arrow from start to end; ``inhibit=True`` draws a flat bar head (⊣)."""
    arrowstyle = style or ("-[, widthB=0.45, lengthB=0.0" if inhibit else "-|>,head_length=0.5,head_width=0.25")
    diagram_arrow(ax, start, end, arrowstyle=arrowstyle, mutation_scale=12, color=color, lw=lw, rad=rad,
                  zorder=zorder)


def _membrane(ax: Axes, x0: float, x1: float, y: float, *, thickness: float = 0.32) -> None:
    """A lipid bilayer drawn as a pale band with two dark edges."""
    ax.add_patch(Rectangle((x0, y - thickness / 2), x1 - x0, thickness, facecolor="#f3ead7",
                           edgecolor="none", zorder=1))
    ax.plot([x0, x1], [y + thickness / 2] * 2, color="#8c7a57", lw=1.2, zorder=1)
    ax.plot([x0, x1], [y - thickness / 2] * 2, color="#8c7a57", lw=1.2, zorder=1)


def _chain(ax: Axes, x: float, y_mem: float, *, top: float = 1.1, bottom: float = 0.9,
           width: float = 0.22, color: str = OKABE_ITO["blue"]) -> None:
    """A single-pass receptor chain crossing the membrane at height y_mem."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y_mem - bottom), width, top + bottom,
                                boxstyle="round,pad=0.0,rounding_size=0.08", facecolor=color,
                                edgecolor="#222222", linewidth=0.9, zorder=3, alpha=0.9))


# ---------------------------------------------------------------------------------
# Diagram 1: six receptor classes
# ---------------------------------------------------------------------------------


def receptor_classes_figure() -> Figure:
    """Six classes of cytokine receptor and the pathway each one switches on.

    Each panel shows the receptor crossing the membrane (outside at the top), the
    first proteins it recruits inside the cell and the main pathway. Examples of
    ligands and the adaptors follow the chapter text and its sources (morris2018,
    weber2010, walczak2013, bachelerie2014, shi2003, lemmon2010).

    Returns
    -------
    matplotlib.figure.Figure
        Six axes without ticks, one per receptor class.

    Examples
    --------
    >>> fig = receptor_classes_figure()
    >>> len(fig.axes)
    6
    """
    panels = [
        ("Type I and II cytokine receptors", "IL-6, IL-2, IFN-γ", "jak"),
        ("IL-1 receptor family (and TLRs)", "IL-1β, IL-18, IL-33", "il1"),
        ("TNF receptor superfamily", "TNF, Fas ligand, TRAIL", "tnf"),
        ("Chemokine receptors (GPCRs)", "CXCL8, CCL2, CXCL12", "gpcr"),
        ("TGF-β family receptors", "TGF-β1, activin, BMPs", "tgf"),
        ("Receptor tyrosine kinases", "M-CSF, SCF, FLT3 ligand", "rtk"),
    ]
    with book_style():
        fig = Figure(figsize=(10.5, 7.4))
        fig.patch.set_facecolor("white")
        for k, (title, ligands, kind) in enumerate(panels):
            row, col = divmod(k, 3)
            ax = diagram_axes(fig, [0.01 + col * 0.33, 0.51 - row * 0.49, 0.31, 0.45],
                               (0, 4), (0, 5.2))
            ax.add_patch(Rectangle((0.02, 0.02), 3.96, 5.16, facecolor="white",
                                   edgecolor="#bbbbbb", linewidth=0.8))
            ax.text(2.0, 4.95, title, ha="center", va="center", fontsize=10.5, weight="bold")
            ax.text(2.0, 4.58, f"e.g. {ligands}", ha="center", va="center", fontsize=9,
                    style="italic", color="#333333")
            ax.text(0.12, 4.3, "outside", ha="left", va="center", fontsize=8, color="#666666")
            ax.text(0.12, 2.85, "inside", ha="left", va="center", fontsize=8, color="#666666")
            _membrane(ax, 0.1, 3.9, 3.2)
            _draw_receptor_panel(ax, kind)
        return fig


def _draw_receptor_panel(ax: Axes, kind: str) -> None:
    y = 3.2  # membrane
    if kind == "jak":
        ax.add_patch(Ellipse((2.0, 4.15), 0.7, 0.42, facecolor=OKABE_ITO["orange"],
                             edgecolor="#222222", zorder=4))
        for x in (1.72, 2.28):
            _chain(ax, x, y, top=0.85, bottom=0.55)
        _box(ax, 1.45, 2.35, "JAK", w=0.62, h=0.4, face=LIGHT["green"])
        _box(ax, 2.55, 2.35, "JAK", w=0.62, h=0.4, face=LIGHT["green"])
        _arrow(ax, (2.0, 2.1), (2.0, 1.6))
        _box(ax, 2.0, 1.35, "STAT dimer", w=1.6, h=0.42, face=LIGHT["sky"])
        _arrow(ax, (2.0, 1.12), (2.0, 0.72))
        _box(ax, 2.0, 0.45, "genes (nucleus)", w=1.9, h=0.42, face=LIGHT["grey"])
    elif kind == "il1":
        ax.add_patch(Ellipse((2.0, 4.15), 0.6, 0.42, facecolor=OKABE_ITO["orange"],
                             edgecolor="#222222", zorder=4))
        _chain(ax, 1.72, y, top=0.85, bottom=0.55)
        _chain(ax, 2.28, y, top=0.85, bottom=0.55, color=OKABE_ITO["sky blue"])
        ax.text(1.15, 3.75, "IL-1R1", fontsize=8, ha="right")
        ax.text(2.85, 3.75, "IL-1RAcP", fontsize=8, ha="left")
        _box(ax, 2.0, 2.3, "MyD88", w=1.1, h=0.4, face=LIGHT["green"])
        _arrow(ax, (2.0, 2.08), (2.0, 1.85))
        _box(ax, 2.0, 1.62, "IRAK4 · IRAK1 · TRAF6", w=2.6, h=0.4, face=LIGHT["green"])
        _arrow(ax, (2.0, 1.4), (2.0, 0.95))
        _box(ax, 2.0, 0.7, "NF-κB, p38, JNK", w=2.2, h=0.42, face=LIGHT["sky"])
    elif kind == "tnf":
        for dx in (-0.18, 0.0, 0.18):
            ax.add_patch(Ellipse((2.0 + dx, 4.2 - abs(dx) * 0.3), 0.3, 0.36,
                                 facecolor=OKABE_ITO["orange"], edgecolor="#222222", zorder=4))
        for x in (1.64, 2.0, 2.36):
            _chain(ax, x, y, top=0.8, bottom=0.55)
        ax.text(2.62, 2.75, "death domains", fontsize=7.5, ha="left", va="center", color="#333333")
        _box(ax, 2.0, 2.3, "TRADD", w=1.1, h=0.4, face=LIGHT["green"])
        _arrow(ax, (1.8, 2.08), (1.2, 1.75))
        _arrow(ax, (2.2, 2.08), (2.8, 1.75))
        _box(ax, 1.05, 1.5, "TRAF2 · RIPK1", w=1.75, h=0.42, face=LIGHT["green"], size=8.5)
        _box(ax, 2.95, 1.5, "FADD", w=1.2, h=0.42, face=LIGHT["vermillion"], size=8.5)
        _arrow(ax, (1.05, 1.28), (1.05, 0.95))
        _arrow(ax, (2.95, 1.28), (2.95, 0.95))
        _box(ax, 1.05, 0.7, "NF-κB", w=1.3, h=0.42, face=LIGHT["sky"])
        _box(ax, 2.95, 0.7, "caspase-8", w=1.35, h=0.42, face=LIGHT["vermillion"])
    elif kind == "gpcr":
        ax.add_patch(Ellipse((1.4, 4.15), 0.5, 0.36, facecolor=OKABE_ITO["orange"],
                             edgecolor="#222222", zorder=4))
        xs = np.linspace(1.25, 2.75, 7)
        for x in xs:
            ax.add_patch(FancyBboxPatch((x - 0.08, y - 0.42), 0.16, 0.84,
                                        boxstyle="round,pad=0.0,rounding_size=0.06",
                                        facecolor=OKABE_ITO["blue"], edgecolor="#222222",
                                        linewidth=0.8, zorder=3, alpha=0.9))
        ax.text(2.35, 3.78, "7 transmembrane helices", fontsize=7.5, ha="center", color="#333333")
        _box(ax, 2.0, 2.3, "Gαi · Gβγ", w=1.4, h=0.42, face=LIGHT["green"])
        _arrow(ax, (2.0, 2.08), (2.0, 1.6))
        _box(ax, 2.0, 1.35, "Ca²⁺, PI3K, small GTPases", w=2.8, h=0.42, face=LIGHT["sky"], size=8.5)
        _arrow(ax, (2.0, 1.12), (2.0, 0.72))
        _box(ax, 2.0, 0.45, "cell migration", w=1.9, h=0.42, face=LIGHT["grey"])
    elif kind == "tgf":
        ax.add_patch(Ellipse((2.0, 4.2), 0.6, 0.38, facecolor=OKABE_ITO["orange"],
                             edgecolor="#222222", zorder=4))
        _chain(ax, 1.65, y, top=0.8, bottom=0.55)
        _chain(ax, 2.35, y, top=0.8, bottom=0.55, color=OKABE_ITO["sky blue"])
        ax.text(1.05, 3.72, "type II", fontsize=8, ha="right")
        ax.text(2.95, 3.72, "type I", fontsize=8, ha="left")
        _box(ax, 1.45, 2.35, "S/T kinase", w=1.05, h=0.38, face=LIGHT["green"], size=8)
        _box(ax, 2.6, 2.35, "S/T kinase", w=1.05, h=0.38, face=LIGHT["green"], size=8)
        _arrow(ax, (1.95, 2.35), (2.1, 2.35))
        _arrow(ax, (2.6, 2.15), (2.2, 1.62))
        _box(ax, 2.0, 1.38, "SMAD2/3 + SMAD4", w=2.2, h=0.42, face=LIGHT["sky"])
        _arrow(ax, (2.0, 1.15), (2.0, 0.72))
        _box(ax, 2.0, 0.45, "genes (nucleus)", w=1.9, h=0.42, face=LIGHT["grey"])
    elif kind == "rtk":
        for x, dx in ((1.7, -0.05), (2.3, 0.05)):
            ax.add_patch(Ellipse((x + dx, 4.15), 0.34, 0.34, facecolor=OKABE_ITO["orange"],
                                 edgecolor="#222222", zorder=4))
            _chain(ax, x, y, top=0.75, bottom=0.45)
            _box(ax, x, 2.35, "TK", w=0.5, h=0.42, face=LIGHT["green"])
        ax.text(2.0, 2.85, "P", fontsize=8, ha="center", weight="bold", color=OKABE_ITO["vermillion"])
        _arrow(ax, (1.75, 2.12), (1.35, 1.62))
        _arrow(ax, (2.25, 2.12), (2.65, 1.62))
        _box(ax, 1.2, 1.38, "RAS–MAPK", w=1.45, h=0.42, face=LIGHT["sky"], size=8.5)
        _box(ax, 2.8, 1.38, "PI3K–AKT", w=1.35, h=0.42, face=LIGHT["sky"], size=8.5)
        _arrow(ax, (1.2, 1.15), (1.8, 0.72))
        _arrow(ax, (2.8, 1.15), (2.2, 0.72))
        _box(ax, 2.0, 0.45, "growth, survival", w=1.9, h=0.42, face=LIGHT["grey"])
    else:  # pragma: no cover - internal
        raise ValueError(f"unknown receptor panel {kind!r}")


# ---------------------------------------------------------------------------------
# Diagram 2: the JAK/STAT cascade
# ---------------------------------------------------------------------------------


def jak_stat_cascade_figure() -> Figure:
    """The JAK/STAT pathway in six numbered steps, with SOCS negative feedback.

    Steps: (1) the cytokine brings two receptor chains together; (2) the JAKs bound
    to them phosphorylate each other; (3) the JAKs phosphorylate tyrosines on the
    receptor tails; (4) STATs dock there through their SH2 domains and are
    phosphorylated; (5) phosphorylated STATs dimerise and enter the nucleus;
    (6) they bind DNA and switch on target genes, among them SOCS genes, whose
    proteins inhibit the JAKs (morris2018).

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding the numbered cascade.

    Examples
    --------
    >>> fig = jak_stat_cascade_figure()
    >>> len(fig.axes)
    1
    """
    with book_style():
        fig = Figure(figsize=(10.0, 6.0))
        ax = diagram_axes(fig, [0.01, 0.01, 0.98, 0.98], (0, 10), (0, 6))
        y = 4.3
        _membrane(ax, 0.2, 9.8, y, thickness=0.36)
        ax.text(0.3, 5.75, "outside the cell", fontsize=9.5, color="#555555", va="center")
        ax.text(0.3, 3.85, "cytoplasm", fontsize=9.5, color="#555555", va="center")
        # nucleus
        ax.add_patch(Ellipse((6.9, 1.15), 5.6, 1.9, facecolor="#f4f4f4", edgecolor="#777777",
                             linewidth=1.2, linestyle="--", zorder=1))
        ax.text(9.45, 0.35, "nucleus", fontsize=9.5, color="#555555", ha="right")

        # (1) cytokine and receptor chains
        ax.add_patch(Ellipse((2.3, 5.35), 0.9, 0.55, facecolor=OKABE_ITO["orange"],
                             edgecolor="#222222", zorder=4))
        ax.text(2.3, 5.35, "cytokine", fontsize=8.5, ha="center", va="center", zorder=5)
        for x in (1.95, 2.65):
            _chain(ax, x, y, top=0.75, bottom=1.55, width=0.26)
        # JAKs
        _box(ax, 1.45, 3.55, "JAK", w=0.72, h=0.48, face=LIGHT["green"])
        _box(ax, 3.15, 3.55, "JAK", w=0.72, h=0.48, face=LIGHT["green"])
        _arrow(ax, (1.8, 3.55), (2.8, 3.55), style="<|-|>,head_length=0.4,head_width=0.2",
               zorder=6, lw=1.6)
        ax.text(2.3, 3.72, "P", fontsize=8.5, ha="center", weight="bold", zorder=7,
                color=OKABE_ITO["vermillion"])
        # phosphotyrosines on receptor tails
        for x in (1.95, 2.65):
            for yy in (3.1, 2.85):
                ax.add_patch(Ellipse((x + (0.2 if x > 2.3 else -0.2), yy), 0.16, 0.16,
                                     facecolor=OKABE_ITO["vermillion"], edgecolor="none", zorder=5))
        # STAT docking
        _box(ax, 3.85, 2.75, "STAT", w=0.8, h=0.42, face=LIGHT["sky"])
        _arrow(ax, (3.45, 2.8), (2.9, 2.95))
        # STAT dimer in cytoplasm
        _arrow(ax, (4.3, 2.75), (5.15, 2.75))
        _box(ax, 5.85, 2.75, "STAT · STAT", w=1.25, h=0.45, face=LIGHT["sky"])
        ax.text(5.85, 3.1, "P        P", fontsize=8, ha="center", weight="bold",
                color=OKABE_ITO["vermillion"])
        # into nucleus
        _arrow(ax, (5.85, 2.5), (5.85, 1.65))
        ax.plot([4.6, 9.3], [0.85, 0.85], color="#444444", lw=2.0, zorder=2)
        ax.text(4.7, 0.62, "DNA", fontsize=8, color="#444444")
        _box(ax, 5.85, 1.15, "STAT · STAT", w=1.25, h=0.42, face=LIGHT["sky"])
        _arrow(ax, (6.5, 1.15), (7.3, 1.15))
        _box(ax, 8.2, 1.45, "SOCS genes", w=1.55, h=0.42, face=LIGHT["purple"])
        _box(ax, 8.2, 0.95, "other target genes", w=1.85, h=0.42, face=LIGHT["grey"], size=9)
        # SOCS feedback
        _box(ax, 8.2, 3.1, "SOCS protein", w=1.6, h=0.45, face=LIGHT["purple"])
        _arrow(ax, (8.2, 1.68), (8.2, 2.85))
        _arrow(ax, (7.4, 3.25), (3.55, 3.7), inhibit=True, color=OKABE_ITO["reddish purple"],
               lw=1.8, rad=0.18)
        ax.text(5.7, 3.95, "negative feedback", fontsize=9, color="#7a3b63", ha="center")

        steps = [
            (1.0, 5.35, "1"), (2.3, 3.2, "2"), (1.05, 2.95, "3"),
            (4.35, 3.2, "4"), (5.15, 2.25, "5"), (7.3, 1.75, "6"),
        ]
        for x, yy, label in steps:
            ax.add_patch(Ellipse((x, yy), 0.34, 0.34, facecolor="#222222", edgecolor="none", zorder=6))
            ax.text(x, yy, label, fontsize=9, color="white", ha="center", va="center",
                    weight="bold", zorder=7)
        return fig


# ---------------------------------------------------------------------------------
# Diagram 3: JAK and STAT domains
# ---------------------------------------------------------------------------------


def jak_stat_domains_figure() -> Figure:
    """Domain architecture of a JAK and of a STAT, drawn as labelled bars (not to scale).

    JAK: FERM and SH2-like domains (which hold the receptor), the pseudokinase
    domain (JH2, which regulates) and the kinase domain (JH1, which phosphorylates).
    STAT: N-terminal, coiled-coil, DNA-binding, linker and SH2 domains, the
    tyrosine that JAKs phosphorylate, and the transactivation domain (morris2018).

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding both domain bars.

    Examples
    --------
    >>> fig = jak_stat_domains_figure()
    >>> [t.get_text() for t in fig.axes[0].texts][:1]
    ['JAK (JAK1, JAK2, JAK3, TYK2)']
    """
    jak = [
        ("FERM", 3.0, LIGHT["green"]),
        ("SH2-like", 1.2, LIGHT["sky"]),
        ("pseudokinase\n(JH2)", 2.6, LIGHT["orange"]),
        ("kinase\n(JH1)", 2.6, LIGHT["vermillion"]),
    ]
    stat = [
        ("N-terminal", 1.2, LIGHT["grey"]),
        ("coiled-coil", 1.9, LIGHT["green"]),
        ("DNA-binding", 1.9, LIGHT["orange"]),
        ("linker", 1.0, LIGHT["grey"]),
        ("SH2", 1.3, LIGHT["sky"]),
        ("Y", 0.35, OKABE_ITO["vermillion"]),
        ("trans-\nactivation", 1.5, LIGHT["purple"]),
    ]
    with book_style():
        fig = Figure(figsize=(10.0, 3.4))
        ax = diagram_axes(fig, [0.01, 0.02, 0.98, 0.96], (0, 10.6), (0, 3.4))
        for y, title, parts, notes in (
            (2.35, "JAK (JAK1, JAK2, JAK3, TYK2)", jak,
             "holds the receptor  ·  regulates  ·  phosphorylates"),
            (0.75, "STAT (STAT1, STAT2, STAT3, STAT4, STAT5A, STAT5B, STAT6)", stat,
             "binds DNA  ·  docks on phosphotyrosine  ·  Y = tyrosine phosphorylated by JAKs"),
        ):
            ax.text(0.2, y + 0.62, title, fontsize=10.5, weight="bold", va="center")
            x = 0.2
            for label, width, face in parts:
                ax.add_patch(FancyBboxPatch((x, y - 0.3), width, 0.6,
                                            boxstyle="round,pad=0.0,rounding_size=0.08",
                                            facecolor=face, edgecolor="#333333", linewidth=1.0))
                text = "" if label == "Y" else label
                ax.text(x + width / 2, y, text, ha="center", va="center", fontsize=9)
                if label == "Y":
                    ax.text(x + width / 2, y - 0.48, "Y", ha="center", va="center", fontsize=9,
                            weight="bold", color=OKABE_ITO["vermillion"])
                x += width + 0.04
            ax.text(0.2, y - 0.55, notes, fontsize=8.5, color="#444444", va="center",
                    style="italic")
        ax.text(10.45, 0.12, "schematic, not to scale", fontsize=8, color="#777777", ha="right")
        return fig


# ---------------------------------------------------------------------------------
# Diagram 4: the Raia et al. 2011 model
# ---------------------------------------------------------------------------------


def raia_scheme_figure() -> Figure:
    """The reactions of the Raia et al. (2011) IL-13 model as a diagram.

    IL-13 binds the signalling receptor (IL-4Rα/IL-13Rα1) and the decoy receptor
    IL-13Rα2; ligand-bound receptor activates JAK2; phosphorylated JAK2
    phosphorylates the receptor and STAT5; phosphorylated STAT5 drives SOCS3 and
    CD274 mRNA; SOCS3 protein inhibits JAK2 phosphorylation; receptors are
    internalised, recycled or degraded (raia2011, hass2019).

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding the reaction scheme.

    Examples
    --------
    >>> fig = raia_scheme_figure()
    >>> len(fig.axes)
    1
    """
    with book_style():
        fig = Figure(figsize=(10.0, 5.6))
        ax = diagram_axes(fig, [0.01, 0.01, 0.98, 0.98], (0, 10), (0, 5.6))
        _membrane(ax, 0.2, 9.8, 4.1, thickness=0.34)
        ax.text(0.3, 5.35, "outside the cell", fontsize=9.5, color="#555555")
        ax.add_patch(Ellipse((7.6, 0.95), 4.4, 1.55, facecolor="#f4f4f4", edgecolor="#777777",
                             linewidth=1.2, linestyle="--", zorder=1))
        ax.text(9.6, 0.2, "nucleus", fontsize=9.5, color="#555555", ha="right")

        _box(ax, 3.0, 5.1, "IL-13 (constant input)", w=2.6, h=0.45, face=LIGHT["orange"])
        _box(ax, 2.2, 4.1, "IL-4Rα/IL-13Rα1", w=2.1, h=0.45, face=LIGHT["blue"])
        _box(ax, 5.6, 4.1, "IL-13Rα2 (decoy)", w=2.1, h=0.45, face=LIGHT["grey"])
        _arrow(ax, (2.7, 4.88), (2.35, 4.35))
        _arrow(ax, (3.5, 4.88), (5.1, 4.35))
        ax.text(7.0, 4.55, "binds IL-13,\nno signal", fontsize=8.5, color="#555555", va="center")

        _box(ax, 0.95, 3.15, "internalised,\nrecycled, degraded", w=1.7, h=0.65, face=LIGHT["grey"],
             size=8.5)
        _arrow(ax, (1.7, 3.88), (1.15, 3.5))

        _box(ax, 3.3, 3.15, "JAK2 → pJAK2", w=1.9, h=0.45, face=LIGHT["green"])
        _arrow(ax, (2.5, 3.88), (3.0, 3.4))
        _arrow(ax, (2.75, 3.35), (2.3, 3.86), rad=-0.3, color="#555555")
        ax.text(2.05, 3.6, "P", fontsize=8, weight="bold", color=OKABE_ITO["vermillion"])

        _box(ax, 5.6, 2.25, "STAT5 → pSTAT5", w=2.0, h=0.45, face=LIGHT["sky"])
        _arrow(ax, (3.8, 2.93), (5.0, 2.48))
        _arrow(ax, (6.1, 2.02), (6.7, 1.35))

        _box(ax, 7.0, 1.1, "SOCS3 mRNA", w=1.6, h=0.42, face=LIGHT["purple"])
        _box(ax, 8.7, 1.1, "CD274 mRNA", w=1.5, h=0.42, face=LIGHT["grey"])
        _arrow(ax, (6.5, 1.95), (8.4, 1.33), rad=-0.2)

        _box(ax, 7.6, 3.15, "SOCS3 protein", w=1.8, h=0.45, face=LIGHT["purple"])
        _arrow(ax, (7.15, 1.33), (7.5, 2.9))
        _arrow(ax, (6.7, 3.2), (4.3, 3.2), inhibit=True, color=OKABE_ITO["reddish purple"], lw=1.9)
        ax.text(5.5, 3.45, "inhibits JAK2 phosphorylation", fontsize=8.5, color="#7a3b63",
                ha="center")
        return fig


# ---------------------------------------------------------------------------------
# Data figure 1: binding over time
# ---------------------------------------------------------------------------------


def _kd_label(kd_pM: float) -> str:
    name = named_affinities_pM().get(float(kd_pM))
    return f"$K_D$ = {kd_pM:g} pM" + (f" ({name})" if name else "")


def binding_time_course_figure(
    kd_pM: float,
    ligand_pM: float,
    *,
    kon_per_M_per_s: float = ILLUSTRATIVE_KON_PER_M_PER_S,
    context_ligands_pM: Sequence[float] = (),
) -> Figure:
    """Fraction of receptors bound against time after a cytokine is added.

    The curve is the pseudo-first-order solution of
    :func:`widgets.models.kinetics.occupancy_time_course` (ligand in excess), with
    ``k_off = K_D * k_on``. A dashed line marks the equilibrium occupancy and a
    dotted line the time at which 95 % of it is reached. Faint curves show the same
    receptor at the other concentrations in ``context_ligands_pM``.

    Parameters
    ----------
    kd_pM, ligand_pM : float
        K_D and the free cytokine concentration (constant in time), both in pM (> 0).
    kon_per_M_per_s : float, optional
        Association rate constant in M^-1 s^-1 (> 0). These three are passed to
        :func:`widgets.models.kinetics.binding_summary`, whose default k_on they share.
    context_ligands_pM : sequence of float, optional
        Further concentrations (pM) drawn as faint grey curves.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with a logarithmic time axis.

    Raises
    ------
    ValueError
        If ``kd_pM``, ``ligand_pM`` or ``kon_per_M_per_s`` is not positive.

    Examples
    --------
    >>> fig = binding_time_course_figure(19.0, 10.0, context_ligands_pM=[1.0, 100.0])
    >>> fig.axes[0].get_xlabel()
    'time after adding the cytokine (log scale)'
    """
    summary = binding_summary(kd_pM, ligand_pM, kon_per_M_per_s=kon_per_M_per_s)
    koff, theta_eq, t95_min = summary.koff_per_s, summary.theta_eq, summary.t95_min
    t_min = np.logspace(-1, np.log10(1.2e4), 300)  # 0.1 min to a little over a week
    t_s = t_min * S_PER_MIN
    theta = occupancy_time_course(t_s, ligand_pM, kon_per_M_per_s=kon_per_M_per_s, koff_per_s=koff)

    with book_style():
        fig = Figure(figsize=(7.0, 4.2))
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.95)
        groups: list[tuple[list[float], float]] = []  # context curves whose plateaus are too close to label apart
        for other in sorted((c for c in context_ligands_pM if c != ligand_pM), reverse=True):
            curve = occupancy_time_course(t_s, other, kon_per_M_per_s=kon_per_M_per_s, koff_per_s=koff)
            ax.plot(t_min, curve, color=MUTED, lw=1.0, zorder=1)
            plateau = float(receptor_occupancy(other, kd_pM))
            if groups and groups[-1][1] - plateau < 0.06:
                groups[-1][0].append(other)
            else:
                groups.append(([other], plateau))
        for concs, plateau in groups:
            text = " and ".join(f"{c:g}" for c in sorted(concs)) + " pM"
            ax.text(t_min[-1] * 0.93, plateau + 0.012, text, ha="right", va="bottom", fontsize=8.5,
                    color="#777777")
        ax.plot(t_min, theta, color=PALETTE[0], lw=2.8, zorder=3,
                label=f"{ligand_pM:g} pM cytokine, {_kd_label(kd_pM)}")
        ax.axhline(theta_eq, color=PALETTE[0], lw=1.0, ls="--", zorder=2,
                   label=f"equilibrium: {theta_eq:.2f} of receptors bound")
        ax.vlines(t95_min, 0, 0.95 * theta_eq, color=PALETTE[1], lw=1.4, ls=":", zorder=2)
        ax.plot([t95_min], [0.95 * theta_eq], "o", color=PALETTE[1], ms=8, zorder=4,
                label=f"95 % of equilibrium after {format_minutes(t95_min)}")
        ax.set_xscale("log")
        ax.set_xlim(t_min[0], t_min[-1])
        ax.set_ylim(0, 1.02)
        ax.set_xticks(_TIME_TICKS_MIN)
        ax.set_xticklabels(_TIME_TICK_LABELS)
        ax.minorticks_off()
        ax.set_xlabel("time after adding the cytokine (log scale)")
        ax.set_ylabel("fraction of receptors bound")
        ax.legend(loc="upper left", frameon=True, framealpha=0.9, edgecolor="none", facecolor="white")
        return fig


# ---------------------------------------------------------------------------------
# Data figure 2: the Raia et al. 2011 time course
# ---------------------------------------------------------------------------------


def raia_time_course_figure(il13_dose: float, *, socs3_feedback: bool = True,
                            jak2_inhibition: float = 0.0) -> Figure:
    """pSTAT5 and SOCS3 over two hours of IL-13 in the Raia et al. (2011) model.

    Two panels share the time axis (0-120 min): phosphorylated STAT5 on the left,
    SOCS3 protein on the right. The bold curve is the chosen setting; a grey dashed
    curve shows the published model (with SOCS3 feedback, no JAK inhibitor) at the
    same dose for comparison. A dot marks the pSTAT5 peak. The axes keep fixed
    limits so that frames can be compared.

    Parameters
    ----------
    il13_dose : float
        IL-13 input level (>= 0), in :data:`widgets.models.raia2011.IL13_DOSE_UNIT`.
    socs3_feedback : bool, optional
        Keep (True) or remove (False) the SOCS3 feedback.
    jak2_inhibition : float, optional
        Fractional reduction of JAK2 phosphorylation, in [0, 1].

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: pSTAT5, then SOCS3.

    Examples
    --------
    >>> fig = raia_time_course_figure(20.0, socs3_feedback=False, jak2_inhibition=0.5)
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['time after IL-13 (min)', 'time after IL-13 (min)']
    """
    tc = time_course(il13_dose, socs3_feedback=socs3_feedback, jak2_inhibition=jak2_inhibition)
    t, p, s = tc.t_min, tc.pstat5_nM, tc.socs3_nM
    published = socs3_feedback and jak2_inhibition == 0.0
    unit_p, unit_s = OBSERVABLE_UNITS["pSTAT5"], OBSERVABLE_UNITS["SOCS3"]
    setting = ("published model" if published else
               f"SOCS3 feedback {'on' if socs3_feedback else 'off'}, JAK2 inhibition {jak2_inhibition * 100:.0f} %")
    label = f"IL-13 {il13_dose:g} {IL13_DOSE_UNIT}: {setting}"
    with book_style():
        fig = Figure(figsize=(8.6, 3.9))
        ax_p, ax_s = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.08, right=0.985, bottom=0.15, top=0.83, wspace=0.28)
        if not published:
            ref = time_course(il13_dose)
            p_ref, s_ref = ref.pstat5_nM, ref.socs3_nM
            ax_p.plot(t, p_ref, color=MUTED, lw=1.6, ls="--", zorder=1, label="published model, same dose")
            ax_s.plot(t, s_ref, color=MUTED, lw=1.6, ls="--", zorder=1)
        ax_p.plot(t, p, color=PALETTE[0], lw=2.6, zorder=3, label=label)
        ax_s.plot(t, s, color=PALETTE[4], lw=2.6, zorder=3)
        i = int(np.argmax(p))
        ax_p.plot([t[i]], [p[i]], "o", color=PALETTE[1], ms=7, zorder=4)
        late = t[i] > 90
        ax_p.annotate(f"peak {p[i]:.0f} at {t[i]:.0f} min", (t[i], p[i]), xytext=(-8 if late else 0, -22),
                      textcoords="offset points", ha="right" if late else "center", fontsize=9,
                      color="#333333")
        ax_p.set_ylim(0, 125)
        ax_s.set_ylim(0, 290)
        for ax in (ax_p, ax_s):
            ax.set_xlim(0, 120)
            ax.set_xticks([0, 30, 60, 90, 120])
            ax.set_xlabel("time after IL-13 (min)")
        ax_p.set_ylabel(f"phosphorylated STAT5 ({unit_p})")
        ax_s.set_ylabel(f"SOCS3 protein ({unit_s})")
        ax_p.set_title("pSTAT5: the signal", fontsize=11)
        ax_s.set_title("SOCS3: the brake", fontsize=11)
        fig.legend(*ax_p.get_legend_handles_labels(), loc="upper center", ncol=2,
                   bbox_to_anchor=(0.5, 1.0), fontsize=9.5)
        return fig


# ---------------------------------------------------------------------------------
# Data figure 3: a Hill fit
# ---------------------------------------------------------------------------------


def dose_response_figure(conc: Sequence[float], response: Sequence[float], sigma: Sequence[float],
                         fit: HillFit, *, conc_label: str, response_label: str) -> Figure:
    """Measured points with error bars and a fitted Hill curve on a log-dose axis.

    Zero concentrations (controls) are drawn at the left edge of the axis.

    Parameters
    ----------
    conc, response, sigma : sequence of float
        Concentrations, responses and their standard deviations.
    fit : widgets.models.hill.HillFit
        The fit to draw (its EC50 is marked).
    conc_label, response_label : str
        Axis labels, with units.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with a logarithmic dose axis.

    Examples
    --------
    >>> from widgets.models.hill import fit_hill, hill
    >>> c = np.array([0.1, 0.3, 1, 3, 10, 30, 100])
    >>> y = hill(c, ec50=3.0, hill_coefficient=1.0, top=100.0)
    >>> fig = dose_response_figure(c, y, np.full(c.size, 5.0), fit_hill(c, y),
    ...                            conc_label="dose (ng/mL)", response_label="response (a.u.)")
    >>> fig.axes[0].get_xscale()
    'log'
    """
    c = np.asarray(conc, dtype=float)
    y = np.asarray(response, dtype=float)
    e = np.asarray(sigma, dtype=float)
    positive = c[c > 0]
    lo, hi = positive.min() / 3.0, positive.max() * 3.0
    x_plot = np.where(c > 0, c, lo * 1.2)
    grid = np.logspace(np.log10(lo), np.log10(hi), 300)
    with book_style():
        fig = Figure(figsize=(7.0, 4.2))
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.14, top=0.95)
        ax.errorbar(x_plot, y, yerr=e, fmt="o", color=PALETTE[0], ms=6, capsize=3, zorder=3,
                    label="synthetic measurements (mean ± SD)")
        ax.plot(grid, fit.evaluate(grid), color=PALETTE[1], lw=2.2, zorder=2,
                label=f"Hill fit: EC50 {fit.ec50:.2g}, n = {fit.hill_coefficient:.2f}")
        mid = fit.bottom + 0.5 * (fit.top - fit.bottom)
        ax.vlines(fit.ec50, 0, mid, color=PALETTE[1], lw=1.2, ls=":")
        ax.plot([fit.ec50], [mid], "s", color=PALETTE[1], ms=7, zorder=4)
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        # a little room below zero, so that a control at zero shows as a whole dot
        ax.set_ylim(bottom=min(0.0, float(np.min(y - e))) - 0.04 * float(np.max(y + e)))
        ax.set_xlabel(conc_label)
        ax.set_ylabel(response_label)
        ax.legend(loc="upper left")
        return fig
