"""Figures about cytokine families and the receptor chains their members share.

Everything drawn here comes from the catalog's queries (:mod:`widgets.catalog`,
in particular :mod:`widgets.catalog.sharing`); this module only draws.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from widgets import catalog
from widgets.catalog import SHARED_CHAINS, chain_label, family_chains, family_ligands, shared_chain_network
from widgets.figures.style import MUTED, OKABE_ITO, PALETTE, book_style

__all__ = [
    "PATHWAY_STYLE",
    "ROLE_STYLE",
    "family_figure",
    "family_overview_figure",
    "shared_chain_figure",
]

PATHWAY_STYLE: dict[str, dict[str, Any]] = {
    "JAK-STAT": {"color": OKABE_ITO["blue"], "marker": "o"},
    "MyD88-NF-κB": {"color": OKABE_ITO["vermillion"], "marker": "s"},
    "TNFR-NF-κB": {"color": OKABE_ITO["orange"], "marker": "D"},
    "death receptor (FADD-caspase-8)": {"color": OKABE_ITO["black"], "marker": "*"},
    "Act1-NF-κB": {"color": OKABE_ITO["reddish purple"], "marker": "^"},
    "SMAD": {"color": OKABE_ITO["bluish green"], "marker": "h"},
    "GPCR": {"color": OKABE_ITO["sky blue"], "marker": "v"},
    "RTK": {"color": OKABE_ITO["black"], "marker": "P"},
    "AdipoR-AMPK": {"color": OKABE_ITO["yellow"], "marker": "X"},
    "receptor antagonist": {"color": "white", "marker": "o"},
    "other": {"color": MUTED, "marker": "d"},
    "unresolved": {"color": MUTED, "marker": "x"},
}
"""Colour and marker of each signalling pathway (every entry of ``catalog.PATHWAYS``).

