"""Chapter 8 explorers: cytokine response signatures from CytoSig, and activity inference.

* :func:`similarity_explorer` -- choose a cytokine; see how alike every other
  signature is to its own, with the cytokines that share a receptor chain marked.
* :func:`activity_explorer` -- choose which cytokines are active in a *simulated*
  expression profile, how noisy it is and how strongly the regression is
  penalised; see what ridge regression recovers.
* :func:`top_genes_explorer` -- choose a cytokine; see the genes its real
  signature raises and lowers most.

The signatures are the CytoSig matrix installed with the book
(:func:`widgets.datasets.cytosig_signatures`); the profiles of the activity
explorer are made up, with known truth (:func:`widgets.models.signatures.simulated_profile`).
"""

from __future__ import annotations

import functools
from html import escape

import pandas as pd

from widgets.datasets import cytosig_signatures, signal_label, signals
from widgets.explorers.core import Control, Frame, FrameExplorer, rows_table
from widgets.figures.signatures import activity_figure, similarity_figure, top_genes_figure
from widgets.models.signatures import (
    SHARED_CHAIN_GROUPS,
    infer_activity,
    signature_correlation,
    simulated_profile,
    top_genes,
)

__all__ = [
    "ACTIVITY_SCENARIOS",
    "CHOSEN_SIGNALS",
    "NOISE_GRID",
    "PENALTY_GRID",
    "activity_explorer",
    "activity_frame",
    "chain_partners",
    "similarity_explorer",
    "similarity_frame",
    "top_genes_explorer",
    "top_genes_frame",
]

CHOSEN_SIGNALS: tuple[str, ...] = (
    "IL6", "OSM", "LIF", "IL27", "IL2", "IL15", "IL21", "IL4", "IL13",
    "IFN1", "IFNL", "IFNG", "TNFA", "IL1B", "IL17A", "IL10", "TGFB1", "GMCSF",
)
"""CytoSig signals offered in the menus (a choice of well-known cytokines)."""

ACTIVITY_SCENARIOS: dict[str, dict[str, float]] = {
    "IFN-γ alone": {"IFNG": 1.0},
    "IL-6 and TNF": {"IL6": 1.0, "TNFA": 1.0},
    "TGF-β1 up, IL-1β down": {"TGFB1": 1.0, "IL1B": -1.0},
    "IL-27 alone": {"IL27": 1.0},
}
"""Planted activities of the simulated profiles (signal -> activity, in SDs of its signature)."""

NOISE_GRID: tuple[float, ...] = (3.0, 10.0, 30.0)
"""Noise (SD per gene, in the same units as the planted activities) of the activity explorer."""

PENALTY_GRID: tuple[float, ...] = (10.0, 10_000.0)
"""Ridge penalties of the activity explorer: weak, and CytoSig's default."""

N_PERMUTATIONS = 2000
"""Permutations per frame: enough that the smallest p-value, 1/2001, survives FDR over 43 signals."""


@functools.lru_cache(maxsize=1)
def _correlation() -> pd.DataFrame:
    return signature_correlation(cytosig_signatures())


def _signal_control(default: str) -> Control:
    """The cytokine menu of the similarity and top-genes explorers: :data:`CHOSEN_SIGNALS`, labelled."""
    return Control("signal", tuple((signal_label(s), s) for s in CHOSEN_SIGNALS), label="Cytokine", default=default)


def _labels() -> dict[str, str]:
    return {s: signal_label(s) for s in signals()}


def chain_partners(signal: str) -> list[str]:
    """Signals that share a receptor chain with ``signal`` (from :data:`widgets.models.signatures.SHARED_CHAIN_GROUPS`).

    Examples
    --------
    >>> chain_partners("IL6")
    ['LIF', 'OSM', 'IL27']
    >>> chain_partners("TGFB1")
    []
    """
    partners: list[str] = []
    for group in SHARED_CHAIN_GROUPS:
        if group.chain and signal in group.members:
            partners += [m for m in group.members if m != signal and m not in partners]
    return partners


# --------------------------------------------------------------------------- (a) similarity
def similarity_frame(*, signal: str) -> Frame:
    """One frame of :func:`similarity_explorer`.

    Examples
    --------
    >>> similarity_frame(signal="IL6").alt[:52]
    'Bar chart: how alike the other 42 CytoSig signatures'
    """
    r = _correlation()
    labels = _labels()
    partners = chain_partners(signal)
    others = r[signal].drop(signal).sort_values(ascending=False)
    top = ", ".join(f"{labels[s]} {others[s]:.2f}" for s in others.index[:3])
    low = ", ".join(f"{labels[s]} {others[s]:.2f}" for s in others.index[-2:][::-1])
    rank = {s: i + 1 for i, s in enumerate(others.index)}
    if partners:
        chain_text = ("Cytokines that share a receptor chain with it (orange): "
                      + ", ".join(f"{labels[s]} r = {others[s]:.2f}, rank {rank[s]} of 42" for s in partners) + ".")
    else:
        chain_text = "No other cytokine in the matrix shares a receptor chain with it."
    alt = (f"Bar chart: how alike the other 42 CytoSig signatures are to that of {labels[signal]} "
           f"(Pearson correlation across 4,881 genes), sorted. Most alike: {top}. Least alike: {low}. "
           + chain_text)
    details = (rows_table([(escape(labels[s]), f"{others[s]:.2f}", str(rank[s])) for s in partners],
                          columns=("shares a chain", "r", "rank of 42"), align=("left", "right", "right"))
               if partners else "")
    return Frame(similarity_figure(r, signal, labels=labels, partners=partners), alt, details)


