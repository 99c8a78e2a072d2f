"""Figures of Chapter 6: cytokines as medicines and as drug targets.

Every function draws only: tables come prepared from the drug table (``widgets.catalog``)
and numbers from the model layer (``widgets.models.target_engagement``), and each returns
a :class:`matplotlib.figure.Figure` made without pyplot.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import LogLocator, NullLocator

from widgets.figures.style import LOG_TICKS, MUTED, OKABE_ITO, PALETTE, book_style
from widgets.models.target_engagement import antibody_for_free_fraction, free_fraction

__all__ = [
    "COVERAGE_COLOURS",
    "approvals_over_time_figure",
    "dosing_interval_figure",
    "free_fraction_figure",
    "jak_coverage_figure",
    "jak_tiles_figure",
    "receptor_clearance_figure",
    "recombinant_timeline_figure",
]

GENERATION_STYLE: dict[str, tuple[str, str]] = {
    "first": ("o", OKABE_ITO["blue"]),
    "engineered": ("D", OKABE_ITO["vermillion"]),
}
"""Marker and colour of the two kinds of cytokine medicine on the timeline."""

COVERAGE_COLOURS: dict[str, str] = {
    "spared": "#f2f2f2",
    "partly blocked": OKABE_ITO["sky blue"],
    "blocked": OKABE_ITO["blue"],
}
"""Colour of each coverage level in the JAK-coverage heat map (light to dark)."""


def recombinant_timeline_figure(timeline: pd.DataFrame) -> Figure:
    """Timeline of recombinant and engineered cytokine medicines, one row per cytokine.

    Parameters
    ----------
    timeline : pandas.DataFrame
        One row per medicine with columns ``cytokine`` (row label), ``inn``, ``year``
        (first approval) and ``generation`` (``"first"`` for a recombinant copy of the
        natural cytokine, ``"engineered"`` for a pegylated, Fc-fused, mutated or otherwise
        re-designed one). Rows are drawn in order of each cytokine's first medicine.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, years across and one row per cytokine.

    Raises
    ------
    ValueError
        If a column is missing or a ``generation`` value is unknown.

    Examples
    --------
    >>> t = pd.DataFrame({"cytokine": ["IFN-α2", "IFN-α2", "EPO"],
    ...                   "inn": ["interferon alfa-2b", "peginterferon alfa-2b", "epoetin alfa"],
    ...                   "year": [1986, 2001, 1989], "generation": ["first", "engineered", "first"]})
    >>> fig = recombinant_timeline_figure(t)
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
    ['IFN-α2', 'EPO']
    """
    missing = {"cytokine", "inn", "year", "generation"} - set(timeline.columns)
    if missing:
        raise ValueError(f"timeline lacks column(s) {sorted(missing)}")
    unknown = set(timeline["generation"]) - set(GENERATION_STYLE)
    if unknown:
        raise ValueError(f"unknown generation(s) {sorted(unknown)}; allowed: {sorted(GENERATION_STYLE)}")
    first_year = timeline.groupby("cytokine")["year"].min().sort_values(kind="stable")
    order = list(first_year.index)
    row = {name: i for i, name in enumerate(order)}
    years = timeline["year"].astype(int)
    lo, hi = int(years.min()) - 2, int(years.max()) + 2
    height = 0.4 * len(order) + 1.5
    with book_style():
        fig = Figure(figsize=(7.0, height))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.17, right=0.97, bottom=0.6 / height, top=1 - 0.75 / height)
        for name in order:
            sub = timeline[timeline["cytokine"] == name].sort_values(["year", "inn"])
            y = row[name]
            ax.hlines(y, sub["year"].min(), hi, color=MUTED, lw=0.8, zorder=1)
            for _, r in sub.iterrows():
                marker, colour = GENERATION_STYLE[r["generation"]]
                ax.plot(r["year"], y, marker=marker, color=colour, ms=8, ls="none", zorder=3)
            first_year_here = int(sub["year"].iloc[0])
            firsts = sub[sub["year"] == first_year_here]["inn"].tolist()
            if len(firsts) == 2 and firsts[0].split()[0] == firsts[1].split()[0]:
                # "interferon alfa-2a and alfa-2b", not "interferon alfa-2a and interferon alfa-2b"
                firsts = [firsts[0], " ".join(firsts[1].split()[1:])]
            label = f"{' and '.join(firsts)} ({first_year_here})"
            near_end = first_year_here > hi - 12
            ax.annotate(label, (first_year_here, y), xytext=(-6 if near_end else 6, 5),
                        textcoords="offset points", fontsize=8.5, color="#333333",
                        ha="right" if near_end else "left")
        ax.set_yticks(range(len(order)))
        ax.set_yticklabels(order)
        ax.set_ylim(len(order) - 0.4, -0.8)
        ax.set_xlim(lo, hi)
        ax.set_xlabel("year of first approval (FDA where approved, otherwise EMA or PMDA)")
        ax.grid(axis="y", visible=False)
        handles = [Line2D([], [], marker=GENERATION_STYLE["first"][0], color=GENERATION_STYLE["first"][1],
                          ls="none", ms=8, label="recombinant cytokine"),
                   Line2D([], [], marker=GENERATION_STYLE["engineered"][0],
                          color=GENERATION_STYLE["engineered"][1], ls="none", ms=8,
                          label="engineered (PEG, Fc, mutein, analogue)")]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=9,
                  borderaxespad=0.3)
    return fig


def approvals_over_time_figure(counts: pd.DataFrame, *, title: str = "", highlight: str | None = None) -> Figure:
    """Cumulative number of approved drugs per year, one line per class.

    Parameters
    ----------
    counts : pandas.DataFrame
        Index: years (int, increasing); columns: classes; values: cumulative counts.
    title : str, optional
        Axes title (for example what the classes are).
    highlight : str, optional
        A column drawn thick; the others are drawn thinner. ``None`` draws all alike.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, years across and one line per drug class.

    Raises
    ------
    ValueError
        If ``highlight`` is not a column of ``counts``.

    Examples
    --------
    >>> c = pd.DataFrame({"antibody": [0, 1, 3], "small molecule": [0, 0, 2]}, index=[1990, 2000, 2010])
    >>> fig = approvals_over_time_figure(c, highlight="antibody")
    >>> len(fig.axes[0].lines)
    2
    """
    if highlight is not None and highlight not in counts.columns:
        raise ValueError(f"highlight {highlight!r} is not one of {list(counts.columns)}")
    with book_style():
        fig = Figure(figsize=(7.6, 4.0))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.08, right=0.64, bottom=0.13, top=0.9)
        for i, column in enumerate(counts.columns):
            thick = highlight is None or column == highlight
            ax.step(counts.index, counts[column], where="post", color=PALETTE[i % len(PALETTE)],
                    lw=2.6 if thick else 1.2, alpha=1.0 if thick else 0.55,
                    label=f"{column} ({int(counts[column].iloc[-1])})")
        ax.set_xlabel("year")
        ax.set_ylabel("approved drugs (cumulative)")
        ax.set_xlim(counts.index.min(), counts.index.max())
        ax.set_ylim(0, None)
        if title:
            ax.set_title(title, loc="left")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
    return fig


def free_fraction_figure(
    *,
    cytokine_pM: float,
    kd_pM: float,
    context_kds_pM: Sequence[float] = (),
    binding_sites: int = 1,
    antibody_range_pM: tuple[float, float] = (1.0, 1e7),
    target_free_fraction: float | None = None,
) -> Figure:
    """Free fraction of a cytokine against neutralising-antibody concentration.

    Parameters
    ----------
    cytokine_pM : float
        Total cytokine concentration, pM.
    kd_pM : float
        Dissociation constant of the highlighted antibody, pM.
    context_kds_pM : sequence of float, optional
        Further dissociation constants drawn in grey.
    binding_sites : int, optional
        Binding sites per antibody (see :func:`~widgets.models.target_engagement.free_fraction`).
    antibody_range_pM : (float, float), optional
        Range of the antibody axis, pM.
    target_free_fraction : float, optional
        Draw a dashed line at this free fraction (for example 0.01).

    Returns
    -------
    matplotlib.figure.Figure
        One axes, logarithmic on both axes.

    Examples
    --------
    >>> fig = free_fraction_figure(cytokine_pM=10.0, kd_pM=50.0, context_kds_pM=[5.0, 500.0])
    >>> len(fig.axes[0].lines) >= 3
    True
    """
    low, high = antibody_range_pM
    antibody = np.logspace(np.log10(float(low)), np.log10(float(high)), 300)
    with book_style():
        fig = Figure()
        ax = fig.subplots()
        fig.subplots_adjust(left=0.13, right=0.95, bottom=0.13, top=0.9)
        for kd in context_kds_pM:
            if kd != kd_pM:
                ax.plot(antibody, free_fraction(cytokine_pM, antibody, kd, binding_sites=binding_sites),
                        color=MUTED, lw=1.0, zorder=1)
                # label each grey curve where it leaves the plot (bottom edge or right edge)
                x_label = min(antibody_range_pM[1] / 1.3,
                              float(antibody_for_free_fraction(2e-4, cytokine_pM=cytokine_pM, kd_pM=kd,
                                                               binding_sites=binding_sites)))
                y_label = float(free_fraction(cytokine_pM, x_label, kd, binding_sites=binding_sites))
                ax.annotate(f"{kd:g} pM", (x_label, y_label), xytext=(3, 2), textcoords="offset points",
                            ha="left", va="bottom", fontsize=8, color=MUTED)
        ax.plot(antibody, free_fraction(cytokine_pM, antibody, kd_pM, binding_sites=binding_sites),
                color=PALETTE[0], lw=2.8, zorder=3, label=f"antibody $K_D$ = {kd_pM:g} pM")
        if target_free_fraction is not None:
            ax.axhline(target_free_fraction, color=PALETTE[1], lw=1.0, ls="--", zorder=2,
                       label=f"{target_free_fraction:.0%} of the cytokine free")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(*antibody_range_pM)
        ax.set_ylim(1e-4, 1.5)
        ax.set_xlabel("total antibody concentration (pM)")
        ax.set_ylabel("fraction of cytokine free")
        ax.xaxis.set_major_formatter(LOG_TICKS)
        ax.yaxis.set_major_formatter(LOG_TICKS)
        ax.xaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_title(f"{cytokine_pM:g} pM cytokine", loc="left", fontsize=10)
        ax.legend(loc="lower left")
    return fig


def dosing_interval_figure(
    t_days: np.ndarray,
    antibody_pM: np.ndarray,
    free: np.ndarray,
    *,
    dose_days: Sequence[float] = (),
    target_free_fraction: float | None = None,
) -> Figure:
    """Antibody concentration and free cytokine fraction over repeated doses.

    Parameters
    ----------
    t_days : numpy.ndarray
        Time points, days.
    antibody_pM : numpy.ndarray
        Antibody concentration at each time, pM.
    free : numpy.ndarray
        Free fraction of the cytokine at each time.
    dose_days : sequence of float, optional
        Times of the doses, marked with ticks.
    target_free_fraction : float, optional
        Dashed line on the lower panel.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes sharing the time axis: antibody above, free cytokine fraction below.

    Examples
    --------
    >>> t = np.linspace(0, 56, 50)
    >>> fig = dosing_interval_figure(t, 1e4 * np.exp(-t / 30), 0.01 * np.exp(t / 30), dose_days=[0, 28])
    >>> len(fig.axes)
    2
    """
    with book_style():
        fig = Figure(figsize=(7.0, 5.0))
        top, bottom = fig.subplots(2, 1, sharex=True)
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.1, top=0.95, hspace=0.12)
        top.plot(t_days, antibody_pM, color=PALETTE[0])
        top.set_yscale("log")
        top.set_ylabel("antibody (pM)")
        top.yaxis.set_major_formatter(LOG_TICKS)
        top.yaxis.set_minor_locator(NullLocator())
        # whole decades, so that the log axis always shows at least two labelled ticks
        level = np.asarray(antibody_pM, dtype=float)
        level = level[level > 0]
        if level.size:
            top.set_ylim(10.0 ** np.floor(np.log10(level.min())), 10.0 ** np.ceil(np.log10(level.max())))
        bottom.plot(t_days, free, color=PALETTE[1])
        bottom.set_yscale("log")
        bottom.set_ylabel("fraction of cytokine free")
        bottom.yaxis.set_major_formatter(LOG_TICKS)
        bottom.yaxis.set_minor_locator(LogLocator(subs=(3.0,)))
        if target_free_fraction is not None:
            bottom.axhline(target_free_fraction, color=MUTED, lw=1.0, ls="--")
        for day in dose_days:
            top.axvline(day, color=MUTED, lw=0.8, ls=":")
            bottom.axvline(day, color=MUTED, lw=0.8, ls=":")
        bottom.set_xlabel("time (days)")
        bottom.set_xlim(float(np.min(t_days)), float(np.max(t_days)))
    return fig


def jak_coverage_figure(coverage: pd.DataFrame, *, title: str = "") -> Figure:
    """Heat map of which cytokine complexes each JAK inhibitor blocks.

    Parameters
    ----------
    coverage : pandas.DataFrame
        Index: cytokine complexes (rows); columns: inhibitors; values: one of
        :data:`COVERAGE_COLOURS` (``"spared"``, ``"partly blocked"``, ``"blocked"``).
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.figure.Figure
        One axes holding the heat map: complexes in rows, inhibitors in columns.

    Raises
    ------
    ValueError
        If a value is not a coverage level.

    Examples
    --------
    >>> c = pd.DataFrame({"drug A": ["blocked", "spared"], "drug B": ["partly blocked", "blocked"]},
    ...                  index=["IL-2", "EPO"])
    >>> fig = jak_coverage_figure(c)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['IL-2', 'EPO']
    """
    levels = list(COVERAGE_COLOURS)
    bad = set(np.unique(coverage.to_numpy().astype(str))) - set(levels)
    if bad:
        raise ValueError(f"unknown coverage value(s) {sorted(bad)}; allowed: {levels}")
    codes = coverage.replace({level: i for i, level in enumerate(levels)}).to_numpy(dtype=float)
    n_rows, n_cols = codes.shape
    # room for the rotated column labels and the row labels, in inches
    bottom_in = max(1.25, 0.35 + 0.062 * max(len(str(c)) for c in coverage.columns))
    left_in = max(1.2, 0.25 + 0.075 * max(len(str(r)) for r in coverage.index))
    height = max(3.0, 0.24 * n_rows + bottom_in + 0.5)
    width = max(4.5, 0.55 * n_cols + left_in + 0.9)
    with book_style():
        fig = Figure(figsize=(width, height))
        ax = fig.subplots()
        fig.subplots_adjust(left=left_in / width, right=1 - 0.2 / width, bottom=bottom_in / height,
                            top=1 - 0.5 / height)
        cmap = ListedColormap([COVERAGE_COLOURS[level] for level in levels])
        ax.imshow(codes, cmap=cmap, norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5], cmap.N), aspect="auto",
                  interpolation="nearest")
        ax.set_xticks(range(n_cols))
        ax.set_xticklabels(coverage.columns, rotation=55, ha="right", fontsize=8.5)
        ax.set_yticks(range(n_rows))
        ax.set_yticklabels(coverage.index, fontsize=8)
        ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
        ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
        ax.grid(which="minor", color="white", lw=1.2)
        ax.grid(which="major", visible=False)
        ax.tick_params(which="minor", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if title:
            ax.set_title(title, loc="left", fontsize=10)
        ax.legend(handles=[Patch(color=COVERAGE_COLOURS[level], label=level) for level in levels],
                  loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3, fontsize=8,
                  frameon=False, borderaxespad=0.2)
    return fig


def receptor_clearance_figure(free_receptor: np.ndarray, levels: Mapping[str, np.ndarray]) -> Figure:
    """Steady-state cytokine level as a receptor blocker occupies more receptors.

    Parameters
    ----------
    free_receptor : numpy.ndarray
        Fraction of receptors left free by the blocker (x axis, drawn from 1 down to 0).
    levels : mapping of str to numpy.ndarray
        Label -> steady-state concentration relative to the untreated level, one curve each.

    Returns
    -------
    matplotlib.figure.Figure
        One axes: cytokine level against receptor occupancy.

    Examples
    --------
    >>> f = np.linspace(1, 0, 11)
    >>> fig = receptor_clearance_figure(f, {"receptors clear half": 1 / (0.5 + 0.5 * f)})
    >>> len(fig.axes[0].lines)  # the curve and the untreated reference line
    2
    """
    with book_style():
        fig = Figure()
        ax = fig.subplots()
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.13, top=0.92)
        for i, (label, level) in enumerate(levels.items()):
            ax.plot(1 - np.asarray(free_receptor), level, color=PALETTE[i % len(PALETTE)], label=label)
        ax.axhline(1.0, color=MUTED, lw=0.8, ls="--")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, None)
        ax.set_xlabel("fraction of receptors occupied by the blocking antibody")
        ax.set_ylabel("steady-state cytokine level\n(relative to untreated)")
        ax.legend(loc="upper left")
    return fig


def jak_tiles_figure(groups: Mapping[str, Sequence[str]], status: Mapping[str, str], *, title: str = "",
                     per_line: int = 6) -> Figure:
    """Receptor complexes as tiles, one block per combination of JAKs, coloured by coverage.

    Parameters
    ----------
    groups : mapping of str to sequence of str
        JAK-set label (for example ``"JAK1 + JAK3"``) -> names of the complexes that use
        exactly those JAKs, in the order to draw.
    status : mapping of str to str
        JAK-set label -> coverage level (a key of :data:`COVERAGE_COLOURS`).
    title : str, optional
        Figure title.
    per_line : int, optional
        Tiles per line before a block wraps.

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding the tiles.

    Raises
    ------
    ValueError
        If a group has no status or a status is not a coverage level.

    Examples
    --------
    >>> fig = jak_tiles_figure({"JAK1 + JAK3": ["IL-2", "IL-7"], "JAK2": ["EPO"]},
    ...                        {"JAK1 + JAK3": "blocked", "JAK2": "spared"})
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text() in ("IL-2", "IL-7", "EPO"))
    ['EPO', 'IL-2', 'IL-7']
    """
    missing = [g for g in groups if g not in status]
    if missing:
        raise ValueError(f"no coverage status for {missing}")
    bad = sorted({status[g] for g in groups} - set(COVERAGE_COLOURS))
    if bad:
        raise ValueError(f"unknown coverage value(s) {bad}; allowed: {list(COVERAGE_COLOURS)}")
    lines = {g: max(1, -(-len(names) // per_line)) for g, names in groups.items()}
    n_lines = sum(lines.values())
    tile_h, gap = 0.42, 0.2
    height = n_lines * tile_h + len(groups) * gap + 1.0
    width = 7.4
    with book_style():
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.axis("off")
        y = 0.75
        if title:
            ax.text(0.15, 0.35, title, fontsize=10.5, va="center", ha="left", weight="bold")
        x0, tile_w = 1.55, (width - 1.55 - 0.1) / per_line
        for group, names in groups.items():
            level = status[group]
            colour = COVERAGE_COLOURS[level]
            ax.text(0.15, y + tile_h / 2, group, fontsize=8.5, va="center", ha="left")
            ax.text(0.15, y + tile_h / 2 + 0.17, level, fontsize=7, va="center", ha="left", color=MUTED)
            for k, name in enumerate(names):
                row, col = divmod(k, per_line)
                left, top = x0 + col * tile_w, y + row * tile_h
                ax.add_patch(Rectangle((left + 0.03, top + 0.03), tile_w - 0.06, tile_h - 0.06,
                                       facecolor=colour, edgecolor="#bbbbbb", lw=0.6))
                dark = level == "blocked"
                label = "\n".join(textwrap.wrap(name, 15)) if len(name) > 15 else name
                ax.text(left + tile_w / 2, top + tile_h / 2, label, fontsize=7.0 if "\n" in label else 7.4,
                        ha="center", va="center", linespacing=0.95, color="white" if dark else "#222222")
            y += lines[group] * tile_h + gap
        ax.legend(handles=[Patch(facecolor=COVERAGE_COLOURS[lv], edgecolor="#bbbbbb", label=lv)
                           for lv in COVERAGE_COLOURS],
                  loc="upper right", bbox_to_anchor=(0.99, 1.0 - 0.05 / height), ncol=3, fontsize=8,
                  frameon=False)
    return fig