Colour and marker together are unique, so pathways stay distinguishable without
colour vision.
"""

ROLE_STYLE: dict[str, dict[str, Any]] = {
    "antagonist": {"label": "binds and blocks (antagonist)", "marker": "o", "fill": "white"},
    "decoy": {"label": "decoy receptor (binds, no signal)", "marker": "o", "fill": "#d9d9d9"},
    "scavenger": {"label": "scavenger (atypical chemokine receptor)", "marker": "o", "fill": "#d9d9d9"},
    "binding": {"label": "binding, no signalling role recorded", "marker": "o", "fill": "#d9d9d9"},
}
"""How chains that a ligand binds without signalling are drawn (small, light, hollow)."""

_NAME_RE = re.compile(r"\s*\(.*\)\s*$")


# --------------------------------------------------------------------------- figures
def _pathway_handles(pathways) -> list[Line2D]:  # noqa: ANN001
    handles = []
    for pathway in pathways:
        style = PATHWAY_STYLE[pathway]
        handles.append(
            Line2D([], [], ls="none", marker=style["marker"], ms=8,
                   markerfacecolor=style["color"], markeredgecolor="black", markeredgewidth=0.6,
                   label=pathway)
        )
    return handles


def family_figure(family: str) -> Figure:
    """Dot matrix of one family: ligands (columns) against the receptor chains they bind.

    Each ligand is what actually binds: a single gene product or a heteromer (IL-12 is
    p35 + p40). A filled dot marks a chain of one of its signalling complexes, coloured
    and shaped by pathway; a small light dot marks a chain it binds without signalling
    (antagonist, decoy, scavenger). The bars on the right count how many ligands of the
    family signal through each chain, so shared chains stand out at the top. Ligands with
    no established receptor appear as empty columns with grey labels.

    Parameters
    ----------
    family : str
        A family present in the catalog.

    Returns
    -------
    matplotlib.figure.Figure
        Its suptitle names the family and the numbers of ligands and chains.

    Examples
    --------
    >>> fig = family_figure("common γ-chain family")
    >>> fig.get_suptitle()
    'common γ-chain family: 8 ligands, 11 receptor chains'
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][0]
    'IL2RG (γc)'
    """
    ligands = family_ligands(family)
    chains = family_chains(family)
    # single gene products by HGNC symbol; heteromers by name, with their subunits below
    labels = [sub[0] if len(sub) == 1 else f"{lig}\n{'+'.join(sub)}"
              for lig, sub in zip(ligands["ligand"], ligands["subunits"])]
    n_m, n_c = len(labels), max(len(chains), 1)
    small = n_m > 18
    longest = max(len(line) for label in labels for line in label.split("\n"))
    bottom_in = 0.5 + (0.062 if small else 0.078) * longest
    height = float(max(np.clip(2.4 + 0.2 * n_c, 3.6, 6.8), bottom_in + 1.0 + 0.22 * n_c))
    with book_style():
        fig = Figure(figsize=(7.2, height))
        bottom = bottom_in / height
        top = 1 - 0.95 / height
        ax = fig.add_axes((0.24, bottom, 0.57, top - bottom))
        bar = fig.add_axes((0.84, bottom, 0.13, top - bottom), sharey=ax)
        counts = np.zeros(n_c)
        pathways_seen: list[str] = []
        roles_seen: list[str] = []
        for x, row in enumerate(ligands.itertuples(index=False)):
            style = PATHWAY_STYLE[row.pathway]
            for chain, role in row.chain_roles.items():
                y = chains.index(chain)
                if role in catalog.SIGNALLING_ROLES:
                    counts[y] += 1
                    if row.pathway not in pathways_seen:
                        pathways_seen.append(row.pathway)
                    ax.plot(x, y, ls="none", marker=style["marker"], ms=6.5 if small else 9,
                            markerfacecolor=style["color"], markeredgecolor="black",
                            markeredgewidth=0.6, zorder=3)
                else:
                    if role not in roles_seen:
                        roles_seen.append(role)
                    ax.plot(x, y, ls="none", marker="o", ms=5 if small else 6.5,
                            markerfacecolor=ROLE_STYLE[role]["fill"], markeredgecolor="#555555",
                            markeredgewidth=0.8, zorder=3)
        ax.set_xlim(-0.7, n_m - 0.3)
        ax.set_ylim(n_c - 0.5, -0.5)
        ax.set_xticks(range(n_m))
        ax.set_xticklabels(labels, rotation=90, fontsize=7.5 if small else 9.5)
        for label, roles in zip(ax.get_xticklabels(), ligands["chain_roles"]):
            if not roles:
                label.set_color("#666666")
                label.set_fontstyle("italic")
        ax.set_yticks(range(len(chains)))
        ax.set_yticklabels([chain_label(c) for c in chains], fontsize=8 if n_c > 14 else 9.5)
        for label, chain in zip(ax.get_yticklabels(), chains):
            if chain in SHARED_CHAINS:
                label.set_fontweight("bold")
        ax.grid(True, color="#ececec", lw=0.7)
        ax.set_xlabel("ligand (HGNC symbol; grey italic: no receptor established)", fontsize=9.5)
        ax.text(0.0, 1.0, "receptor chain", transform=ax.transAxes, ha="right", va="bottom", fontsize=9.5,
                color="#444444")
        bar.barh(range(len(chains)), counts[: len(chains)], color=MUTED, height=0.6)
        if not chains:  # no receptor established: keep the count axis at 0..1, not -0.05..0.05
            bar.set_xlim(0, 1)
        bar.set_xlabel("ligands\nsignalling", fontsize=9)
        bar.tick_params(axis="y", labelleft=False)
        bar.xaxis.set_major_locator(MaxNLocator(integer=True))
        bar.grid(True, axis="x", color="#ececec")
        bar.grid(False, axis="y")
        fig.suptitle(f"{family}: {n_m} ligands, {len(chains)} receptor chains",
                     x=0.02, y=1 - 0.08 / height, ha="left", va="top", fontsize=12)
        handles = _pathway_handles(pathways_seen) + _role_handles(roles_seen)
        if handles:
            fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.015, 1 - 0.36 / height),
                       ncol=min(len(handles), 3), fontsize=8.5, handletextpad=0.3, columnspacing=1.0,
                       borderaxespad=0.0, frameon=False, title=None)
        if not chains:
            ax.text(0.5, 0.5, "no receptor established in the catalog's sources",
                    transform=ax.transAxes, ha="center", va="center", color="#666666")
    return fig


def _role_handles(roles) -> list[Line2D]:  # noqa: ANN001
    return [Line2D([], [], ls="none", marker="o", ms=6.5, markerfacecolor=ROLE_STYLE[r]["fill"],
                   markeredgecolor="#555555", markeredgewidth=0.8, label=ROLE_STYLE[r]["label"]) for r in roles]


def shared_chain_figure(chain: str) -> Figure:
    """Network of the cytokines that signal through one shared chain, and its partner chains.

    Left: the ligands with a signalling complex that includes the chain (dark) and,
    below a gap, other ligands that signal through one of the partner chains without
    the shared chain (grey). Right: every chain of the users' signalling complexes;
    the shared chain is highlighted. A line joins a ligand to each chain it signals
    through.

    Parameters
    ----------
    chain : str
        One of :data:`widgets.catalog.sharing.SHARED_CHAINS`.

    Returns
    -------
    matplotlib.figure.Figure
        One axes without ticks, holding the network.

    Examples
    --------
    >>> fig = shared_chain_figure("CSF2RB")
    >>> fig.axes[0].get_title(loc="left")
    'CSF2RB (βc): used by 3 cytokines in the catalog'
    """
    net = shared_chain_network(chain)
    rec_names = dict(zip(catalog.receptors()["symbol"], catalog.receptors()["name"].astype(str)))
    left = list(net.users) + list(net.neighbours)
    gap = 0.8 if net.neighbours else 0.0
    y_left = {s: i + (gap if s in net.neighbours else 0.0) for i, s in enumerate(left)}
    span = max(len(left) - 1 + gap, len(net.chains) - 1, 1)
    step = span / max(len(net.chains) - 1, 1) if len(net.chains) > 1 else 0
    y_right = {c: (i * step if len(net.chains) > 1 else span / 2) for i, c in enumerate(net.chains)}
    if len(left) - 1 + gap < span:  # fewer cytokines than chains: centre the cytokines
        shift = (span - (len(left) - 1 + gap)) / 2
        y_left = {s: v + shift for s, v in y_left.items()}
    with book_style():
        fig = Figure(figsize=(7.2, 5.0))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.03, top=0.89)
        x0, x1 = 0.36, 0.64
        for s, c in net.edges:
            is_user = s in net.users
            highlight = c == chain and is_user
            ax.plot([x0, x1], [y_left[s], y_right[c]],
                    color=PALETTE[1] if highlight else (PALETTE[0] if is_user else MUTED),
                    lw=2.4 if highlight else (1.3 if is_user else 0.9),
                    alpha=1.0 if is_user else 0.8, zorder=2 if highlight else 1,
                    ls="-" if is_user else (0, (3, 2)))
        for s in left:
            is_user = s in net.users
            ax.plot(x0, y_left[s], "o", ms=7, color=PALETTE[0] if is_user else "white",
                    markeredgecolor=PALETTE[0] if is_user else MUTED, zorder=3)
            sub = "+".join(net.subunits[s])
            ax.text(x0 - 0.02, y_left[s], s if sub == s else f"{s} ({sub})",
                    ha="right", va="center", fontsize=9.5,
                    color="black" if is_user else "#6b6b6b")
        for c in net.chains:
            shared = c == chain
            ax.plot(x1, y_right[c], "s", ms=11 if shared else 7,
                    color=PALETTE[1] if shared else "white",
                    markeredgecolor=PALETTE[1] if shared else "black", zorder=3)
            label = f"{c} – {_NAME_RE.sub('', rec_names[c])}" if not shared else f"{chain_label(c)}"
            ax.text(x1 + 0.025, y_right[c], label, ha="left", va="center",
                    fontsize=10.5 if shared else 9.5, fontweight="bold" if shared else "normal")
        if net.neighbours:
            first = y_left[net.neighbours[0]]
            ax.text(x0 - 0.02, first - 0.75, "also on these partner chains:", ha="right",
                    va="center", fontsize=8.5, color="#6b6b6b", style="italic")
        ax.set_xlim(0, 1)
        ax.set_ylim(span + 0.6, -1.5)
        ax.axis("off")
        ax.text(x0, -0.8, "cytokine", ha="center", va="bottom", fontsize=9.5, color="#444444")
        ax.text(x1, -0.8, "receptor chain", ha="center", va="bottom", fontsize=9.5,
                color="#444444")
        ax.set_title(
            f"{chain_label(chain)}: used by {len(net.users)} cytokines in the catalog",
            loc="left", fontsize=12,
        )
    return fig


def family_overview_figure() -> Figure:
    """Number of catalog members per family, split by main signalling pathway.

    Returns
    -------
    matplotlib.figure.Figure
        One horizontal stacked bar per family present in the catalog.

    Examples
    --------
    >>> fig = family_overview_figure()
    >>> len(fig.axes[0].get_yticklabels()) == len(catalog.families())
    True
    """
    cyt = catalog.cytokines()
    fams = catalog.families()
    table = pd.crosstab(cyt["family"].astype(str), cyt["pathway"].astype(str))
    table = table.reindex(index=fams, fill_value=0)
    pathways = [p for p in catalog.PATHWAYS if p in table.columns]
    with book_style():
        fig = Figure(figsize=(7.2, 5.4))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.33, right=0.97, bottom=0.1, top=0.8)
        left = np.zeros(len(fams))
        hatches = {"receptor antagonist": "////", "unresolved": "...."}
        for pathway in pathways:
            values = table[pathway].to_numpy()
            style = PATHWAY_STYLE[pathway]
            color = style["color"] if pathway != "receptor antagonist" else "white"
            ax.barh(range(len(fams)), values, left=left, color=color, edgecolor="black",
                    linewidth=0.5, hatch=hatches.get(pathway), label=pathway, height=0.7)
            left += values
        for y, total in enumerate(left):
            ax.text(total + 0.4, y, f"{int(total)}", va="center", fontsize=9)
        ax.set_xlim(0, left.max() * 1.08 + 1)
        ax.set_yticks(range(len(fams)))
        ax.set_yticklabels(fams, fontsize=9.5)
        ax.set_ylim(len(fams) - 0.5, -0.5)
        ax.set_xlabel("number of gene products in the catalog")
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        ax.legend(loc="lower left", bbox_to_anchor=(-0.45, 1.01), ncol=4, fontsize=8.5,
                  handlelength=1.4, columnspacing=0.9, title="main signalling pathway",
                  title_fontsize=9, alignment="left")
    return fig