def similarity_explorer(default: str = "IL6") -> FrameExplorer:
    """Choose a cytokine; see its most and least similar responses, chain partners marked.

    Examples
    --------
    >>> ex = similarity_explorer()
    >>> len(ex.frames) == len(CHOSEN_SIGNALS)
    True
    """
    return FrameExplorer(
        similarity_frame,
        [_signal_control(default)],
        title="Whose response is most like this cytokine's? (CytoSig signatures)",
    )


# --------------------------------------------------------------------------- (b) activity
def activity_frame(*, scenario: str, noise_sd: float, alpha: float) -> Frame:
    """One frame of :func:`activity_explorer`: infer activities in a simulated profile.

    Examples
    --------
    >>> activity_frame(scenario="IFN-γ alone", noise_sd=3.0, alpha=10.0).alt[:42]
    'Simulated profile with IFN-γ (activity +1)'
    """
    S = cytosig_signatures()
    labels = _labels()
    planted = ACTIVITY_SCENARIOS[scenario]
    profile = simulated_profile(S, planted, noise_sd=noise_sd, seed=0)
    fit = infer_activity(profile, S, alpha=alpha, n_permutations=N_PERMUTATIONS, seed=0)
    table = fit.to_frame()
    significant = list(table.index[table["fdr"] < 0.05])
    truth = ", ".join(f"{labels[s]} (activity {a:+g})" for s, a in planted.items())
    found_true = [s for s in significant if s in planted]
    found_false = [s for s in significant if s not in planted]
    largest = table["z"].abs().sort_values(ascending=False).index
    top = ", ".join(f"{labels[s]} z = {table.loc[s, 'z']:.1f}" for s in largest[:3])
    verdict = f"{len(found_true)} of {len(planted)} truly active signals reach FDR < 0.05"
    if found_false:
        names = ", ".join(labels[s] for s in found_false[:6]) + (", ..." if len(found_false) > 6 else "")
        verdict += (f", and so do {len(found_false)} inactive "
                    f"{'one' if len(found_false) == 1 else 'ones'} ({names})")
    else:
        verdict += ", and no inactive one does"
    alt = (f"Simulated profile with {truth}, noise SD {noise_sd:g} per gene, ridge penalty {alpha:g}. "
           f"Bar chart of the inferred activity (z-score) of all 43 signals. Largest |z|: {top}. {verdict}.")
    details = rows_table(
        [(escape(labels[s]), "yes" if s in planted else "no", f"{table.loc[s, 'z']:.1f}", f"{table.loc[s, 'fdr']:.2g}")
         for s in largest[:6]],
        columns=("signal (6 largest |z|)", "planted?", "z", "FDR"), align=("left", "left", "right", "right"))
    title = (f"planted: {', '.join(labels[s] for s in planted)} (red); noise SD {noise_sd:g}; "
             f"penalty {alpha:g}; outlined: FDR < 0.05")
    fig = activity_figure(table["z"], planted=planted, labels=labels, significant=significant, title=title)
    return Frame(fig, alt, details)


def activity_explorer() -> FrameExplorer:
    """Choose the active cytokines of a simulated profile, its noise and the penalty; see the inference.

    Examples
    --------
    >>> ex = activity_explorer()
    >>> len(ex.frames) == len(ACTIVITY_SCENARIOS) * len(NOISE_GRID) * len(PENALTY_GRID)
    True
    """
    return FrameExplorer(
        activity_frame,
        [
            Control("scenario", tuple(ACTIVITY_SCENARIOS), label="Truly active (simulated)",
                    default="IL-6 and TNF"),
            Control("noise_sd", NOISE_GRID, label="Noise per gene", unit="SD", default=10.0),
            Control("alpha", PENALTY_GRID, label="Ridge penalty α", default=10_000.0),
        ],
        title="What does ridge regression recover from a simulated profile?",
    )


# --------------------------------------------------------------------------- (c) top genes
def top_genes_frame(*, signal: str) -> Frame:
    """One frame of :func:`top_genes_explorer`.

    Examples
    --------
    >>> "SOCS3" in top_genes_frame(signal="IL6").alt
    True
    """
    S = cytosig_signatures()
    label = signal_label(signal)
    up = top_genes(S, signal, n=12)
    down = top_genes(S, signal, n=8, direction="down")
    alt = (f"Horizontal bar chart of the CytoSig signature of {label}: the 12 most increased genes "
           f"({', '.join(f'{g} {v:+.2f}' for g, v in up.items())}) and the 8 most decreased "
           f"({', '.join(f'{g} {v:+.2f}' for g, v in down.items())}).")
    return Frame(top_genes_figure(up, down, signal_label=label), alt)


def top_genes_explorer(default: str = "IL6") -> FrameExplorer:
    """Choose a cytokine; see the genes its real signature raises and lowers most.

    Examples
    --------
    >>> len(top_genes_explorer().frames) == len(CHOSEN_SIGNALS)
    True
    """
    return FrameExplorer(
        top_genes_frame,
        [_signal_control(default)],
        title="Which genes does this cytokine change most? (CytoSig signature)",
    )
