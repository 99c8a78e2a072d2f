"""Figures for Chapter 8: the Immune Dictionary, response signatures and activity inference.

Every function draws what the model layer computed (a correlation matrix, a
clustering, an :class:`~widgets.models.signatures.ActivityFit`, simulated cells);
none of them computes or queries. Names shown to readers come from the caller as a
``labels`` mapping (CytoSig name -> book name).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from widgets.figures.style import MUTED, PALETTE, book_style
from widgets.models.signatures import GroupTest
from widgets.models.single_cell import NORMALISATION_TARGET

__all__ = [
    "activity_figure",
    "correlation_heatmap_figure",
    "design_figure",
    "enrichment_figure",
    "pseudoreplication_figure",
    "shared_chain_tests_figure",
    "similarity_figure",
    "single_cell_primer_figure",
    "top_genes_figure",
]

_EXPRESSION_LABEL = f"ln(1 + counts per {NORMALISATION_TARGET:,.0f})"  # what single_cell.normalise returns

_DIVERGING = "RdBu_r"           # blue (negative) - white - red (positive); readable in grey scale order


def _label(labels: Mapping[str, str] | None, name: str) -> str:
    return labels.get(name, name) if labels else name


# ---------------------------------------------------------------------------
# The experiment
# ---------------------------------------------------------------------------

def design_figure(*, dose_ug: float, volume_ul: float, time_h: float, n_cytokines: int,
                  n_cell_types: int, log2fc_min: float, fdr_max: float) -> Figure:
    """The design of the Immune Dictionary as a flow of five steps.

    All numbers are passed in (from the parameter table), none is typed here.

    Examples
    --------
    >>> fig = design_figure(dose_ug=5, volume_ul=100, time_h=4, n_cytokines=86,
    ...                     n_cell_types=17, log2fc_min=0.25, fdr_max=0.05)
    >>> len(fig.axes)
    1
    """
    steps = [
        ("inject", f"{n_cytokines} cytokines,\none per mouse\n{dose_ug:g} µg in {volume_ul:g} µL\n(controls: PBS)"),
        ("wait", f"{time_h:g} h\nin vivo"),
        ("collect", "lymph nodes\ndissociated;\ncell types\nevened out\nby sorting"),
        ("sequence", "single-cell\nRNA-seq\n(UMI counts)"),
        ("compare", f"per cell type\n(> {n_cell_types}):\ncytokine vs PBS\n"
                    f"|log₂FC| > {log2fc_min:g},\nFDR < {fdr_max:g}"),
    ]
    colours = [PALETTE[0], MUTED, PALETTE[2], PALETTE[3], PALETTE[1]]
    with book_style():
        fig = Figure(figsize=(7.4, 2.5))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.98)
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 4)
        ax.axis("off")
        width, gap = 1.72, 0.3
        for i, ((title, body), colour) in enumerate(zip(steps, colours)):
            x = 0.1 + i * (width + gap)
            ax.add_patch(FancyBboxPatch((x, 0.25), width, 3.1, boxstyle="round,pad=0.04,rounding_size=0.15",
                                        facecolor="white", edgecolor=colour, lw=2))
            ax.text(x + width / 2, 3.05, title, ha="center", va="center", fontsize=11,
                    fontweight="bold", color=colour if colour != MUTED else "#555555")
            ax.text(x + width / 2, 1.65, body, ha="center", va="center", fontsize=9, linespacing=1.3)
            if i < len(steps) - 1:
                ax.add_patch(FancyArrowPatch((x + width + 0.02, 1.8), (x + width + gap - 0.02, 1.8),
                                             arrowstyle="-|>", mutation_scale=14, color="#444444", lw=1.4))
    return fig


def single_cell_primer_figure(coordinates: np.ndarray, cell_type: Sequence[str], condition: Sequence[str],
                              expression: np.ndarray, *, gene: str) -> Figure:
    """Simulated cells: an embedding coloured by type, and one response gene by type and condition.

    Parameters
    ----------
    coordinates : numpy.ndarray
        Cells x 2 (first two principal components).
    cell_type, condition : sequence of str
        Per cell.
    expression : numpy.ndarray
        Normalised expression of ``gene`` per cell.
    gene : str
        Name shown on the right panel.

    Examples
    --------
    >>> import numpy as np
    >>> fig = single_cell_primer_figure(np.zeros((4, 2)), ["B cell", "T cell"] * 2,
    ...                                 ["PBS", "PBS", "cytokine", "cytokine"], np.arange(4.0), gene="g")
    >>> len(fig.axes)
    2
    """
    cell_types = np.asarray(cell_type)
    conditions = np.asarray(condition)
    types = list(dict.fromkeys(cell_types.tolist()))
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}
    with book_style():
        fig = Figure(figsize=(7.4, 3.6))
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.0, 1.15]})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.88, wspace=0.3)
        for t in types:
            for cond, marker in (("PBS", "o"), ("cytokine", "^")):
                sel = (cell_types == t) & (conditions == cond)
                left.scatter(coordinates[sel, 0], coordinates[sel, 1], s=10, marker=marker,
                             color=colours[t], alpha=0.6, lw=0,
                             label=f"{t}" if cond == "PBS" else None)
        left.set_xlabel("principal component 1")
        left.set_ylabel("principal component 2")
        left.set_title("each dot is one (simulated) cell", loc="left", fontsize=10.5)
        left.legend(loc="best", fontsize=8.5, markerscale=1.8)
        rng = np.random.default_rng(0)
        for i, t in enumerate(types):
            for j, cond in enumerate(("PBS", "cytokine")):
                sel = (cell_types == t) & (conditions == cond)
                x = i + (j - 0.5) * 0.38 + rng.uniform(-0.12, 0.12, sel.sum())
                right.scatter(x, expression[sel], s=7, color=colours[t] if cond == "cytokine" else MUTED,
                              alpha=0.55, lw=0)
                right.plot([i + (j - 0.5) * 0.38 - 0.16, i + (j - 0.5) * 0.38 + 0.16],
                           [np.mean(expression[sel])] * 2, color="black", lw=2)
        right.set_xticks(range(len(types)), [f"{t}\nPBS | cyt." for t in types], fontsize=9)
        right.set_ylabel(f"{gene}: {_EXPRESSION_LABEL}")
        right.set_title("grey: PBS, colour: cytokine; bar = mean", loc="left", fontsize=10.5)
        right.grid(axis="x", visible=False)
    return fig


def pseudoreplication_figure(mouse_means: pd.Series, cell_values: Mapping[str, np.ndarray], *,
                             gene: str, p_cells: float, p_mice: float) -> Figure:
    """Cells versus mice as replicates: the same data, two p-values.

    Parameters
    ----------
    mouse_means : pandas.Series
        Mean log-normalised expression per mouse (index ``"PBS-1"``, ``"cytokine-2"``, ...).
    cell_values : mapping
        ``{"PBS": values, "cytokine": values}`` per cell.
    gene : str
        Name for the axis label.
    p_cells, p_mice : float
        The cell-level and mouse-level p-values to print.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> mm = pd.Series([1.0, 1.2, 1.1, 1.3], index=["PBS-1", "PBS-2", "cytokine-1", "cytokine-2"])
    >>> fig = pseudoreplication_figure(mm, {"PBS": np.ones(5), "cytokine": np.ones(5)},
    ...                                gene="g", p_cells=0.001, p_mice=0.5)
    >>> len(fig.axes)
    1
    """
    with book_style():
        fig = Figure(figsize=(7.0, 3.6))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.86)
        rng = np.random.default_rng(1)
        for j, cond in enumerate(("PBS", "cytokine")):
            values = np.asarray(cell_values[cond])
            ax.scatter(j + rng.uniform(-0.28, 0.28, len(values)), values, s=6, color=MUTED, alpha=0.45, lw=0,
                       label="one cell" if j == 0 else None)
            mice = mouse_means[[m for m in mouse_means.index if m.startswith(cond)]]
            ax.scatter(np.full(len(mice), j + 0.42), mice.to_numpy(), s=70, marker="D",
                       color=PALETTE[j], edgecolor="black", zorder=3,
                       label="mean of one mouse" if j == 0 else None)
        ax.set_xticks([0, 1], ["PBS", "cytokine"])
        ax.set_xlim(-0.5, 2.3)
        ax.set_ylabel(f"{gene}: {_EXPRESSION_LABEL}")
        ax.set_title(f"cells as replicates: p = {p_cells:.1g}    mice as replicates: p = {p_mice:.2f}",
                     loc="left", fontsize=10.5)
        ax.legend(loc="center right", fontsize=9)
        ax.grid(axis="x", visible=False)
    return fig


# ---------------------------------------------------------------------------
# Similarity of signatures
# ---------------------------------------------------------------------------

def correlation_heatmap_figure(correlation: pd.DataFrame, order: Sequence[str], *,
                               labels: Mapping[str, str] | None = None,
                               marked: Mapping[str, Sequence[str]] | None = None) -> Figure:
    """The signal-by-signal correlation matrix in clustering order, with groups marked.

    Parameters
    ----------
    correlation : pandas.DataFrame
        Signals x signals.
    order : sequence of str
        Row and column order (dendrogram order).
    labels : mapping, optional
        Display names.
    marked : mapping of str to sequence of str, optional
        Group name -> members; each member's tick label is followed by the group's
        symbol (●, ▲, ■, ◆, ★, ✚ in turn), so that groups can be found in the map.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame([[1, .5], [.5, 1]], index=["A", "B"], columns=["A", "B"])
    >>> fig = correlation_heatmap_figure(r, ["B", "A"], marked={"g": ["A"]})
    >>> fig.axes[0].get_yticklabels()[1].get_text()
    'A ●'
    """
    symbols = ["●", "▲", "■", "◆", "★", "✚"]
    marks: dict[str, str] = {}
    for i, (_, members) in enumerate((marked or {}).items()):
        for m in members:
            marks[m] = marks.get(m, "") + symbols[i % len(symbols)]
    names = [f"{_label(labels, s)} {marks[s]}" if s in marks else _label(labels, s) for s in order]
    values = correlation.loc[list(order), list(order)].to_numpy(dtype=float)
    n = len(order)
    with book_style():
        size = 7.4 if n > 20 else 5.0
        fig = Figure(figsize=(size, size * 0.93))
        ax = fig.add_axes((0.2, 0.05, 0.66, 0.71) if n > 20 else (0.22, 0.08, 0.6, 0.66))
        cax = fig.add_axes((0.88, 0.05, 0.025, 0.71) if n > 20 else (0.86, 0.08, 0.03, 0.66))
        image = ax.imshow(values, cmap=_DIVERGING, norm=TwoSlopeNorm(vmin=-0.5, vcenter=0.0, vmax=1.0),
                          interpolation="nearest")
        ax.set_xticks(range(n), names, rotation=90, fontsize=7.5 if n > 20 else 9)
        ax.set_yticks(range(n), names, fontsize=7.5 if n > 20 else 9)
        ax.xaxis.tick_top()
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(image, cax=cax)
        bar.set_label("correlation of signatures (Pearson r)")
        if marked:
            legend = "   ".join(f"{symbols[i % len(symbols)]} {name}" for i, name in enumerate(marked))
            fig.text(0.2, 0.005, legend, fontsize=8.5, ha="left", va="bottom")
    return fig


def shared_chain_tests_figure(tests: Mapping[str, GroupTest]) -> Figure:
    """Observed mean within-group correlation against random groups, one row per group.

    Parameters
    ----------
    tests : mapping of str to GroupTest
        Group name -> result of :func:`widgets.models.signatures.shared_chain_test`.

    Examples
    --------
    >>> import pandas as pd
    >>> from widgets.models.signatures import shared_chain_test
    >>> r = pd.DataFrame(0.1, index=list("ABCD"), columns=list("ABCD"))
    >>> for s in "ABCD": r.loc[s, s] = 1.0
    >>> fig = shared_chain_tests_figure({"AB": shared_chain_test(r, ["A", "B"], n_permutations=200)})
    >>> len(fig.axes)
    1
    """
    names = list(tests)
    with book_style():
        height = 0.5 * len(names) + 1.5
        fig = Figure(figsize=(7.2, height))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.2, right=0.97, bottom=0.7 / height, top=1 - 0.6 / height)
        for i, name in enumerate(names):
            t = tests[name]
            y = len(names) - 1 - i
            lo, hi = t.null_mean - 2 * t.null_sd, t.null_mean + 2 * t.null_sd
            ax.plot([lo, hi], [y, y], color=MUTED, lw=6, solid_capstyle="butt", alpha=0.6,
                    label="random groups: mean ± 2 SD" if i == 0 else None)
            ax.plot([t.null_mean], [y], "|", color="#555555", ms=14)
            significant = t.p_value < 0.05
            ax.plot([t.mean_within], [y], "o", ms=9, color=PALETTE[1] if significant else PALETTE[0],
                    markeredgecolor="black", zorder=3,
                    label=None)
            ax.text(max(t.mean_within, hi) + 0.03, y, f"p = {t.p_value:.2g}", va="center", fontsize=9)
        ax.set_yticks(range(len(names)), [f"{n} ({len(tests[n].members)})" for n in reversed(names)])
        ax.set_xlabel("mean correlation of signatures within the group")
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlim(-0.35, 1.0)
        ax.plot([], [], "o", color=PALETTE[1], markeredgecolor="black", label="group, p < 0.05")
        ax.plot([], [], "o", color=PALETTE[0], markeredgecolor="black", label="group, p ≥ 0.05")
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3, fontsize=8.5, borderaxespad=0.3)
        ax.set_ylim(-0.6, len(names) - 0.4)
        ax.grid(axis="y", visible=False)
    return fig


def similarity_figure(correlation: pd.DataFrame, signal: str, *, labels: Mapping[str, str] | None = None,
                      partners: Sequence[str] = (), n_shown: int = 42) -> Figure:
    """How alike every other signature is to one signal's, sorted, with chain partners marked.

    Parameters
    ----------
    correlation : pandas.DataFrame
        Signals x signals.
    signal : str
        The chosen signal.
    labels : mapping, optional
        Display names.
    partners : sequence of str
        Signals that share a receptor chain with ``signal`` (drawn in orange).
    n_shown : int
        How many of the others to draw (all 42 by default).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame([[1, .5, 0], [.5, 1, .2], [0, .2, 1]], index=list("ABC"), columns=list("ABC"))
    >>> fig = similarity_figure(r, "A", partners=["B"])
    >>> len(fig.axes[0].patches)
    2
    """
    others = correlation[signal].drop(signal).sort_values(ascending=False).head(n_shown)
    with book_style():
        fig = Figure(figsize=(7.0, 4.6))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.3, top=0.9)
        colours = [PALETTE[3] if s in partners else PALETTE[0] for s in others.index]
        ax.bar(range(len(others)), others.to_numpy(), color=colours, width=0.8)
        ax.set_xticks(range(len(others)), [_label(labels, s) for s in others.index], rotation=90, fontsize=7.5)
        ax.set_xlim(-0.7, len(others) - 0.3)
        ax.set_ylim(-0.4, 1.0)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_ylabel(f"correlation with {_label(labels, signal)}")
        ax.grid(axis="x", visible=False)
        top = others.index[0]
        ax.set_title(f"{_label(labels, signal)}: most alike is {_label(labels, top)} (r = {others.iloc[0]:.2f}); "
                     f"orange = shares a receptor chain", loc="left", fontsize=10)
    return fig


# ---------------------------------------------------------------------------
# Activity inference and genes
# ---------------------------------------------------------------------------

def activity_figure(z: pd.Series, *, planted: Mapping[str, float], labels: Mapping[str, str] | None = None,
                    significant: Sequence[str] = (), title: str = "") -> Figure:
    """Inferred activities (z-scores) of every signal, with the planted ones marked.

    Parameters
    ----------
    z : pandas.Series
        z-score per signal (from an :class:`~widgets.models.signatures.ActivityFit`).
    planted : mapping
        Signals that were really active in the simulated profile -> their activity.
    labels : mapping, optional
        Display names.
    significant : sequence of str
        Signals with FDR < 0.05 (outlined).
    title : str
        Title above the plot.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = activity_figure(pd.Series({"A": 5.0, "B": -1.0}), planted={"A": 1.0})
    >>> len(fig.axes[0].patches)
    2
    """
    ordered = z.sort_values(ascending=False)
    with book_style():
        fig = Figure(figsize=(7.0, 4.0))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.24, top=0.92)
        colours = [PALETTE[1] if s in planted else MUTED for s in ordered.index]
        edges = ["black" if s in significant else "none" for s in ordered.index]
        ax.bar(range(len(ordered)), ordered.to_numpy(), color=colours, edgecolor=edges, lw=1.0, width=0.8)
        ax.set_xticks(range(len(ordered)), [_label(labels, s) for s in ordered.index], rotation=90, fontsize=7.5)
        ax.set_xlim(-0.7, len(ordered) - 0.3)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_ylabel("inferred activity (z-score)")
        ax.grid(axis="x", visible=False)
        ax.set_title(title or "red: truly active in the simulation; outlined: FDR < 0.05", loc="left", fontsize=10)
    return fig


def top_genes_figure(up: pd.Series, down: pd.Series, *, signal_label: str) -> Figure:
    """The most increased and most decreased genes of one signature.

    Parameters
    ----------
    up, down : pandas.Series
        Gene -> signature value, largest change first (from
        :func:`widgets.models.signatures.top_genes`).
    signal_label : str
        Name of the signal for the title.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = top_genes_figure(pd.Series({"X": 2.0}), pd.Series({"Y": -1.0}), signal_label="IL-6")
    >>> len(fig.axes[0].patches)
    2
    """
    genes = list(up.index) + list(down.index)[::-1]
    values = list(up.to_numpy()) + list(down.to_numpy())[::-1]
    with book_style():
        fig = Figure(figsize=(7.0, 4.6))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.17, right=0.97, bottom=0.12, top=0.9)
        y = np.arange(len(genes))[::-1]
        ax.barh(y, values, color=[PALETTE[1] if v > 0 else PALETTE[0] for v in values], height=0.75)
        ax.set_yticks(y, genes, fontsize=8.5, style="italic")
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlabel("change in expression after treatment (signature value, log scale)")
        ax.grid(axis="y", visible=False)
        ax.set_title(f"{signal_label}: the {len(up)} most increased and {len(down)} most decreased genes",
                     loc="left", fontsize=10.5)
    return fig


def enrichment_figure(table: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                      n_shown: int = 12, title: str = "") -> Figure:
    """Enrichment scores of one gene set against the signatures (top ``n_shown``).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`widgets.models.signatures.enrichment_scores` (sorted by score).
    labels : mapping, optional
        Display names.
    n_shown : int
        Number of signals drawn.
    title : str
        Title.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"score": [1.0, 0.1], "fdr": [0.01, 0.9]}, index=["A", "B"])
    >>> len(enrichment_figure(t).axes[0].patches)
    2
    """
    shown = table.head(n_shown).iloc[::-1]
    with book_style():
        fig = Figure(figsize=(7.0, 0.3 * len(shown) + 1.4))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.2, right=0.9, bottom=0.2, top=0.88)
        colours = [PALETTE[1] if f < 0.05 else MUTED for f in shown["fdr"]]
        ax.barh(range(len(shown)), shown["score"], color=colours, height=0.7)
        ax.set_yticks(range(len(shown)), [_label(labels, s) for s in shown.index], fontsize=9)
        for i, (score, fdr) in enumerate(zip(shown["score"], shown["fdr"])):
            ax.text(max(score, 0) + 0.03, i, f"FDR {fdr:.2g}", va="center", fontsize=8)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlabel("enrichment score (mean z-score of the set's genes)")
        ax.grid(axis="y", visible=False)
        ax.set_title(title or "red: FDR < 0.05", loc="left", fontsize=10.5)
    return fig

